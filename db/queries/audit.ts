import { desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client.ts";
import { auditLog, users } from "../schema/index.ts";

export interface AuditEntry {
  organizationId?: string | null;
  actorId?: string | null;
  action: string;
  details?: Record<string, unknown>;
}

/** Stores an entry, or several in one statement. */
export async function writeAudit(db: Database, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const rows = [entries].flat();
  if (rows.length === 0) return;
  await db.insert(auditLog).values(rows.map((entry) => ({ ...entry, details: entry.details ?? {} })));
}

const subject = alias(users, "subject");

/** The newest entries of an organization, with the names of who acted and on whom. */
export async function listAuditForOrganization(db: Database, organizationId: string, limit = 20) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorName: users.name,
      subjectName: subject.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(subject, sql`${subject.id}::text = ${auditLog.details}->>'userId'`)
    .where(eq(auditLog.organizationId, organizationId))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}
