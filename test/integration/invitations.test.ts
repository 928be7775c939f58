import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { auditLog, invitations, memberships } from "#db/schema/index.ts";
import { loader as inviteLoader, action as inviteAction } from "#app/routes/invite.$token.tsx";
import { action as membersAction } from "#app/routes/orgs.$slug.members.tsx";
import { addMember, createOrganization, createUser, makeRequest, sessionCookie, settle, testContext } from "#test/factories.ts";

type Org = Awaited<ReturnType<typeof createOrganization>>;

async function invite(organization: Org, cookie: string, role = "member") {
  const result = await settle(
    membersAction({
      request: makeRequest(`/orgs/${organization.slug}/members`, { cookie, form: { intent: "invite", role } }),
      params: { slug: organization.slug },
      context: testContext(),
    }),
  );
  return result;
}

function tokenOf(link: string) {
  return link.split("/invite/")[1]!;
}

async function accept(token: string, cookie: string) {
  return settle(
    inviteAction({ request: makeRequest(`/invite/${token}`, { cookie, form: {} }), params: { token }, context: testContext() }),
  );
}

async function view(token: string) {
  return settle(inviteLoader({ request: makeRequest(`/invite/${token}`), params: { token }, context: testContext() }));
}

describe("invitations", () => {
  let organization: Org;
  let ownerCookie: string;
  beforeEach(async () => {
    const owner = await createUser();
    organization = await createOrganization(owner);
    ownerCookie = await sessionCookie(owner);
  });

  it("a valid link adds the person with the invited role, once", async () => {
    const created = await invite(organization, ownerCookie, "program_lead");
    expect(created.status).toBe(200);
    const token = tokenOf(created.data.link);
    expect(token).toMatch(/^[a-z2-7]{52}$/);
    const stored = await getDb().select().from(invitations).where(eq(invitations.organizationId, organization.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toBe(token);
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBeGreaterThan(7 * 86400_000 - 5_000);

    expect((await view(token)).data.invitation.role).toBe("program_lead");
    const joiner = await createUser();
    const joined = await accept(token, await sessionCookie(joiner));
    expect(joined.status).toBe(302);
    expect(joined.location).toBe(`/orgs/${organization.slug}`);
    const rows = await getDb().select().from(memberships).where(eq(memberships.userId, joiner.id));
    expect(rows.map((row) => row.role)).toEqual(["program_lead"]);

    const second = await createUser();
    const again = await accept(token, await sessionCookie(second));
    expect(again.status).toBe(410);
    expect(again.data.formError).toBe("This invitation has already been used. Each link works once; ask for a new one.");
    expect((await view(token)).status).toBe(410);
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, second.id))).toHaveLength(0);

    const actions = (await getDb().select().from(auditLog).where(eq(auditLog.organizationId, organization.id))).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.created", "invitation.accepted"]));
  });

  it("an expired link is refused with its own message", async () => {
    const token = tokenOf((await invite(organization, ownerCookie)).data.link);
    await getDb().update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.organizationId, organization.id));
    const result = await accept(token, await sessionCookie(await createUser()));
    expect(result.status).toBe(410);
    expect(result.data.formError).toMatch(/^This invitation has expired\./);
    expect((await view(token)).status).toBe(410);
  });

  it("a revoked link is refused, and revoking is audited", async () => {
    const token = tokenOf((await invite(organization, ownerCookie)).data.link);
    const [row] = await getDb().select().from(invitations).where(eq(invitations.organizationId, organization.id));
    const revoked = await settle(
      membersAction({
        request: makeRequest(`/orgs/${organization.slug}/members`, { cookie: ownerCookie, form: { intent: "revoke", invitationId: row!.id } }),
        params: { slug: organization.slug },
        context: testContext(),
      }),
    );
    expect(revoked.status).toBe(200);
    const result = await accept(token, await sessionCookie(await createUser()));
    expect(result.status).toBe(410);
    expect(result.data.formError).toBe("This invitation was revoked. Ask for a new one.");
  });

  it("an unknown link answers 404", async () => {
    expect((await view("x".repeat(52))).status).toBe(404);
    expect((await accept("x".repeat(52), await sessionCookie(await createUser()))).status).toBe(404);
  });

  it("a malformed invitation id in a revoke answers 400, not 500", async () => {
    const result = await settle(
      membersAction({
        request: makeRequest(`/orgs/${organization.slug}/members`, { cookie: ownerCookie, form: { intent: "revoke", invitationId: "'; drop table" } }),
        params: { slug: organization.slug },
        context: testContext(),
      }),
    );
    expect(result.status).toBe(400);
  });

  it("an admin cannot invite an owner, and a member cannot invite at all", async () => {
    const admin = await createUser();
    await addMember(organization, admin, "admin");
    const asAdmin = await invite(organization, await sessionCookie(admin), "owner");
    expect(asAdmin.status).toBe(403);
    const member = await createUser();
    await addMember(organization, member, "member");
    expect((await invite(organization, await sessionCookie(member), "viewer")).status).toBe(403);
    expect(await getDb().select().from(invitations).where(eq(invitations.organizationId, organization.id))).toHaveLength(0);
  });
});
