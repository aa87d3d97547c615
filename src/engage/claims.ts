import { z } from 'zod';
import { adminsToAsk } from '../commands/access.ts';
import { recordAudit } from '../db/audit.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { canonicalUrl } from '../monitor/canonical-url.ts';
import { escapeText, howReplied } from '../slack/blocks/common.ts';

/**
 * A pasted link made usable: a bare "www." address gets https://, and the punctuation of the
 * sentence it ended ("…/abc," "(see …/abc)") is not part of it.
 */
export function cleanReplyLink(text: string): string {
  let link = text
    .trim()
    .replace(/^[(<"'\u2018\u201c]+/, '')
    .replace(/[.,;:!?'"\u2019\u201d>]+$/, '');
  // A closing parenthesis belongs to the link only when the link opened one (Wikipedia-style paths).
  while (link.endsWith(')') && (link.match(/\(/g) ?? []).length < (link.match(/\)/g) ?? []).length)
    link = link.slice(0, -1).replace(/[.,;:!?'"]+$/, '');
  return /^www\./i.test(link) ? `https://${link}` : link;
}

/** The link to an expert's reply, and why a nudge is not relevant: checked the same in Slack's forms and in commands. */
export const ReplyUrl = z
  .string()
  .transform(cleanReplyLink)
  .pipe(
    z.string().refine((link) => !/^https?:\/\/\S+\s/i.test(link), {
      error: 'Paste only the link to your reply, without other words.',
    }),
  )
  .pipe(z.url({ protocol: /^https?$/, error: 'Paste the link to your reply, starting with https://' }))
  // "https://x" parses, but leads nowhere an executive could click: a real address has a domain.
  .refine((link) => !URL.canParse(link) || /\.([a-z]{2,}|xn--[a-z0-9-]+)$/i.test(new URL(link).hostname), {
    error:
      'That link has no real address after https:// (a domain such as linkedin.com); paste the whole link to your reply, as your browser shows it',
  });
/**
 * How an expert replied when there is no link to give ("by email", "called the customer", "in the
 * private forum"): recorded instead of a link, so their claim does not expire unanswered.
 */
export const ReplyNote = z
  .string()
  .trim()
  .min(1, {
    error: 'Paste the link to your reply, starting with https://, or say how you replied (e.g. "by email")',
  })
  .max(200, { error: 'Keep how you replied under 200 characters (e.g. "by email to the customer").' })
  // A note is never taken for a link: a link stored as a note would not be clickable.
  .refine((note) => !/(^|\s)<?(https?:\/\/|www\.)/i.test(note), {
    error: 'Give either the link to your reply or how you replied, not both.',
  });

/** A recorded reply is a link, or a note of how it was made (never starting with http): told apart by that. */
export function isReplyNote(reply: string): boolean {
  return !/^https?:\/\//i.test(reply);
}

/** The two columns a reply goes in: `reply_url` for a link, `reply_note` for a note; the other cleared. */
function replyColumns(reply: string): { reply_url: string | null; reply_note: string | null } {
  return isReplyNote(reply) ? { reply_url: null, reply_note: reply } : { reply_url: reply, reply_note: null };
}

/** A recorded reply after "replied" in a message: ": <link>" as given, or " by email" (see `howReplied`). */
export function afterReplied(reply: string): string {
  return isReplyNote(reply) ? howReplied(null, reply) : `: ${reply}`;
}

/** A recorded reply in a message: the link as given, a note escaped (it is the expert's words). */
export function replyWords(reply: string): string {
  return isReplyNote(reply) ? escapeText(reply) : reply;
}

export const DismissReason = z
  .string()
  .trim()
  .min(1, { error: 'Say why it is not relevant, in a word or a few (e.g. "old news", "duplicate").' })
  .max(300, { error: 'Keep it under 300 characters.' });

export const NudgeState = {
  Open: 'open',
  Claimed: 'claimed',
  Replied: 'replied',
  Dismissed: 'dismissed',
  Expired: 'expired',
} as const;
export type NudgeState = (typeof NudgeState)[keyof typeof NudgeState];

/** Every legal move; anything else is refused with the reason. "released" is claimed -> open. */
export const transitions: Record<string, Record<string, NudgeState>> = {
  claim: { open: NudgeState.Claimed },
  reassign: { open: NudgeState.Claimed, claimed: NudgeState.Claimed },
  release: { claimed: NudgeState.Open },
  // An expired claim still takes its claimant's link: they may have replied late.
  reply: { claimed: NudgeState.Replied, expired: NudgeState.Replied },
  // A claimed one only by its claimant or an admin (a guard): the one replying found it is not relevant.
  dismiss: { open: NudgeState.Dismissed, claimed: NudgeState.Dismissed },
  expire: { open: NudgeState.Expired, claimed: NudgeState.Expired },
  reopen: { replied: NudgeState.Open, dismissed: NudgeState.Open, expired: NudgeState.Open },
};

export type NudgeRow = {
  id: number;
  state: NudgeState;
  claimantId: string | null;
  channelId: string;
  messageTs: string | null;
  itemId: number | null;
  topicId: number | null;
};

/**
 * What a link points at, for comparing two: scheme, "www.", a trailing slash, the fragment and
 * tracking parameters (as feeds store links) aside; `withQuery` false drops the whole query too.
 */
function linkKey(url: string, withQuery = true): string {
  const key = (canonicalUrl(url.trim()) ?? url.trim())
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/#.*$/, '');
  return (withQuery ? key : key.replace(/\?.*$/, '')).replace(/\/+$/, '');
}

/**
 * True when `url` is the nudge's story itself, pasted instead of the link to the reply. A story
 * whose link has no query is the same page with any query added (`?utm=1`, `?ref=share`).
 */
export function isStoryLink(deps: Deps, nudgeId: number, url: string): boolean {
  const story = deps.db.sqlite
    .prepare(
      'SELECT COALESCE(i.url, n.story_url) FROM nudges n LEFT JOIN items i ON i.id = n.item_id WHERE n.id = ?',
    )
    .pluck()
    .get(nudgeId) as string | null | undefined;
  if (!story) return false;
  const withQuery = linkKey(story).includes('?');
  return linkKey(story, withQuery) === linkKey(url, withQuery);
}

export const storyLinkRefusal = "That is the story's link; give the link to your reply.";

export function readNudge(deps: Deps, nudgeId: number): NudgeRow {
  const row = deps.db.sqlite
    .prepare(
      `SELECT id, state, claimant_id AS claimantId, channel_id AS channelId, message_ts AS messageTs, item_id AS itemId,
         topic_id AS topicId FROM nudges WHERE id = ?`,
    )
    .safeIntegers(false)
    .get(nudgeId) as NudgeRow | undefined;
  if (!row)
    throw new UserError(
      'NUDGE_NOT_FOUND',
      `There is no conversation ${nudgeId}: \`/brief nudge list\` shows the conversations in progress, \`/brief claims\` yours.`,
    );
  return row;
}

const stateWords: Record<string, string> = {
  open: 'still open',
  claimed: 'already claimed',
  replied: 'already answered',
  dismissed: 'dismissed',
  expired: 'expired',
};

export class ClaimTakenError extends UserError {
  /**
   * `actorId`: who pressed Claim; a double click by the claimant gets their own answer.
   * `adminOf`: the conversation's number when an admin asked, who is offered reassign and release.
   */
  constructor(
    readonly claimantId: string,
    actorId?: string,
    adminOf?: number,
  ) {
    super(
      'ALREADY_CLAIMED',
      claimantId === actorId
        ? 'You already claimed this. Your DM from Briefbot has *Mark replied* and *Release*.'
        : adminOf !== undefined
          ? `Already claimed by <@${claimantId}>, who will reply. To take it over: \`/brief nudge reassign ${adminOf} @someone\` gives it to another expert (you included), \`/brief nudge release ${adminOf}\` opens it to all.`
          : `Already claimed by <@${claimantId}>. They will reply; you can help them in the thread.`,
    );
  }
}

/** The last trail entry of these kinds about a conversation: which, who, and its details. */
function lastNudgeEvent<Detail>(
  deps: Deps,
  nudgeId: number,
  ...actions: string[]
): { action: string; actorId: string; at: number; detail: Partial<Detail> } | null {
  const event = deps.db.sqlite
    .prepare(
      `SELECT action, actor_id AS actorId, at, detail FROM audit_events WHERE subject_type = 'nudge' AND subject_id = ?
       AND action IN (${actions.map(() => '?').join(', ')}) ORDER BY id DESC LIMIT 1`,
    )
    .get(String(nudgeId), ...actions) as
    | { action: string; actorId: string; at: number; detail: string | null }
    | undefined;
  return event ? { ...event, detail: JSON.parse(event.detail ?? '{}') as Partial<Detail> } : null;
}

/** The trail entries that change who holds a conversation. */
const holderChanges = ['nudge.claim', 'nudge.reassign', 'nudge.release', 'nudge.reopen'];

/**
 * The admin who gave a claimed conversation to its claimant (`nudge reassign`), or null when the
 * claimant claimed it themselves: the last claim, reassignment, release or reopening decides.
 */
export function givenBy(deps: Deps, nudgeId: number): string | null {
  const event = lastNudgeEvent(deps, nudgeId, ...holderChanges);
  return event?.action === 'nudge.reassign' ? event.actorId : null;
}

/** The beat its claimant joined when an admin gave them the conversation, while that is how they hold it. */
export function beatJoinedWith(deps: Deps, nudgeId: number): { userId: string; topic: string } | null {
  const event = lastNudgeEvent<{ to: string; joined: string }>(deps, nudgeId, ...holderChanges);
  const { to, joined } = event?.detail ?? {};
  return event?.action === 'nudge.reassign' && to && joined ? { userId: to, topic: joined } : null;
}

/** Whose claim was released last, when a release is what left the conversation open; else null. */
export function releasedFrom(deps: Deps, nudgeId: number): string | null {
  const event = lastNudgeEvent<{ from: string | null }>(deps, nudgeId, ...holderChanges);
  return event?.action === 'nudge.release' ? (event.detail.from ?? null) : null;
}

/** Who dismissed a conversation, and why, from the trail (the conversation keeps only why). */
export function dismissalOf(
  deps: Deps,
  nudgeId: number,
): { by: string; reason: string | null; at: Date } | null {
  const event = lastNudgeEvent<{ reason: string }>(deps, nudgeId, 'nudge.dismiss');
  return event && { by: event.actorId, reason: event.detail.reason ?? null, at: new Date(Number(event.at)) };
}

/** How long an expert may undo their own dismissal (a button pressed on the wrong story); then an admin can. */
export const ownDismissalUndoMs = 24 * 3600_000;

/** True when `userId` dismissed this conversation themselves within the undo window: theirs to reopen. */
export function canUndoOwnDismissal(
  deps: Deps,
  nudge: { id: number; state: string },
  userId: string,
): boolean {
  if (nudge.state !== NudgeState.Dismissed) return false;
  const dismissal = dismissalOf(deps, nudge.id);
  return dismissal?.by === userId && deps.clock.now().getTime() - dismissal.at.getTime() < ownDismissalUndoMs;
}

/** What a reopened conversation had been, as its reopening's trail entry kept it. */
export type EarlierOutcome = {
  state?: string | null;
  claimantId?: string | null;
  replyUrl?: string | null;
  /** How they replied, when it was not a link ("by email"). */
  replyNote?: string | null;
  dismissReason?: string | null;
  /** Who dismissed it (kept since the trail had it; older entries name only the claimant). */
  dismissedBy?: string | null;
};

/** "replied by <@U…> (<link>)", "dismissed as not relevant by <@U…> (old news)": a reopened conversation's earlier outcome. */
export function describeEarlier(was: EarlierOutcome): string {
  const by = was.claimantId ? ` by <@${was.claimantId}>` : '';
  if (was.state === NudgeState.Replied)
    return `replied${by}${was.replyUrl || was.replyNote ? ` (${escapeText(was.replyUrl ?? was.replyNote ?? '')})` : ''}`;
  if (was.state === NudgeState.Dismissed)
    return `dismissed as not relevant${was.dismissedBy ? ` by <@${was.dismissedBy}>` : by}${was.dismissReason ? ` (${escapeText(was.dismissReason)})` : ''}`;
  if (was.state === NudgeState.Expired)
    return `expired${was.claimantId ? `, claimed by <@${was.claimantId}>` : ' unclaimed'}`;
  return escapeText(was.state ?? 'finished');
}

/** The last reopening of a conversation, from the trail: who, why, and what it had been. */
export function reopeningOf(
  deps: Deps,
  nudgeId: number,
): { by: string; reason: string | null; was: EarlierOutcome } | null {
  const event = lastNudgeEvent<{ reason: string; was: EarlierOutcome }>(deps, nudgeId, 'nudge.reopen');
  return event && { by: event.actorId, reason: event.detail.reason ?? null, was: event.detail.was ?? {} };
}

/**
 * Where a finished or taken conversation stands, and what to do instead, for a move it refuses.
 * `admin`: the next step names admin commands; others are told whom to ask (`ask`).
 */
export function finishedState(
  deps: Deps,
  nudge: NudgeRow,
  admin: boolean,
  actorId?: string,
  /** Whom someone not an admin asks, by name (`adminsToAsk`). */
  ask = 'an admin',
): string | null {
  const reopen = admin ? `reopen it: \`/brief nudge reopen ${nudge.id}\`` : `ask ${ask} to reopen it`;
  if (nudge.state === NudgeState.Dismissed) {
    const dismissal = dismissalOf(deps, nudge.id);
    const yours = actorId !== undefined && dismissal?.by === actorId;
    const by = dismissal ? ` by ${yours ? 'you' : `<@${dismissal.by}>`}` : '';
    const why = dismissal?.reason ? ` (${escapeText(dismissal.reason)})` : '';
    // Their own dismissal of the last day is theirs to take back, as the dismiss reply told them.
    const undo =
      !admin && actorId !== undefined && canUndoOwnDismissal(deps, nudge, actorId)
        ? `reopen it: \`/brief nudge reopen ${nudge.id}\` (yours to take back within a day; after that, ask ${ask})`
        : reopen;
    return `Conversation ${nudge.id} was dismissed as not relevant${by}${why}. To ask the experts after all, ${undo}.`;
  }
  // The one who replied, recorded by mistake or with a wrong link: how to put it right.
  if (nudge.state === NudgeState.Replied && !admin && actorId && actorId === nudge.claimantId)
    return `You already answered conversation ${nudge.id}: \`/brief nudge ${nudge.id}\` shows your reply. Recorded by mistake? Correct the link with \`/brief nudge replied ${nudge.id} <link>\`, or ask ${ask} to reopen it: \`/brief nudge reopen ${nudge.id}\`.`;
  if (nudge.state === NudgeState.Replied)
    return `Conversation ${nudge.id} was already answered by <@${nudge.claimantId}>: nothing more to do. \`/brief nudge ${nudge.id}\` shows the reply.${admin ? ` To have it done again, reopen it first: \`/brief nudge reopen ${nudge.id}\`.` : ''}`;
  if (nudge.state === NudgeState.Expired)
    return `Conversation ${nudge.id} expired without a recorded reply. To ask the experts again, ${reopen}.`;
  return null;
}

/** The refusal for a move only the claimant or an admin may make ("mark it as replied"), typed or pressed. */
export function notClaimantText(claimantId: string, verb: string, ask = 'an admin'): string {
  return `Only <@${claimantId}>, who claimed this conversation, or an admin can ${verb}. Ask them in its thread; ${ask} can also reassign it.`;
}

/**
 * A refusal whose way out is an admin's move, to someone who is not one: `move` is one synchronous
 * UPDATE, so the admins to ask are named after it (`moving`), never looked up for a move that lands.
 */
class AskAdminRefusal extends UserError {
  constructor(
    code: string,
    readonly wording: (ask: string) => string,
  ) {
    super(code, wording('an admin'));
  }
}

/** `move`, its refusal naming the admins to ask. */
async function moving(deps: Deps, nudgeId: number, change: Change): Promise<NudgeRow> {
  try {
    return move(deps, nudgeId, change);
  } catch (error) {
    if (!(error instanceof AskAdminRefusal)) throw error;
    throw new UserError(error.code, error.wording(await adminsToAsk(deps)));
  }
}

/** Whether this person held the conversation once (claimed it, or an admin gave it to them). */
export function heldBefore(deps: Deps, nudgeId: number, userId: string): boolean {
  const held = deps.db.sqlite
    .prepare(
      `SELECT 1 FROM audit_events WHERE subject_type = 'nudge' AND subject_id = ?
       AND ((action = 'nudge.claim' AND actor_id = ?) OR (action = 'nudge.reassign' AND json_extract(detail, '$.to') = ?))
       LIMIT 1`,
    )
    .get(String(nudgeId), userId, userId);
  return held !== undefined;
}

function refuse(deps: Deps, action: string, nudge: NudgeRow, actorId?: string, admin = false): never {
  if (action === 'claim' && nudge.state === NudgeState.Claimed && nudge.claimantId)
    throw new ClaimTakenError(nudge.claimantId, actorId, admin ? nudge.id : undefined);
  const verb = {
    claim: 'claim it',
    reassign: 'reassign it',
    release: 'release it',
    reply: 'mark it as replied',
    dismiss: 'dismiss it',
    expire: 'expire it',
    reopen: 'reopen it',
  }[action];
  // The state allowed the move, so the claimant guard refused it: say who can.
  const claimant = nudge.claimantId;
  if (nudge.state in (transitions[action] ?? {}) && claimant)
    throw new AskAdminRefusal('NOT_CLAIMANT', (ask) => notClaimantText(claimant, verb ?? action, ask));
  // Recording the reply again is no mistake to put right: it is told the state alone.
  const actor = action === 'reply' ? undefined : actorId;
  const finished = finishedState(deps, nudge, admin, actor);
  if (finished && !admin)
    throw new AskAdminRefusal(
      'ILLEGAL_TRANSITION',
      (ask) => finishedState(deps, nudge, admin, actor, ask) ?? finished,
    );
  if (finished) throw new UserError('ILLEGAL_TRANSITION', finished);
  if (nudge.state === NudgeState.Open) {
    const open: Record<string, string> = {
      release: `Nobody has claimed conversation ${nudge.id}, so there is nothing to release.`,
      reply: `Nobody has claimed conversation ${nudge.id} yet, so there is no reply to record. Claim it first: \`/brief nudge claim ${nudge.id}\`.`,
      reopen: `Conversation ${nudge.id} is still waiting for a claim, so there is nothing to reopen.`,
    };
    throw new UserError(
      'ILLEGAL_TRANSITION',
      open[action] ??
        `Conversation ${nudge.id} is still waiting for a claim, so you can't ${verb ?? action}.`,
    );
  }
  const next =
    action === 'reopen'
      ? ` \`/brief nudge reassign ${nudge.id} @someone\` gives it to someone else; \`/brief nudge release ${nudge.id}\` opens it for every expert.`
      : '';
  throw new UserError(
    'ILLEGAL_TRANSITION',
    `Conversation ${nudge.id} is claimed by <@${nudge.claimantId}> and not finished, so you can't ${verb ?? action}.${next}`,
  );
}

type Change = {
  action: keyof typeof transitions;
  actorId: string;
  set: Record<string, unknown>;
  /** Extra condition, e.g. only the claimant may release. */
  guard?: { sql: string; params: unknown[] };
  /** The actor is an admin: a refusal's next step may name admin commands. */
  admin?: boolean;
};

/**
 * One conditional UPDATE per move: the row changes only if it is still in a state the move
 * allows, so when fifty people press Claim at once exactly one update lands.
 */
function move(deps: Deps, nudgeId: number, change: Change): NudgeRow {
  const allowed = transitions[change.action] as Record<string, NudgeState>;
  const from = Object.keys(allowed);
  const next = allowed;
  const now = deps.clock.now().getTime();
  const sets = Object.keys(change.set).map((column) => `${column} = @${column}`);
  const result = deps.db.sqlite
    .prepare(
      `UPDATE nudges SET state = CASE state ${from.map((state) => `WHEN '${state}' THEN '${next[state]}'`).join(' ')} END,
         ${[...sets, 'updated_at = @now'].join(', ')}
       WHERE id = @id AND state IN (${from.map((state) => `'${state}'`).join(', ')}) ${change.guard ? `AND ${change.guard.sql}` : ''}`,
    )
    .run({
      ...change.set,
      now,
      id: nudgeId,
      ...Object.fromEntries((change.guard?.params ?? []).map((value, index) => [`g${index}`, value])),
    });
  const after = readNudge(deps, nudgeId);
  if (result.changes !== 1) refuse(deps, String(change.action), after, change.actorId, change.admin);
  return after;
}

async function audit(
  deps: Deps,
  actorId: string,
  action: string,
  nudgeId: number,
  detail: Record<string, unknown> = {},
) {
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: `nudge.${action}`,
    subjectType: 'nudge',
    subjectId: nudgeId,
    detail,
  });
}

/**
 * A claim's own follow-through, from now: its reminder, snooze and escalation start over (an
 * escalation of the unclaimed nudge is not the claim's).
 */
function claimedBy(deps: Deps, userId: string): Record<string, unknown> {
  return {
    claimant_id: userId,
    claimed_at: deps.clock.now().getTime(),
    claimant_reminded_at: null,
    escalated_at: null,
    snoozed_until: null,
    // The DM a former claimant got is theirs, not the new claimant's: the new one's is kept when sent.
    claimant_dm_ts: null,
  };
}

/**
 * `asAdmin`: only how a refusal is worded (an admin is told the admin commands). `recordedBy`: the
 * admin who claimed it for an expert who had already replied: no claim is logged (none was made);
 * the reply's entry says the admin recorded it for them.
 */
export async function claimNudge(
  deps: Deps,
  nudgeId: number,
  userId: string,
  asAdmin = false,
  recordedBy?: string,
): Promise<NudgeRow> {
  const nudge = await moving(deps, nudgeId, {
    action: 'claim',
    actorId: recordedBy ?? userId,
    admin: asAdmin,
    set: claimedBy(deps, userId),
  });
  if (!recordedBy) await audit(deps, userId, 'claim', nudgeId);
  return nudge;
}

export async function reassignNudge(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  userId: string,
  /** The topic whose beat they joined to get it, and whether that made them an expert: for its undo. */
  beat: { joined: string; newExpert: boolean } | null = null,
): Promise<NudgeRow> {
  const from = readNudge(deps, nudgeId).claimantId;
  const nudge = await moving(deps, nudgeId, {
    action: 'reassign',
    actorId: adminId,
    admin: true,
    set: claimedBy(deps, userId),
  });
  await audit(deps, adminId, 'reassign', nudgeId, { ...(from ? { from } : {}), to: userId, ...beat });
  return nudge;
}

/**
 * "Not mine, wrong beat": a conversation still waiting for a claim goes to another topic's experts
 * (`topicId`), in the same channel; its reminders and escalation count from now. One claimed or
 * finished stays where it is, and the refusal says why and what to do.
 */
export async function moveNudgeToTopic(
  deps: Deps,
  nudgeId: number,
  actorId: string,
  to: { topicId: number; from: string | null; to: string; reason: string | null },
  admin = false,
): Promise<void> {
  const now = deps.clock.now().getTime();
  const result = deps.db.sqlite
    .prepare(
      `UPDATE nudges SET topic_id = @topicId, reminded_at = NULL, escalated_at = NULL, snoozed_until = @now, updated_at = @now
       WHERE id = @id AND state = 'open'`,
    )
    .run({ topicId: to.topicId, now, id: nudgeId });
  if (result.changes !== 1) {
    const nudge = readNudge(deps, nudgeId);
    if (nudge.state === NudgeState.Claimed && nudge.claimantId)
      throw new UserError(
        'ILLEGAL_TRANSITION',
        // Reached only in a race: it became theirs after the move read it as open (they pressed Claim, or
        // an admin gave it to them, at the same moment). What was just given is not moved away unseen.
        nudge.claimantId === actorId
          ? `Conversation ${nudgeId} became yours while it was being moved (you claimed it, or an admin gave it to you at that moment), so it stays${to.from ? ` on ${escapeText(to.from)}` : ''}, with you. To send it on all the same, \`/brief nudge move ${nudgeId} ${escapeText(to.to)}\` again gives it back and moves it in one step, as *Not mine* on your claim DM does.`
          : `Conversation ${nudgeId} is claimed by <@${nudge.claimantId}>, so it stays on its beat. Ask them in its thread: they can give it back (\`/brief nudge release ${nudgeId}\`), then it can move.`,
      );
    throw new UserError(
      'ILLEGAL_TRANSITION',
      finishedState(deps, nudge, admin, actorId) ?? `Conversation ${nudgeId} cannot move now.`,
    );
  }
  await audit(deps, actorId, 'move', nudgeId, {
    from: to.from,
    to: to.to,
    ...(to.reason ? { reason: to.reason } : {}),
  });
}

/** Only the claimant (or an admin, `asAdmin`) can give a claimed conversation back; its follow-through starts over. */
export async function releaseNudge(
  deps: Deps,
  nudgeId: number,
  userId: string,
  asAdmin = false,
): Promise<NudgeRow> {
  const from = readNudge(deps, nudgeId).claimantId;
  const nudge = await moving(deps, nudgeId, {
    action: 'release',
    actorId: userId,
    // Back to the beat from now: the reminder and escalation clock restarts, as after a snooze
    // (snoozed_until is where that clock restarts; it is not "snoozed" once past).
    set: {
      claimant_id: null,
      claimed_at: null,
      reminded_at: null,
      escalated_at: null,
      snoozed_until: deps.clock.now().getTime(),
      claimant_dm_ts: null,
    },
    ...(asAdmin ? {} : { guard: { sql: 'claimant_id = @g0', params: [userId] } }),
    admin: asAdmin,
  });
  await audit(deps, userId, 'release', nudgeId, { from });
  return nudge;
}

/**
 * `recordedFor`: the expert whose reply an admin (`userId`) recorded, and whether it was claimed for
 * them only to record it (`claimed`): the entry says so, and stats keep it out of the times.
 */
export async function markReplied(
  deps: Deps,
  nudgeId: number,
  userId: string,
  reply: string,
  asAdmin = false,
  recordedFor?: { expertId: string; claimed: boolean },
): Promise<NudgeRow> {
  const nudge = await moving(deps, nudgeId, {
    action: 'reply',
    actorId: userId,
    set: { replied_at: deps.clock.now().getTime(), ...replyColumns(reply) },
    // Expired without a claim, there is nobody's reply to record.
    guard: asAdmin
      ? { sql: "(state = 'claimed' OR claimant_id IS NOT NULL)", params: [] }
      : { sql: 'claimant_id = @g0', params: [userId] },
    admin: asAdmin,
  });
  await audit(deps, userId, 'reply', nudgeId, {
    ...(isReplyNote(reply) ? { note: reply } : { url: reply }),
    ...(recordedFor ? { for: recordedFor.expertId, claimedFor: recordedFor.claimed } : {}),
  });
  return nudge;
}

/**
 * An admin credits a recorded reply to another expert (the wrong one was named): the link is the
 * one given, and the trail keeps both names.
 */
export async function creditReply(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  expertId: string,
  reply: string,
): Promise<{ from: string | null }> {
  const before = readNudge(deps, nudgeId);
  const changed = deps.db.sqlite
    .prepare(
      // The DM kept is the former claimant's: the expert credited never got one.
      `UPDATE nudges SET claimant_id = @to, reply_url = @url, reply_note = @note, claimant_dm_ts = NULL, updated_at = @now
       WHERE id = @id AND state = 'replied' AND claimant_id IS @from`,
    )
    .run({
      to: expertId,
      url: replyColumns(reply).reply_url,
      note: replyColumns(reply).reply_note,
      now: deps.clock.now().getTime(),
      id: nudgeId,
      from: before.claimantId,
    }).changes;
  if (changed !== 1) refuse(deps, 'reply', readNudge(deps, nudgeId), adminId, true);
  await audit(deps, adminId, 'reply_credited', nudgeId, {
    from: before.claimantId,
    to: expertId,
    url: reply,
  });
  return { from: before.claimantId };
}

/** A wrong link (or note of how they replied) replaced on a replied conversation: by its claimant, or an admin; the trail keeps both links. */
export async function correctReplyUrl(
  deps: Deps,
  nudgeId: number,
  userId: string,
  reply: string,
  asAdmin = false,
): Promise<NudgeRow> {
  const before = deps.db.sqlite
    .prepare('SELECT coalesce(reply_url, reply_note) FROM nudges WHERE id = ?')
    .pluck()
    .get(nudgeId) as string | null | undefined;
  const changed = deps.db.sqlite
    .prepare(
      `UPDATE nudges SET reply_url = @url, reply_note = @note, updated_at = @now
       WHERE id = @id AND state = 'replied' AND (@admin = 1 OR claimant_id = @user)`,
    )
    .run({
      url: replyColumns(reply).reply_url,
      note: replyColumns(reply).reply_note,
      now: deps.clock.now().getTime(),
      id: nudgeId,
      admin: asAdmin ? 1 : 0,
      user: userId,
    }).changes;
  const nudge = readNudge(deps, nudgeId);
  if (changed !== 1) {
    if (nudge.state === NudgeState.Replied)
      throw new UserError(
        'NOT_CLAIMANT',
        `Only <@${nudge.claimantId}>, who replied, or an admin can correct the link to the reply: ask them, or ${await adminsToAsk(deps)}.`,
      );
    throw new UserError(
      'ILLEGAL_TRANSITION',
      `This conversation is ${stateWords[nudge.state] ?? nudge.state}, so there is no reply link to correct. \`/brief claims\` lists the ones waiting for your reply.`,
    );
  }
  await audit(deps, userId, 'reply_corrected', nudgeId, { from: before ?? null, to: reply });
  return nudge;
}

/** An open conversation, or a claimed one by its claimant (or an admin, `asAdmin`). */
export async function dismissNudge(
  deps: Deps,
  nudgeId: number,
  userId: string,
  reason: string,
  asAdmin = false,
): Promise<NudgeRow> {
  const nudge = await moving(deps, nudgeId, {
    action: 'dismiss',
    actorId: userId,
    set: { dismiss_reason: reason.slice(0, 500) },
    ...(asAdmin ? {} : { guard: { sql: "(state = 'open' OR claimant_id = @g0)", params: [userId] } }),
    admin: asAdmin,
  });
  await audit(deps, userId, 'dismiss', nudgeId, { reason });
  return nudge;
}

export async function expireNudge(deps: Deps, nudgeId: number): Promise<NudgeRow> {
  const nudge = await moving(deps, nudgeId, { action: 'expire', actorId: 'briefbot', set: {} });
  await audit(deps, 'briefbot', 'expire', nudgeId);
  return nudge;
}

/**
 * An admin sends a finished conversation (replied, dismissed, expired) back to the experts: open,
 * nobody's, its follow-through and expiry counting from now. The trail keeps what it was.
 */
export async function reopenNudge(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  reason: string | null = null,
): Promise<NudgeRow> {
  const before = deps.db.sqlite
    .prepare(
      'SELECT state, claimant_id AS claimantId, reply_url AS replyUrl, reply_note AS replyNote, dismiss_reason AS dismissReason FROM nudges WHERE id = ?',
    )
    .get(nudgeId) as Record<string, string | null> | undefined;
  // Who dismissed it: the next expert knows whom to ask.
  if (before?.state === NudgeState.Dismissed) before.dismissedBy = dismissalOf(deps, nudgeId)?.by ?? null;
  const now = deps.clock.now().getTime();
  const nudge = await moving(deps, nudgeId, {
    action: 'reopen',
    actorId: adminId,
    admin: true,
    set: {
      claimant_id: null,
      claimed_at: null,
      replied_at: null,
      reply_url: null,
      reply_note: null,
      dismiss_reason: null,
      reminded_at: null,
      escalated_at: null,
      claimant_reminded_at: null,
      snoozed_until: now,
      reopened_at: now,
      claimant_dm_ts: null,
    },
  });
  await audit(deps, adminId, 'reopen', nudgeId, {
    ...(before ? { was: before } : {}),
    ...(reason ? { reason } : {}),
  });
  return nudge;
}

/** A snooze running when another replaced or ended it: until when, and who set it. */
export type RunningSnooze = { until: Date; by: string };

/** The snooze replaced or ended, for the audit trail: `changes` names its author too. */
function snoozeReplaced(was: RunningSnooze | null): Record<string, unknown> {
  return was ? { was: { until: was.until.toISOString(), by: was.by } } : {};
}

/**
 * Snooze: no reminders until then. An open conversation's thread reminder and escalation, or, by
 * its claimant (or an admin), a claimed one's reminder to reply.
 */
export async function snoozeNudge(
  deps: Deps,
  nudgeId: number,
  userId: string,
  until: Date,
  asAdmin = false,
  was: RunningSnooze | null = null,
): Promise<NudgeRow> {
  const changed = deps.db.sqlite
    // Snoozing restarts the follow-through: a reminder may come again after it.
    .prepare(
      `UPDATE nudges SET snoozed_until = @until, updated_at = @now,
         reminded_at = CASE state WHEN 'open' THEN NULL ELSE reminded_at END,
         claimant_reminded_at = CASE state WHEN 'claimed' THEN NULL ELSE claimant_reminded_at END
       WHERE id = @id AND (state = 'open' OR (state = 'claimed' AND (@admin = 1 OR claimant_id = @user)))`,
    )
    .run({
      until: until.getTime(),
      now: deps.clock.now().getTime(),
      id: nudgeId,
      admin: asAdmin ? 1 : 0,
      user: userId,
    }).changes;
  const nudge = readNudge(deps, nudgeId);
  if (changed !== 1)
    throw new UserError(
      'ILLEGAL_TRANSITION',
      finishedState(deps, nudge, asAdmin, userId, asAdmin ? undefined : await adminsToAsk(deps)) ??
        `Conversation ${nudgeId} is claimed by <@${nudge.claimantId}>: reminders go to them, so only they (or an admin) can snooze it.`,
    );
  await audit(deps, userId, 'snooze', nudgeId, { until: until.toISOString(), ...snoozeReplaced(was) });
  return nudge;
}

/**
 * Ends a snooze early: reminders count from now again. Refused when it is not snoozed, and, on a
 * claimed one, to anyone but its claimant or an admin (who alone may snooze it).
 */
export async function unsnoozeNudge(
  deps: Deps,
  nudgeId: number,
  userId: string,
  was: RunningSnooze | null = null,
  asAdmin = false,
): Promise<NudgeRow> {
  const now = deps.clock.now().getTime();
  const changed = deps.db.sqlite
    .prepare(
      `UPDATE nudges SET snoozed_until = @now, updated_at = @now
       WHERE id = @id AND snoozed_until > @now
         AND (state = 'open' OR (state = 'claimed' AND (@admin = 1 OR claimant_id = @user)))`,
    )
    .run({ now, id: nudgeId, admin: asAdmin ? 1 : 0, user: userId }).changes;
  const nudge = readNudge(deps, nudgeId);
  if (changed !== 1 && nudge.state === 'claimed' && was)
    throw new UserError(
      'NOT_CLAIMANT',
      `Conversation ${nudgeId} is claimed by <@${nudge.claimantId}>: its reminder to reply goes to them, so only they (or an admin) can end its snooze. Ask them in its thread.`,
    );
  if (changed !== 1)
    throw new UserError(
      'NOT_SNOOZED',
      `Conversation ${nudgeId} is not snoozed, so there is nothing to undo. \`/brief nudge ${nudgeId}\` shows where it stands.`,
    );
  await audit(deps, userId, 'unsnooze', nudgeId, snoozeReplaced(was));
  return nudge;
}
