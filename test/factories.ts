import { getDb } from "#db/client.ts";
import { insertUser } from "#db/queries/identity.ts";
import { insertMembership, insertOrganization } from "#db/queries/organizations.ts";
import { insertRoadmap } from "#db/queries/roadmaps.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import type { RespondentFunction } from "#app/domain/respondents.ts";
import type { Role } from "#app/domain/roles.ts";
import { hashPassword } from "#app/lib/password.server.ts";
import { createSession, sessionCookieName } from "#app/lib/session.server.ts";

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence += 1)}`;

export const TEST_PASSWORD = "a-long-enough-password";

export async function createUser(overrides: { name?: string; email?: string; password?: string } = {}) {
  const n = next();
  const user = await insertUser(getDb(), {
    name: overrides.name ?? `User ${n}`,
    email: overrides.email ?? `user-${n}@example.com`,
    passwordHash: await hashPassword(overrides.password ?? TEST_PASSWORD),
  });
  if (!user) throw new Error("createUser: email taken");
  return user;
}

export async function createOrganization(owner: { id: string }, name = `Org ${next()}`) {
  const organization = await insertOrganization(getDb(), {
    name,
    slug: `org-${next()}`,
    industry: "Manufacturing",
    sizeBand: "250–999",
    region: "Europe",
  });
  if (!organization) throw new Error("createOrganization: slug taken");
  await insertMembership(getDb(), { organizationId: organization.id, userId: owner.id, role: "owner" });
  return organization;
}

export async function addMember(organization: { id: string }, user: { id: string }, role: Role) {
  await insertMembership(getDb(), { organizationId: organization.id, userId: user.id, role });
}

/** A Cookie header for a fresh session of the user. */
export async function sessionCookie(user: { id: string }, now?: Date): Promise<string> {
  const { token } = await createSession(getDb(), user.id, now);
  return `${sessionCookieName()}=${token}`;
}

/** A request as the browser would send it to the app (same origin). */
export function makeRequest(
  path: string,
  options: { cookie?: string; form?: Record<string, string>; method?: string } = {},
): Request {
  const headers = new Headers({ Origin: "http://localhost" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  const method = options.method ?? (options.form ? "POST" : "GET");
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: options.form ? new URLSearchParams(options.form) : undefined,
  });
}

export const testContext = (clientIp = "127.0.0.1") => ({ clientIp, cspNonce: "test" });

export interface Settled {
  status: number;
  data?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever the route answered
  location?: string | null;
  headers?: Headers;
}

/** What a loader or action answered, thrown or returned, as status, data and redirect target. */
export async function settle(result: Promise<unknown>): Promise<Settled> {
  let value: unknown;
  try {
    value = await result;
  } catch (thrown) {
    if (thrown instanceof Response) {
      return { status: thrown.status, location: thrown.headers.get("Location"), headers: thrown.headers };
    }
    throw thrown;
  }
  if (value instanceof Response) {
    return {
      status: value.status,
      location: value.headers.get("Location"),
      headers: value.headers,
      data: value.headers.get("Content-Type")?.includes("json") ? await value.json() : undefined,
    };
  }
  if (value && typeof value === "object" && "type" in value && value.type === "DataWithResponseInit") {
    const wrapped = value as unknown as { data: unknown; init: ResponseInit | null };
    return { status: wrapped.init?.status ?? 200, data: wrapped.data };
  }
  return { status: 200, data: value };
}

/** The questionnaires from surveys/, loaded as start-up would. */
export async function loadQuestionnaires() {
  const { requireValidSurveys, syncQuestionnaires } = await import("#app/services/surveys.server.ts");
  await syncQuestionnaires(requireValidSurveys());
}

/** The user's membership of the organization, through the real access helper. */
export async function membershipOf(user: { id: string }, organization: { id: string }) {
  const { requireMembership } = await import("#app/services/access.server.ts");
  return requireMembership(makeRequest("/", { cookie: await sessionCookie(user) }), { id: organization.id });
}

/** A roadmap row with no items, for tests about the roadmap's calendar feed rather than its plan. */
export async function insertEmptyRoadmap(organizationId: string, assessmentId: string, title = "Test plan") {
  return insertRoadmap(getDb(), {
    organizationId,
    title,
    baselineAssessmentId: assessmentId,
    assessmentId,
    libraryId: "kam-initiatives",
    libraryVersion: "1.0.0",
    startDate: "2026-01-05",
    capacity: 2,
    horizonWeeks: 52,
    plan: { id: "empty", dimensions: [], projection: [], notes: [], endDate: "2026-01-05" },
  });
}

/** A user who owns a fresh organization, with their membership and a signed-in cookie. */
export async function createOwner(overrides: { name?: string; organization?: string } = {}) {
  const user = await createUser({ name: overrides.name });
  const organization = await createOrganization(user, overrides.organization);
  return { user, organization, membership: await membershipOf(user, organization), cookie: await sessionCookie(user) };
}

/** A new user with `role` in the organization, and a signed-in cookie. */
export async function createMember(organization: { id: string }, role: Role, overrides: { name?: string } = {}) {
  const user = await createUser({ name: overrides.name });
  await addMember(organization, user, role);
  return { user, cookie: await sessionCookie(user) };
}

type Membership = Awaited<ReturnType<typeof membershipOf>>;

/** Someone asked to answer; `levels` (question id → level) are saved in that order, comments beside them. */
export interface RespondentPlan {
  name: string;
  email?: string | null;
  function?: RespondentFunction;
  levels?: Record<string, number>;
  comments?: Record<string, string>;
}

export interface AssessmentPlan {
  title?: string;
  questionnaireId?: string;
  version?: string;
  targetProfile?: Record<string, number> | null;
  respondents?: RespondentPlan[];
  /** Submits every answering respondent's answers after saving them. */
  submit?: boolean;
}

/** `n` sales respondents named `${prefix}1` to `${prefix}n`, all answering `levels`. */
export const respondentsAnswering = (n: number, levels: Record<string, number>, prefix = "R"): RespondentPlan[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}`, function: "sales", levels }));

/** The same level for each of the questions. */
export const levelsFor = (questionIds: readonly string[], level: number) => Object.fromEntries(questionIds.map((id) => [id, level]));

/** The five key account selection questions of kam-maturity 1.0.0. */
export const SELECTION_QUESTIONS = ["selection-criteria", "selection-attractiveness", "selection-review", "selection-resources", "selection-power-holders"] as const;

/** The questions of a loaded questionnaire version, in order. */
async function questionsOf(questionnaireId: string, version: string) {
  const { getQuestionnaireVersion } = await import("#app/services/surveys.server.ts");
  return (await getQuestionnaireVersion(questionnaireId, version))!.version.questions;
}

/** The question ids of a loaded questionnaire version, in order. */
export async function questionIdsOf(questionnaireId: string, version = "1.0.0") {
  return (await questionsOf(questionnaireId, version)).map((q) => q.id);
}

/** A level for every question of a loaded version, chosen by the question's dimension. */
export async function levelsByDimension(levelOf: (dimension: string) => number, questionnaireId = "kam-maturity", version = "1.0.0") {
  return Object.fromEntries((await questionsOf(questionnaireId, version)).map((q) => [q.id, levelOf(q.dimension)]));
}

/**
 * An open assessment, created, its respondents invited and their answers saved through the
 * services, as people would. Answers the assessment and the invited respondents with their tokens.
 */
export async function openAssessmentWith(membership: Membership, plan: AssessmentPlan = {}) {
  const { createAssessment, inviteRespondents, openAssessment } = await import("#app/services/assessments.server.ts");
  const { requireRespondent, saveAnswers, submitAnswers } = await import("#app/services/respondents.server.ts");
  const assessment = await createAssessment(membership, {
    questionnaireId: plan.questionnaireId ?? "kam-maturity",
    version: plan.version ?? "1.0.0",
    title: plan.title ?? "Baseline 2026",
    targetProfile: plan.targetProfile ?? null,
  });
  const people = plan.respondents ?? [];
  const invited =
    people.length === 0
      ? []
      : await inviteRespondents(
          membership,
          assessment.id,
          people.map((p) => ({ name: p.name, email: p.email ?? null, function: p.function ?? "sales" })),
        );
  await openAssessment(membership, assessment.id);
  for (const [i, person] of people.entries()) {
    const saves: AnswerSave[] = Object.entries(person.levels ?? {}).map(([questionId, level], k) => ({
      questionId,
      choice: "level",
      level,
      comment: person.comments?.[questionId] ?? null,
      sequence: k + 1,
    }));
    if (saves.length === 0) continue;
    await saveAnswers(await requireRespondent(invited[i]!.token), saves);
    if (plan.submit) await submitAnswers(await requireRespondent(invited[i]!.token));
  }
  return { assessment, respondents: invited };
}

/** As openAssessmentWith, then closed, so its results are stored. */
export async function closedAssessmentWith(membership: Membership, plan: AssessmentPlan = {}) {
  const { closeAssessment } = await import("#app/services/assessments.server.ts");
  const opened = await openAssessmentWith(membership, plan);
  await closeAssessment(membership, opened.assessment.id);
  return opened;
}

/** A roadmap accepted from a closed assessment through the roadmap service. */
export async function acceptedRoadmap(membership: Membership, assessmentId: string, input: { title?: string; startDate?: string; capacity?: number } = {}) {
  const { acceptRoadmap } = await import("#app/services/roadmap-plans.server.ts");
  return acceptRoadmap(membership, assessmentId, { startDate: input.startDate ?? "2026-01-05", capacity: input.capacity ?? 2, title: input.title ?? "KAM 2026" });
}

/**
 * State a file's tests share, built once in the file's beforeAll (which has the longer hook
 * timeout) and returned to every test as a const: `const world = sharedWorld(build)`,
 * `beforeAll(world.build)`, `const { owner } = await world()`. For state a test must not
 * share, use a vitest fixture (`test.extend`) instead.
 */
export function sharedWorld<T>(build: () => Promise<T>) {
  let built: Promise<T> | undefined;
  const get = () => (built ??= build());
  return Object.assign(get, {
    build: async () => {
      await get();
    },
  });
}
