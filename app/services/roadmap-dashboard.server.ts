import { getDb } from "#db/client.ts";
import { findNewestRoadmapWithItems, listRoadmaps, type Roadmap } from "#db/queries/roadmaps.ts";
import { blockedItems, DASHBOARD_DAYS, dueSoon, overdueItems, roadmapStatus } from "#app/domain/roadmap/loop.ts";
import { roundCovers } from "#app/domain/roadmap/regeneration.ts";
import { progressOf } from "#app/domain/roadmap/tracking.ts";
import type { Membership } from "./access.server.ts";
import { requireAssessment } from "./assessments.server.ts";
import { loadRoadmapLoop, type ClosedAssessment } from "./roadmap-loop.server.ts";
import { loadRoadmap, shapeRoadmap } from "./roadmap-view.server.ts";
import { isoDay } from "#app/domain/format.ts";

async function statusOf(membership: Membership, roadmap: Roadmap, fromAssessment: string, todayIs: string) {
  const loaded = await loadRoadmap(membership, roadmap.id, { members: false });
  return roadmapStatus({
    title: roadmap.title,
    startDate: roadmap.startDate,
    endDate: loaded.summary.endDate,
    fromAssessment,
    currentPhase: loaded.currentPhase,
    items: loaded.items,
    today: todayIs,
  });
}

/**
 * The roadmap section of an assessment's board report: the newest roadmap generated from
 * that assessment or from one closed after it; null when there is none.
 */
export async function loadReportRoadmap(membership: Membership, assessment: { id: string; closedAt: Date | null }, now = new Date()) {
  if (!assessment.closedAt) return null;
  const roadmaps = await listRoadmaps(getDb(), membership.organization.id);
  for (const roadmap of roadmaps) {
    const { assessment: from } = await requireAssessment(membership, roadmap.assessmentId);
    if (roundCovers(from, { id: assessment.id, closedAt: assessment.closedAt })) {
      return statusOf(membership, roadmap, from.title, isoDay(now));
    }
  }
  return null;
}

/**
 * The organization overview's roadmap card: the newest roadmap's phase, what is due, overdue
 * and blocked, projected and measured index. The overview gives the organization's assessments
 * with their snapshots, which it reads anyway, for the measured change; without them the loop
 * reads the closed assessments of the roadmap's questionnaire itself.
 */
export async function loadRoadmapDashboard(
  membership: Membership,
  now = new Date(),
  organizationAssessments?: Promise<readonly (ClosedAssessment & { status: string; questionnaireId: string })[]>,
) {
  // Awaited together, so a failed read of the assessments is never left unhandled.
  const [found, assessments] = await Promise.all([findNewestRoadmapWithItems(getDb(), membership.organization.id), organizationAssessments]);
  if (!found) return null;
  const loaded = shapeRoadmap(found);
  const { roadmap } = loaded;
  const questionnaire = assessments?.find((a) => a.id === roadmap.baselineAssessmentId)?.questionnaireId;
  const closed = assessments
    ?.filter((a) => a.status === "closed" && a.questionnaireId === questionnaire)
    .sort((a, b) => (a.closedAt?.getTime() ?? 0) - (b.closedAt?.getTime() ?? 0));
  const loop = await loadRoadmapLoop(membership, roadmap, closed);
  const todayIs = isoDay(now);
  const titles = new Map(loaded.items.map((i) => [i.id, i.title]));
  const brief = (i: (typeof loaded.items)[number]) => ({
    id: i.id,
    title: i.title,
    kind: i.kind,
    initiative: i.parentId ? (titles.get(i.parentId) ?? null) : null,
    dueDate: i.dueDate,
    owner: i.ownerName,
    blockedReason: i.blockedReason,
  });
  const progress = progressOf(loaded.items, todayIs);
  return {
    roadmap: { id: roadmap.id, title: roadmap.title },
    currentPhase: loaded.currentPhase,
    progress: { done: progress.done, total: progress.total },
    dueSoon: dueSoon(loaded.items, todayIs, DASHBOARD_DAYS).map(brief),
    overdue: overdueItems(loaded.items, todayIs).map(brief),
    blocked: blockedItems(loaded.items).map(brief),
    index: loop.change?.index ?? null,
    baseline: loop.baseline,
    latest: loop.latest,
    regenerateFrom: loop.regenerateFrom,
  };
}
