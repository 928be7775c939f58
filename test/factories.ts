import { getDb } from "#db/client.ts";
import { insertUser } from "#db/queries/identity.ts";
import { insertMembership, insertOrganization } from "#db/queries/organizations.ts";
import { insertRoadmap } from "#db/queries/roadmaps.ts";
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
    plan: {},
  });
}
