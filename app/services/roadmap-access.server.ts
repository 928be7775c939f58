import { getDb, type Database } from "#db/client.ts";
import { writeAudit, type AuditEntry } from "#db/queries/audit.ts";
import { findRoadmap, findRoadmapWithItem } from "#db/queries/roadmaps.ts";
import { isUuid, notFound } from "#app/lib/errors.server.ts";
import type { Membership } from "./access.server.ts";
import { isoDay } from "#app/domain/format.ts";

/** A roadmap of the membership's organization, or 404. */
export async function requireRoadmap(membership: Membership, roadmapId: string) {
  const roadmap = isUuid(roadmapId) ? await findRoadmap(getDb(), membership.organization.id, roadmapId) : undefined;
  if (!roadmap) notFound();
  return roadmap;
}

/** An item of a roadmap of the membership's organization, with its roadmap and its owner's name (one statement), or 404. */
export async function requireItem(membership: Membership, roadmapId: string, itemId: string) {
  const found = isUuid(roadmapId) && isUuid(itemId) ? await findRoadmapWithItem(getDb(), membership.organization.id, roadmapId, itemId) : undefined;
  const row = found?.items[0];
  if (!found || !row) notFound();
  const { items: _items, ...roadmap } = found;
  const { owner, ...item } = row;
  return { roadmap, item, ownerName: owner?.name ?? null };
}

export const auditEntry = (membership: Membership, action: string, details: Record<string, unknown>): AuditEntry => ({
  organizationId: membership.organization.id,
  actorId: membership.user.id,
  action,
  details,
});

export async function audit(membership: Membership, action: string, details: Record<string, unknown>, db: Database = getDb()) {
  await writeAudit(db, auditEntry(membership, action, details));
}

export const today = () => isoDay(new Date());
