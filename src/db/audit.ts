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
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}
