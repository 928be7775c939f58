// The campaign's clock on the real SMTP server: reminders by the policy with new links and a
// one-click unsubscribe, "Remind now", and closing at the due date with "results are ready".
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, inject } from "vitest";
import { getDb } from "#db/client.ts";
import { assessmentResults, assessments, respondents } from "#db/schema/index.ts";
import { action as unsubscribeAction } from "#app/routes/unsubscribe.$token.tsx";
import { loader as startLoader } from "#app/routes/a.$token._index.tsx";
import { sendInvitations } from "#app/services/assessment-invitations.server.ts";
import { createAssessment, inviteRespondents, openAssessment, startReassessment } from "#app/services/assessments.server.ts";
import { countRemindable, remindNow, runCampaignClock, saveReassessmentCadence, saveReminderPolicy } from "#app/services/campaign.server.ts";
import { updateTimeZone } from "#app/services/organizations.server.ts";
import { requireRespondent, saveAnswers, submitAnswers } from "#app/services/respondents.server.ts";
import { runDueJobs } from "#app/services/worker.server.ts";
import { closedAssessmentWith, createMember, createOwner, loadQuestionnaires, makeRequest, membershipOf, settle, sharedWorld, testContext } from "#test/factories.ts";
import { linksIn, mailsTo, waitForMails } from "#test/mail-catcher.ts";

const mailDir = inject("mailDir");
let unique = 0;
const addressFor = (local: string) => `${local}-${Date.now().toString(36)}-${(unique += 1)}@example.com`;
const at = (iso: string) => new Date(iso);
const tokenIn = (link: string) => new URL(link).pathname.split("/")[2]!;

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  return {};
});
beforeAll(world.build);

/** An organization in Berlin with one open assessment, its people invited by mail on Monday 30 November 2026. */
async function campaign(people: string[], policy: Partial<Parameters<typeof saveReminderPolicy>[2]> = {}) {
  await world();
  const owner = await createOwner({ name: "Olga Owner", organization: "Northwind Parts" });
  await updateTimeZone(owner.membership, "Europe/Berlin");
  const membership = await membershipOf(owner.user, owner.organization);
  const assessment = await createAssessment(membership, { questionnaireId: "kam-maturity", version: "1.0.0", title: "KAM check 2026", targetProfile: null });
  await saveReminderPolicy(
    membership,
    assessment.id,
    { dueDate: "2026-12-18", remindersEnabled: true, reminderLimit: 3, reminderGapDays: 4, reminderDaysBeforeDue: 2, autoClose: false, ...policy },
    at("2026-11-30T08:00:00Z"),
  );
  const emails = people.map((name) => addressFor(name.split(" ")[0]!.toLowerCase()));
  const added = await inviteRespondents(membership, assessment.id, people.map((name, i) => ({ name, email: emails[i]!, function: "sales" as const })));
  await openAssessment(membership, assessment.id);
  await sendInvitations(membership, assessment.id, undefined, at("2026-11-30T08:00:00Z"));
  await runDueJobs();
  for (const email of emails) await waitForMails(mailDir, email);
  return { owner, membership, assessment, emails, ids: added.map((a) => a.respondent.id) };
}

async function startPage(token: string) {
  return settle(startLoader({ request: makeRequest(`/a/${token}`), params: { token }, context: testContext() }));
}

describe("reminders by the policy", () => {
  it("reminds on the first weekday the gap allows, with a new link and a one-click unsubscribe, once however often the clock runs", async () => {
    const { emails } = await campaign(["Ada Lind"]);
    const [invitation] = await mailsTo(mailDir, emails[0]!);

    // Thursday 3 Dec: 3 days after the invitation, the gap of 4 is not over.
    await runCampaignClock(at("2026-12-03T09:00:00Z"));
    await runDueJobs();
    expect(await mailsTo(mailDir, emails[0]!)).toHaveLength(1);

    // Friday 4 Dec, 10:00 in Berlin: due. The clock runs again a quarter hour later: no second one.
    await runCampaignClock(at("2026-12-04T09:00:00Z"));
    await runCampaignClock(at("2026-12-04T09:15:00Z"));
    await runDueJobs();
    const mails = await waitForMails(mailDir, emails[0]!, 2);
    expect(mails).toHaveLength(2);
    const reminder = mails[1]!;
    expect(reminder.subject).toBe("Reminder: Northwind Parts asks for your view on key account management");
    expect(reminder.text).toContain("Please answer by 18 December 2026.");
    const [link, unsubscribe] = linksIn(reminder);
    expect(unsubscribe).toMatch(/\/unsubscribe\/[a-z0-9]+$/);
    // The raw header, unfolded (a long value is folded onto a second line).
    const header = (key: string) => reminder.headerLines.find((h) => h.key === key)?.line.replace(/\r\n\s+/g, " ");
    expect(header("list-unsubscribe")).toBe(`List-Unsubscribe: <${unsubscribe}>`);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    // The reminder's link opens the page; the invitation's was replaced by it.
    expect((await startPage(tokenIn(link!))).status).toBe(200);
    expect((await startPage(tokenIn(linksIn(invitation!)[0]!))).status).toBe(410);
  });

  it("stops reminders after a one-click unsubscribe, and the link keeps working", async () => {
    const { emails, ids } = await campaign(["Bo Berg"]);
    await runCampaignClock(at("2026-12-04T09:00:00Z"));
    await runDueJobs();
    const [, reminder] = await waitForMails(mailDir, emails[0]!, 2);
    const [link, unsubscribe] = linksIn(reminder!);
    const token = new URL(unsubscribe!).pathname.split("/")[2]!;
    // What a mail client sends for RFC 8058: a POST with this body, no cookie, no Origin.
    const request = new Request(unsubscribe!, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    const done = await settle(unsubscribeAction({ request, params: { token }, context: testContext() }));
    expect(done.status).toBe(200);
    const [row] = await getDb().select({ optedOut: respondents.remindersOptedOutAt }).from(respondents).where(eq(respondents.id, ids[0]!));
    expect(row!.optedOut).not.toBeNull();

    await runCampaignClock(at("2026-12-10T09:00:00Z"));
    await runCampaignClock(at("2026-12-16T09:00:00Z"));
    await runDueJobs();
    expect(await mailsTo(mailDir, emails[0]!)).toHaveLength(2);
    expect((await startPage(tokenIn(link!))).status).toBe(200);

    const unknown = await settle(unsubscribeAction({ request: new Request("http://localhost/unsubscribe/nope", { method: "POST" }), params: { token: "nope" }, context: testContext() }));
    expect(unknown.status).toBe(404);
  });

  it("sends nobody a reminder on a weekend, nor to someone who submitted", async () => {
    const { emails, ids, assessment, membership } = await campaign(["Cai Dahl", "Dee Fox"]);
    // Dee submits (one answer is enough to submit).
    const dee = await getDb().select({ id: respondents.id }).from(respondents).where(eq(respondents.id, ids[1]!));
    expect(dee).toHaveLength(1);
    const token = tokenIn(linksIn((await mailsTo(mailDir, emails[1]!))[0]!)[0]!);
    const context = await requireRespondent(token);
    await saveAnswers(context, [{ questionId: context.version.questions[0]!.id, choice: "level", level: 3, comment: null, sequence: 1 }]);
    await submitAnswers(await requireRespondent(token));
    expect(await countRemindable(membership, assessment.id)).toBe(1);

    // Saturday 5 Dec: a weekend in Berlin. Monday 7 Dec: Cai only.
    await runCampaignClock(at("2026-12-05T09:00:00Z"));
    await runDueJobs();
    expect(await mailsTo(mailDir, emails[0]!)).toHaveLength(1);
    await runCampaignClock(at("2026-12-07T09:00:00Z"));
    await runDueJobs();
    expect(await waitForMails(mailDir, emails[0]!, 2)).toHaveLength(2);
    expect(await mailsTo(mailDir, emails[1]!)).toHaveLength(1);
  });
});

describe("Remind now", () => {
  it("reminds everyone invited who has not submitted, at once, and counts it in the policy", async () => {
    const { emails, ids, assessment, membership } = await campaign(["Eva Gold", "Finn Hall"]);
    expect(await countRemindable(membership, assessment.id)).toBe(2);
    expect(await remindNow(membership, assessment.id, at("2026-12-01T10:00:00Z"))).toBe(2);
    await runDueJobs();
    for (const email of emails) expect(await waitForMails(mailDir, email, 2)).toHaveLength(2);
    const rows = await getDb().select({ sent: respondents.remindersSent }).from(respondents).where(eq(respondents.id, ids[0]!));
    expect(rows[0]!.sent).toBe(1);
    // Reminded Tuesday 1 Dec: the next is due 4 days later, Saturday, so Monday 7 Dec; none on Friday 4 Dec.
    await runCampaignClock(at("2026-12-04T09:00:00Z"));
    await runDueJobs();
    expect(await mailsTo(mailDir, emails[0]!)).toHaveLength(2);
  });
});

describe("closing at the due date", () => {
  it("closes once the due date has passed in Berlin, stores the results and mails admins and program leads, not viewers", async () => {
    const { owner, assessment } = await campaign(["Gil Ide"], { autoClose: true, remindersEnabled: false });
    const lead = await createMember(owner.organization, "program_lead");
    const viewer = await createMember(owner.organization, "viewer");

    // 22:30 UTC on the 18th is still the due date in Berlin (23:30).
    // The clock runs over every organization of the database: count only the closes (only this test closes by itself).
    expect((await runCampaignClock(at("2026-12-18T22:30:00Z"))).closed).toBe(0);
    expect((await runCampaignClock(at("2026-12-18T23:30:00Z"))).closed).toBe(1);
    expect((await runCampaignClock(at("2026-12-19T00:00:00Z"))).closed).toBe(0);
    const [row] = await getDb().select({ status: assessments.status }).from(assessments).where(eq(assessments.id, assessment.id));
    expect(row!.status).toBe("closed");
    expect(await getDb().select().from(assessmentResults).where(eq(assessmentResults.assessmentId, assessment.id))).toHaveLength(1);

    await runDueJobs();
    for (const reader of [owner.user, lead.user]) {
      const [mail] = await waitForMails(mailDir, reader.email);
      expect(mail!.subject).toBe("Results are ready: KAM check 2026");
      expect(mail!.text).toContain("with 0 submissions");
      expect(linksIn(mail!)[0]).toMatch(new RegExp(`/orgs/${owner.organization.slug}/assessments/${assessment.id}/results$`));
    }
    expect(await mailsTo(mailDir, viewer.user.email)).toEqual([]);
  });

  it("refuses a due date in the past and closing by itself without a due date", async () => {
    const { membership, assessment } = await campaign(["Hal Ivy"]);
    const base = { remindersEnabled: true, reminderLimit: 3, reminderGapDays: 4, reminderDaysBeforeDue: 2 };
    await expect(saveReminderPolicy(membership, assessment.id, { ...base, dueDate: "2026-11-29", autoClose: false }, at("2026-11-30T08:00:00Z"))).rejects.toMatchObject({ status: 400 });
    await expect(saveReminderPolicy(membership, assessment.id, { ...base, dueDate: null, autoClose: true }, at("2026-11-30T08:00:00Z"))).rejects.toMatchObject({ status: 400 });
  });
});

describe("measuring again on a cadence", () => {
  it("mails those who run assessments once when the newest closed assessment is as old as the cadence, with the page that starts the re-assessment", async () => {
    await world();
    const owner = await createOwner({ name: "Rita Repeat", organization: "Cadence Corp" });
    const lead = await createMember(owner.organization, "program_lead");
    const viewer = await createMember(owner.organization, "viewer");
    await saveReassessmentCadence(owner.membership, 12);
    const { assessment } = await closedAssessmentWith(owner.membership, { title: "Baseline 2026" });
    const [closed] = await getDb().select({ closedAt: assessments.closedAt }).from(assessments).where(eq(assessments.id, assessment.id));
    const yearLater = new Date(closed!.closedAt!.getTime());
    yearLater.setUTCFullYear(yearLater.getUTCFullYear() + 1);

    expect((await runCampaignClock(new Date(yearLater.getTime() - 60_000))).reassessmentsDue).toBe(0);
    expect((await runCampaignClock(yearLater)).reassessmentsDue).toBe(1);
    expect((await runCampaignClock(new Date(yearLater.getTime() + 15 * 60_000))).reassessmentsDue).toBe(0);
    await runDueJobs();
    const [mail] = await waitForMails(mailDir, owner.user.email);
    expect(mail!.subject).toBe("Time to measure again: Baseline 2026");
    expect(linksIn(mail!)[0]).toMatch(new RegExp(`/orgs/${owner.organization.slug}/assessments/${assessment.id}#reassess-heading$`));
    expect(await waitForMails(mailDir, lead.user.email)).toHaveLength(1);
    expect(await mailsTo(mailDir, viewer.user.email)).toEqual([]);
    expect(await mailsTo(mailDir, owner.user.email)).toHaveLength(1);
  });

  it("reminds nobody once the assessment was repeated, nor without a cadence", async () => {
    await world();
    const repeated = await createOwner({ organization: "Repeated Corp" });
    await saveReassessmentCadence(repeated.membership, 6);
    const { assessment } = await closedAssessmentWith(repeated.membership);
    await startReassessment(repeated.membership, assessment.id);
    const none = await createOwner({ organization: "No Cadence Corp" });
    await closedAssessmentWith(none.membership);
    await runCampaignClock(at("2030-01-01T09:00:00Z"));
    await runDueJobs();
    expect(await mailsTo(mailDir, repeated.user.email)).toEqual([]);
    expect(await mailsTo(mailDir, none.user.email)).toEqual([]);
  });
});
