import { displayFeedUrl } from '../monitor/canonical-url.ts';
import type { Db } from './client.ts';

export type AuditEntry = {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  detail?: Record<string, unknown>;
};

/** Who changed what, when: every change a person makes through Briefbot. */
export async function recordAudit(db: Db, at: Date, entry: AuditEntry): Promise<void> {
  await db.prisma.auditEvent.create({
    data: {
      at,
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
      // The log is shown to members (`changes`): a feed address's password is never kept in it.
      detail: displayFeedUrl(JSON.stringify(entry.detail ?? {})),
    },
  });
}
