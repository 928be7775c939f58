// Revocation is total: ending an engagement or losing a membership takes away everything that
// access gave, through the real pages and services, on a real database. The attacks that were
// seen come first; then what may be kept, and the confirmation pages' counts.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { insertOrganization, type Organization } from "#db/queries/organizations.ts";
import { apiTokens, auditLog, mailMessages, respondentLinkRevocations, respondents, roadmaps } from "#db/schema/index.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { loader as assessmentsApi } from "#app/routes/api.v1.assessments.ts";
import { loader as calendarLoader } from "#app/routes/calendar.$token.roadmap[.ics].ts";
import { action as endAction, loader as endLoader } from "#app/routes/orgs.$slug.clients.end.tsx";
import { action as consultanciesAction, loader as consultanciesLoader } from "#app/routes/orgs.$slug.consultancies.tsx";
import { action as membersAction, loader as membersLoader } from "#app/routes/orgs.$slug.members.tsx";
import { loader as respondentLoader } from "#app/routes/a.$token._index.tsx";
import { action as inviteAction } from "#app/routes/invite.$token.tsx";
import { createApiToken } from "#app/services/api.server.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { createClient } from "#app/services/engagements.server.ts";
import { createInvitation } from "#app/services/invitations.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { issueCalendarFeed } from "#app/services/roadmap-exports.server.ts";
import { runDueJobs } from "#app/services/worker.server.ts";
import { acceptRoadmap } from "#app/services/roadmap-plans.server.ts";
import { addMember, createOrganization, createUser, loadQuestionnaires, makeRequest, membershipOf, sessionCookie, settle, testContext } from "#test/factories.ts";

type User = Awaited<ReturnType<typeof createUser>>;
type Membership = Awaited<ReturnType<typeof membershipOf>>;

const PROFILE = { industry: "Manufacturing", sizeBand: "250–999", region: "Europe" } as const;
const saves = (n: number): AnswerSave[] =>
  ["selection-criteria", "selection-review", "strategy-goals"].slice(0, n).map((questionId, i) => ({ questionId, choice: "level", level: 3, comment: null, sequence: i + 1 }));

let sequence = 0;
async function consultancyOf(owner: User) {
  const organization = await insertOrganization(getDb(), { name: `Advisors ${(sequence += 1)}`, slug: `rev-advisors-${Date.now().toString(36)}-${sequence}`, ...PROFILE, kind: "consultancy" });
  await addMember(organization!, owner, "owner");
  return organization!;
}

/** A consultancy with an admin consultant, the client it created (owner invitation still pending) and the client's own owner. */
async function engagedClient() {
  const [consultant, firmOwner, clientOwner] = await Promise.all([createUser({ name: "Cleo Consultant" }), createUser({ name: "Fern Firm" }), createUser({ name: "Gina Client" })]);
  const firm = await consultancyOf(firmOwner);
  await addMember(firm, consultant, "admin");
  const created = await createClient(await membershipOf(consultant, firm), { name: `Granite ${(sequence += 1)}`, ...PROFILE });
  await addMember(created.client, clientOwner, "owner");
  return {
    ...created,
    firm,
    consultant,
    clientOwner,
    asConsultant: await membershipOf(consultant, created.client),
    asClientOwner: await membershipOf(clientOwner, created.client),
    asFirmOwner: await membershipOf(firmOwner, firm),
    ownerCookie: await sessionCookie(clientOwner),
    consultantCookie: await sessionCookie(consultant),
    firmOwnerCookie: await sessionCookie(firmOwner),
  };
}

const call = (handler: (args: never) => Promise<unknown>, path: string, params: Record<string, string>, options: { cookie?: string; form?: Record<string, string> } = {}) =>
  settle((handler as (args: unknown) => Promise<unknown>)({ request: makeRequest(path, options), params, context: testContext() }));

const useRespondentLink = async (token: string) => (await call(respondentLoader, `/a/${token}`, { token })).status;
const useCalendar = (token: string) => call(calendarLoader, `/calendar/${token}/roadmap.ics`, { token });
const useApiToken = async (secret: string) =>
  (await settle(assessmentsApi({ request: new Request("http://localhost/api/v1/assessments", { headers: { Authorization: `Bearer ${secret}` } }), params: {}, context: testContext() }))).status;
const acceptAs = async (token: string) => call(inviteAction, `/invite/${token}`, { token }, { cookie: await sessionCookie(await createUser()), form: {} });

async function openAssessmentOf(membership: Membership, title = "Baseline") {
  const assessment = await createAssessment(membership, { questionnaireId: "kam-maturity", version: "1.0.0", title, targetProfile: null });
  await openAssessment(membership, assessment.id);
  return assessment;
}

async function linksFor(membership: Membership, assessmentId: string, names: string[]) {
  const rows = await inviteRespondents(membership, assessmentId, names.map((name) => ({ name, email: null, function: "sales" as const })));
  return rows.map((row) => row.token);
}

const start = async (token: string) => saveAnswers(await requireRespondent(token), saves(2));

beforeAll(async () => {
  await loadQuestionnaires();
});

describe("the attack that was seen: a consultant's lasting place in the client", () => {
  it("refuses a consultant's admin invitation into the client with 403, and the members page says why instead of offering the form", async () => {
    const world = await engagedClient();
    const slug = world.client.slug;
    const posted = await call(membersAction, `/orgs/${slug}/members`, { slug }, { cookie: world.consultantCookie, form: { intent: "invite", role: "admin" } });
    expect(posted.status).toBe(403);
    expect(posted.data.formError).toBe("Consultants cannot do this for a client; the client's own admins can.");
    await expect(createInvitation(world.asConsultant, "member")).rejects.toMatchObject({ status: 403 });

    const page = await call(membersLoader, `/orgs/${slug}/members`, { slug }, { cookie: world.consultantCookie });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ canManage: false, consultant: true, invitations: [] });
    // Only the owner invitation of createClient exists; the consultant's attempts stored nothing.
    const owner = await call(membersLoader, `/orgs/${slug}/members`, { slug }, { cookie: world.ownerCookie });
    expect(owner.data.invitations).toHaveLength(1);
    expect(owner.data.invitations[0]).toMatchObject({ role: "owner", state: "valid" });
  });

  it("refuses a consultant changing or removing the client's own members with 403, and changes nothing", async () => {
    const world = await engagedClient();
    const colleague = await createUser();
    await addMember(world.client, colleague, "program_lead");
    const slug = world.client.slug;
    const post = (form: Record<string, string>) => call(membersAction, `/orgs/${slug}/members`, { slug }, { cookie: world.consultantCookie, form });
    expect((await post({ intent: "role", userId: colleague.id, role: "viewer" })).status).toBe(403);
    expect((await post({ intent: "remove", userId: colleague.id })).status).toBe(403);
    const confirm = await call(membersLoader, `/orgs/${slug}/members?remove=${colleague.id}`, { slug }, { cookie: world.consultantCookie });
    expect(confirm.status).toBe(403);
    const page = await call(membersLoader, `/orgs/${slug}/members`, { slug }, { cookie: world.ownerCookie });
    expect(page.data.members.find((m: { userId: string }) => m.userId === colleague.id).role).toBe("program_lead");
  });

  it("revokes createClient's owner invitation, still pending, when the client's owner ends the engagement: accepting it answers 410", async () => {
    const world = await engagedClient();
    const slug = world.client.slug;
    const ended = await call(consultanciesAction, `/orgs/${slug}/consultancies`, { slug }, { cookie: world.ownerCookie, form: { intent: "end", engagementId: world.engagement.id } });
    expect(ended.status).toBe(200);
    expect(ended.data.message).toBe("The engagement has ended. The consultancy's access ended with it. Revoked: 1 invitation.");
    const accepted = await acceptAs(world.ownerToken);
    expect(accepted.status).toBe(410);
    expect(accepted.data.formError).toBe("This invitation was revoked. Ask for a new one.");
  });

  it("revokes it too when the consultancy ends the engagement from its side", async () => {
    const world = await engagedClient();
    const slug = world.firm.slug;
    const ended = await call(endAction, `/orgs/${slug}/clients/end`, { slug }, { cookie: world.firmOwnerCookie, form: { engagementId: world.engagement.id } });
    expect(ended.status).toBe(200);
    expect(ended.data.message).toBe(`The engagement with ${world.client.name} has ended. Revoked: 1 invitation.`);
    expect((await acceptAs(world.ownerToken)).status).toBe(410);
  });
});

describe("the attack that was seen: a consultant's calendar feed", () => {
  it("serves the client's milestones until the client ends the engagement, then the same URL answers 404", async () => {
    const world = await engagedClient();
    const assessment = await openAssessmentOf(world.asConsultant);
    const [token] = await linksFor(world.asConsultant, assessment.id, ["Ann"]);
    await start(token!);
    await closeAssessment(world.asConsultant, assessment.id);
    const roadmap = await acceptRoadmap(world.asConsultant, assessment.id, { startDate: "2026-01-05", capacity: 2, title: "Granite plan" });
    const feed = await issueCalendarFeed(world.asConsultant, roadmap.id);
    const [stored] = await getDb().select().from(roadmaps).where(eq(roadmaps.id, roadmap.id));
    expect(stored).toMatchObject({ calendarCreatedBy: world.consultant.id, calendarEngagementId: world.engagement.id });

    const served = await useCalendar(feed);
    expect(served.status).toBe(200);
    const response = (await calendarLoader({ request: makeRequest(`/calendar/${feed}/roadmap.ics`), params: { token: feed }, context: testContext() })) as Response;
    expect(await response.text()).toContain("BEGIN:VEVENT");

    const slug = world.client.slug;
    const confirm = await call(consultanciesLoader, `/orgs/${slug}/consultancies?end=${world.engagement.id}`, { slug }, { cookie: world.ownerCookie });
    // The feed, the pending owner invitation and Ann's link, who answered in a closed assessment (so it cannot be kept).
    expect(confirm.data.confirmation).toMatchObject({ ok: true, counts: { invitations: 1, calendarFeeds: 1, respondentLinks: 1, apiTokens: 0, engagementOffers: 0 }, keepableRespondentLinks: 0 });
    await call(consultanciesAction, `/orgs/${slug}/consultancies`, { slug }, { cookie: world.ownerCookie, form: { intent: "end", engagementId: world.engagement.id } });
    expect((await useCalendar(feed)).status).toBe(404);
    const [after] = await getDb().select().from(roadmaps).where(eq(roadmaps.id, roadmap.id));
    expect(after).toMatchObject({ calendarTokenHash: null, calendarCreatedBy: null, calendarEngagementId: null });
  });
});

describe("the attack that was seen: a removed admin's API token and invitations", () => {
  /** A company whose owner manages Ada, an admin with a token, an open invitation, a calendar feed and a respondent link. */
  async function adminWithCredentials() {
    const [owner, ada] = await Promise.all([createUser({ name: "Olga Owner" }), createUser({ name: "Ada Admin" })]);
    const company = await createOrganization(owner, `Company ${(sequence += 1)}`);
    await addMember(company, ada, "admin");
    const asAda = await membershipOf(ada, company);
    const { secret, token: apiToken } = await createApiToken(asAda, { name: "CRM sync", role: "admin" });
    const { token: invitation } = await createInvitation(asAda, "member");
    const assessment = await openAssessmentOf(asAda);
    const [link] = await linksFor(asAda, assessment.id, ["Ben"]);
    const roadmap = await acceptRoadmapFor(asAda, company);
    const feed = await issueCalendarFeed(asAda, roadmap);
    return { company, owner, ada, asAda, secret, apiTokenId: apiToken.id, invitation, link: link!, feed, ownerCookie: await sessionCookie(owner), adaCookie: await sessionCookie(ada) };
  }
  async function acceptRoadmapFor(membership: Membership, company: Organization) {
    const closed = await openAssessmentOf(membership, "Closed baseline");
    const [token] = await linksFor(membership, closed.id, ["Cy"]);
    await start(token!);
    await closeAssessment(membership, closed.id);
    return (await acceptRoadmap(membership, closed.id, { startDate: "2026-01-05", capacity: 2, title: `${company.name} plan` })).id;
  }
  const membersPost = (world: { company: Organization }, cookie: string, form: Record<string, string>) =>
    call(membersAction, `/orgs/${world.company.slug}/members`, { slug: world.company.slug }, { cookie, form });

  it("removed: the token answers 401 and is revoked, the invitation 410, the feed 404 and the link 410", async () => {
    const world = await adminWithCredentials();
    expect(await useApiToken(world.secret)).toBe(200);
    const removed = await membersPost(world, world.ownerCookie, { intent: "remove", userId: world.ada.id });
    expect(removed.data.message).toBe("Ada Admin was removed. Revoked: 1 invitation, 1 API token, 1 calendar feed and 2 respondent links.");
    expect(await useApiToken(world.secret)).toBe(401);
    const [token] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, world.apiTokenId));
    expect(token!.revokedAt).not.toBeNull();
    expect((await acceptAs(world.invitation)).status).toBe(410);
    expect((await useCalendar(world.feed)).status).toBe(404);
    expect(await useRespondentLink(world.link)).toBe(410);
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.organizationId, world.company.id), eq(auditLog.action, "membership.removed")));
    expect(entry!.details).toMatchObject({ userId: world.ada.id, revoked: { invitations: 1, apiTokens: 1, calendarFeeds: 1, respondentLinks: 2, engagementOffers: 0, kept: 0 } });
  });

  it("demoted to program lead: the token 401 and the invitation 410, while the feed and the link, which a program lead may create, keep working", async () => {
    const world = await adminWithCredentials();
    // The demotion asks first, since it revokes something, and changes nothing until confirmed.
    const asked = await membersPost(world, world.ownerCookie, { intent: "role", userId: world.ada.id, role: "program_lead" });
    expect(asked.status).toBe(302);
    expect(asked.location).toBe(`/orgs/${world.company.slug}/members?change=${world.ada.id}&role=program_lead#confirm`);
    expect(await useApiToken(world.secret)).toBe(200);
    const confirm = await call(membersLoader, `/orgs/${world.company.slug}/members?change=${world.ada.id}&role=program_lead`, { slug: world.company.slug }, { cookie: world.ownerCookie });
    expect(confirm.data.confirmation).toMatchObject({ ok: true, newRole: "program_lead", counts: { invitations: 1, apiTokens: 1, calendarFeeds: 0, respondentLinks: 0, engagementOffers: 0 } });

    const changed = await membersPost(world, world.ownerCookie, { intent: "role", userId: world.ada.id, role: "program_lead", confirmed: "yes" });
    expect(changed.data.message).toBe("Role changed to Program lead. Revoked: 1 invitation and 1 API token.");
    expect(await useApiToken(world.secret)).toBe(401);
    expect((await acceptAs(world.invitation)).status).toBe(410);
    expect((await useCalendar(world.feed)).status).toBe(200);
    expect(await useRespondentLink(world.link)).toBe(200);
  });

  it("an owner demoted to admin loses the owner invitations they made, not the admin ones", async () => {
    const world = await adminWithCredentials();
    const second = await createUser();
    await addMember(world.company, second, "owner");
    const asSecond = await membershipOf(second, world.company);
    const { token: ownerInvitation } = await createInvitation(asSecond, "owner");
    const { token: adminInvitation } = await createInvitation(asSecond, "admin");
    await membersPost(world, world.ownerCookie, { intent: "role", userId: second.id, role: "admin", confirmed: "yes" });
    expect((await acceptAs(ownerInvitation)).status).toBe(410);
    expect((await acceptAs(adminInvitation)).status).toBe(302);
  });

  it("left: the token 401, the invitation 410, the link 410, and the confirmation listed them first", async () => {
    const world = await adminWithCredentials();
    const slug = world.company.slug;
    const confirm = await call(membersLoader, `/orgs/${slug}/members?leave`, { slug }, { cookie: world.adaCookie });
    expect(confirm.data.confirmation).toMatchObject({ ok: true, leaving: true, counts: { invitations: 1, apiTokens: 1, calendarFeeds: 1, respondentLinks: 2 }, keepableRespondentLinks: 0 });
    const left = await membersPost(world, world.adaCookie, { intent: "leave" });
    expect(left.location).toBe("/orgs");
    expect(await useApiToken(world.secret)).toBe(401);
    expect((await acceptAs(world.invitation)).status).toBe(410);
    expect(await useRespondentLink(world.link)).toBe(410);
  });

  it("a token whose creator lost admin without being revoked (as by an earlier version) answers 401 at use", async () => {
    const world = await adminWithCredentials();
    await getDb().execute(`update memberships set role = 'member' where user_id = '${world.ada.id}'`);
    expect(await useApiToken(world.secret)).toBe(401);
  });
});

describe("respondent links a consultant created", () => {
  /**
   * Open assessment: Ann and Bo started, Cy did not. Closed assessment: Di started. The
   * client's owner added Eve herself. Only Ann's and Bo's links are in use and may be kept.
   */
  async function linksInUse() {
    const world = await engagedClient();
    const open = await openAssessmentOf(world.asConsultant, "Pulse");
    const [ann, bo, cy] = await linksFor(world.asConsultant, open.id, ["Ann", "Bo", "Cy"]);
    await start(ann!);
    await start(bo!);
    const closed = await openAssessmentOf(world.asConsultant, "Last year");
    const [di] = await linksFor(world.asConsultant, closed.id, ["Di"]);
    await start(di!);
    await closeAssessment(world.asConsultant, closed.id);
    const [eve] = await linksFor(world.asClientOwner, open.id, ["Eve"]);
    const slug = world.client.slug;
    const end = (form: Record<string, string>) =>
      call(consultanciesAction, `/orgs/${slug}/consultancies`, { slug }, { cookie: world.ownerCookie, form: { intent: "end", engagementId: world.engagement.id, ...form } });
    return { world, open, links: { ann: ann!, bo: bo!, cy: cy!, di: di!, eve: eve! }, end };
  }

  it("record the consultant and the engagement", async () => {
    const { world, open } = await linksInUse();
    const rows = await getDb().select().from(respondents).where(eq(respondents.assessmentId, open.id));
    expect(rows.filter((r) => r.name !== "Eve").map((r) => [r.createdBy, r.engagementId])).toEqual([
      [world.consultant.id, world.engagement.id],
      [world.consultant.id, world.engagement.id],
      [world.consultant.id, world.engagement.id],
    ]);
    expect(rows.find((r) => r.name === "Eve")).toMatchObject({ createdBy: world.clientOwner.id, engagementId: null });
  });

  it("the confirmation counts them and offers to keep the two in use; kept, those two work and become the client's, the rest is refused", async () => {
    const { world, open, links, end } = await linksInUse();
    const slug = world.client.slug;
    const confirm = await call(consultanciesLoader, `/orgs/${slug}/consultancies?end=${world.engagement.id}`, { slug }, { cookie: world.ownerCookie });
    expect(confirm.status).toBe(200);
    expect(confirm.data.confirmation).toMatchObject({
      ok: true,
      engagement: { consultancy: world.firm.name, status: "active" },
      counts: { invitations: 1, calendarFeeds: 0, respondentLinks: 4, apiTokens: 0, engagementOffers: 0 },
      keepableRespondentLinks: 2,
    });

    const ended = await end({ keepStartedLinks: "yes" });
    expect(ended.data.message).toBe(
      "The engagement has ended. The consultancy's access ended with it. Revoked: 1 invitation and 2 respondent links. 2 respondent links people have started using stay as your own.",
    );
    expect(await useRespondentLink(links.ann)).toBe(200);
    expect(await useRespondentLink(links.bo)).toBe(200);
    expect(await useRespondentLink(links.cy)).toBe(410);
    expect(await useRespondentLink(links.di)).toBe(410);
    expect(await useRespondentLink(links.eve)).toBe(200);
    const kept = await getDb().select().from(respondents).where(eq(respondents.assessmentId, open.id));
    expect(kept.filter((r) => r.tokenHash !== null).map((r) => [r.name, r.createdBy, r.engagementId])).toEqual([
      ["Ann", world.clientOwner.id, null],
      ["Bo", world.clientOwner.id, null],
      ["Eve", world.clientOwner.id, null],
    ]);
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.organizationId, world.client.id), eq(auditLog.action, "engagement.ended")));
    expect(entry!.details).toMatchObject({ by: "client", revoked: { invitations: 1, respondentLinks: 2, kept: 2 } });
  });

  it("without the box every link the consultant created is refused, and each old hash is recorded as revoked", async () => {
    const { world, links, end } = await linksInUse();
    const ended = await end({});
    expect(ended.data.message).toBe("The engagement has ended. The consultancy's access ended with it. Revoked: 1 invitation and 4 respondent links.");
    for (const token of [links.ann, links.bo, links.cy, links.di]) expect(await useRespondentLink(token)).toBe(410);
    expect(await useRespondentLink(links.eve)).toBe(200);
    const recorded = await getDb().select().from(respondentLinkRevocations).innerJoin(respondents, eq(respondents.id, respondentLinkRevocations.respondentId));
    const ours = recorded.filter((row) => row.respondents.engagementId === world.engagement.id);
    expect(ours.map((row) => row.respondent_link_revocations.reason)).toEqual(["revoked", "revoked", "revoked", "revoked"]);
  });

  it("an invitation mail the consultant queued and the engagement's end revoked is withdrawn, not sent with a dead link", async () => {
    const world = await engagedClient();
    const open = await openAssessmentOf(world.asConsultant, "Mailed");
    const [queued] = await inviteRespondents(world.asConsultant, open.id, [{ name: "Mo", email: `mo-${(sequence += 1)}@example.com`, function: "sales" }], { mail: true });
    expect(queued!.mailed).toBe(true);
    const slug = world.client.slug;
    await call(consultanciesAction, `/orgs/${slug}/consultancies`, { slug }, { cookie: world.ownerCookie, form: { intent: "end", engagementId: world.engagement.id } });
    expect(await useRespondentLink(queued!.token)).toBe(410);
    await runDueJobs();
    const [mail] = await getDb().select().from(mailMessages).where(eq(mailMessages.respondentId, queued!.respondent.id));
    expect(mail).toMatchObject({ status: "withdrawn", secret: null });
    expect(mail!.text).not.toContain(queued!.token);
  });

  it("the consultancy's side keeps nothing and says so, even when asked to", async () => {
    const { world, links } = await linksInUse();
    const slug = world.firm.slug;
    const confirm = await call(endLoader, `/orgs/${slug}/clients/end?engagement=${world.engagement.id}`, { slug }, { cookie: world.firmOwnerCookie });
    expect(confirm.data.preview).toEqual({
      engagementId: world.engagement.id,
      client: world.client.name,
      list: "1 invitation and 4 respondent links",
    });
    const ended = await call(endAction, `/orgs/${slug}/clients/end`, { slug }, { cookie: world.firmOwnerCookie, form: { engagementId: world.engagement.id, keepStartedLinks: "yes" } });
    expect(ended.data.message).toBe(`The engagement with ${world.client.name} has ended. Revoked: 1 invitation and 4 respondent links.`);
    expect(await useRespondentLink(links.ann)).toBe(410);
  });

  it("a consultant removed from the consultancy loses their links in the client; kept ones pass to the consultancy's admin and still end with the engagement", async () => {
    const { world, links } = await linksInUse();
    const slug = world.firm.slug;
    const confirm = await call(membersLoader, `/orgs/${slug}/members?remove=${world.consultant.id}`, { slug }, { cookie: world.firmOwnerCookie });
    expect(confirm.data.confirmation).toMatchObject({ ok: true, counts: { invitations: 1, respondentLinks: 4 }, keepableRespondentLinks: 2 });
    const removed = await call(membersAction, `/orgs/${slug}/members`, { slug }, { cookie: world.firmOwnerCookie, form: { intent: "remove", userId: world.consultant.id, keepStartedLinks: "yes" } });
    expect(removed.data.message).toBe("Cleo Consultant was removed. Revoked: 1 invitation and 2 respondent links. You now hold 2 respondent links people have started using.");
    expect(await useRespondentLink(links.ann)).toBe(200);
    expect(await useRespondentLink(links.cy)).toBe(410);
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.organizationId, world.client.id), eq(auditLog.action, "credentials.revoked")));
    expect(entry!.details).toMatchObject({ userId: world.consultant.id, left: false, revoked: { invitations: 1, respondentLinks: 2, kept: 2 } });

    await call(endAction, `/orgs/${slug}/clients/end`, { slug }, { cookie: world.firmOwnerCookie, form: { engagementId: world.engagement.id } });
    expect(await useRespondentLink(links.ann)).toBe(410);
    expect(await useRespondentLink(links.eve)).toBe(200);
  });
});

describe("the confirmation pages", () => {
  it("answer a refusal with its status and sentence, never a 500", async () => {
    const world = await engagedClient();
    const slug = world.client.slug;
    const ownerPage = (query: string) => call(membersLoader, `/orgs/${slug}/members?${query}`, { slug }, { cookie: world.ownerCookie });
    expect((await ownerPage("remove=not-a-uuid")).status).toBe(404);
    expect((await ownerPage(`change=${world.clientOwner.id}&role=boss`)).status).toBe(400);
    const lastOwner = await ownerPage("leave");
    expect(lastOwner.status).toBe(400);
    expect(lastOwner.data.confirmation.message).toBe("You are the last owner, so you cannot leave. Make someone else an owner first.");
    const unknown = await call(consultanciesLoader, `/orgs/${slug}/consultancies?end=00000000-0000-0000-0000-000000000000`, { slug }, { cookie: world.ownerCookie });
    expect(unknown.status).toBe(404);
    const viewer = await createUser();
    await addMember(world.firm, viewer, "viewer");
    const viewerPage = await call(endLoader, `/orgs/${world.firm.slug}/clients/end?engagement=${world.engagement.id}`, { slug: world.firm.slug }, { cookie: await sessionCookie(viewer) });
    expect(viewerPage.status).toBe(403);
  });
});
