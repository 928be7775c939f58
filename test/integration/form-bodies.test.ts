// A form action given a body that is no form answers 415 or 400; it used to throw a TypeError (a 500).
import { describe, expect, it } from "vitest";
import { action as signIn } from "#app/routes/signin.tsx";
import { action as newOrganization } from "#app/routes/orgs.new.tsx";
import { createUser, sessionCookie, settle, testContext } from "#test/factories.ts";

const post = (path: string, body: string, headers: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: "POST", headers: { Origin: "http://localhost", ...headers }, body });

describe("form actions and bodies that are no form", () => {
  it("answer 415 for JSON and plain text", async () => {
    for (const type of ["application/json", "text/plain"]) {
      const result = await settle(signIn({ request: post("/signin", '{"email":"a@b.c","password":"x"}', { "Content-Type": type }), params: {}, context: testContext() }));
      expect(result.status, type).toBe(415);
    }
  });

  it("answer 400 for a multipart body that does not parse", async () => {
    const cookie = await sessionCookie(await createUser());
    const request = post("/orgs/new", "not multipart at all", { "Content-Type": "multipart/form-data; boundary=----x", Cookie: cookie });
    expect((await settle(newOrganization({ request, params: {}, context: testContext() }))).status).toBe(400);
  });
});
