// A slug in the URL that no organization can have (NUL, spaces, SQL-looking text) answers 404;
// a NUL used to reach the database and fail the query (a 500).
import { describe, expect, it } from "vitest";
import { loader as organizationPage } from "#app/routes/orgs.$slug._index.tsx";
import { action as assessmentAction } from "#app/routes/orgs.$slug.assessments.$assessmentId.tsx";
import { createOrganization, createUser, makeRequest, sessionCookie, settle, testContext } from "#test/factories.ts";

describe("slugs that cannot name an organization", () => {
  it("answer 404 on pages and actions", async () => {
    const owner = await createUser();
    await createOrganization(owner);
    const cookie = await sessionCookie(owner);
    for (const slug of ["\u0000", "a\u0000b", "' OR '1'='1", "a b", "x".repeat(101)]) {
      const params = { slug, assessmentId: "00000000-0000-0000-0000-000000000000" };
      const page = await settle(organizationPage({ request: makeRequest("/orgs/x", { cookie }), params, context: testContext() }));
      expect(page.status, JSON.stringify(slug)).toBe(404);
      const action = await settle(assessmentAction({ request: makeRequest("/orgs/x/assessments/y", { cookie, form: { intent: "add" } }), params, context: testContext() }));
      expect(action.status, JSON.stringify(slug)).toBe(404);
    }
  });
});
