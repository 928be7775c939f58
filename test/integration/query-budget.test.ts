// Queries per page: every main page loader and every /api/v1 route must stay within its
// statement budget, and must issue the same number of statements whether the organization
// shows 2 rows of everything or 12 (no N+1).
//
// What is counted: every statement the loader sends for one request, the session lookup and
// the access check included (they run on every request too), heard on the real database
// handle (test/statements.ts). Each call gets a fresh Request, so no session or membership is
// reused from an earlier call. Each route is called once before it is counted: what a
// process keeps after its first request (a published questionnaire version's content, which
// the database freezes) costs one statement once, not on every request. Remix runs the organization layout (orgs.$slug.tsx) beside each page; it is
// measured as a route of its own. BEGIN/COMMIT of a transaction are not counted.
import { beforeAll, describe, expect, it } from "vitest";
import { API, measure, PAGES, seed, type Measured, type World } from "#test/page-requests.ts";
import { loadQuestionnaires } from "#test/factories.ts";

const SMALL = 2;
const LARGE = 12;
const PAGE_BUDGET = 4;

/**
 * Routes allowed more than PAGE_BUDGET statements, each with the reason. The count is still
 * fixed: it must not grow with the rows shown.
 */
const OVER_BUDGET: Record<string, { budget: number; why: string }> = {
  "orgs.$slug._index.tsx": {
    budget: 9,
    why:
      "A dashboard of five cards (members, assessments, readiness outcome, assessments waiting for the user, roadmap " +
      "progress and loop), each read through the service of its own page; one bespoke query per card would copy them.",
  },
};

let small: World;
let large: World;

beforeAll(async () => {
  await loadQuestionnaires();
  small = await seed(SMALL);
  large = await seed(LARGE);
}, 240_000);

function budgetOf(route: Measured) {
  return OVER_BUDGET[route.file]?.budget ?? PAGE_BUDGET;
}

describe.each([
  ["page", PAGES],
  ["API route", API],
] as const)("statements per %s", (_kind, routes) => {
  it.each(routes.map((route) => [route.file, route] as const))("%s", async (_file, route) => {
    await measure(route, small);
    const few = await measure(route, small);
    const many = await measure(route, large);
    expect([few.status, many.status]).toEqual([200, 200]);
    if (route.rows) expect(route.rows(many.data), "the larger world shows more rows").toBeGreaterThan(route.rows(few.data));
    const listing = many.statements.map((s, i) => `${i + 1}. ${s.sql.slice(0, 160)}`).join("\n");
    expect(many.count, `${SMALL} rows vs ${LARGE} rows:\n${listing}`).toBe(few.count);
    expect(many.count, `over budget:\n${listing}`).toBeLessThanOrEqual(budgetOf(route));
  });
});

describe("budgets", () => {
  it("name only routes that exist and exceed the page budget", () => {
    const files = new Set([...PAGES, ...API].map((route) => route.file));
    for (const [file, { budget }] of Object.entries(OVER_BUDGET)) {
      expect(files.has(file), file).toBe(true);
      expect(budget, file).toBeGreaterThan(PAGE_BUDGET);
    }
  });
});
