import type {
  AllMiddlewareArgs,
  BlockUsersSelectAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { claimNudge, dismissNudge, markReplied } from '../../src/engage/claims.ts';
import { createNudge, postPendingNudges } from '../../src/engage/nudges.ts';
import type { Message } from '../../src/slack/blocks/common.ts';
import type { NudgeView } from '../../src/slack/blocks/nudge.ts';
import { Action } from '../../src/slack/ids.ts';
import type { TestDeps } from './deps.ts';
import { createFeed, createTopic, storeFeedItems } from './digest.ts';
import { blockActionArgs, type createRecorder, viewSubmissionArgs } from './slack.ts';

type Recorder = ReturnType<typeof createRecorder>;

export type ExpertSpec = { userId: string; timezone?: string; awayUntil?: Date };

/** A topic whose nudges go to `channelId`, with experts on its beat. Returns the topic id. */
export async function createBeat(
  deps: TestDeps,
  input: {
    name?: string;
    query?: string;
    channelId?: string;
    threshold?: number | null;
    kind?: string;
    experts?: ExpertSpec[];
  } = {},
): Promise<number> {
  const topicId = await createTopic(deps, input.name ?? 'pricing', input.query ?? 'pricing OR price*');
  await deps.db.prisma.topic.update({
    where: { id: topicId },
    data: {
      channelId: input.channelId ?? 'C0TALK',
      threshold: input.threshold ?? null,
      kind: input.kind ?? 'theme',
    },
  });
  for (const expert of input.experts ?? []) {
    const sme = await deps.db.prisma.sme.upsert({
      where: { userId: expert.userId },
      create: {
        userId: expert.userId,
        timezone: expert.timezone ?? null,
        awayUntil: expert.awayUntil ?? null,
      },
      update: {},
    });
    await deps.db.prisma.beat.create({ data: { smeId: sme.id, topicId } });
  }
  return topicId;
}

/**
 * The news feed at https://news.example.com and a beat on it (see createBeat): what a test of
 * nudges needs before its items arrive.
 */
export async function createNewsBeat(
  deps: TestDeps,
  beat: Parameters<typeof createBeat>[1] = {},
): Promise<{ feedId: number; topicId: number }> {
  const feedId = await createFeed(deps, { host: 'https://news.example.com' });
  return { feedId, topicId: await createBeat(deps, beat) };
}

/** One new item in a feed, stored as the poller stores it (topics linked, story clustered). */
export async function storeItem(
  deps: TestDeps,
  feedId: number,
  guid: string,
  title: string,
  text?: string,
): Promise<number> {
  const ids = await storeFeedItems(deps, feedId, [{ guid, title, ...(text ? { text } : {}) }]);
  const id = ids[guid];
  if (id === undefined) throw new Error(`item ${guid} was not stored`);
  return id;
}

/** A nudge about a new item of `feedId`, created as the monitor creates one (not posted yet). */
export async function nudgeAbout(
  deps: TestDeps,
  input: { feedId: number; guid: string; title: string; topicId: number | null; channelId?: string },
): Promise<number> {
  const itemId = await storeItem(deps, input.feedId, input.guid, input.title);
  const id = createNudge(deps, {
    itemId,
    topicId: input.topicId,
    channelId: input.channelId ?? 'C0TALK',
    reasons: [],
    angle: null,
    requestedBy: null,
  });
  if (id === null) throw new Error(`nudge about ${input.guid} not created`);
  return id;
}

/** A nudge about a new item of `feedId`, posted in its channel as the running Briefbot posts it. */
export async function postedNudgeAbout(
  deps: TestDeps,
  input: { feedId: number; guid: string; title: string; topicId: number | null; channelId?: string },
): Promise<number> {
  const id = await nudgeAbout(deps, input);
  await postPendingNudges(deps);
  return id;
}

export type NudgeRecord = {
  id: number;
  itemId: number;
  clusterId: number;
  channelId: string;
  state: string;
  claimantId: string | null;
  messageTs: string | null;
  postedAt: number | null;
  claimedAt: number | null;
  repliedAt: number | null;
  replyUrl: string | null;
  snoozedUntil: number | null;
  dismissReason: string | null;
  requestedBy: string | null;
  angle: string | null;
  reasons: string;
};

/** Every nudge row, as stored. */
export function nudgeRows(deps: TestDeps): NudgeRecord[] {
  return deps.db.sqlite
    .prepare(
      `SELECT id, item_id AS itemId, cluster_id AS clusterId, channel_id AS channelId, state, claimant_id AS claimantId,
         message_ts AS messageTs, posted_at AS postedAt, claimed_at AS claimedAt, replied_at AS repliedAt,
         reply_url AS replyUrl, snoozed_until AS snoozedUntil, dismiss_reason AS dismissReason,
         requested_by AS requestedBy, angle, reasons
       FROM nudges ORDER BY id`,
    )
    .safeIntegers(false)
    .all() as NudgeRecord[];
}

export function nudgeRow(deps: TestDeps, id: number): NudgeRecord {
  const row = nudgeRows(deps).find((nudge) => nudge.id === id);
  if (!row) throw new Error(`no nudge ${id}`);
  return row;
}

/** The nudge audit trail: who did what to which nudge. */
export async function nudgeAudit(deps: TestDeps) {
  const events = await deps.db.prisma.auditEvent.findMany({
    where: { subjectType: 'nudge' },
    orderBy: { id: 'asc' },
  });
  return events.map((event) => ({
    actorId: event.actorId,
    action: event.action,
    nudgeId: Number(event.subjectId),
    detail: JSON.parse(event.detail) as Record<string, unknown>,
  }));
}

/** Everything a person sees of a message: the fallback text and the blocks. */
export function shown(message: Message | undefined): string {
  return message ? `${message.text}\n${JSON.stringify(message.blocks)}` : '';
}

/** The button ids of a message's actions blocks. */
export function actionIdsOf(message: Message): string[] {
  return message.blocks.flatMap((block) =>
    block.type === 'actions' ? block.elements.map((element) => String(element.action_id)) : [],
  );
}

/** The arguments of the users_select an admin uses to pick an expert on a nudge with none. */
export function usersSelectArgs(
  recorder: Recorder,
  input: { nudgeId: number; selectedUser: string; userId?: string },
) {
  const action = {
    type: 'users_select',
    action_id: Action.NudgeAssignSme,
    block_id: `nudge_assign_${input.nudgeId}`,
    selected_user: input.selectedUser,
    action_ts: '1',
  };
  return blockActionArgs(
    recorder,
    action,
    {
      userId: input.userId ?? 'UADMIN01',
      channel: { id: 'C0TALK', name: 'talk' },
      responseUrl: 'https://hooks.slack.test/actions/1',
    },
    {},
  ) as unknown as SlackActionMiddlewareArgs<BlockUsersSelectAction> & AllMiddlewareArgs;
}

/** A nudge modal's submission: the nudge id travels in private_metadata, as the builders put it. */
export function nudgeViewArgs(
  recorder: Recorder,
  input: { callbackId: string; nudgeId: number; block: string; value: string | null; userId?: string },
) {
  const args = viewSubmissionArgs(recorder, {
    callbackId: input.callbackId,
    values: {
      [input.block]: {
        value: { type: input.block === 'url' ? 'url_text_input' : 'plain_text_input', value: input.value },
      },
    },
    ...(input.userId ? { userId: input.userId } : {}),
  });
  (args.view as { private_metadata: string }).private_metadata = String(input.nudgeId);
  return args as SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
}

/**
 * A week of responses at known times (all posted at 09:00 on Monday 2 November 2026, UTC, quiet
 * hours off), plus one nudge ten days older. In the last 7 days: 4 nudges, 3 claimed (after 30,
 * 60 and 10 minutes), 2 replied (after 90 and 240 minutes), 1 dismissed.
 */
export async function createResponseHistory(deps: TestDeps): Promise<Record<string, number>> {
  const pricing = await createBeat(deps, { name: 'pricing', query: 'pricing', channelId: 'C0TALK' });
  const outages = await createBeat(deps, { name: 'outages', query: 'outage*', channelId: 'C0OPS' });
  const feedId = await createFeed(deps, { host: 'https://history.example.com' });
  const at = (iso: string) => deps.clock.set(iso);
  const nudge = async (guid: string, title: string, topicId: number, channelId: string) => {
    const itemId = await storeItem(deps, feedId, guid, title);
    const id = createNudge(deps, { itemId, topicId, channelId, reasons: [], angle: null, requestedBy: null });
    if (id === null) throw new Error('nudge not created');
    await postPendingNudges(deps);
    return id;
  };
  at('2026-10-23T09:00:00Z');
  const old = await nudge('h0', 'Old pricing row from last month', pricing, 'C0TALK');
  at('2026-10-23T09:20:00Z');
  await claimNudge(deps, old, 'USME0001');
  at('2026-10-23T11:00:00Z');
  await markReplied(deps, old, 'USME0001', 'https://social.example/old');
  at('2026-11-02T09:00:00Z');
  const ids = {
    old,
    first: await nudge('h1', 'Customers slam Acme pricing', pricing, 'C0TALK'),
    second: await nudge('h2', 'Initech sued over pricing', pricing, 'C0TALK'),
    third: await nudge('h3', 'Is per-seat pricing dead?', pricing, 'C0TALK'),
    fourth: await nudge('h4', 'Umbrella outage angers customers', outages, 'C0OPS'),
  };
  at('2026-11-02T09:10:00Z');
  await claimNudge(deps, ids.third, 'USME0001');
  at('2026-11-02T09:30:00Z');
  await claimNudge(deps, ids.first, 'USME0001');
  at('2026-11-02T10:00:00Z');
  await claimNudge(deps, ids.second, 'USME0002');
  at('2026-11-02T10:30:00Z');
  await markReplied(deps, ids.first, 'USME0001', 'https://social.example/1');
  at('2026-11-02T12:00:00Z');
  await dismissNudge(deps, ids.fourth, 'UADMIN01', 'Not our product');
  at('2026-11-02T13:00:00Z');
  await markReplied(deps, ids.second, 'USME0002', 'https://social.example/2');
  at('2026-11-03T09:00:00Z');
  return ids;
}

/** A nudge as its message shows it, with feed text that must be escaped. */
export const sampleNudgeView: NudgeView = {
  id: 7,
  topic: 'pricing',
  title: 'Acme <b>pricing</b> & the "backlash"',
  url: 'https://news.example.com/p1',
  source: 'Example <News>',
  excerpt: 'Customers say <@U0EVIL> & <!channel> the increase is unfair.',
  publishedAt: new Date('2026-11-02T07:00:00Z'),
  reasons: ['The headline reports a backlash.', 'Words like <script>'],
  angle: 'Say what <we> changed',
  smes: ['USME0001', 'USME0002'],
  away: [],
  requestedBy: null,
  policyUrl: 'https://intranet.example.com/policy',
  state: 'open',
  claimantId: null,
  replyUrl: null,
  replyNote: null,
  dismissReason: null,
  related: [],
};
