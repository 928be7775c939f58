import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#app/domain/roles.ts";
import { ACTIONS, type Action } from "#app/domain/permissions.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { loader as membersLoader } from "#app/routes/orgs.$slug.members.tsx";
import { addMember, createOrganization, createUser, makeRequest, sessionCookie, settle } from "#test/factories.ts";

// Written out by hand, not read from the permission table: which member role of a company may
// do which action, and what everyone else gets (403, or 404 where the action does not exist
// for a company).
const EVERYONE: Role[] = ["viewer", "member", "program_lead", "admin", "owner"];
const LEADS: Role[] = ["program_lead", "admin", "owner"];
const ADMINS: Role[] = ["admin", "owner"];
const EXPECTED: Record<Action, { passes: Role[]; otherwise: 403 | 404 }> = {
  "organization.view": { passes: EVERYONE, otherwise: 403 },
  "assessments.manage": { passes: LEADS, otherwise: 403 },
  "answers.export": { passes: LEADS, otherwise: 403 },
  "roadmap.edit": { passes: LEADS, otherwise: 403 },
  "members.manage": { passes: ADMINS, otherwise: 403 },
  "membership.leave": { passes: EVERYONE, otherwise: 403 },
  "activity.view": { passes: ADMINS, otherwise: 403 },
  "settings.manage": { passes: ADMINS, otherwise: 403 },
  "mail.view": { passes: ADMINS, otherwise: 403 },
  "apiTokens.manage": { passes: ADMINS, otherwise: 403 },
  "privacy.manage": { passes: ADMINS, otherwise: 403 },
  "benchmarks.pool": { passes: ["owner"], otherwise: 403 },
  "engagements.view": { passes: ADMINS, otherwise: 403 },
  "engagements.manage": { passes: ["owner"], otherwise: 403 },
  "clients.view": { passes: [], otherwise: 404 },
  "clients.manage": { passes: [], otherwise: 404 },
};

describe("requireMembership", () => {
  let owner: Awaited<ReturnType<typeof createUser>>;
  let organization: Awaited<ReturnType<typeof createOrganization>>;
  let foreign: Awaited<ReturnType<typeof createOrganization>>;
  const cookies = {} as Record<Role, string>;
  beforeAll(async () => {
    owner = await createUser();
    organization = await createOrganization(owner);
    foreign = await createOrganization(await createUser());
    for (const role of EVERYONE) {
      const user = await createUser();
      await addMember(organization, user, role);
      cookies[role] = await sessionCookie(user);
    }
  });

  it("the table names every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of EVERYONE) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[action].passes.includes(role) ? 200 : EXPECTED[action].otherwise;
      it(`a ${role} asking to ${action} gets ${expected}`, async () => {
        const request = makeRequest("/x", { cookie: cookies[role] });
        const bySlug = await settle(requireMembership(request, { slug: organization.slug }, action));
        const byId = await settle(requireMembership(request, { id: organization.id }, action));
        expect(bySlug.status).toBe(expected);
        expect(byId.status).toBe(expected);
        if (expected === 200) expect(bySlug.data.role).toBe(role);
      });
    }
  }

  it("answers 404 to a member of another organization, by slug and by id", async () => {
    const request = makeRequest("/x", { cookie: await sessionCookie(owner) });
    expect((await settle(requireMembership(request, { slug: foreign.slug }))).status).toBe(404);
    expect((await settle(requireMembership(request, { id: foreign.id }))).status).toBe(404);
  });

  it("answers 404 for an organization that does not exist and for a malformed id", async () => {
    const request = makeRequest("/x", { cookie: await sessionCookie(owner) });
    expect((await settle(requireMembership(request, { slug: "no-such-org" }))).status).toBe(404);
    expect((await settle(requireMembership(request, { id: "not-a-uuid" }))).status).toBe(404);
    expect(
      (await settle(requireMembership(request, { id: "00000000-0000-4000-8000-000000000000" }))).status,
    ).toBe(404);
  });

  it("sends a visitor without a session to sign-in and back", async () => {
    const result = await settle(requireMembership(makeRequest(`/orgs/${organization.slug}`), { slug: organization.slug }));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/signin?redirectTo=${encodeURIComponent(`/orgs/${organization.slug}`)}`);
  });

  it("guards route loaders: a foreign member gets 404 from the members page", async () => {
    const request = makeRequest(`/orgs/${foreign.slug}/members`, { cookie: await sessionCookie(owner) });
    const result = await settle(membersLoader({ request, params: { slug: foreign.slug }, context: { clientIp: "", cspNonce: "" } }));
    expect(result.status).toBe(404);
  });
});
