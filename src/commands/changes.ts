import { type FollowReading, listChannelDigests, readerNames, topicLabel } from '../analysis/topics.ts';
import { followAgainCommand, followLabel, QuietDay } from '../briefing/schedules.ts';
import { describeTiming, formatSlot } from '../briefing/slots.ts';
import { competitorFor, feedAddAgain, readDetail, removedFeedNames, whoDid } from '../db/removals.ts';
import type { Deps } from '../deps.ts';
import { describeEarlier, type EarlierOutcome } from '../engage/claims.ts';
import { UserError } from '../errors.ts';
import { formatDateTime, formatDayTime, formatUntilDay, namesWithin } from '../format.ts';
import { competitorLabel } from '../monitor/feed-kind.ts';
import { feedIdRuns } from '../monitor/feeds.ts';
import {
  type Continued,
  context,
  escapeText,
  lineSections,
  type Message,
  message,
  section,
  truncate,
} from '../slack/blocks/common.ts';
import { noticeMessage } from '../slack/blocks/replies.ts';
import { Role, requireAdmin, roleOf } from './access.ts';
import { editBackCommand, recreateCommand } from './digest.ts';
import { leaveBeatCommand, statsPeriod } from './nudge.ts';
import { parseMention, parsePerson, suggested, words } from './text.ts';

/** How many changes `/brief changes` shows: the latest, newest first. */
export const changesShown = 20;
/** The most one reply shows: `changes more`, or `changes 50` up to this. */
export const changesShownMost = 100;

type AuditRow = {
  id: number;
  at: Date;
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: string;
};

/** The kinds of change `changes <group>` narrows to, by the first part of their action. */
const groups: Record<string, (event: AuditRow) => boolean> = {
  feeds: (event) =>
    event.action.startsWith('feed.') ||
    /^digest\.(?:mute_source|unmute_source|not_relevant)$/.test(event.action),
  // A feed's removal that cleared a channel's mute or marks changed what its digests post, too.
  digests: (event) =>
    (event.action.startsWith('digest.') && !isFollowEntry(event)) ||
    digestsChangedOf(readDetail(event.detail)).length > 0 ||
    feedbackClearedOf(readDetail(event.detail)).length > 0,
  topics: (event) => event.action.startsWith('topic.'),
  experts: (event) => event.action.startsWith('sme.'),
  nudges: (event) => event.action.startsWith('nudge.'),
  follows: (event) => isFollowEntry(event) || followsEndedOf(readDetail(event.detail)).length > 0,
};
const groupAliases: Record<string, string> = {
  feed: 'feeds',
  digest: 'digests',
  topic: 'topics',
  expert: 'experts',
  sme: 'experts',
  smes: 'experts',
  nudge: 'nudges',
  follow: 'follows',
};

/** `label`: what the header says the changes are about ("to digests", "by @maria"), once the entries kept are known. */
type Filter = { label: string | ((kept: AuditRow[]) => string); test: (event: AuditRow) => boolean };

/**
 * /brief changes [more|<number>] [feeds|digests|topics|experts|nudges|follows|feed <number>|<feed name>|<topic>|#channel|@person]:
 * who changed what, and when, in plain words (the audit log's latest entries). Admins only.
 */
export async function changesCommand(deps: Deps, userId: string, args = ''): Promise<Message & Continued> {
  await requireAdmin(deps, userId, 'see who changed what');
  const entry = /^entry\b\s*(.*)$/i.exec(args.trim());
  if (entry) return { ...(await changeEntry(deps, userId, entry[1] ?? '')), continues: null };
  const { shown, filters } = await readChangesArgs(deps, args);
  // Filters look at what each entry was about: read from the latest entries, then narrowed.
  // One more than shown: whether a single entry is the only one.
  const events = await deps.db.prisma.auditEvent.findMany({
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    ...(filters.length ? { take: 5000 } : { take: shown + 1 }),
  });
  const matched = events.filter((event) => filters.every((filter) => filter.test(event)));
  const kept = matched.slice(0, shown);
  // Older entries than those shown, up to the most a reply holds: the same narrowing, more of it ("more" continues so).
  const older =
    matched.length > kept.length && shown < changesShownMost
      ? [
          'changes',
          // How many goes; "feed 2"'s number stays.
          ...words(args).filter(
            (word, index, all) => !/^(?:\d+|more|all)$/i.test(word) || /^feed$/i.test(all[index - 1] ?? ''),
          ),
          'more',
        ].join(' ')
      : undefined;
  const reply = changesMessage(await entryLines(deps, kept), {
    label: filters
      .map((filter) => (typeof filter.label === 'string' ? filter.label : filter.label(kept)))
      .join(', '),
    more: older,
    only: matched.length === 1,
  });
  return { ...reply, continues: older ?? null };
}

/**
 * Each entry in words: "23 Nov 2026 07:02 UTC · @maria paused digest 2 (#exec)"; a long list of
 * topics cut to fit, unless `whole`.
 */
async function entryLines(deps: Deps, events: AuditRow[], whole = false): Promise<string[]> {
  const known = await deps.db.prisma.topic.findMany({ select: { id: true, name: true, displayName: true } });
  // Topics as typed ("Économie"), by id and by key: entries record keys.
  const topics: TopicLabels = {
    byId: new Map(known.map((topic) => [String(topic.id), topicLabel(topic)])),
    byName: new Map(known.map((topic) => [topic.name, topicLabel(topic)])),
  };
  // A removed topic as it was typed, which its removal's entry kept (the latest, for one added again).
  const removals = await deps.db.prisma.auditEvent.findMany({
    where: { action: 'topic.remove' },
    select: { detail: true },
    orderBy: { id: 'asc' },
  });
  for (const { detail } of removals) {
    const { name, label } = readDetail(detail);
    if (typeof name === 'string' && typeof label === 'string' && !known.some((topic) => topic.name === name))
      topics.byName.set(name, label);
  }
  const digests = new Map(
    (
      await deps.db.prisma.digestSchedule.findMany({ select: { id: true, channelId: true, userId: true } })
    ).map((digest) => [String(digest.id), digest]),
  );
  const zone = deps.config.DEFAULT_TIMEZONE;
  return events.map((event) => {
    const list = whole ? wholeTopics : entryTopics(event.id);
    return `${formatDateTime(event.at)} · ${whoDid(event.actorId)} ${whatChanged(event, topics, zone, list)}${digestWhere(event, digests, topics, list)}`;
  });
}

/** Room for one section of an entry written whole, and the most sections it takes. */
const entrySectionRoom = 2900;
const entrySectionsMost = 40;

/**
 * `/brief changes entry 57`: one entry whole, a long list of topics written out to the last one
 * (a removed digest's too, which `topics list` no longer shows), with how to undo it.
 */
async function changeEntry(deps: Deps, userId: string, typed: string): Promise<Message> {
  const id = /^#?(\d+)$/.exec(typed.trim())?.[1];
  const event =
    id === undefined ? null : await deps.db.prisma.auditEvent.findUnique({ where: { id: Number(id) } });
  if (!event)
    throw new UserError(
      'USAGE',
      `${id === undefined ? 'Which entry? Give its number, as a long list in `/brief changes` names it: `/brief changes entry 57`.' : `There is no change entry ${id}.`} The latest changes: \`/brief changes\`.`,
    );
  const [line = ''] = await entryLines(deps, [event], true);
  const headline = `Change entry ${event.id}, whole`;
  const undo = commaParts(await entryUndo(deps, event, userId), entrySectionRoom);
  const parts = commaParts(line, entrySectionRoom);
  // The undo is never cut (a recreated digest of 120 topics takes two sections): the entry gives way.
  const shown = parts.slice(0, entrySectionsMost - undo.length);
  return message(`${headline}: ${truncate(line, 2000)}`, [
    section(headline),
    ...shown.map((part, index) =>
      section(index === shown.length - 1 && parts.length > shown.length ? `${part} …` : part),
    ),
    ...(undo.length === 1 ? [context(undo[0] ?? '')] : undo.map((part) => section(part))),
  ]);
}

/** Text cut into parts of at most `room` characters, between the items of its lists ("a, b" at the comma). */
function commaParts(text: string, room: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const piece of text.split(/(?<=, )/)) {
    if (current && (current + piece).length > room) {
      parts.push(current.trimEnd());
      current = '';
    }
    current += piece.length > room ? truncate(piece, room) : piece;
  }
  if (current) parts.push(current);
  return parts;
}

/** How the change an entry records is undone, as `/brief undo` says it. */
async function entryUndo(deps: Deps, event: AuditRow, userId: string): Promise<string> {
  const restored = event.action === 'topic.remove' ? removedTopicOf(event) : undefined;
  return restored
    ? topicRestoreText(restored, 'To undo it:', userId)
    : ((await importUndoText(deps, event)) ?? undoText(event));
}

/**
 * /brief undo (or revert): there is no one-step undo. Says so, with the person's last change and,
 * when one command reverses it, that command; `/brief changes` for the rest.
 */
export async function undoCommand(deps: Deps, userId: string): Promise<Message> {
  const none =
    'There is no one-step undo: each change is undone by its own command, and the reply to a change says which ("To undo: …").';
  const [last] = await deps.db.prisma.auditEvent.findMany({
    where: { actorId: userId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: 1,
  });
  const admin = (await roleOf(deps, userId)) === Role.Admin;
  // A member's changes are their follows: the last one is undone by its own command, as its reply said.
  if (!admin && !(last && isFollowEntry(last)))
    return noticeMessage(`${none} What you follow, and how to change or stop it: \`/brief my follows\`.`);
  if (!last) return noticeMessage(`${none} You have made no change yet; everyone's: \`/brief changes\`.`);
  const [line] = await entryLines(deps, [last]);
  const undo = await entryUndo(deps, last, userId);
  const more = admin
    ? 'Every change, with who made it: `/brief changes`.'
    : 'What you follow, and how to change or stop it: `/brief my follows`.';
  const yours = line?.replace(/ · <@\w+> /, ' · you ').replace(`<@${userId}>'s follow`, 'your follow');
  return noticeMessage(`${none} Your last change: ${yours}. ${undo} ${more}`);
}

/** A feed added by an OPML import with others: undone with the whole import, as its reply said. */
async function importUndoText(deps: Deps, event: AuditRow): Promise<string | undefined> {
  const { importId } = readDetail(event.detail);
  if (event.action !== 'feed.add' || typeof importId !== 'string') return undefined;
  const added = await deps.db.prisma.auditEvent.findMany({
    where: { action: 'feed.add', actorId: event.actorId, detail: { contains: `"importId":"${importId}"` } },
    select: { subjectId: true },
  });
  const ids = added.map((entry) => Number(entry.subjectId)).filter(Number.isInteger);
  if (ids.length < 2) return undefined;
  const runs = feedIdRuns(ids);
  return `It came with ${ids.length} feeds imported together (${runs}). To undo the import: ${suggested(`/brief feeds remove ${runs}`)}.`;
}

/** A removed topic as it was, and what its removal took with it: enough to set it up again. */
export type RemovedTopic = {
  name: string;
  /** As it was typed ("Économie"), which adding it again keeps; older entries kept only `name`. */
  label?: string | undefined;
  query: string;
  kind: string;
  channelId?: string | null;
  threshold?: number | null;
  experts: string[];
  /** Channel digests that named it; `stopped`: left with no topics, so given it back and resumed. */
  digests: Array<{ id: number; stopped: boolean }>;
  /** Follows it ended; `again`: the follow's words ("daily 07:00 UTC"), unknown in older entries. */
  follows: Array<{ userId: string; again?: string }>;
};

/**
 * "To bring it back: `/brief topics add globex globex kind=competitor`, then `/brief sme add @maria globex`, …,
 * and ask @ana to `/brief follow globex daily 07:00 UTC` again": every step that sets a removed topic
 * up again as it was (a follow is its follower's to start).
 */
export function topicRestoreText(topic: RemovedTopic, lead: string, actorId?: string): string {
  const settings = [
    topic.channelId ? `channel=#${topic.channelId}` : '',
    topic.threshold !== null && topic.threshold !== undefined ? `threshold=${topic.threshold}` : '',
  ].filter(Boolean);
  const then = [
    ...(settings.length ? [`/brief topics set ${topic.name} ${settings.join(' ')}`] : []),
    ...topic.experts.map((id) => `/brief sme add @${id} ${topic.name}`),
    ...topic.digests.flatMap((digest) =>
      digest.stopped
        ? [`/brief digest edit ${digest.id} topics: ${topic.name}`, `/brief digest resume ${digest.id}`]
        : [`/brief digest edit ${digest.id} topics: +${topic.name}`],
    ),
  ].map((command) => `\`${command}\``);
  // One's own follow is one's own to start again; anyone else's, theirs to be asked.
  const again = (entry: RemovedTopic['follows'][number]) =>
    `\`/brief follow ${topic.name}${entry.again ? ` ${entry.again}` : ''}\``;
  const own = topic.follows
    .filter((entry) => entry.userId === actorId)
    .map((entry) => `follow it again with ${again(entry)}`);
  const others = topic.follows
    .filter((entry) => entry.userId !== actorId)
    .map((entry) => `ask <@${entry.userId}> to ${again(entry)} again`);
  const asks = [...own, others.join(', ')].filter(Boolean);
  const add = `\`/brief topics add ${topic.label ?? topic.name} ${topic.query}${topic.kind === 'theme' ? '' : ` kind=${topic.kind}`}\``;
  const rest = [then.length ? `then ${then.join(', ')}` : '', ...asks].filter(Boolean);
  return `${lead} ${add}${rest.length ? `, ${rest.join(', and ')}` : ''}.`;
}

/** A topic's removal, read back from its entry (older entries kept no nudge settings or follow timing). */
function removedTopicOf(event: AuditRow): RemovedTopic | undefined {
  const detail = readDetail(event.detail);
  const { name, query, kind } = detail;
  if (typeof name !== 'string' || typeof query !== 'string') return undefined;
  return {
    name,
    label: typeof detail.label === 'string' ? detail.label : undefined,
    query,
    kind: typeof kind === 'string' ? kind : 'theme',
    channelId: typeof detail.channelId === 'string' ? detail.channelId : null,
    threshold: typeof detail.threshold === 'number' ? detail.threshold : null,
    experts: Array.isArray(detail.experts)
      ? detail.experts.filter((id): id is string => typeof id === 'string')
      : [],
    digests: digestsChangedOf(detail).map((entry) => ({ id: entry.id, stopped: entry.stopped })),
    follows: followsEndedOf(detail),
  };
}

/** "To undo it: `/brief digest resume 2`.": how the change an entry records is reversed, or that no one command does. */
function undoText(event: AuditRow): string {
  const detail = readDetail(event.detail);
  const follower = unfollowOf(event) ?? followEditOf(event);
  // Someone else's follow is theirs to start again or change back.
  if (follower && follower !== event.actorId) {
    const spec = readSpec(event.action === 'digest.edit' ? detail.before : detail);
    const again = spec && followAgain(spec);
    return spec && again
      ? `It is <@${follower}>'s follow of ${escapeText(followLabel(spec))}: ask them to \`/brief ${escapeText(again)}\` if it should be as it was.`
      : 'No single command reverses it.';
  }
  const reverse = reverseOf(event);
  if (!reverse) return 'No single command reverses it.';
  const paused =
    event.action === 'digest.remove' && detail.paused === true
      ? ', then `/brief digest pause <its new number>` (it was paused)'
      : '';
  return `To undo it: ${suggested(`/brief ${reverse}`)}${paused}${beatJoinedUndo(event)}.`;
}

/** A reassign that put its expert on a beat: the step that takes them off it again. */
function beatJoinedUndo(event: AuditRow): string {
  const detail = readDetail(event.detail);
  const { to, joined } = detail;
  if (event.action !== 'nudge.reassign' || typeof to !== 'string' || typeof joined !== 'string') return '';
  return detail.newExpert === true
    ? `, then ${suggested(leaveBeatCommand(to, joined, true))} (they became an expert with it)`
    : `, then ${suggested(leaveBeatCommand(to, joined, false))} (they joined the ${escapeText(joined)} beat with it)`;
}

/** The command that reverses a change, when one does: "digest resume 2" for "paused digest 2". */
function reverseOf(event: AuditRow): string | undefined {
  const detail = readDetail(event.detail);
  const id = event.subjectId ?? '';
  const text = (key: string) => (typeof detail[key] === 'string' ? (detail[key] as string) : undefined);
  switch (event.action) {
    case 'feed.add':
      return `feeds remove ${id}`;
    case 'feed.remove':
      return feedAddAgain(detail);
    case 'feed.pause':
      return `feeds resume ${id}`;
    case 'feed.resume':
      return `feeds pause ${id}`;
    case 'feed.kind': {
      // A competitor's feed back to the competitor it stood for: "feeds set 2 kind=competitor as Globex".
      const was = text('from') === 'competitor' && text('fromCompetitor');
      return text('from') ? `feeds set ${id} kind=${text('from')}${was ? ` as ${was}` : ''}` : undefined;
    }
    case 'feed.move':
      return text('from') ? `feeds move ${id} ${text('from')}` : undefined;
    case 'topic.add':
      return text('name') ? `topics remove ${text('name')}` : undefined;
    case 'topic.edit':
      if (!text('name')) return undefined;
      if (text('from')) return `topics edit ${text('name')} ${text('from')}`;
      return text('fromKind') ? `topics edit ${text('name')} kind=${text('fromKind')}` : undefined;
    case 'digest.add':
      return `digest remove ${id}`;
    case 'digest.follow': {
      const [topic] = Array.isArray(detail.topics) ? (detail.topics as string[]) : [];
      return `unfollow ${topic ?? 'everything'}`;
    }
    case 'digest.pause':
      return `digest resume ${id}`;
    case 'digest.resume':
      return `digest pause ${id}`;
    case 'digest.remove': {
      const spec = readSpec(detail);
      if (!spec || spec.noTopics) return undefined;
      if (unfollowOf(event)) return followAgain(spec);
      const channelId = spec.channelId ?? text('channelId');
      if (!channelId) return undefined;
      return recreateCommand({
        ...spec,
        channelId,
        days: spec.days ?? null,
        topics: JSON.stringify(spec.topics),
        quietDay: spec.quietDay ?? QuietDay.Note,
      });
    }
    case 'digest.edit': {
      const before = readSpec(detail.before);
      const after = readSpec(detail.after);
      if (!before || !after || before.noTopics) return undefined;
      if (followEditOf(event)) return followAgain(before);
      const settings = (spec: SpecDetail) => ({
        ...spec,
        channelId: spec.channelId ?? '',
        quietDay: spec.quietDay ?? QuietDay.Note,
      });
      return editBackCommand(id, settings(before), settings(after));
    }
    case 'digest.mute_source':
    case 'digest.not_relevant':
      return `digest unmute <#${id}> ${String(detail.feedId ?? '')}`;
    case 'digest.unmute_source':
      return detail.muted === true ? `digest mute <#${id}> ${String(detail.feedId ?? '')}` : undefined;
    case 'nudge.reassign':
      // Back to whoever held it, else open to the beat again.
      return text('from') ? `nudge reassign ${id} <@${text('from')}>` : `nudge release ${id}`;
    case 'sme.add':
      // Only the beats it added (an entry from before they were kept has none to go by).
      return Array.isArray(detail.added) && detail.added.length
        ? `sme remove <@${id}> ${(detail.added as string[]).join(', ')}`
        : undefined;
    case 'sme.remove': {
      const beats = Array.isArray(detail.topics) ? detail.topics : detail.beats;
      return Array.isArray(beats) && beats.length
        ? `sme add <@${id}> ${(beats as string[]).join(', ')}`
        : undefined;
    }
    default:
      return undefined;
  }
}

/** "follow pricing daily 07:00 UTC": the follow a removed or changed one's settings make again. */
function followAgain(spec: SpecDetail): string | undefined {
  // A follow is of one topic or (none named, and not left with none) of every topic.
  return spec.noTopics
    ? undefined
    : followAgainCommand({ ...spec, quietDay: spec.quietDay ?? QuietDay.Skip });
}

/** "changes 50 feeds", "changes pricing", "changes <#C1>": how many, and what to narrow to; anything else is refused. */
async function readChangesArgs(deps: Deps, args: string): Promise<{ shown: number; filters: Filter[] }> {
  let shown = changesShown;
  const filters: Filter[] = [];
  const unread: string[] = [];
  const topicNames = new Set(
    (await deps.db.prisma.topic.findMany({ select: { name: true } })).map((topic) => topic.name),
  );
  const reading = await listChannelDigests(deps);
  const typed = words(args);
  const feeds = await feedNames(deps);
  let skip = false;
  for (const [index, word] of typed.entries()) {
    const lower = word.toLowerCase();
    if (skip) {
      skip = false;
      continue;
    }
    // "feed 2": that feed's changes, not two of the feeds' ("feeds 50" is still how many).
    const feedId =
      lower === 'feed' && /^\d+$/.test(typed[index + 1] ?? '') ? Number(typed[index + 1]) : undefined;
    if (feedId !== undefined) {
      filters.push(feedFilter(feedId, feeds.get(feedId)));
      skip = true;
      continue;
    }
    const mention = parseMention(word);
    // "30 days" is a period; "30" alone, how many.
    const ofPeriod = /^(d|days?|w|wks?|weeks?)$/i.test(typed[index + 1] ?? '');
    const channel = mention?.kind === 'channel' ? mention.id : undefined;
    // A bare user id, as the console types it, names a person as a mention does (a topic's name first).
    const person = topicNames.has(lower) ? undefined : (parsePerson(word) ?? undefined);
    if (/^\d+$/.test(word) && !ofPeriod) shown = Math.min(Math.max(Number(word), 1), changesShownMost);
    else if (lower === 'more' || lower === 'all') shown = changesShownMost;
    else if (groups[groupAliases[lower] ?? lower]) {
      const group = groupAliases[lower] ?? lower;
      const test = groups[group] as Filter['test'];
      // What a digest posts changes with its topics' queries and the feeds it reads, too.
      filters.push({
        label: `to ${group}`,
        test:
          group === 'digests'
            ? (event) => test(event) || digestsReadThrough(event, reading).length > 0
            : test,
      });
    } else if (channel) {
      const through = (event: AuditRow) =>
        !mentions(event, channel) &&
        digestsReadThrough(event, reading).some((digest) => digest.channelId === channel);
      filters.push({
        label: (kept) =>
          kept.some(through)
            ? `to <#${channel}> and the topics and feeds its digests read`
            : `to <#${channel}>`,
        test: (event) => mentions(event, channel) || through(event),
      });
    } else if (person)
      filters.push({
        // Made by them, or (an admin putting them on a beat) about them: the header says which.
        label: (kept) =>
          kept.every((event) => event.actorId === person) ? `by <@${person}>` : `by or about <@${person}>`,
        test: (event) => event.actorId === person || mentions(event, person),
      });
    else if (topicNames.has(lower) || (await topicWasNamed(deps, lower))) {
      // Its conversations too (their entries name the conversation, not the topic), as `stats <topic>`
      // counts them: asked on it, removed since or not, or about a story it matches.
      const conversations = new Set(
        (
          deps.db.sqlite
            .prepare(
              `SELECT n.id FROM nudges n LEFT JOIN topics t ON t.id = n.topic_id
               WHERE lower(COALESCE(t.name, n.topic_name)) = @topic OR EXISTS (
                 SELECT 1 FROM item_topics it JOIN topics s ON s.id = it.topic_id
                 WHERE it.item_id = n.item_id AND lower(s.name) = @topic)`,
            )
            .pluck()
            .safeIntegers(false)
            .all({ topic: lower }) as number[]
        ).map(String),
      );
      filters.push({
        label: `to topic ${escapeText(lower)}`,
        test: (event) =>
          mentions(event, lower, true) ||
          (event.subjectType === 'nudge' && conversations.has(event.subjectId ?? '')),
      });
    } else unread.push(word);
  }
  // What is left is a period, as stats reads one: "today", "this week", "since monday", "7d".
  if (unread.length) {
    const period = statsPeriod(deps, unread.join(' '));
    if (!period) {
      // "changes The Globex Blog": a feed by its name (its words read as a topic or a person otherwise).
      const named = feedNamed(feeds, args);
      if (named !== undefined) return { shown: changesShown, filters: [feedFilter(named, feeds.get(named))] };
      throw new UserError(
        'USAGE',
        `I can't filter by "${escapeText(unreadAsTyped(typed, unread))}". \`/brief changes\` takes: \`feeds\`, \`digests\`, \`topics\`, \`experts\`, \`nudges\` or \`follows\`; a feed (\`/brief changes feed 2\`, or its name); a topic's name (\`/brief changes pricing\`); a channel (\`/brief changes #exec\`); a person (\`/brief changes @maria\`); a period (\`/brief changes today\`, \`this week\`, \`since monday\`, \`7d\`); and how many: \`/brief changes 50\` or \`/brief changes more\` (the last ${changesShownMost}). One entry written out whole, by its number: \`/brief changes entry 57\`.`,
      );
    }
    const { since, until } = period;
    filters.push({
      label: /^(last|past) /.test(period.label) ? `in the ${period.label}` : period.label,
      test: (event) => event.at >= since && event.at <= until,
    });
  }
  return { shown, filters };
}

/** Every feed's names, now and as its entries kept them (a removed feed's too): "feed 2 (The Globex Blog)" is found either way. */
async function feedNames(deps: Deps): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>();
  const add = (id: number, name: unknown) => {
    if (typeof name !== 'string' || !name.trim()) return;
    names.set(id, [...new Set([...(names.get(id) ?? []), name.trim()])]);
  };
  for (const feed of await deps.db.prisma.feed.findMany({ select: { id: true, title: true } }))
    add(feed.id, feed.title);
  const entries = await deps.db.prisma.auditEvent.findMany({
    where: { subjectType: 'feed' },
    select: { subjectId: true, detail: true },
  });
  for (const entry of entries) {
    const detail = readDetail(entry.detail);
    for (const key of ['title', 'fromTitle', 'toTitle']) add(Number(entry.subjectId), detail[key]);
  }
  return names;
}

/** The one feed whose name is the words typed (a leading "feed" aside), or holds them; undefined when none or several. */
function feedNamed(feeds: Map<number, string[]>, args: string): number | undefined {
  const typed = args
    .trim()
    .replace(/^feeds?\s+/i, '')
    .toLowerCase();
  if (typed.length < 3) return undefined;
  const of = (test: (name: string) => boolean) =>
    [...feeds].filter(([, names]) => names.some((name) => test(name.toLowerCase()))).map(([id]) => id);
  const exact = of((name) => name === typed);
  const holding = exact.length ? exact : of((name) => name.includes(typed));
  return holding.length === 1 ? holding[0] : undefined;
}

/** Entries about one feed: its own, and the mutes and marks of it in channels' digests. */
function feedFilter(id: number, names: string[] | undefined): Filter {
  return {
    label: `to feed ${id}${names?.[0] ? ` (${escapeText(names[0])})` : ''}`,
    test: (event) =>
      event.subjectType === 'feed'
        ? event.subjectId === String(id)
        : event.action.startsWith('digest.') && readDetail(event.detail).feedId === id,
  };
}

/** The words not understood, as typed: the whole phrase when others were read from its middle ("The Globex Blog"). */
function unreadAsTyped(typed: string[], unread: string[]): string {
  const first = typed.indexOf(unread[0] ?? '');
  const last = typed.lastIndexOf(unread.at(-1) ?? '');
  return typed.slice(first, last + 1).join(' ');
}

type ChannelDigest = Awaited<ReturnType<typeof listChannelDigests>>[number];

/** Changes to a feed that take its items out of every digest, or put them back. */
const feedSourceChanges = new Set(['feed.pause', 'feed.resume', 'feed.remove', 'feed.move']);

/**
 * The channel digests an entry changed without naming them: a topic's new query or kind, or a feed
 * paused, resumed, removed or moved (the digests its entry kept; in older entries, those that read
 * the topic now, or every one for a feed).
 */
function digestsReadThrough(
  event: AuditRow,
  current: ChannelDigest[],
): Array<{ id: number; channelId: string }> {
  const ofFeed = feedSourceChanges.has(event.action);
  if (!ofFeed && event.action !== 'topic.edit') return [];
  const detail = readDetail(event.detail);
  const kept = digestsReadingOf(detail);
  if (kept) return kept;
  if (ofFeed) return current;
  const name = typeof detail.name === 'string' ? detail.name : undefined;
  return current.filter((digest) => digest.topics.length === 0 || (!!name && digest.topics.includes(name)));
}

/** The channel digests a topic's edit or a feed's change recorded as reading it; undefined in entries made before they were kept. */
function digestsReadingOf(
  detail: Record<string, unknown>,
): Array<{ id: number; channelId: string }> | undefined {
  if (!Array.isArray(detail.digests)) return undefined;
  return detail.digests.flatMap((entry: unknown) =>
    entry && typeof entry === 'object' && 'channelId' in entry
      ? [entry as { id: number; channelId: string }]
      : [],
  );
}

/** The personal follows a topic's edit or a feed's change recorded as reading it ([] in entries made before they were kept). */
function followsReadingOf(detail: Record<string, unknown>): FollowReading[] {
  if (!Array.isArray(detail.follows)) return [];
  return detail.follows.flatMap((entry: unknown) =>
    entry && typeof entry === 'object' && 'userId' in entry && 'id' in entry ? [entry as FollowReading] : [],
  );
}

/**
 * "; digest 1 (<#C1>), <@U1>'s follow of pricing (digest 2) post it": the digests and follows an entry
 * kept as reading what it changed ("" for none, or in entries made before they were kept).
 */
function readersText(detail: Record<string, unknown>, verb: { one: string; many: string }): string {
  const read = readerNames({ digests: digestsReadingOf(detail) ?? [], follows: followsReadingOf(detail) });
  return read.length ? `; ${read.join(', ')} ${read.length === 1 ? verb.one : verb.many} it` : '';
}

/** A topic removed since is still one to filter by: its entries and its conversations keep its name. */
async function topicWasNamed(deps: Deps, name: string): Promise<boolean> {
  const asked = deps.db.sqlite
    .prepare('SELECT 1 FROM nudges WHERE lower(topic_name) = ? LIMIT 1')
    .pluck()
    .get(name);
  if (asked) return true;
  const events = await deps.db.prisma.auditEvent.findMany({
    where: { action: 'topic.add', detail: { contains: `"name":"${name}"` } },
    select: { id: true },
    take: 1,
  });
  return events.length > 0;
}

/** Whether an entry is about `value` (a channel, person or topic): its subject, or a name its detail kept. */
function mentions(event: AuditRow, value: string, topic = false): boolean {
  if (event.subjectId === value) return true;
  const detail = readDetail(event.detail);
  const found = (entry: unknown): boolean =>
    typeof entry === 'string'
      ? entry === value || (topic ? false : entry.includes(value))
      : Array.isArray(entry)
        ? entry.some(found)
        : entry !== null && typeof entry === 'object'
          ? Object.values(entry).some(found)
          : false;
  return found(detail);
}

/**
 * " (was until Thu 26 Nov 09:00 UTC, by @maria)": the snooze a snooze replaced or an unsnooze ended,
 * as the live reply says it (its author's own: no "by"); its author finds the entry under their name too.
 */
function snoozeWas(detail: Record<string, unknown>, actorId: string, timeZone: string): string {
  const was = detail.was as { until?: unknown; by?: unknown } | undefined;
  if (!was || typeof was.until !== 'string' || typeof was.by !== 'string') return '';
  return ` (was until ${formatDayTime(new Date(was.until), timeZone)}${was.by === actorId ? '' : `, by <@${was.by}>`})`;
}

/** " (#exec)", " (@maria's follow)": where a digest entry's digest posts, as it was then (kept in its detail) or is now. */
function digestWhere(
  event: AuditRow,
  digests: Map<string, { channelId: string; userId: string | null }>,
  topics: TopicLabels,
  list: TopicList,
): string {
  if (
    event.subjectType !== 'digest' ||
    event.action === 'digest.follow' ||
    unfollowOf(event) ||
    followEditOf(event)
  )
    return '';
  const detail = readDetail(event.detail);
  const then = [detail, detail.after].find(
    (entry): entry is Record<string, unknown> =>
      !!entry &&
      typeof entry === 'object' &&
      typeof (entry as Record<string, unknown>).channelId === 'string',
  );
  const kept = then
    ? { channelId: then.channelId as string, userId: typeof then.userId === 'string' ? then.userId : null }
    : undefined;
  const where = kept ?? digests.get(event.subjectId ?? '');
  if (!where) return '';
  return where.userId
    ? ` (<@${where.userId}>'s follow)`
    : ` (<#${where.channelId}>${addedTopics(event, topics, list)})`;
}

/**
 * ", daily at 08:00 UTC, topics pricing, globex, up to 8 items, quiet: note": an added digest as its
 * removal would describe it, so `changes pricing` says why it is listed and it can be set up again.
 */
function addedTopics(event: AuditRow, labels: TopicLabels, list: TopicList): string {
  const spec = event.action === 'digest.add' ? readSpec(readDetail(event.detail)) : undefined;
  if (!spec) return '';
  const { topics } = spec;
  const covers = topics.length
    ? `${topics.length === 1 ? 'topic' : 'topics'} ${list(topics.map((name) => labels.byName.get(name) ?? name))}`
    : specTopics(spec, 'all topics', 'no topics', list);
  const quiet = spec.quietDay ? [`quiet: ${spec.quietDay}`] : [];
  return `, ${escapeText([describeTiming(spec), covers, `up to ${spec.maxItems} items`, ...quiet].join(', '))}`;
}
export function changesMessage(
  lines: string[],
  shown: { label?: string; more?: string; only?: boolean } = {},
): Message {
  if (lines.length === 0) {
    const none = shown.label ? `No changes ${shown.label} yet.` : 'No changes yet.';
    return message(none, [section(none)]);
  }
  const about = shown.label ? ` ${shown.label}` : '';
  // "newest first" only when there is an order to speak of.
  const headline =
    lines.length > 1
      ? `The last ${lines.length} changes${about}, newest first`
      : `The ${shown.only ? 'only' : 'last'} change${about}`;
  return message(headline, [
    // Plain, whatever it names: a mention or channel inside bold read differently from a word.
    section(headline),
    ...lineSections(
      lines.map((line) => `• ${line}`),
      40,
      (more) => `…and ${more} more.`,
    ),
    context(
      `Every change to feeds, topics, experts, digests, follows and nudges is recorded as it is made.${shown.more ? ` Older ones: ${escapeText(suggested(`/brief ${shown.more}`))} (the last ${changesShownMost}), or \`more\`.` : ''} Narrow them: \`/brief changes feeds\` (or digests, topics, experts, nudges, follows), \`changes pricing\`, \`changes #channel\`, \`changes @person\`, \`changes this week\`.`,
    ),
  ]);
}

/** One audit event in words: "paused digest 2", "added topic acme (`acme`)". */
/** The topics there are, as typed ("Économie"): by id (a topic's entries) and by key (the keys entries name). */
type TopicLabels = { byId: Map<string, string>; byName: Map<string, string> };

const escapeOr = (value: string | undefined) => (value === undefined ? undefined : escapeText(value));

function whatChanged(event: AuditRow, topics: TopicLabels, timeZone: string, list: TopicList): string {
  const detail = readDetail(event.detail);
  const id = event.subjectId ?? '?';
  // Addresses and queries are escaped here; the mentions around them must stay mentions.
  const text = (key: string) =>
    typeof detail[key] === 'string' ? escapeText(detail[key] as string) : undefined;
  // As typed: the topic as it is now, else as its entry kept it (a removed one's `label`).
  const named = typeof detail.name === 'string' ? detail.name : undefined;
  const label = typeof detail.label === 'string' ? detail.label : named;
  const topic =
    escapeOr(named === undefined ? topics.byId.get(id) : (topics.byName.get(named) ?? label)) ??
    `topic ${id}`;
  const labelled = (names: string[]) => names.map((name) => topics.byName.get(name) ?? name);
  const topicList = (names: string[]) => escapeText(list(labelled(names)));
  // A follow's topic as typed: "unfollowed Économie (digest 2)".
  const followed = (settings: SpecDetail) => escapeText(followLabel({ topics: labelled(settings.topics) }));
  // A feed as it was named then: "feed 2 (Globex Blog)".
  const feed = `feed ${id}${text('title') ? ` (${text('title')})` : ''}`;
  const sourceFeed = `feed ${String(detail.feedId ?? '?')}${text('feedTitle') ? ` (${text('feedTitle')})` : ''}`;
  const [group, verb = ''] = event.action.split('.');
  // The digests that had posted a feed's items, as its entry kept them: why `changes #exec` lists it.
  const read = feedSourceChanges.has(event.action) ? readersText(detail, { one: 'read', many: 'read' }) : '';
  switch (event.action) {
    case 'feed.add': {
      // As a removal names it, title first: "added feed 5 (Initech Newsroom, https://…) as competitor for Initech".
      const named = [text('title'), text('url')].filter(Boolean);
      return `added feed ${id}${named.length ? ` (${named.join(', ')})` : ''}${text('kind') ? ` as ${text('kind')}${competitorFor(text('competitor'))}` : ''}`;
    }
    case 'feed.remove': {
      const cleared = feedbackClearedOf(detail).map(
        (entry) => `<#${entry.channelId}>'s ${entry.muted ? 'mute' : '"not relevant" marks'}`,
      );
      // One set of brackets, as it was: "removed feed 3 (StackRank, review, https://…)".
      const named = removedFeedNames(detail);
      return `removed feed ${id}${named.length ? ` (${named.join(', ')})` : ''}${cleared.length ? `, which cleared ${cleared.join(', ')} of it` : ''}${read}`;
    }
    case 'feed.move': {
      // Enough to move it back a week later: "moved feed 2 (The Globex Blog → StackRank, competitor Globex) from … to …".
      const title = text('toTitle') ? `${text('fromTitle')} → ${text('toTitle')}` : text('title');
      const competitor = text('competitor') ? `competitor ${competitorLabel(text('competitor') ?? '')}` : '';
      const named = [title, competitor].filter(Boolean).join(', ');
      const to = text('to') ?? text('url');
      return `moved feed ${id}${named ? ` (${named})` : ''}${text('from') ? ` from ${text('from')}` : ''}${to ? ` to ${to}` : ''}${read}`;
    }
    case 'feed.kind': {
      // The competitor a competitor's feed stands for, when it changed: "competitor for initech".
      const kind = `${text('kind') ?? 'another kind'}${competitorFor(text('competitor'))}`;
      const from = `${text('from') ?? ''}${competitorFor(text('fromCompetitor'))}`;
      return `made ${feed} ${kind}${from ? ` (was ${from})` : ''}`;
    }
    case 'topic.add':
      return `added topic ${topic}${text('query') ? ` (\`${text('query')}\`)` : ''}`;
    case 'topic.edit': {
      // The digests it changed too, as they were: why `changes #exec` lists it.
      const posts = readersText(detail, { one: 'posts', many: 'post' });
      return text('query')
        ? `changed topic ${topic}'s query to \`${text('query')}\`${text('from') ? ` (was \`${text('from')}\`)` : ''}${posts}`
        : `made topic ${topic} ${text('kind') ?? 'another kind'}${text('fromKind') ? ` (was ${text('fromKind')})` : ''}${posts}`;
    }
    case 'topic.remove': {
      const ended = followsEndedOf(detail).map(
        (entry) => `ended <@${entry.userId}>'s follow (digest ${entry.id})`,
      );
      const changed = digestsChangedOf(detail).map((entry) =>
        entry.stopped
          ? `stopped digest ${entry.id} (<#${entry.channelId}>): no topics left`
          : `took it out of digest ${entry.id} (<#${entry.channelId}>)`,
      );
      const what = [...changed, ...ended];
      // Its query and kind (a theme unsaid), as it was: the log is the only record left of a removed topic.
      const was = [
        text('query') ? `\`${text('query')}\`` : '',
        text('kind') === 'theme' ? '' : (text('kind') ?? ''),
      ].filter(Boolean);
      return `removed topic ${topic}${was.length ? ` (${was.join(', ')})` : ''}${what.length ? `, which ${what.join(', ')}` : ''}`;
    }
    case 'topic.set': {
      const channel =
        detail.channelId === null ? 'no channel' : text('channelId') ? `<#${text('channelId')}>` : undefined;
      // What it was, when recorded: "threshold 0 (was 0.9)", "(was the default)".
      const was =
        detail.fromThreshold === null
          ? ' (was the default)'
          : typeof detail.fromThreshold === 'number'
            ? ` (was ${detail.fromThreshold})`
            : '';
      const threshold =
        detail.threshold === null
          ? `the default threshold${was}`
          : typeof detail.threshold === 'number'
            ? `threshold ${detail.threshold}${was}`
            : undefined;
      return `set topic ${topic}'s nudges: ${[channel, threshold].filter(Boolean).join(', ')}`;
    }
    case 'sme.add':
    case 'sme.remove': {
      const list = Array.isArray(detail.topics) ? topicList(detail.topics as string[]) : '';
      return event.action === 'sme.add'
        ? `put <@${id}> on ${list || 'a beat'}`
        : `took <@${id}> off ${list || 'every beat'}`;
    }
    case 'sme.away':
      // As the reply said it: "until Fri 27 Nov (end of day, UTC)", the year past 6 months.
      return `marked ${id === event.actorId ? 'themselves' : `<@${id}>`} away${text('until') ? ` until ${formatUntilDay(new Date(text('until') as string), timeZone, event.at)}` : ''}`;
    case 'sme.back':
      return `marked ${id === event.actorId ? 'themselves' : `<@${id}>`} back`;
    case 'digest.follow':
      return `followed ${Array.isArray(detail.topics) ? topicList(detail.topics as string[]) || 'every topic' : 'topics'} (digest ${id})`;
    case 'digest.mute_source':
      return `muted ${sourceFeed} in <#${id}>'s digests`;
    case 'digest.not_relevant':
      return text('itemTitle')
        ? `marked "${text('itemTitle')}" (${sourceFeed}) not relevant in <#${id}>`
        : `marked an item of ${sourceFeed} not relevant in <#${id}>`;
    case 'digest.unmute_source': {
      // As the command says it: the mute undone, and the "not relevant" marks cleared with it.
      const marks =
        typeof detail.notRelevant === 'number' && detail.notRelevant > 0
          ? `${detail.notRelevant} "not relevant" ${detail.notRelevant === 1 ? 'mark' : 'marks'}`
          : '';
      if (detail.muted === false && marks) return `cleared ${marks} on ${sourceFeed} in <#${id}>`;
      return `unmuted ${sourceFeed} in <#${id}>'s digests${marks ? ` (and cleared ${marks})` : ''}`;
    }
    case 'digest.edit': {
      // A follow's change is its follower's: "changed their follow of globex (digest 2): …", no channel.
      const follower = followEditOf(event);
      if (!follower) return `edited digest ${id}${digestEdits(detail, list)}`;
      const settings = readSpec(detail.after);
      const whose = follower === event.actorId ? 'their' : `<@${follower}>'s`;
      return `changed ${whose} follow of ${settings && !settings.noTopics ? followed(settings) : 'topics'} (digest ${id})${digestEdits(detail, list)}`;
    }
    case 'digest.now':
      return detail.quiet ? `posted digest ${id}'s quiet-day note now` : `posted digest ${id} now`;
    case 'digest.remove': {
      const settings = readSpec(detail);
      const follower = unfollowOf(event);
      if (follower) {
        const what = `${settings && !settings.noTopics ? followed(settings) : 'topics'} (digest ${id})`;
        return follower === event.actorId ? `unfollowed ${what}` : `ended <@${follower}>'s follow of ${what}`;
      }
      return `removed digest ${id}${settings ? ` (it was ${escapeText(describeSpec({ ...settings, topics: labelled(settings.topics) }, list))})` : ''}`;
    }
    case 'nudge.ask':
      return `asked the experts to respond to ${text('title') ? `"${text('title')}"` : `item ${String(detail.itemId ?? '?')}`} (conversation ${id})`;
    case 'nudge.reply': {
      // A reply with no link keeps how it was made ("by email") instead.
      const url = (text('url') ?? text('note')) ? ` (${text('url') ?? text('note')})` : '';
      // An admin recorded an expert's reply: whose it is, not "replied".
      return text('for')
        ? `recorded <@${text('for')}>'s reply to conversation ${id}${url}`
        : `replied to conversation ${id}${url}`;
    }
    case 'nudge.reopen': {
      const was =
        detail.was && typeof detail.was === 'object' ? describeEarlier(detail.was as EarlierOutcome) : '';
      return `reopened conversation ${id}${was ? ` (it was ${was})` : ''}${text('reason') ? `: “${text('reason')}”` : ''}`;
    }
    case 'nudge.reassign':
      // From whom, when the entry kept it: the expert it was taken from finds it under their name too.
      return `reassigned conversation ${id}${text('from') ? ` from <@${text('from')}>` : ''}${text('to') ? ` to <@${text('to')}>` : ''}`;
    case 'nudge.draft':
      // Only that it was asked for: the draft itself is not kept.
      return `asked for a draft of the reply to conversation ${id}${detail.by === 'outline' ? ' (got the points to answer, no draft)' : ''}`;
    case 'nudge.dismiss':
      return `dismissed conversation ${id}${text('reason') ? `: “${text('reason')}”` : ''}`;
    case 'nudge.move':
      // "Not mine, wrong beat": from which beat to which, and why.
      return `moved conversation ${id}${text('from') ? ` from ${escapeText(text('from') as string)}` : ''} to ${escapeText(text('to') ?? '?')}${text('reason') ? `: “${text('reason')}”` : ''}`;
    case 'nudge.snooze':
      // Until when, as the snooze's reply said it: two snoozes of one conversation read apart.
      return `snoozed conversation ${id}${text('until') ? ` until ${formatDayTime(new Date(text('until') as string), timeZone)}` : ''}${snoozeWas(detail, event.actorId, timeZone)}`;
    case 'nudge.unsnooze':
      return `unsnoozed conversation ${id}${snoozeWas(detail, event.actorId, timeZone)}`;
    case 'nudge.reply_credited':
      return `credited the reply to conversation ${id} to <@${text('to') ?? '?'}>${text('from') ? ` instead of <@${text('from')}>` : ''}${text('url') ? ` (${text('url')})` : ''}`;
    case 'nudge.reply_corrected':
      // The link, or how they replied, given again: what it was and what it is now.
      return `corrected the reply to conversation ${id}${text('to') ? ` to ${text('to')}` : ''}${text('from') ? ` (was ${text('from')})` : ''}`;
    case 'digest.carry_feedback':
      return `carried <#${text('from') ?? '?'}>'s mutes to <#${id}>`;
  }
  // "digest.pause", "nudge.claim", "feed.resume": the verb, then what it was done to.
  const past = verb === 'reply' ? 'replied to' : verb.endsWith('e') ? `${verb}d` : `${verb}ed`;
  const subject =
    group === 'sme'
      ? `<@${id}>`
      : group === 'feed'
        ? feed
        : group === 'nudge'
          ? `conversation ${id}`
          : `${group} ${id}`;
  // "paused digest 1 until Mon 4 Jan": the day a pause ends by itself.
  const until =
    event.action === 'digest.pause' && text('pausedUntil')
      ? ` until ${formatSlot(new Date(text('pausedUntil') as string), timeZone).replace(/ 00:00$/, '')}`
      : '';
  return `${past.replace(/_/g, ' ')} ${subject}${until}${read}`;
}

/** A personal follow's removal: its follower (the entry says "unfollowed", not "removed digest"). */
function unfollowOf(event: AuditRow): string | null {
  if (event.action !== 'digest.remove') return null;
  const userId = readDetail(event.detail).userId;
  return typeof userId === 'string' ? userId : null;
}

/**
 * A follow's edit: its follower, kept in the detail (or, in entries made before, the DMs it went to:
 * a user's id where a channel's would be).
 */
function followEditOf(event: AuditRow): string | null {
  if (event.action !== 'digest.edit') return null;
  const detail = readDetail(event.detail);
  if (typeof detail.userId === 'string') return detail.userId;
  const after = detail.after as Record<string, unknown> | undefined;
  const channelId = after && typeof after === 'object' ? after.channelId : undefined;
  return typeof channelId === 'string' && /^[UW][A-Z0-9]{2,}$/.test(channelId) ? channelId : null;
}

/** A personal follow's entry: followed, or (its follower's DMs kept in the detail) paused, changed or ended. */
function isFollowEntry(event: AuditRow): boolean {
  if (event.action === 'digest.follow' || followEditOf(event)) return true;
  return event.subjectType === 'digest' && typeof readDetail(event.detail).userId === 'string';
}

/** The follows a topic's removal ended: `{ id, userId }` each (ids alone in entries made before names were kept). */
function followsEndedOf(
  detail: Record<string, unknown>,
): Array<{ id: number; userId: string; again?: string }> {
  if (!Array.isArray(detail.followsEnded)) return [];
  return detail.followsEnded.flatMap((entry: unknown) =>
    entry && typeof entry === 'object' && 'userId' in entry
      ? [entry as { id: number; userId: string; again?: string }]
      : [],
  );
}

/** The channels whose digest mute or "not relevant" marks of a feed its removal cleared. */
function feedbackClearedOf(detail: Record<string, unknown>): Array<{ channelId: string; muted: boolean }> {
  if (!Array.isArray(detail.feedbackCleared)) return [];
  return detail.feedbackCleared.flatMap((entry: unknown) =>
    entry && typeof entry === 'object' && 'channelId' in entry
      ? [entry as { channelId: string; muted: boolean }]
      : [],
  );
}

/** The channel digests a topic's removal stopped (no topic left) or narrowed: `{ id, channelId, stopped }` each. */
function digestsChangedOf(
  detail: Record<string, unknown>,
): Array<{ id: number; channelId: string; stopped: boolean }> {
  if (!Array.isArray(detail.digestsChanged)) return [];
  return detail.digestsChanged.flatMap((entry: unknown) =>
    entry && typeof entry === 'object' && 'channelId' in entry
      ? [entry as { id: number; channelId: string; stopped: boolean }]
      : [],
  );
}

type SpecDetail = {
  channelId?: string;
  noTopics?: boolean;
  cadence: string;
  timeOfDay: string;
  weekday: number | null;
  days?: string | null;
  timezone: string;
  topics: string[];
  maxItems: number;
  quietDay?: string;
};

function readSpec(value: unknown): SpecDetail | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const spec = value as Partial<SpecDetail>;
  if (
    typeof spec.cadence !== 'string' ||
    typeof spec.timeOfDay !== 'string' ||
    typeof spec.timezone !== 'string'
  )
    return undefined;
  return {
    ...(typeof spec.channelId === 'string' ? { channelId: spec.channelId } : {}),
    ...(spec.noTopics === true ? { noTopics: true } : {}),
    cadence: spec.cadence,
    timeOfDay: spec.timeOfDay,
    weekday: spec.weekday ?? null,
    days: Array.isArray(spec.days) ? (spec.days as number[]).join(',') : (spec.days ?? null),
    timezone: spec.timezone,
    topics: Array.isArray(spec.topics) ? spec.topics : [],
    maxItems: typeof spec.maxItems === 'number' ? spec.maxItems : 8,
    ...(typeof spec.quietDay === 'string' ? { quietDay: spec.quietDay } : {}),
  };
}

/** "daily at 08:00 UTC, pricing, globex, up to 8 items": a digest's settings, for an entry that outlives it. */
function describeSpec(spec: SpecDetail, list: TopicList): string {
  return [
    describeTiming(spec),
    specTopics(spec, 'all topics', 'no topics', list),
    `up to ${spec.maxItems} items`,
    ...(spec.quietDay ? [`quiet: ${spec.quietDay}`] : []),
  ].join(', ');
}

/** "pricing, globex"; `all` for an empty list, `none` for a digest whose last topic was removed. */
function specTopics(spec: SpecDetail, all: string, none: string, list: TopicList): string {
  if (spec.noTopics) return none;
  return spec.topics.length ? list(spec.topics) : all;
}

/** How an entry writes a list of topics: cut to fit a line, or whole. */
type TopicList = (names: string[]) => string;

/** The command that shows one entry whole: its every topic, however many. */
function entryCommand(id: number): string {
  return `/brief changes entry ${id}`;
}

/**
 * An entry's list of topics in a list of entries: those that fit, then "and 117 more (every one:
 * `/brief changes entry 57`)", so a digest of 120 topics is never cut off mid-name, even with its
 * before and after on one line. The entry, not `topics list`: a removed digest's topics may be gone.
 */
function entryTopics(id: number): TopicList {
  return (names) => namesWithin(names, 900, ` (every one: \`${entryCommand(id)}\`)`);
}

const wholeTopics: TopicList = (names) => names.join(', ');

/** ": channel #a → #b, time daily at 08:00 UTC → weekdays at 07:00 Europe/Berlin, max 8 → 3": what an edit changed. */
function digestEdits(detail: Record<string, unknown>, list: TopicList): string {
  const before = readSpec(detail.before);
  const after = readSpec(detail.after);
  if (!before || !after) return '';
  const topics = (spec: SpecDetail) => specTopics(spec, 'all', 'none', list);
  // Channels are mentions, outside the escaped text.
  const channel =
    before.channelId && after.channelId && before.channelId !== after.channelId
      ? [`channel <#${before.channelId}> → <#${after.channelId}>`]
      : [];
  const changes = [
    describeTiming(before) !== describeTiming(after)
      ? `time ${describeTiming(before)} → ${describeTiming(after)}`
      : '',
    // Compared whole: two long lists that differ past what is shown are still a change.
    topics(before) !== topics(after) || before.topics.join() !== after.topics.join()
      ? `topics ${topics(before)} → ${topics(after)}`
      : '',
    before.maxItems !== after.maxItems ? `max ${before.maxItems} → ${after.maxItems}` : '',
    (before.quietDay ?? 'note') !== (after.quietDay ?? 'note')
      ? `quiet ${before.quietDay ?? 'note'} → ${after.quietDay ?? 'note'}`
      : '',
  ].filter(Boolean);
  const all = [...channel, ...changes.map(escapeText)];
  return all.length ? `: ${all.join(', ')}` : '';
}
