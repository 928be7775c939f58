import { getDb } from "#db/client.ts";
import { findRoadmapByCalendarTokenHash, listItems, updateRoadmap } from "#db/queries/roadmaps.ts";
import { buildCalendar } from "#app/domain/calendar.ts";
import { toCsv } from "#app/domain/csv.ts";
import { milestoneEvents, ROADMAP_CSV_HEADER, roadmapCsvFilename, roadmapCsvRows, type LoopItem } from "#app/domain/roadmap/loop.ts";
import { notFound } from "#app/lib/errors.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import type { Membership } from "./access.server.ts";
import { audit, requireRoadmap } from "./roadmap-access.server.ts";

export async function loopItems(roadmapId: string): Promise<LoopItem[]> {
  return (await listItems(getDb(), roadmapId)).map(({ item, ownerName }) => ({ ...item, ownerName }));
}

/** Every initiative and milestone as CSV, removed ones marked; cells are safe from formula injection. */
export async function exportRoadmapCsv(membership: Membership, roadmapId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  return { filename: roadmapCsvFilename(roadmap.title), csv: toCsv(ROADMAP_CSV_HEADER, roadmapCsvRows(await loopItems(roadmap.id))) };
}

/**
 * Issues a new secret calendar link, replacing any earlier one; the secret is returned once
 * and stored hashed, with who issued it and through which engagement, so the feed ends when
 * their access does.
 */
export async function issueCalendarFeed(membership: Membership, roadmapId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  const token = generateSecret();
  await updateRoadmap(getDb(), roadmap.id, {
    calendarTokenHash: hashSecret(token),
    calendarCreatedBy: membership.user.id,
    calendarEngagementId: membership.engagement?.id ?? null,
  });
  await audit(membership, roadmap.calendarTokenHash ? "roadmap.calendar_reissued" : "roadmap.calendar_issued", { roadmapId: roadmap.id });
  return token;
}

/** Revokes the calendar link: the feed answers 404 from now on. */
export async function revokeCalendarFeed(membership: Membership, roadmapId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  if (roadmap.calendarTokenHash === null) return;
  await updateRoadmap(getDb(), roadmap.id, { calendarTokenHash: null, calendarCreatedBy: null, calendarEngagementId: null });
  await audit(membership, "roadmap.calendar_revoked", { roadmapId: roadmap.id });
}

/** The iCalendar feed of a roadmap's milestone due dates, found by its secret alone (no session); 404 otherwise. */
export async function roadmapCalendar(token: string, now = new Date()) {
  const roadmap = token.length > 0 && token.length <= 100 ? await findRoadmapByCalendarTokenHash(getDb(), hashSecret(token)) : undefined;
  if (!roadmap) notFound();
  return buildCalendar({ name: roadmap.title, events: milestoneEvents(await loopItems(roadmap.id), "roadmap.kam-navigator"), generatedAt: now });
}
