import { getDb } from "#db/client.ts";
import { listClosedWithScorecards } from "#db/queries/assessments.ts";
import { listItems, nextPosition, updateItem, updateRoadmap, type Roadmap } from "#db/queries/roadmaps.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { noLongerNeededFlags } from "#app/domain/roadmap/cascades.ts";
import { measuredChange } from "#app/domain/roadmap/loop.ts";
import { isNewerRound, loopRounds, regenerationDiff, regenerationStart } from "#app/domain/roadmap/regeneration.ts";
import type { Scorecard } from "#app/domain/scoring/index.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { roadmapMessages as m } from "#app/messages/roadmaps.ts";
import type { Membership } from "./access.server.ts";
import { requireAssessment } from "./assessments.server.ts";
import { getVersionById } from "./surveys.server.ts";
import { audit, requireRoadmap, today } from "./roadmap-access.server.ts";
import { planSummary } from "#app/domain/roadmap/generate.ts";
import { insertPlanned, planFor } from "./roadmap-plans.server.ts";
import { inTransaction } from "#db/transaction.ts";
import { isoDay } from "#app/domain/format.ts";

/** What regenerating from a newer closed assessment would change: initiatives added, no longer needed, unchanged. */
export async function previewRegeneration(membership: Membership, roadmapId: string, assessmentId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  const { assessment: current } = await requireAssessment(membership, roadmap.assessmentId);
  const { plan, assessment, library } = await planFor(membership, assessmentId, { startDate: regenerationStart(today(), roadmap.startDate), capacity: roadmap.capacity });
  if (!isNewerRound(assessment, current)) throw new UserError(400, m.notNewer);
  if (library.library !== roadmap.libraryId) throw new UserError(400, m.sameQuestionnaire);
  const all = (await listItems(getDb(), roadmap.id)).map((r) => r.item);
  const items = all.filter((i) => i.removedAt === null);
  const planned = plan.phases.flatMap((p) => p.initiatives);
  const diff = regenerationDiff(all, planned.map((i) => i.id));
  return { roadmap, assessment, plan, library, diff, items, planned };
}

/**
 * Accepts the regenerated plan: adds the new initiatives, marks those whose gap closed as no
 * longer needed, and changes nothing else. Statuses, owners, dates, notes and custom items stay.
 */
export async function acceptRegeneration(membership: Membership, roadmapId: string, assessmentId: string) {
  const { roadmap, assessment, plan, diff, items, planned } = await previewRegeneration(membership, roadmapId, assessmentId);
  const added = new Set(diff.added);
  await inTransaction(getDb(), async (db) => {
    await insertPlanned(db, roadmap.id, planned.filter((i) => added.has(i.id)), await nextPosition(db, roadmap.id), membership.user.id);
    for (const { id, noLongerNeeded } of noLongerNeededFlags(diff, items)) await updateItem(db, id, { noLongerNeeded });
    await updateRoadmap(db, roadmap.id, { assessmentId: assessment.id, plan: planSummary(plan) });
    await audit(membership, "roadmap.regenerated", { roadmapId: roadmap.id, assessmentId: assessment.id, added: diff.added.length, noLongerNeeded: diff.noLongerNeeded.length }, db);
  });
  return diff;
}

/** A closed assessment with its snapshot, as the loop compares them. */
export type ClosedAssessment = { id: string; title: string; closedAt: Date | null; questionnaireVersionId: string; scorecard: Scorecard | null };

const scoredOnly = (rows: readonly ClosedAssessment[]) =>
  rows.filter((r) => r.scorecard !== null && r.closedAt !== null).map((r) => ({ ...r, scorecard: r.scorecard! }));

const meansOf = (scorecard: Scorecard) => Object.fromEntries(scorecard.dimensions.map((d) => [d.dimensionId, d.mean]));

/**
 * What the roadmap page shows about the loop: the newest assessment closed after the one the
 * plan was last generated from (to regenerate from), and per dimension the change measured
 * since the baseline beside the profile the plan projects.
 */
export async function loadRoadmapLoop(membership: Membership, roadmap: Roadmap, closedOfQuestionnaire?: readonly ClosedAssessment[]) {
  // The plan's assessments were closed when it was made, so they are normally among the closed
  // ones of their questionnaire (oldest closed first; given by a caller that has them already);
  // one reopened since (or without results) is read on its own.
  const closed = scoredOnly(
    closedOfQuestionnaire ?? (await listClosedWithScorecards(getDb(), membership.organization.id, roadmap.baselineAssessmentId)),
  );
  const closedBaseline = closed.find((a) => a.id === roadmap.baselineAssessmentId);
  const closedCurrent = closed.find((a) => a.id === roadmap.assessmentId);
  const [baselineRead, currentRead] = await Promise.all([
    closedBaseline ? undefined : requireAssessment(membership, roadmap.baselineAssessmentId),
    closedCurrent ? undefined : requireAssessment(membership, roadmap.assessmentId),
  ]);
  const baseline = closedBaseline ?? baselineRead!.assessment;
  const version = closedBaseline ? await getVersionById(closedBaseline.questionnaireVersionId) : baselineRead!.version;
  const current = closedCurrent ?? currentRead!.assessment;
  const { regenerateFrom, baselineRow, latest } = loopRounds(closed, baseline, current);
  const summary = roadmap.plan;
  const change =
    baselineRow && latest
      ? measuredChange({
          dimensions: version.dimensions.map((d) => ({ id: d.id, name: textIn(d.name), weight: d.weight })),
          baseline: { means: meansOf(baselineRow.scorecard), index: baselineRow.scorecard.overall.index },
          latest: { means: meansOf(latest.scorecard), index: latest.scorecard.overall.index },
          projected: summary.projection.at(-1)?.profile ?? {},
        })
      : null;
  return {
    regenerateFrom: regenerateFrom ? { id: regenerateFrom.id, title: regenerateFrom.title } : null,
    baseline: { id: baseline.id, title: baseline.title },
    latest: latest ? { id: latest.id, title: latest.title, closedAt: isoDay(latest.closedAt!) } : null,
    change,
    calendarIssued: roadmap.calendarTokenHash !== null,
  };
}

/** The regeneration preview as the page shows it: titles and reasons, not keys. */
export async function loadRegeneration(membership: Membership, roadmapId: string, assessmentId: string) {
  const { roadmap, assessment, diff, items, planned } = await previewRegeneration(membership, roadmapId, assessmentId);
  const byKey = new Map(items.map((i) => [i.key, i]));
  const plannedByKey = new Map(planned.map((i) => [i.id, i]));
  const existing = (key: string) => {
    const item = byKey.get(key)!;
    return { id: item.id, title: item.title, phase: item.phase, status: item.status, alreadyFlagged: item.noLongerNeeded };
  };
  return {
    roadmap: { id: roadmap.id, title: roadmap.title },
    assessment: { id: assessment.id, title: assessment.title, closedAt: assessment.closedAt ? isoDay(assessment.closedAt) : null },
    added: diff.added.map((key) => {
      const i = plannedByKey.get(key)!;
      return { key, title: i.title, phase: i.phase, reason: i.reason, start: i.start, end: i.end, milestones: i.milestones.length };
    }),
    noLongerNeeded: diff.noLongerNeeded.map(existing),
    unchanged: diff.unchanged.map(existing),
    custom: items.filter((i) => i.custom && i.kind === "initiative").map((i) => ({ id: i.id, title: i.title })),
  };
}

/** The newest closed assessment the roadmap can be regenerated from, if any. */
export async function regenerationCandidate(membership: Membership, roadmapId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  return (await loadRoadmapLoop(membership, roadmap)).regenerateFrom;
}
