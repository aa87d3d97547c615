import { topicLabel } from '../analysis/topics.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { escapeText } from '../slack/blocks/common.ts';

export const Role = { Admin: 'admin', Sme: 'sme', Member: 'member' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** BRIEFBOT_ADMINS, or a workspace admin or owner (asked of Slack, cached there). */
export async function isAdmin(deps: Deps, userId: string): Promise<boolean> {
  if (deps.config.BRIEFBOT_ADMINS.includes(userId)) return true;
  return deps.directory.isWorkspaceAdmin(userId);
}

export async function roleOf(deps: Deps, userId: string): Promise<Role> {
  if (await isAdmin(deps, userId)) return Role.Admin;
  const sme = await deps.db.prisma.sme.findUnique({ where: { userId }, select: { id: true } });
  return sme ? Role.Sme : Role.Member;
}

/** Changes are for admins; everyone else gets a polite refusal naming who can. */
export async function requireAdmin(deps: Deps, userId: string, what: string): Promise<void> {
  if (await isAdmin(deps, userId)) return;
  throw new UserError(
    'NOT_ALLOWED',
    `Sorry, only Briefbot admins can ${what}. Ask ${await adminsToAsk(deps)}.`,
  );
}

/** Whom a member asks for a change only admins make: "<@U1>, <@U2> or a workspace admin". */
export async function adminsToAsk(deps: Deps): Promise<string> {
  const admins = (await knownAdmins(deps)).map((id) => `<@${id}>`);
  return admins.length ? `${admins.join(', ')} or a workspace admin` : 'a workspace admin';
}

/** Whom this person asks for an admin's move: undefined for an admin, who asks nobody. */
export async function adminsToAskFor(deps: Deps, userId: string): Promise<string | undefined> {
  return (await isAdmin(deps, userId)) ? undefined : adminsToAsk(deps);
}

// Changes only admins can make: whoever made one lately is a Briefbot admin to ask.
const adminActions = [
  'feed.',
  'topic.',
  'sme.',
  'digest.add',
  'digest.edit',
  'digest.pause',
  'digest.resume',
  'digest.remove',
];

/** BRIEFBOT_ADMINS, else the admins who changed feeds, topics, experts or digests lately (at most three). */
async function knownAdmins(deps: Deps): Promise<string[]> {
  if (deps.config.BRIEFBOT_ADMINS.length) return deps.config.BRIEFBOT_ADMINS;
  const recent = await deps.db.prisma.auditEvent.findMany({
    where: { OR: adminActions.map((action) => ({ action: { startsWith: action } })) },
    select: { actorId: true },
    orderBy: { id: 'desc' },
    take: 200,
  });
  // Slack users only: the command line's changes are recorded as "cli".
  const ids = [...new Set(recent.map((event) => event.actorId))].filter((id) =>
    /^[UW][A-Z0-9]{2,}$/.test(id),
  );
  // A follow's owner edits their own digest too: only the ones who are admins now are named.
  const admins: string[] = [];
  for (const id of ids) {
    if (admins.length === 3) break;
    if (await isAdmin(deps, id)) admins.push(id);
  }
  return admins;
}

/**
 * Claim, dismiss and snooze are for the experts on the conversation's topic (any expert, for one on
 * no topic) and for admins; anyone else is told who can, and how to get it.
 */
export async function requireExpertOrAdmin(
  deps: Deps,
  nudgeId: number,
  userId: string,
  what: string,
): Promise<void> {
  const nudge = await deps.db.prisma.nudge.findUnique({
    where: { id: nudgeId },
    include: { topic: { include: { beats: { include: { sme: { select: { userId: true } } } } } } },
  });
  if (!nudge) return;
  const experts = nudge.topic?.beats.map((beat) => beat.sme.userId) ?? null;
  if (experts ? experts.includes(userId) : await deps.db.prisma.sme.findUnique({ where: { userId } })) return;
  if (await isAdmin(deps, userId)) return;
  const topic = nudge.topic ? escapeText(topicLabel(nudge.topic)) : null;
  const admins = await adminsToAsk(deps);
  // Nobody on the beat: "only the experts on globex" would name nobody.
  if (topic && experts?.length === 0)
    throw new UserError(
      'NOT_EXPERT',
      `Sorry, no expert covers ${topic} yet, so only an admin can ${what} conversation ${nudgeId}. Ask ${admins} to put you on its beat: \`/brief sme add @${userId} ${topic}\`.`,
    );
  const who = topic
    ? `the experts on ${topic}${experts?.length ? ` (${experts.map((id) => `<@${id}>`).join(', ')})` : ''}`
    : 'the experts';
  const ask = experts?.length ? `; or ask ${experts.map((id) => `<@${id}>`).join(', ')} in its thread` : '';
  const next = topic
    ? `Ask ${admins} to put you on the beat: \`/brief sme add @${userId} ${topic}\`${ask}`
    : `Ask ${admins} to give it to you: \`/brief nudge reassign ${nudgeId} @${userId}\``;
  throw new UserError(
    'NOT_EXPERT',
    `Sorry, only ${who} or an admin can ${what} conversation ${nudgeId}. ${next}.`,
  );
}

/** Whether someone is an expert on a conversation's topic (any expert, for one on no topic). */
export async function isExpertOn(deps: Deps, nudgeId: number, userId: string): Promise<boolean> {
  const nudge = await deps.db.prisma.nudge.findUnique({ where: { id: nudgeId }, select: { topicId: true } });
  if (!nudge) return false;
  const sme = await deps.db.prisma.sme.findUnique({
    where: { userId },
    include: { beats: { select: { topicId: true } } },
  });
  if (!sme) return false;
  return nudge.topicId === null || sme.beats.some((beat) => beat.topicId === nudge.topicId);
}
