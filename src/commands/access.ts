import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';

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
  const admins = deps.config.BRIEFBOT_ADMINS.map((id) => `<@${id}>`);
  const who = admins.length ? `${admins.join(', ')} or a workspace admin` : 'a workspace admin';
  throw new UserError(
    'NOT_ALLOWED',
    `Sorry, only Briefbot admins can ${what}. Ask ${who}; everyone can ask and read.`,
  );
}
