// Links the app hands out (invitations, respondent links, engagement offers, calendar feeds)
// start with APP_URL. They were built from the request's Host, so behind a proxy that passes on
// an attacker's Host or X-Forwarded-Host they pointed at the attacker's site.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const APP_URL = vi.hoisted(() => {
  // Set before anything reads the environment, which is read once per process.
  const previous = process.env.APP_URL;
  process.env.APP_URL = "https://kam.example.com";
  return { value: "https://kam.example.com", previous };
});

import { getDb } from "#db/client.ts";
import { insertOrganization } from "#db/queries/organizations.ts";
import { env, parseEnv } from "#app/lib/env.server.ts";
import { action as assessmentAction } from "#app/routes/orgs.$slug.assessments.$assessmentId.tsx";
import { action as newClientAction } from "#app/routes/orgs.$slug.clients.new.tsx";
import { action as consultanciesAction } from "#app/routes/orgs.$slug.consultancies.tsx";
import { action as membersAction } from "#app/routes/orgs.$slug.members.tsx";
import { action as calendarAction } from "#app/routes/orgs.$slug.roadmaps.$roadmapId_.calendar.tsx";
import { createAssessment } from "#app/services/assessments.server.ts";
import { acceptedRoadmap, addMember, closedAssessmentWith, createOwner, loadQuestionnaires, settle, sharedWorld, testContext } from "#test/factories.ts";

afterAll(() => {
  if (APP_URL.previous === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = APP_URL.previous;
});

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const { user: owner, organization: company, membership: member, cookie } = await createOwner();
  const consultancy = await insertOrganization(getDb(), { name: "Origin Advisors", slug: `origin-advisors-${Date.now().toString(36)}`, industry: "Professional services", sizeBand: "50–249", region: "Europe", kind: "consultancy" });
  await addMember(consultancy!, owner, "owner");
  const { assessment } = await closedAssessmentWith(member, { title: "Origin", respondents: [{ name: "Ann", levels: { "selection-criteria": 2 } }] });
  const roadmapId = (await acceptedRoadmap(member, assessment.id, { title: "Plan" })).id;
  return { cookie, member, slug: company.slug, consultancySlug: consultancy!.slug, roadmapId };
});
beforeAll(world.build);

/** A form post as a proxy would pass it on when a client names another host. */
function fromProxy(cookie: string, path: string, form: Record<string, string>) {
  return new Request(`http://evil.example${path}`, {
    method: "POST",
    headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http", Origin: "http://evil.example", Cookie: cookie },
    body: new URLSearchParams(form),
  });
}

const on = (link: unknown) => new URL(String(link)).origin;

describe("links are built on APP_URL, whatever Host the request names", () => {
  it("APP_URL is the configured origin", () => {
    expect(env().APP_URL).toBe(APP_URL.value);
  });

  it("an invitation link", async () => {
    const { cookie, slug } = await world();
    const result = await settle(membersAction({ request: fromProxy(cookie, `/orgs/${slug}/members`, { intent: "invite", role: "member" }), params: { slug }, context: testContext() }));
    expect(result.status).toBe(200);
    expect(result.data.link).toMatch(/^https:\/\/kam\.example\.com\/invite\/[a-z2-7]{52}$/);
  });

  it("a respondent link", async () => {
    const { cookie, member, slug } = await world();
    const open = await createAssessment(member, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Links", targetProfile: null });
    const added = await settle(assessmentAction({ request: fromProxy(cookie, `/orgs/${slug}/assessments/${open.id}`, { intent: "add", name: "Ben", email: "", function: "kam" }), params: { slug, assessmentId: open.id }, context: testContext() }));
    expect(added.status).toBe(200);
    expect(added.data.links.map((l: { link: string }) => on(l.link))).toEqual([APP_URL.value]);
    expect(added.data.links[0].link).toMatch(/^https:\/\/kam\.example\.com\/a\/[^/]+$/);
  });

  it("a new client's owner invitation", async () => {
    const { cookie, consultancySlug } = await world();
    const result = await settle(newClientAction({ request: fromProxy(cookie, `/orgs/${consultancySlug}/clients/new`, { name: "Client Co", industry: "Manufacturing", sizeBand: "250–999", region: "Europe" }), params: { slug: consultancySlug }, context: testContext() }));
    expect(result.status).toBe(200);
    expect(on(result.data.ownerLink)).toBe(APP_URL.value);
  });

  it("an engagement offer", async () => {
    const { cookie, slug } = await world();
    const result = await settle(consultanciesAction({ request: fromProxy(cookie, `/orgs/${slug}/consultancies`, { intent: "offer", role: "viewer" }), params: { slug }, context: testContext() }));
    expect(result.status).toBe(200);
    expect(result.data.link).toMatch(/^https:\/\/kam\.example\.com\/engage\/[^/]+$/);
  });

  it("a calendar feed", async () => {
    const { cookie, slug, roadmapId } = await world();
    const result = await settle(calendarAction({ request: fromProxy(cookie, `/orgs/${slug}/roadmaps/${roadmapId}/calendar`, { intent: "issue" }), params: { slug, roadmapId }, context: testContext() }));
    expect(result.status).toBe(200);
    expect(result.data.url).toMatch(/^https:\/\/kam\.example\.com\/calendar\/[^/]+\/roadmap\.ics$/);
  });
});

describe("APP_URL is checked when the app starts", () => {
  it("defaults to the local address on PORT", () => {
    expect(parseEnv({ PORT: "3111" }).APP_URL).toBe("http://localhost:3111");
    expect(parseEnv({}).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ APP_URL: "" }).APP_URL).toBe("http://localhost:3000");
  });

  it("keeps an origin, with or without the closing slash", () => {
    expect(parseEnv({ APP_URL: "https://kam.example.com/" }).APP_URL).toBe("https://kam.example.com");
    expect(parseEnv({ APP_URL: "http://10.0.0.5:8080" }).APP_URL).toBe("http://10.0.0.5:8080");
  });

  it("refuses anything else with a sentence", () => {
    const message = "APP_URL: APP_URL is the site's public origin, an http:// or https:// address without a path, such as https://kam.example.com.";
    for (const value of ["kam.example.com", "ftp://kam.example.com", "https://kam.example.com/app", "https://kam.example.com/?x=1", "https://user:pw@kam.example.com", "not a url"]) {
      expect(() => parseEnv({ APP_URL: value }), value).toThrow(message);
    }
  });
});
