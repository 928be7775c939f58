import { randomUUID } from "node:crypto";
import type { Database } from "#db/client.ts";
import { insertBenchmarkEntries, type BenchmarkEntryRow } from "#db/queries/benchmarks.ts";
import { insertOrganizations, slugsTaken } from "#db/queries/organizations.ts";
import {
  insertAnswerRows,
  insertAssessment,
  insertAssessmentRows,
  insertRespondentRows,
  insertResultRows,
  insertRespondents,
  insertResult,
  markRespondentSubmitted,
  transitionAssessment,
  upsertAnswers,
} from "#db/queries/assessments.ts";
import { findVersion } from "#db/queries/questionnaires.ts";
import { toEngineAnswers, type AnswerSave } from "#app/domain/assessments.ts";
import { entryScoresOf } from "#app/domain/benchmarks.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "#app/domain/organization-options.ts";
import { questionnaireVersionSchema, textIn, type QuestionnaireVersion } from "#app/domain/questionnaire/schema.ts";
import type { RespondentFunction } from "#app/domain/respondents.ts";
import { buildRoadmap, planSummary } from "#app/domain/roadmap/generate.ts";
import { scoreAssessment, SCORING_ENGINE_VERSION, type Scorecard } from "#app/domain/scoring/index.ts";
import { insertRoadmap, listItems, setGateCheck, updateItem } from "#db/queries/roadmaps.ts";
import { getInitiativeLibrary } from "./initiatives.server.ts";
import { refreshBenchmarkEntry } from "./benchmarks.server.ts";
import { HORIZON_WEEKS, insertPlanned } from "./roadmap-plans.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { isoDay } from "#app/domain/format.ts";

// Sample data for the demo organization. Functions see the same organization differently:
// sales rates its own selection and relationships higher than service and finance do. Sales,
// key account management and service have three people each, so each shows as its own group;
// finance, leadership and marketing have one each and show together as "Other functions".
const PEOPLE: { name: string; function: RespondentFunction; bias: Partial<Record<string, number>> }[] = [
  { name: "Sam Seller (sample)", function: "sales", bias: { selection: 1, relationships: 1, value: 0.5 } },
  { name: "Sia Sales (sample)", function: "sales", bias: { selection: 1, relationships: 1 } },
  { name: "Kai Account (sample)", function: "kam", bias: { planning: 0.5, relationships: 0.5 } },
  { name: "Kim Keyman (sample)", function: "kam", bias: { planning: 0.5 } },
  { name: "Sol Service (sample)", function: "service", bias: { relationships: -1, value: -1, teams: -0.5 } },
  { name: "Fay Finance (sample)", function: "finance", bias: { performance: -1, selection: -1 } },
  { name: "Lee Leader (sample)", function: "leadership", bias: { strategy: 1, sponsorship: 1, governance: 0.5 } },
  { name: "Mo Marketing (sample)", function: "marketing", bias: { insight: -0.5, value: 0.5 } },
  { name: "Sky Seller (sample)", function: "sales", bias: { selection: 0.5, relationships: 1 } },
  { name: "Kit Keyman (sample)", function: "kam", bias: { planning: 0.5, teams: 0.5 } },
  { name: "Sue Support (sample)", function: "service", bias: { relationships: -0.5, value: -1 } },
  { name: "Sid Success (sample)", function: "service", bias: { value: -0.5, teams: -0.5 } },
];

const BASE: Record<string, number> = {
  selection: 2.6, strategy: 2.8, sponsorship: 2.2, governance: 1.9, teams: 2.4, planning: 2.3,
  competencies: 2.0, insight: 2.7, relationships: 3.1, value: 2.2, performance: 2.1,
};

/** A small deterministic generator, so every fresh demo database looks the same. */
export function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

// A few remarks, as respondents leave them on the questions they feel strongly about.
const COMMENTS: Record<string, string[]> = {
  "selection-criteria": ["The criteria exist, but in practice the biggest revenue decides.", "Finance is never asked about cost to serve."],
  "selection-review": ["Last full review of the list was two years ago."],
  "relationships-contact-map": ["We know purchasing well and almost nobody in their engineering."],
  "value-indicators": ["We talk about value but cannot put a number on it for the customer."],
};

function answersFor(version: QuestionnaireVersion, bias: Partial<Record<string, number>>, next: () => number, share = 1, shift = 0) {
  return version.questions.flatMap((q, i): AnswerSave[] => {
    if (next() > share) return [];
    const sequence = i + 1;
    // Each remark is left by about one person in ten, as remarks are in real surveys.
    const comment = COMMENTS[q.id]?.[Math.floor(next() * 10)] ?? null;
    if (next() < 0.04) return [{ questionId: q.id, choice: "dont_know", level: null, comment, sequence }];
    const raw = (BASE[q.dimension] ?? 2.5) + shift + (bias[q.dimension] ?? 0) + (next() - 0.5) * 1.6;
    return [{ questionId: q.id, choice: "level", level: Math.min(5, Math.max(1, Math.round(raw))), comment, sequence }];
  });
}

/** A closed assessment of everyone in PEOPLE, answered `shift` levels away from BASE. */
export async function seedClosed(
  db: Database,
  stored: { id: string },
  version: QuestionnaireVersion,
  input: {
    organizationId: string;
    userId: string;
    /** The engagement the user works through (a consultancy's client); absent for the user's own organization. */
    engagementId?: string;
    title: string;
    targetProfile: Record<string, number> | null;
    closedAt: Date;
    shift: number;
  },
  next: () => number,
) {
  const closed = await insertAssessment(db, {
    organizationId: input.organizationId,
    questionnaireVersionId: stored.id,
    title: input.title,
    targetProfile: input.targetProfile,
    createdBy: input.userId,
  });
  const people = await insertRespondents(
    db,
    PEOPLE.map((p) => ({
      assessmentId: closed.id,
      name: p.name,
      email: null,
      function: p.function,
      tokenHash: hashSecret(generateSecret()),
      userId: null,
      createdBy: input.userId,
      engagementId: input.engagementId ?? null,
    })),
  );
  const responses = [];
  for (const [i, person] of people.entries()) {
    const saves = answersFor(version, PEOPLE[i]!.bias, next, 1, input.shift);
    await upsertAnswers(db, person.id, saves, input.closedAt);
    await markRespondentSubmitted(db, person.id, input.closedAt);
    responses.push({ respondentId: person.id, function: person.function, answers: toEngineAnswers(saves) });
  }
  await transitionAssessment(db, closed.id, "draft", "open", input.closedAt);
  await transitionAssessment(db, closed.id, "open", "closed", input.closedAt);
  const scorecard = scoreAssessment(version, responses, { targetProfile: input.targetProfile ?? undefined });
  await insertResult(db, closed.id, scorecard, SCORING_ENGINE_VERSION);
  return { assessment: closed, scorecard };
}

/**
 * Two closed assessments a year apart (results worth reading, and a change to compare) and
 * one open assessment under way.
 */
export async function seedDemoAssessments(db: Database, organizationId: string, userId: string, now = new Date()) {
  const stored = await findVersion(db, "kam-maturity", "1.0.0");
  if (!stored) return;
  const version = questionnaireVersionSchema.parse(stored.content);
  const next = random(2026);
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const targetProfile = { governance: 3, competencies: 3 };
  await seedClosed(db, stored, version, { organizationId, userId, title: "KAM maturity baseline 2025 (sample data)", targetProfile, closedAt: daysAgo(365), shift: -0.5 }, next);
  const baseline = await seedClosed(db, stored, version, { organizationId, userId, title: "KAM maturity baseline 2026 (sample data)", targetProfile, closedAt: daysAgo(30), shift: 0 }, next);
  await seedDemoRoadmap(db, { organizationId, userId, version, ...baseline, title: "KAM transformation 2026 (sample data)", startDate: isoDay(daysAgo(150)) });
  await refreshBenchmarkEntry(organizationId, baseline.assessment.id, db);

  const open = await insertAssessment(db, {
    organizationId,
    questionnaireVersionId: stored.id,
    title: "KAM maturity pulse, Q4 (sample data)",
    targetProfile: null,
    createdBy: userId,
  });
  const openPeople = await insertRespondents(
    db,
    PEOPLE.slice(0, 5).map((p) => ({
      assessmentId: open.id,
      name: p.name,
      email: null,
      function: p.function,
      tokenHash: hashSecret(generateSecret()),
      userId: null,
      createdBy: userId,
      engagementId: null,
    })),
  );
  // Three of five under way, most questions answered: enough for provisional figures over the minimum group size of 3.
  for (const [i, person] of openPeople.slice(0, 3).entries()) {
    await upsertAnswers(db, person.id, answersFor(version, PEOPLE[i]!.bias, next, 0.9), new Date());
  }
  await transitionAssessment(db, open.id, "draft", "open", new Date());
}

/**
 * A roadmap from a closed assessment, generated as a program lead would from that assessment's
 * own scores and targets, that started on `startDate`: the knowledge phase mostly done with
 * its gate half ticked, one design initiative under way, one blocked, and milestones that are
 * overdue, as a real program some months in would look.
 */
export async function seedDemoRoadmap(
  db: Database,
  input: {
    organizationId: string;
    userId: string;
    version: QuestionnaireVersion;
    assessment: { id: string; title: string; targetProfile: Record<string, number> | null };
    scorecard: Scorecard;
    title: string;
    startDate: string;
  },
) {
  const library = getInitiativeLibrary(input.version.questionnaire, input.version.version);
  if (!library) return;
  const plan = buildRoadmap(input.scorecard, library, {
    targetProfile: input.assessment.targetProfile ?? undefined,
    startDate: input.startDate,
    capacity: 3,
    horizonWeeks: HORIZON_WEEKS,
    evidence: `Assessment "${input.assessment.title}": index ${input.scorecard.overall.index} from ${input.scorecard.respondentCount} respondents.`,
    dimensions: Object.fromEntries(input.version.dimensions.map((d) => [d.id, { name: textIn(d.name), weight: d.weight }])),
  });
  const roadmap = await insertRoadmap(db, {
    organizationId: input.organizationId,
    title: input.title,
    baselineAssessmentId: input.assessment.id,
    assessmentId: input.assessment.id,
    libraryId: library.library,
    libraryVersion: library.version,
    startDate: input.startDate,
    capacity: 3,
    horizonWeeks: HORIZON_WEEKS,
    plan: planSummary(plan),
    createdBy: input.userId,
  });
  await insertPlanned(db, roadmap.id, plan.phases.flatMap((p) => p.initiatives), 1, input.userId);
  const items = (await listItems(db, roadmap.id)).map((r) => r.item);
  const knowledge = items.filter((i) => i.phase === "knowledge");
  // Every knowledge milestone but the last is done; the knowledge initiatives but one are done.
  const knowledgeMilestones = knowledge.filter((i) => i.kind === "milestone");
  for (const m of knowledgeMilestones.slice(0, -1)) await updateItem(db, m.id, { status: "done", completedAt: new Date(), ownerId: input.userId });
  for (const i of knowledge.filter((i) => i.kind === "initiative").slice(0, -1)) await updateItem(db, i.id, { status: "done", completedAt: new Date(), ownerId: input.userId });
  const design = items.filter((i) => i.phase === "design" && i.kind === "initiative");
  if (design[0]) await updateItem(db, design[0].id, { status: "in_progress", ownerId: input.userId });
  if (design[1]) await updateItem(db, design[1].id, { status: "blocked", blockedReason: "Waiting for the CRM licence budget (sample data)." });
  for (const criterion of library.gates.knowledge.slice(0, 2)) await setGateCheck(db, roadmap.id, "knowledge", criterion.id, input.userId);
}

// --- the sample benchmark pool ------------------------------------------------------

const SAMPLE_POOL_SIZE = 40;
const SAMPLE_NAMES = {
  first: ["Alder", "Birch", "Cedar", "Elm", "Juniper", "Maple", "Rowan", "Willow"],
  second: ["Industries", "Systems", "Group", "Partners", "Works"],
};
// Industries and regions weighted the way a real pool might lean: many manufacturers, most in
// Europe and North America. The demo organization (Manufacturing, Europe) thus has company.
const SAMPLE_INDUSTRIES: readonly (typeof INDUSTRIES)[number][] = [
  ...Array<"Manufacturing">(12).fill("Manufacturing"),
  ...Array<"Chemicals and materials">(6).fill("Chemicals and materials"),
  ...Array<"Technology and software">(6).fill("Technology and software"),
  ...INDUSTRIES.slice(3),
  ...INDUSTRIES.slice(3, 9),
  ...INDUSTRIES.slice(3, 6),
];
const SAMPLE_REGIONS: readonly (typeof REGIONS)[number][] = ["Europe", "North America", "Europe", "Asia-Pacific", "Europe", "North America", "Latin America", "Europe", "Middle East and Africa", "Global"];
const SAMPLE_FUNCTIONS: RespondentFunction[] = ["sales", "kam", "leadership"];

/**
 * Forty generated organizations for the platform pool, so that the demo has a benchmark to
 * look at: no members, names ending "(sample data)", slugs starting "sample-", each with one
 * closed kam-maturity 1.0.0 assessment answered by three respondents, its results snapshot
 * and its benchmark entry. All rows go in with a few bulk statements; run again, it adds nothing.
 */
export async function seedSampleBenchmarkPool(db: Database, now = new Date()) {
  const stored = await findVersion(db, "kam-maturity", "1.0.0");
  if (!stored) return;
  const names = SAMPLE_NAMES.first.flatMap((first) => SAMPLE_NAMES.second.map((second) => `${first} ${second}`)).slice(0, SAMPLE_POOL_SIZE);
  const slugs = names.map((name) => `sample-${name.toLowerCase().replace(/ /g, "-")}`);
  if ((await slugsTaken(db, slugs)).size > 0) return;
  const version = questionnaireVersionSchema.parse(stored.content);
  const next = random(4711);
  const organizationRows = [];
  const assessmentRows = [];
  const respondentRows: Parameters<typeof insertRespondentRows>[1] = [];
  const answerRows: Parameters<typeof insertAnswerRows>[1] = [];
  const resultRows = [];
  const entryRows: Omit<BenchmarkEntryRow, "updatedAt">[] = [];
  for (const [i, name] of names.entries()) {
    const organization = {
      id: randomUUID(),
      slug: slugs[i]!,
      name: `${name} (sample data)`,
      industry: SAMPLE_INDUSTRIES[i % SAMPLE_INDUSTRIES.length]!,
      sizeBand: SIZE_BANDS[(i * 3 + Math.floor(i / 5)) % SIZE_BANDS.length]!,
      region: SAMPLE_REGIONS[(i * 7) % SAMPLE_REGIONS.length]!,
      benchmarkOptIn: true,
      sampleData: true,
    };
    organizationRows.push(organization);
    const closedAt = new Date(now.getTime() - (20 + Math.floor(next() * 300)) * 86_400_000);
    const assessmentId = randomUUID();
    assessmentRows.push({
      id: assessmentId,
      organizationId: organization.id,
      questionnaireVersionId: stored.id,
      title: "KAM maturity assessment (sample data)",
      status: "closed" as const,
      targetProfile: null,
      createdBy: null,
      createdAt: new Date(closedAt.getTime() - 21 * 86_400_000),
      openedAt: new Date(closedAt.getTime() - 20 * 86_400_000),
      closedAt,
    });
    // Each organization has its own overall level and its own strong and weak dimensions.
    const level = 1.5 + next() * 2.8;
    const tilt = Object.fromEntries(version.dimensions.map((d) => [d.id, (next() - 0.5) * 1.4]));
    const responses = SAMPLE_FUNCTIONS.map((fn, r) => {
      const respondentId = randomUUID();
      respondentRows.push({
        id: respondentId,
        assessmentId,
        name: `Respondent ${r + 1} (sample)`,
        email: null,
        function: fn,
        tokenHash: null,
        userId: null,
        startedAt: closedAt,
        submittedAt: closedAt,
      });
      const saves = version.questions.map((q, n): AnswerSave => {
        const raw = level + tilt[q.dimension]! + (next() - 0.5) * 1.4;
        return { questionId: q.id, choice: "level", level: Math.min(5, Math.max(1, Math.round(raw))), comment: null, sequence: n + 1 };
      });
      for (const save of saves) {
        answerRows.push({ respondentId, questionId: save.questionId, choice: save.choice, level: save.level, comment: null, clientSequence: save.sequence, updatedAt: closedAt });
      }
      return { respondentId, function: fn, answers: toEngineAnswers(saves) };
    });
    const scorecard = scoreAssessment(version, responses);
    resultRows.push({ assessmentId, scorecard: scorecard, engineVersion: SCORING_ENGINE_VERSION, createdAt: closedAt });
    const scores = entryScoresOf(scorecard);
    entryRows.push({
      organizationId: organization.id,
      questionnaireVersionId: stored.id,
      assessmentId,
      industry: organization.industry,
      sizeBand: organization.sizeBand,
      region: organization.region,
      platformPool: true,
      overallIndex: scores.index,
      dimensionMeans: scores.dimensions,
      closedAt,
    });
  }
  await insertOrganizations(db, organizationRows);
  await insertAssessmentRows(db, assessmentRows);
  await insertRespondentRows(db, respondentRows);
  await insertAnswerRows(db, answerRows);
  await insertResultRows(db, resultRows);
  await insertBenchmarkEntries(db, entryRows);
}
