import { getDb, type Database } from "#db/client.ts";
import { writeAudit } from "#db/queries/audit.ts";
import { insertItems, insertNote, insertRoadmap, listRoadmaps } from "#db/queries/roadmaps.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { buildRoadmap, planSummary, type PlannedInitiative } from "#app/domain/roadmap/generate.ts";
import { plannedRows } from "#app/domain/roadmap/plan-rows.ts";
import { isCalendarDate } from "#app/domain/roadmap/tracking.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { roadmapMessages as m } from "#app/messages/roadmaps.ts";
import { authorize, type Membership } from "./access.server.ts";
import { latestAssessmentResult, requireAssessment } from "./assessments.server.ts";
import { getInitiativeLibrary, listRoadmapQuestionnaires } from "./initiatives.server.ts";
import { inTransaction } from "#db/transaction.ts";
import { isoDay } from "#app/domain/format.ts";

export const HORIZON_WEEKS = 52;

export interface GenerateInput {
  startDate: string;
  capacity: number;
}

export function checkGenerateInput(input: { startDate?: string; capacity?: string | number }): GenerateInput {
  const errors: Record<string, string> = {};
  const startDate = (input.startDate ?? "").trim();
  const capacity = Number(input.capacity);
  if (!isCalendarDate(startDate)) errors.startDate = m.startDateInvalid;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10) errors.capacity = m.capacityInvalid;
  if (Object.keys(errors).length > 0) throw new UserError(400, Object.values(errors)[0]!, errors);
  return { startDate, capacity };
}

/** A closed assessment's stored results, the library for its version, and the plan they give. */
export async function planFor(membership: Membership, assessmentId: string, input: GenerateInput) {
  const { assessment, version } = await requireAssessment(membership, assessmentId);
  const result = assessment.status === "closed" ? await latestAssessmentResult(membership, assessmentId) : undefined;
  if (!result) throw new UserError(400, m.assessmentNotClosed);
  const library = getInitiativeLibrary(version.questionnaire, version.version);
  if (!library) throw new UserError(400, m.noLibrary);
  const scorecard = result.scorecard;
  const closed = assessment.closedAt ? isoDay(assessment.closedAt) : "";
  const plan = buildRoadmap(scorecard, library, {
    targetProfile: assessment.targetProfile ?? undefined,
    startDate: input.startDate,
    capacity: input.capacity,
    horizonWeeks: HORIZON_WEEKS,
    evidence: m.generatedFrom(assessment.title, closed, scorecard.overall.index, scorecard.respondentCount),
    dimensions: Object.fromEntries(version.dimensions.map((d) => [d.id, { name: textIn(d.name), weight: d.weight }])),
  });
  return { assessment, version, scorecard, library, plan };
}

/** The plan a closed assessment gives, for the program lead to look at before accepting it. */
export async function previewRoadmap(membership: Membership, assessmentId: string, input: GenerateInput) {
  const { assessment, plan, library, version } = await planFor(membership, assessmentId, input);
  const names = Object.fromEntries(version.dimensions.map((d) => [d.id, textIn(d.name)]));
  return { assessment, plan, libraryTitle: textIn(library.title), dimensionNames: names };
}

/**
 * Inserts initiatives with their milestones in two statements (initiatives, then milestones
 * under the ids they got); evidence of milestones done at generation becomes a note.
 */
export async function insertPlanned(db: Database, roadmapId: string, initiatives: PlannedInitiative[], firstPosition: number, authorId: string) {
  const now = new Date();
  const rows = initiatives.map((initiative, i) => plannedRows(roadmapId, initiative, firstPosition + i, now));
  const parents = await insertItems(db, rows.map((r) => r.parent));
  const idOf = new Map(parents.map((p) => [p.key, p.id]));
  const milestones = await insertItems(
    db,
    rows.flatMap((r) => r.milestones.map((milestone) => ({ ...milestone, parentId: idOf.get(r.parent.key)! }))),
  );
  const milestoneId = new Map(milestones.map((m) => [m.key, m.id]));
  for (const initiative of initiatives) {
    for (const planned of initiative.milestones) {
      if (planned.evidence) await insertNote(db, { itemId: milestoneId.get(planned.id)!, kind: "evidence", body: planned.evidence, authorId });
    }
  }
}

/**
 * Stores the plan as the organization's roadmap: every initiative and milestone becomes a tracked
 * item. The title comes checked by roadmapTitleSchema.
 */
export async function acceptRoadmap(membership: Membership, assessmentId: string, input: GenerateInput & { title: string }) {
  authorize(membership, "roadmap.edit");
  const { title } = input;
  const { assessment, plan, library } = await planFor(membership, assessmentId, input);
  return inTransaction(getDb(), async (db) => {
    const roadmap = await insertRoadmap(db, {
      organizationId: membership.organization.id,
      title,
      baselineAssessmentId: assessment.id,
      assessmentId: assessment.id,
      libraryId: library.library,
      libraryVersion: library.version,
      startDate: input.startDate,
      capacity: input.capacity,
      horizonWeeks: HORIZON_WEEKS,
      plan: planSummary(plan),
      createdBy: membership.user.id,
    });
    await insertPlanned(db, roadmap.id, plan.phases.flatMap((p) => p.initiatives), 1, membership.user.id);
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: "roadmap.created",
      details: { roadmapId: roadmap.id, assessmentId: assessment.id, title },
    });
    return roadmap;
  });
}

/** Of an organization's assessments, the closed ones a roadmap can be generated from: of a questionnaire with an initiative library. */
export function roadmapSources<T extends { status: string; questionnaireId: string }>(assessments: readonly T[]): T[] {
  const questionnaires = listRoadmapQuestionnaires();
  return assessments.filter((a) => a.status === "closed" && questionnaires.has(a.questionnaireId));
}

export function listOrganizationRoadmaps(membership: Membership) {
  return listRoadmaps(getDb(), membership.organization.id);
}
