import { desc, eq } from "drizzle-orm";
import type { Database } from "../client.ts";
import { auditLog } from "../schema/index.ts";

export interface AuditEntry {
  organizationId?: string | null;
  actorId?: string | null;
  action: string;
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

export async function listAuditForOrganization(db: Database, organizationId: string, limit = 50) {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.organizationId, organizationId))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}
