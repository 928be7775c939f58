import { getDb } from "#db/client.ts";
import { listMembers } from "#db/queries/organizations.ts";
import { findRoadmapWithItems } from "#db/queries/roadmaps.ts";
import { currentPhaseOfGates } from "#app/domain/roadmap/gates.ts";
import { progressOf } from "#app/domain/roadmap/tracking.ts";
import { isUuid, notFound } from "#app/lib/errors.server.ts";
import type { Membership } from "./access.server.ts";
import { today } from "./roadmap-access.server.ts";
import { roadmapGates } from "./roadmap-gates.server.ts";

/**
 * Everything the roadmap pages show: items, gates, progress, the current phase and who can own
 * items (left out with `members: false`, for readers that assign no one).
 */
export async function loadRoadmap(membership: Membership, roadmapId: string, options: { members?: boolean } = {}) {
  if (!isUuid(roadmapId)) notFound();
  const db = getDb();
  const [found, members] = await Promise.all([
    findRoadmapWithItems(db, membership.organization.id, roadmapId),
    options.members === false ? [] : listMembers(db, membership.organization.id),
  ]);
  if (!found) notFound();
  return { ...shapeRoadmap(found), members: members.map((mm) => ({ id: mm.userId, name: mm.name })) };
}

/** A roadmap read with its items and gate checks, as the roadmap pages show it. */
export function shapeRoadmap(found: NonNullable<Awaited<ReturnType<typeof findRoadmapWithItems>>>) {
  const { items: rows, gateChecks, ...roadmap } = found;
  const checks = gateChecks.map(({ checker, ...check }) => ({ ...check, checkedByName: checker?.name ?? null }));
  const gates = roadmapGates(roadmap, checks);
  const items = rows.map(({ owner, noteCount, ...item }) => ({ ...item, ownerName: owner?.name ?? null, notes: noteCount }));
  const live = items.filter((i) => i.removedAt === null);
  return {
    roadmap,
    summary: roadmap.plan,
    items: live,
    removed: items.filter((i) => i.removedAt !== null),
    gates,
    currentPhase: currentPhaseOfGates(gates),
    progress: progressOf(live, today()),
    today: today(),
  };
}
