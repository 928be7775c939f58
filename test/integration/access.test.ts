import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#app/domain/roles.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { loader as membersLoader } from "#app/routes/orgs.$slug.members.tsx";
import { addMember, createOrganization, createUser, makeRequest, sessionCookie, settle } from "#test/factories.ts";

// Written out by hand: which member role passes which minimum role.
const PASSES: Record<Role, Role[]> = {
  viewer: ["viewer"],
  member: ["viewer", "member"],
  program_lead: ["viewer", "member", "program_lead"],
  admin: ["viewer", "member", "program_lead", "admin"],
  owner: ["viewer", "member", "program_lead", "admin", "owner"],
};
const ROLES_TO_TRY: Role[] = ["viewer", "member", "program_lead", "admin", "owner"];

describe("requireMembership", () => {
  let owner: Awaited<ReturnType<typeof createUser>>;
  let organization: Awaited<ReturnType<typeof createOrganization>>;
  let foreign: Awaited<ReturnType<typeof createOrganization>>;
  beforeAll(async () => {
    owner = await createUser();
    organization = await createOrganization(owner);
    foreign = await createOrganization(await createUser());
  });

  for (const role of ROLES_TO_TRY) {
    for (const minimum of ROLES_TO_TRY) {
      const expected = PASSES[role].includes(minimum) ? 200 : 403;
      it(`a ${role} asking for ${minimum} gets ${expected}`, async () => {
        const user = await createUser();
        await addMember(organization, user, role);
        const request = makeRequest("/x", { cookie: await sessionCookie(user) });
        const bySlug = await settle(requireMembership(request, { slug: organization.slug }, minimum));
        const byId = await settle(requireMembership(request, { id: organization.id }, minimum));
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
