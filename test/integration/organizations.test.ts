import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { auditLog, memberships, organizations } from "#db/schema/index.ts";
import type { Role } from "#app/domain/roles.ts";
import { action as newOrgAction } from "#app/routes/orgs.new.tsx";
import { action as membersAction, loader as membersLoader } from "#app/routes/orgs.$slug.members.tsx";
import { action as settingsAction } from "#app/routes/orgs.$slug.settings.tsx";
import { addMember, createOrganization, createUser, makeRequest, sessionCookie, settle, testContext } from "#test/factories.ts";

const profile = { industry: "Manufacturing", sizeBand: "250–999", region: "Europe" };
type Org = Awaited<ReturnType<typeof createOrganization>>;

function members(org: Org, cookie: string, form: Record<string, string>) {
  return settle(
    membersAction({
      request: makeRequest(`/orgs/${org.slug}/members`, { cookie, form }),
      params: { slug: org.slug },
      context: testContext(),
    }),
  );
}

async function roleOf(org: Org, userId: string): Promise<Role | undefined> {
  const [row] = await getDb()
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, userId)));
  return row?.role;
}

describe("creating an organization", () => {
  it("makes the creator owner and derives a unique slug from the name", async () => {
    const cookie = await sessionCookie(await createUser());
    const create = (name: string) =>
      settle(newOrgAction({ request: makeRequest("/orgs/new", { cookie, form: { name, ...profile } }), params: {}, context: testContext() }));
    expect((await create("Müller & Söhne GmbH")).location).toBe("/orgs/muller-sohne-gmbh");
    expect((await create("Müller & Söhne GmbH")).location).toBe("/orgs/muller-sohne-gmbh-2");
  });

  it("answers 400 with field messages for a missing name and an unknown region", async () => {
    const cookie = await sessionCookie(await createUser());
    const result = await settle(
      newOrgAction({ request: makeRequest("/orgs/new", { cookie, form: { name: " ", industry: "Manufacturing", sizeBand: "250–999", region: "Atlantis" } }), params: {}, context: testContext() }),
    );
    expect(result.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({ name: "Enter the organization's name.", region: "Choose a region." });
  });
});

describe("members and roles", () => {
  let org: Org;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let ownerCookie: string;
  beforeEach(async () => {
    owner = await createUser();
    org = await createOrganization(owner);
    ownerCookie = await sessionCookie(owner);
  });

  it("an admin changes a member's role, and it is audited", async () => {
    const admin = await createUser();
    const member = await createUser();
    await addMember(org, admin, "admin");
    await addMember(org, member, "member");
    const result = await members(org, await sessionCookie(admin), { intent: "role", userId: member.id, role: "program_lead" });
    expect(result.status).toBe(200);
    expect(await roleOf(org, member.id)).toBe("program_lead");
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, "membership.role_changed")));
    expect(entry?.details).toEqual({ userId: member.id, from: "member", to: "program_lead" });

    const page = await settle(
      membersLoader({ request: makeRequest(`/orgs/${org.slug}/members`, { cookie: ownerCookie }), params: { slug: org.slug }, context: testContext() }),
    );
    expect(page.data.activity[0].sentence).toBe(`${admin.name} changed ${member.name}'s role from Member to Program lead.`);
    const asMember = await settle(
      membersLoader({ request: makeRequest(`/orgs/${org.slug}/members`, { cookie: await sessionCookie(member) }), params: { slug: org.slug }, context: testContext() }),
    );
    expect(asMember.data.activity).toEqual([]);
    expect(asMember.data.invitations).toEqual([]);
  });

  it("the last owner can be neither demoted nor removed, and cannot leave", async () => {
    const admin = await createUser();
    await addMember(org, admin, "admin");
    const demote = await members(org, ownerCookie, { intent: "role", userId: owner.id, role: "admin" });
    expect(demote.status).toBe(400);
    expect(demote.data.formError).toBe("The last owner cannot be demoted. Make someone else an owner first.");
    const leave = await members(org, ownerCookie, { intent: "leave" });
    expect(leave.status).toBe(400);
    expect(leave.data.formError).toMatch(/^You are the last owner/);
    const removeByAdmin = await members(org, await sessionCookie(admin), { intent: "remove", userId: owner.id });
    expect(removeByAdmin.status).toBe(400);
    expect(await roleOf(org, owner.id)).toBe("owner");
  });

  it("with a second owner, the first may step down and leave", async () => {
    const second = await createUser();
    await addMember(org, second, "admin");
    expect((await members(org, ownerCookie, { intent: "role", userId: second.id, role: "owner" })).status).toBe(200);
    expect((await members(org, ownerCookie, { intent: "leave" })).location).toBe("/orgs");
    expect(await roleOf(org, owner.id)).toBeUndefined();
    expect(await roleOf(org, second.id)).toBe("owner");
  });

  it("an admin removes a member; a member cannot remove anyone", async () => {
    const member = await createUser();
    const other = await createUser();
    await addMember(org, member, "member");
    await addMember(org, other, "viewer");
    expect((await members(org, await sessionCookie(member), { intent: "remove", userId: other.id })).status).toBe(403);
    expect(await roleOf(org, other.id)).toBe("viewer");
    expect((await members(org, ownerCookie, { intent: "remove", userId: other.id })).status).toBe(200);
    expect(await roleOf(org, other.id)).toBeUndefined();
  });

  it("a user id from another organization answers 404 and changes nothing there", async () => {
    const foreignOwner = await createUser();
    const foreign = await createOrganization(foreignOwner);
    const result = await members(org, ownerCookie, { intent: "remove", userId: foreignOwner.id });
    expect(result.status).toBe(404);
    expect(await roleOf(foreign, foreignOwner.id)).toBe("owner");
  });
});

describe("settings", () => {
  it("an admin renames the slug; a taken slug answers 409; a viewer gets 403", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const other = await createOrganization(owner);
    const cookie = await sessionCookie(owner);
    const save = (form: Record<string, string>, as = cookie) =>
      settle(settingsAction({ request: makeRequest(`/orgs/${org.slug}/settings`, { cookie: as, form }), params: { slug: org.slug }, context: testContext() }));
    const taken = await save({ name: "Renamed", slug: other.slug, ...profile });
    expect(taken.status).toBe(409);
    expect(taken.data.fieldErrors.slug).toBe("This address is already taken by another organization.");
    const bad = await save({ name: "Renamed", slug: "Not A Slug!", ...profile });
    expect(bad.status).toBe(400);
    const viewer = await createUser();
    await addMember(org, viewer, "viewer");
    expect((await save({ name: "Renamed", slug: "renamed-org", ...profile }, await sessionCookie(viewer))).status).toBe(403);
    const ok = await save({ name: "Renamed", slug: "renamed-org", ...profile });
    expect(ok.location).toBe("/orgs/renamed-org/settings?saved=1");
    const [row] = await getDb().select().from(organizations).where(eq(organizations.id, org.id));
    expect(row?.slug).toBe("renamed-org");
  });
});
