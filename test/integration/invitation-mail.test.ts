// Invitations by mail, end to end on the real SMTP server the test run starts: queued with the
// links they carry, delivered by the worker, followed to the respondent's page; refused
// addresses, servers that ask to try later, links replaced before their mail went out.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, inject } from "vitest";
import { getDb } from "#db/client.ts";
import { mailMessages, respondents } from "#db/schema/index.ts";
import { loader as startLoader } from "#app/routes/a.$token._index.tsx";
import { sendInvitations } from "#app/services/assessment-invitations.server.ts";
import { renewRespondentLink } from "#app/services/assessment-respondents.server.ts";
import { createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { deliverMail } from "#app/services/mail.server.ts";
import { runDueJobs } from "#app/services/worker.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";
import { createOwner, loadQuestionnaires, makeRequest, settle, sharedWorld, testContext } from "#test/factories.ts";
import { linksIn, mailsTo, waitForMails } from "#test/mail-catcher.ts";

const mailDir = inject("mailDir");
let unique = 0;
/** An address no other test of the run writes to, so its mailbox holds only this test's mail. */
const addressFor = (local: string) => `${local}-${Date.now().toString(36)}-${(unique += 1)}@example.com`;

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  return createOwner({ name: "Olga Owner", organization: "Northwind Parts" });
});
beforeAll(world.build);

type Owner = Awaited<ReturnType<typeof world>>;

async function openAssessmentFor(owner: Owner, people: { name: string; email: string | null }[]) {
  const assessment = await createAssessment(owner.membership, { questionnaireId: "kam-maturity", version: "1.0.0", title: "KAM check 2026", targetProfile: null });
  const added = await inviteRespondents(owner.membership, assessment.id, people.map((p) => ({ ...p, function: "sales" as const })));
  await openAssessment(owner.membership, assessment.id);
  return { assessment, added };
}

const tokenIn = (link: string) => new URL(link).pathname.split("/")[2]!;

async function startPage(token: string) {
  return settle(startLoader({ request: makeRequest(`/a/${token}`), params: { token }, context: testContext() }));
}

async function storedMails(respondentId: string) {
  return getDb().select().from(mailMessages).where(eq(mailMessages.respondentId, respondentId)).orderBy(mailMessages.createdAt);
}

describe("sending invitations", () => {
  it("mails everyone with an address a personal link that opens their page, from the organization, with replies to the sender", async () => {
    const owner = await world();
    const ada = addressFor("ada");
    const bo = addressFor("bo");
    const { assessment } = await openAssessmentFor(owner, [
      { name: "Ada Lind", email: ada },
      { name: "Bo Berg", email: bo },
      { name: "Cai Dahl", email: null },
    ]);

    const result = await sendInvitations(owner.membership, assessment.id);
    expect(result).toEqual({ queued: 2, resent: 0, skipped: { noEmail: 1, alreadyInvited: 0, submitted: 0, account: 0 } });
    expect(await runDueJobs()).toBe(2);

    const [mail] = await waitForMails(mailDir, ada);
    expect(mail!.subject).toBe("Northwind Parts asks for your view on key account management");
    expect(mail!.from?.value).toEqual([{ name: "Northwind Parts via KAM Navigator", address: "no-reply@localhost" }]);
    expect(mail!.replyTo?.text).toBe(owner.user.email);
    expect(mail!.text).toContain("Hello Ada Lind,");
    expect(mail!.text).toContain("Olga Owner invites you");
    expect(mail!.html).toContain('<html lang="en">');
    const [link] = linksIn(mail!);
    expect(link).toMatch(/^http:\/\/localhost:3000\/a\/[a-z0-9]+$/);
    expect(mail!.html).toContain(`href="${link}"`);

    const page = await startPage(tokenIn(link!));
    expect(page.status).toBe(200);
    expect(page.data.name).toBe("Ada Lind");
    expect(page.data.organization).toBe("Northwind Parts");

    // The stored copy keeps no usable link once the SMTP server has accepted the mail.
    const [stored] = await getDb().select().from(mailMessages).where(eq(mailMessages.toAddress, ada));
    expect(stored!.status).toBe("sent");
    expect(stored!.secret).toBeNull();
    expect(stored!.html).not.toContain(tokenIn(link!));
    expect(stored!.text).not.toContain(tokenIn(link!));
    expect(await waitForMails(mailDir, bo)).toHaveLength(1);
  });

  it("does not invite the same people twice, and a resend to one person after delivery gives a new link that replaces the old", async () => {
    const owner = await world();
    const ada = addressFor("ada");
    const { assessment, added } = await openAssessmentFor(owner, [{ name: "Ada Lind", email: ada }]);
    await sendInvitations(owner.membership, assessment.id);
    await runDueJobs();
    const [first] = await waitForMails(mailDir, ada);

    expect(await sendInvitations(owner.membership, assessment.id)).toEqual({ queued: 0, resent: 0, skipped: { noEmail: 0, alreadyInvited: 1, submitted: 0, account: 0 } });
    expect(await sendInvitations(owner.membership, assessment.id, [added[0]!.respondent.id])).toMatchObject({ queued: 1, resent: 0 });
    await runDueJobs();
    const mails = await waitForMails(mailDir, ada, 2);
    const [oldLink, newLink] = [linksIn(mails[0]!)[0]!, linksIn(mails[1]!)[0]!];
    expect(oldLink).toBe(linksIn(first!)[0]);
    expect(newLink).not.toBe(oldLink);
    expect((await startPage(tokenIn(newLink))).status).toBe(200);
    expect((await startPage(tokenIn(oldLink))).status).toBe(410);
  });

  it("marks a refused address bounced without retrying, and a resend then carries the same link, which reached nobody", async () => {
    const owner = await world();
    const refused = addressFor("refused");
    const { assessment, added } = await openAssessmentFor(owner, [{ name: "Nobody Here", email: refused }]);
    const respondentId = added[0]!.respondent.id;
    await sendInvitations(owner.membership, assessment.id);
    await runDueJobs();
    const [bounced] = await storedMails(respondentId);
    expect(bounced!.status).toBe("bounced");
    expect(bounced!.lastError).toContain("No such mailbox");
    expect(bounced!.attempts).toBe(1);
    expect(await mailsTo(mailDir, refused)).toEqual([]);
    // Nothing is retried: the job completed with the bounce.
    expect(await runDueJobs()).toBe(0);

    const [linkHash] = await getDb().select({ tokenHash: respondents.tokenHash }).from(respondents).where(eq(respondents.id, respondentId));
    expect(await sendInvitations(owner.membership, assessment.id, [respondentId])).toMatchObject({ queued: 0, resent: 1 });
    const after = await storedMails(respondentId);
    expect(after).toHaveLength(1);
    expect(after[0]!.status).toBe("queued");
    expect(hashSecret(after[0]!.secret!)).toBe(linkHash!.tokenHash);
  });

  it("keeps a mail the server asks to try later and delivers it once on a later try, nothing lost and nothing twice", async () => {
    const owner = await world();
    const busy = addressFor("busy1");
    const { assessment, added } = await openAssessmentFor(owner, [{ name: "Busy Bee", email: busy }]);
    await sendInvitations(owner.membership, assessment.id);
    await runDueJobs();
    const [waiting] = await storedMails(added[0]!.respondent.id);
    expect(waiting!.status).toBe("queued");
    expect(waiting!.lastError).toContain("Try again later");
    expect(await mailsTo(mailDir, busy)).toEqual([]);

    // The retry waits out its backoff; move it to now instead of waiting.
    const retried = await getDb().execute(sql`update pgboss.job set start_after = now() where state = 'retry' and data->>'messageId' = ${waiting!.id} returning id`);
    expect(Array.isArray(retried) ? retried.length : (retried as { rows: unknown[] }).rows.length).toBe(1);
    expect(await runDueJobs()).toBe(1);
    expect(await waitForMails(mailDir, busy)).toHaveLength(1);
    const [sent] = await storedMails(added[0]!.respondent.id);
    expect(sent!.status).toBe("sent");
    expect(sent!.attempts).toBe(2);

    // A job taken up again after its worker died mid-send finds the mail sent and sends nothing.
    expect(await deliverMail({ messageId: sent!.id }, { lastTry: false })).toBe("already-sent");
    expect(await mailsTo(mailDir, busy)).toHaveLength(1);
  });

  it("does not send a mail whose link was replaced on the page before its turn came", async () => {
    const owner = await world();
    const ada = addressFor("ada");
    const { assessment, added } = await openAssessmentFor(owner, [{ name: "Ada Lind", email: ada }]);
    await sendInvitations(owner.membership, assessment.id);
    await renewRespondentLink(owner.membership, assessment.id, added[0]!.respondent.id);
    await runDueJobs();
    const [withdrawn] = await storedMails(added[0]!.respondent.id);
    expect(withdrawn!.status).toBe("withdrawn");
    expect(withdrawn!.secret).toBeNull();
    expect(await mailsTo(mailDir, ada)).toEqual([]);
  });

  it("sends nothing for a draft, and answers 404 for a respondent of another assessment", async () => {
    const owner = await world();
    const draft = await createAssessment(owner.membership, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Draft", targetProfile: null });
    await expect(sendInvitations(owner.membership, draft.id)).rejects.toMatchObject({ status: 400 });
    const { assessment } = await openAssessmentFor(owner, [{ name: "Ada Lind", email: addressFor("ada") }]);
    const other = await openAssessmentFor(owner, [{ name: "Bo Berg", email: addressFor("bo") }]);
    await expect(sendInvitations(owner.membership, assessment.id, [other.added[0]!.respondent.id])).rejects.toMatchObject({ status: 404 });
    await expect(sendInvitations(owner.membership, assessment.id, ["not-a-uuid"])).rejects.toMatchObject({ status: 404 });
    expect(await storedMails(other.added[0]!.respondent.id)).toEqual([]);
  });
});
