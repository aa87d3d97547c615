import type { Deps } from '../deps.ts';
import { formatDateTime, formatUntilDay } from '../format.ts';
import { context, escapeText, lineSections, type Message, message, section } from '../slack/blocks/common.ts';
import { requireAdmin } from './access.ts';

/** How many changes `/brief changes` shows: the latest, newest first. */
export const changesShown = 20;

type AuditRow = {
  at: Date;
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: string;
};

/** /brief changes: who changed what, and when, in plain words (the audit log's latest entries). Admins only. */
export async function changesCommand(deps: Deps, userId: string): Promise<Message> {
  await requireAdmin(deps, userId, 'see who changed what');
  const events = await deps.db.prisma.auditEvent.findMany({
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: changesShown,
  });
  const topics = new Map(
    (await deps.db.prisma.topic.findMany({ select: { id: true, name: true } })).map((topic) => [
      String(topic.id),
      topic.name,
    ]),
  );
  const digests = new Map(
    (
      await deps.db.prisma.digestSchedule.findMany({ select: { id: true, channelId: true, userId: true } })
    ).map((digest) => [
      String(digest.id),
      digest.userId ? `<@${digest.userId}>'s follow` : `<#${digest.channelId}>`,
    ]),
  );
  return changesMessage(
    events.map(
      (event) =>
        `${formatDateTime(event.at)} · ${whoDid(event.actorId)} ${whatChanged(event, topics, deps.config.DEFAULT_TIMEZONE)}${event.subjectType === 'digest' && digests.has(event.subjectId ?? '') ? ` (${digests.get(event.subjectId ?? '')})` : ''}`,
    ),
  );
}

export function changesMessage(lines: string[]): Message {
  if (lines.length === 0) return message('No changes yet.', [section('No changes yet.')]);
  const headline = `The last ${lines.length === 1 ? 'change' : `${lines.length} changes`}, newest first`;
  return message(headline, [
    section(`*${headline}*`),
    ...lineSections(
      lines.map((line) => `• ${line}`),
      40,
      (more) => `…and ${more} more.`,
    ),
    context('Every change to feeds, topics, experts, digests and nudges is recorded as it is made.'),
  ]);
}

function whoDid(actorId: string): string {
  if (actorId === 'cli') return 'the command line';
  if (actorId === 'system') return 'Briefbot';
  return /^[UW][A-Z0-9]+$/.test(actorId) ? `<@${actorId}>` : escapeText(actorId);
}

/** One audit event in words: "paused digest 2", "added topic acme (`acme`)". */
function whatChanged(event: AuditRow, topics: Map<string, string>, timeZone: string): string {
  const detail = readDetail(event.detail);
  const id = event.subjectId ?? '?';
  // Addresses and queries are escaped here; the mentions around them must stay mentions.
  const text = (key: string) =>
    typeof detail[key] === 'string' ? escapeText(detail[key] as string) : undefined;
  const topic = text('name') ?? topics.get(id) ?? `topic ${id}`;
  const [group, verb = ''] = event.action.split('.');
  switch (event.action) {
    case 'feed.add':
      return `added feed ${id}${text('url') ? ` (${text('url')})` : ''}${text('kind') ? ` as ${text('kind')}` : ''}`;
    case 'feed.remove':
      return `removed feed ${id}${text('url') ? ` (${text('url')})` : ''}`;
    case 'feed.move':
      return `moved feed ${id}${text('url') ? ` to ${text('url')}` : ''}`;
    case 'feed.kind':
      return `made feed ${id} ${text('kind') ?? 'another kind'}${text('from') ? ` (was ${text('from')})` : ''}`;
    case 'topic.add':
      return `added topic ${topic}${text('query') ? ` (\`${text('query')}\`)` : ''}`;
    case 'topic.edit':
      return text('query')
        ? `changed topic ${topic}'s query to \`${text('query')}\`${text('from') ? ` (was \`${text('from')}\`)` : ''}`
        : `made topic ${topic} ${text('kind') ?? 'another kind'}${text('fromKind') ? ` (was ${text('fromKind')})` : ''}`;
    case 'topic.remove':
      return `removed topic ${topic}`;
    case 'topic.set': {
      const channel =
        detail.channelId === null ? 'no channel' : text('channelId') ? `<#${text('channelId')}>` : undefined;
      const threshold =
        detail.threshold === null
          ? 'the default threshold'
          : typeof detail.threshold === 'number'
            ? `threshold ${detail.threshold}`
            : undefined;
      return `set topic ${topic}'s nudges: ${[channel, threshold].filter(Boolean).join(', ')}`;
    }
    case 'sme.add':
    case 'sme.remove': {
      const list = Array.isArray(detail.topics) ? escapeText((detail.topics as string[]).join(', ')) : '';
      return event.action === 'sme.add'
        ? `put <@${id}> on ${list || 'a beat'}`
        : `took <@${id}> off ${list || 'every beat'}`;
    }
    case 'sme.away':
      // As the reply said it: "until Fri 27 Nov (end of day, UTC)", the year past 6 months.
      return `marked <@${id}> away${text('until') ? ` until ${formatUntilDay(new Date(text('until') as string), timeZone, event.at)}` : ''}`;
    case 'sme.back':
      return `marked <@${id}> back`;
    case 'digest.follow':
      return `followed ${Array.isArray(detail.topics) ? escapeText((detail.topics as string[]).join(', ')) : 'topics'} (digest ${id})`;
    case 'digest.mute_source':
      return `muted feed ${String(detail.feedId ?? '?')} in <#${id}>'s digests`;
    case 'digest.not_relevant':
      return `marked an item of feed ${String(detail.feedId ?? '?')} not relevant in <#${id}>`;
    case 'digest.unmute_source':
      return `cleared the feedback on feed ${String(detail.feedId ?? '?')} in <#${id}>`;
    case 'digest.carry_feedback':
      return `carried <#${text('from') ?? '?'}>'s mutes to <#${id}>`;
  }
  // "digest.pause", "nudge.claim", "feed.resume": the verb, then what it was done to.
  const past = verb === 'reply' ? 'replied to' : verb.endsWith('e') ? `${verb}d` : `${verb}ed`;
  return `${past.replace(/_/g, ' ')} ${group === 'sme' ? `<@${id}>` : `${group} ${id}`}`;
}

function readDetail(detail: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
