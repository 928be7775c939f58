// Queries per page: every main page loader and every /api/v1 route must send at most 4
// statements, and must issue the same number of statements whether the organization
// shows 2 rows of everything or 12 (no N+1).
//
// What is counted: every statement the loader sends for one request, the session lookup and
// the access check included (they run on every request too), heard on the real database
// handle (test/statements.ts). Each call gets a fresh Request, so no session or membership is
// reused from an earlier call. Each route is called once before it is counted: what a
// process keeps after its first request (a published questionnaire version's content, which
// the database freezes, and the benchmark pool, checked by its stamp) costs one statement once,
// not on every request. Remix runs the organization layout (orgs.$slug.tsx) beside each page;
// it is measured as a route of its own. BEGIN/COMMIT of a transaction are not counted.
import { beforeAll, describe, expect, it } from "vitest";
import { API, measure, PAGES, seed } from "#test/page-requests.ts";
import { loadQuestionnaires, sharedWorld } from "#test/factories.ts";

const SMALL = 2;
const LARGE = 12;
const PAGE_BUDGET = 4;

const worlds = sharedWorld(async () => {
  await loadQuestionnaires();
  return { small: await seed(SMALL), large: await seed(LARGE) };
});

beforeAll(worlds.build, 240_000);

describe.each([
  ["page", PAGES],
  ["API route", API],
] as const)("statements per %s", (_kind, routes) => {
  it.each(routes.map((route) => [route.file, route] as const))("%s", async (_file, route) => {
    const { small, large } = await worlds();
    await measure(route, small);
    const few = await measure(route, small);
    const many = await measure(route, large);
    expect([few.status, many.status]).toEqual([200, 200]);
    if (route.rows) expect(route.rows(many.data), "the larger world shows more rows").toBeGreaterThan(route.rows(few.data));
    const listing = many.statements.map((s, i) => `${i + 1}. ${s.sql.slice(0, 160)}`).join("\n");
    expect(many.count, `${SMALL} rows vs ${LARGE} rows:\n${listing}`).toBe(few.count);
    expect(many.count, `over budget:\n${listing}`).toBeLessThanOrEqual(PAGE_BUDGET);
  });
});
