// The campaign through the assessment's page and the Outbox, as a CSO runs it: add people with
// their invitations mailed at once, send the rest, see the rate per function, resend one.
import { beforeAll, describe, expect, it, inject } from "vitest";
import { action as assessmentAction, loader as assessmentLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId.tsx";
import { loader as outboxLoader } from "#app/routes/orgs.$slug.outbox.tsx";
import { createAssessment, openAssessment } from "#app/services/assessments.server.ts";
import { runDueJobs } from "#app/services/worker.server.ts";
import { createMember, createOwner, loadQuestionnaires, makeRequest, settle, sharedWorld, testContext } from "#test/factories.ts";
import { linksIn, waitForMails } from "#test/mail-catcher.ts";

const mailDir = inject("mailDir");
let unique = 0;
const addressFor = (local: string) => `${local}-${Date.now().toString(36)}-${(unique += 1)}@example.com`;

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const owner = await createOwner({ name: "Olga Owner", organization: "Northwind Parts" });
  const lead = await createMember(owner.organization, "program_lead", { name: "Lena Lead" });
  return { owner, lead };
});
beforeAll(world.build);

async function openAssessmentOf(owner: Awaited<ReturnType<typeof createOwner>>) {
  const assessment = await createAssessment(owner.membership, { questionnaireId: "kam-maturity", version: "1.0.0", title: "KAM check 2026", targetProfile: null });
  await openAssessment(owner.membership, assessment.id);
  return assessment;
}

async function post(cookie: string, slug: string, assessmentId: string, form: Record<string, string>) {
  const params = { slug, assessmentId };
  return settle(assessmentAction({ request: makeRequest(`/orgs/${slug}/assessments/${assessmentId}`, { cookie, form }), params, context: testContext() }));
}

async function page(cookie: string, slug: string, assessmentId: string) {
  return settle(assessmentLoader({ request: makeRequest(`/orgs/${slug}/assessments/${assessmentId}`, { cookie }), params: { slug, assessmentId }, context: testContext() }));
}

describe("the campaign on the assessment's page", () => {
  it("adds a pasted list with the invitations mailed at once: links are shown only for the person without an email", async () => {
    const { owner, lead } = await world();
    const slug = owner.organization.slug;
    const assessment = await openAssessmentOf(owner);
    const [ada, bo] = [addressFor("ada"), addressFor("bo")];
    const added = await post(lead.cookie, slug, assessment.id, {
      intent: "bulk",
      lines: `Ada Lind, ${ada}, Sales\nBo Berg, ${bo}, Marketing\nCai Dahl, , Sales`,
      mail: "yes",
    });
    expect(added.status).toBe(200);
    expect(added.data.links.map((l: { name: string }) => l.name)).toEqual(["Cai Dahl"]);
    expect(added.data.message).toBe("2 invitations are on the way by mail.");
    await runDueJobs();
    const [mail] = await waitForMails(mailDir, ada);
    // Sent by the program lead who added them: replies go to her.
    expect(mail!.replyTo?.text).toBe(lead.user.email);
    expect(mail!.text).toContain("Lena Lead invites you");
    expect(linksIn(mail!)[0]).toMatch(/\/a\/[a-z0-9]+$/);
    await waitForMails(mailDir, bo);

    const shown = await page(lead.cookie, slug, assessment.id);
    expect(shown.data.respondents.map((r: { name: string; invitation: string }) => [r.name, r.invitation])).toEqual([
      ["Ada Lind", "Invited by mail"],
      ["Bo Berg", "Invited by mail"],
      ["Cai Dahl", "No email: share the link"],
    ]);
    expect(shown.data.invitations).toMatchObject({ mailConfigured: true, notInvited: 0, shownLinks: 0, bounced: 0 });
    // Sales: Ada (mailed) and Cai (link only, not asked by mail); Marketing: Bo. Nobody started yet.
    expect(shown.data.rates).toEqual([
      { function: "sales", people: 2, asked: 1, started: 0, submitted: 0, missingForResults: 3 },
      { function: "marketing", people: 1, asked: 1, started: 0, submitted: 0, missingForResults: 3 },
    ]);
  });

  it("sends invitations to the people added earlier, says a shown link is replaced, and marks a refused address", async () => {
    const { owner } = await world();
    const slug = owner.organization.slug;
    const assessment = await openAssessmentOf(owner);
    const [ada, refused] = [addressFor("ada"), addressFor("refused")];
    await post(owner.cookie, slug, assessment.id, { intent: "bulk", lines: `Ada Lind, ${ada}, Sales\nNo Body, ${refused}, Sales` });
    const before = await page(owner.cookie, slug, assessment.id);
    expect(before.data.invitations).toMatchObject({ notInvited: 2, shownLinks: 2 });

    const sent = await post(owner.cookie, slug, assessment.id, { intent: "send-invitations" });
    expect(sent.status).toBe(200);
    expect(sent.data.message).toBe("2 invitations are on the way by mail.");
    await runDueJobs();
    await waitForMails(mailDir, ada);
    const after = await page(owner.cookie, slug, assessment.id);
    expect(after.data.respondents.map((r: { invitation: string }) => r.invitation)).toEqual(["Invited by mail", "Mail refused: check the address"]);
    expect(after.data.invitations).toMatchObject({ notInvited: 0, bounced: 1 });

    const again = await post(owner.cookie, slug, assessment.id, { intent: "send-invitations" });
    expect(again.data.message).toBe("Nobody was waiting for an invitation: everyone with an email is invited already.");
    const refusedId = after.data.respondents[1].id;
    const resent = await post(owner.cookie, slug, assessment.id, { intent: "send-invitation", respondentId: refusedId });
    expect(resent.data.message).toBe("1 invitation is sent again with the same link.");
  });

  it("refuses a member below program lead, and a respondent of another organization's assessment", async () => {
    const { owner } = await world();
    const slug = owner.organization.slug;
    const assessment = await openAssessmentOf(owner);
    const viewer = await createMember(owner.organization, "viewer");
    expect((await post(viewer.cookie, slug, assessment.id, { intent: "send-invitations" })).status).toBe(403);

    const rival = await createOwner({ organization: "Rival Corp" });
    const rivalAssessment = await openAssessmentOf(rival);
    const added = await post(rival.cookie, rival.organization.slug, rivalAssessment.id, { intent: "bulk", lines: `Rita Rival, ${addressFor("rita")}, Sales` });
    const rivalRespondent = (await page(rival.cookie, rival.organization.slug, rivalAssessment.id)).data.respondents[0].id;
    expect(added.status).toBe(200);
    expect((await post(owner.cookie, slug, assessment.id, { intent: "send-invitation", respondentId: rivalRespondent })).status).toBe(404);
    expect((await post(owner.cookie, slug, rivalAssessment.id, { intent: "send-invitations" })).status).toBe(404);
  });
});

describe("the Outbox", () => {
  it("lists the organization's mail for admins, without the links of mail already sent", async () => {
    const { owner, lead } = await world();
    const slug = owner.organization.slug;
    const assessment = await openAssessmentOf(owner);
    const ada = addressFor("ada");
    await post(owner.cookie, slug, assessment.id, { intent: "add", name: "Ada Lind", email: ada, function: "sales", mail: "yes" });
    const load = (cookie: string) => settle(outboxLoader({ request: makeRequest(`/orgs/${slug}/outbox`, { cookie }), params: { slug }, context: testContext() }));

    const waiting = (await load(owner.cookie)).data.messages.find((m: { to: string }) => m.to === ada);
    expect(waiting).toMatchObject({ kind: "Invitation", status: "queued", subject: "Northwind Parts asks for your view on key account management" });
    expect(waiting.links).toHaveLength(1);
    await runDueJobs();
    const sent = (await load(owner.cookie)).data.messages.find((m: { to: string }) => m.to === ada);
    expect(sent).toMatchObject({ status: "sent", links: [] });
    expect(sent.text).not.toContain(new URL(waiting.links[0]).pathname);
    expect((await load(lead.cookie)).status).toBe(403);
  });
});

describe("the invitation text", () => {
  it("previews and saves the assessment's own wording, fills its placeholders per person, and goes back to the default", async () => {
    const { owner } = await world();
    const slug = owner.organization.slug;
    const assessment = await openAssessmentOf(owner);
    const ada = addressFor("ada");
    await post(owner.cookie, slug, assessment.id, { intent: "add", name: "Ada Lind", email: ada, function: "sales" });
    const wording = { subject: "{organization}: your view on our key accounts", greeting: "Dear {name},", paragraph: "{sender} asks you. Your link: {link}" };

    const preview = await post(owner.cookie, slug, assessment.id, { intent: "preview-invitation", ...wording });
    expect(preview.status).toBe(200);
    expect(preview.data.preview).toEqual({
      subject: "Northwind Parts: your view on our key accounts",
      text: "Dear Ada Lind,\n\nOlga Owner asks you. Your link: http://localhost:3000/a/personal-link\n\nYour answers are anonymous: results are shown only for groups of several people, never for one person.",
    });
    // A preview saves nothing.
    expect((await page(owner.cookie, slug, assessment.id)).data.invitationText.custom).toBe(false);

    const typo = await post(owner.cookie, slug, assessment.id, { intent: "invitation-text", ...wording, greeting: "Dear {nmae}," });
    expect(typo.status).toBe(400);
    expect(typo.data.fieldErrors.greeting).toBe("{nmae} is not a placeholder. Use {name}, {organization}, {sender}, {dueDate} or {link}.");
    expect((await post(owner.cookie, slug, assessment.id, { intent: "invitation-text", ...wording, subject: "" })).status).toBe(400);

    expect((await post(owner.cookie, slug, assessment.id, { intent: "invitation-text", ...wording })).status).toBe(200);
    await post(owner.cookie, slug, assessment.id, { intent: "send-invitations" });
    await runDueJobs();
    const [mail] = await waitForMails(mailDir, ada);
    expect(mail!.subject).toBe("Northwind Parts: your view on our key accounts");
    expect(mail!.text).toContain("Dear Ada Lind,");
    const [link] = linksIn(mail!);
    expect(mail!.text).toContain(`Olga Owner asks you. Your link: ${link}`);

    await post(owner.cookie, slug, assessment.id, { intent: "invitation-text-default" });
    const reset = await page(owner.cookie, slug, assessment.id);
    expect(reset.data.invitationText).toMatchObject({ custom: false, template: { greeting: "Hello {name}," } });
  });
});
