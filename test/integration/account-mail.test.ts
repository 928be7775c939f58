// Account mail end to end, on the real SMTP server of the test run: a password reset, the
// confirmation of the address given at sign-up, a change of address; each link followed
// through its page, once, and after it stopped working. Sign-up and the reset form answer the
// same whether or not an address has an account.
import { and, eq } from "drizzle-orm";
import { describe, expect, it, inject } from "vitest";
import { getDb } from "#db/client.ts";
import { auditLog, emailConfirmations, loginAttempts, mailMessages, passwordResets, users } from "#db/schema/index.ts";
import { getAuth } from "#app/lib/auth.server.ts";
import { sessionCookieName } from "#app/lib/session.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as accountAction } from "#app/routes/account.tsx";
import { action as confirmAction, loader as confirmLoader } from "#app/routes/confirm-email.$token.tsx";
import { action as forgotAction } from "#app/routes/forgot-password.tsx";
import { action as resetAction, loader as resetLoader } from "#app/routes/reset-password.$token.tsx";
import { action as signUpAction } from "#app/routes/signup.tsx";
import { requestPasswordReset, resetPassword } from "#app/services/account-links.server.ts";
import { signIn } from "#app/services/accounts.server.ts";
import { runDueJobs } from "#app/services/worker.server.ts";
import { authMessages } from "#app/messages/auth.ts";
import { createUser, makeRequest, sessionCookie, settle, TEST_PASSWORD, testContext } from "#test/factories.ts";
import { linksIn, mailsTo, waitForMails, type ArrivedMail } from "#test/mail-catcher.ts";

const mailDir = inject("mailDir");
let unique = 0;
/** An address no other test of the run writes to, so its mailbox holds only this test's mail. */
const addressFor = (local: string) => `${local}-${Date.now().toString(36)}-${(unique += 1)}@example.com`;
let ipCount = 0;
/** A client address of its own, so one test's counted attempts never reach another's limits. */
const nextIp = () => `198.51.${Math.floor((ipCount += 1) / 250)}.${ipCount % 250}`;

const NEW_PASSWORD = "a-brand-new-password";
const HOUR = 60 * 60 * 1000;

const forgot = (email: string, ip = nextIp()) =>
  settle(forgotAction({ request: makeRequest("/forgot-password", { form: { email } }), params: {}, context: testContext(ip) }));
const resetPage = (token: string) => settle(resetLoader({ request: makeRequest(`/reset-password/${token}`), params: { token }, context: testContext() }));
const reset = (token: string, form: Record<string, string> = { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }) =>
  settle(resetAction({ request: makeRequest(`/reset-password/${token}`, { form }), params: { token }, context: testContext() }));
const confirmPage = (token: string, cookie?: string) =>
  settle(confirmLoader({ request: makeRequest(`/confirm-email/${token}`, { cookie }), params: { token }, context: testContext() }));
const confirm = (token: string) => settle(confirmAction({ request: makeRequest(`/confirm-email/${token}`, { form: {} }), params: { token }, context: testContext() }));
const signUp = (form: Record<string, string>, ip = nextIp()) =>
  settle(signUpAction({ request: makeRequest("/signup", { form }), params: {}, context: testContext(ip) }));
const account = (cookie: string, form: Record<string, string>) =>
  settle(accountAction({ request: makeRequest("/account", { cookie, form }), params: {}, context: testContext(nextIp()) }));
const shell = async (cookie: string) => (await settle(rootLoader({ request: makeRequest("/orgs", { cookie }), params: {}, context: testContext() }))).data;
const signedIn = async (cookie: string) => (await getAuth(makeRequest("/orgs", { cookie }))) !== null;
const cookieOf = (setCookie: string | null | undefined) => `${sessionCookieName()}=${/=([^;]+)/.exec(setCookie ?? "")![1]}`;

/** The one link a mail carries, and the token at its end. */
function linkOf(mail: ArrivedMail, path: string) {
  const links = linksIn(mail);
  expect(links).toHaveLength(1);
  expect(links[0]).toMatch(new RegExp(`^http://localhost:3000/${path}/[a-z2-7]{52}$`));
  return links[0]!.split("/").at(-1)!;
}

async function userByEmail(email: string) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email));
  return user;
}

describe("a password reset by mail", () => {
  it("mails a link that sets a new password once, signs out every session, signs in afresh and confirms the address", async () => {
    const email = addressFor("reset");
    const user = await createUser({ email });
    const [phone, laptop] = [await sessionCookie(user), await sessionCookie(user)];

    const asked = await forgot(email);
    expect(asked).toEqual({ status: 200, data: { ok: true, message: authMessages.resetSent } });
    await runDueJobs();
    const [mail] = await waitForMails(mailDir, email);
    expect(mail!.subject).toBe("Reset your KAM Navigator password");
    const token = linkOf(mail!, "reset-password");
    // Only the hash is stored, and the stored mail lost the link once sent.
    const [row] = await getDb().select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(row!.tokenHash).toBe(hashSecret(token));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(HOUR);
    const [stored] = await getDb().select().from(mailMessages).where(eq(mailMessages.toAddress, email));
    expect(stored).toMatchObject({ kind: "password_reset", userId: user.id, organizationId: null, secret: null, status: "sent" });
    expect(stored!.text).not.toContain(token);

    expect(await resetPage(token)).toMatchObject({ status: 200, data: { state: "usable" } });
    const done = await reset(token);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/orgs");
    const fresh = cookieOf(done.headers?.get("Set-Cookie"));
    expect([await signedIn(phone), await signedIn(laptop), await signedIn(fresh)]).toEqual([false, false, true]);
    await expect(signIn({ email, password: NEW_PASSWORD, ip: nextIp() })).resolves.toMatchObject({ user: { id: user.id } });
    expect((await userByEmail(email))!.emailVerifiedAt).not.toBeNull();
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.actorId, user.id), eq(auditLog.action, "user.password_reset")));
    expect(audit).toHaveLength(1);

    // Used once, the link is gone.
    expect(await resetPage(token)).toMatchObject({ status: 410, data: { state: "used" } });
    const again = await reset(token, { newPassword: "yet-another-password", confirmPassword: "yet-another-password" });
    expect(again.status).toBe(410);
    expect(again.data.formError).toBe(authMessages.resetLinkGone);
    await expect(signIn({ email, password: NEW_PASSWORD, ip: nextIp() })).resolves.toBeTruthy();
  });

  it("a link past its hour answers 410, an unknown one 404, and neither changes the password", async () => {
    const email = addressFor("expired");
    await createUser({ email });
    const asked = new Date(Date.now() - 2 * HOUR);
    await requestPasswordReset({ email, ip: nextIp() }, asked);
    await runDueJobs();
    const token = linkOf((await waitForMails(mailDir, email))[0]!, "reset-password");
    // At the hour exactly, and on the page now, an hour after that.
    await expect(resetPassword({ token, newPassword: NEW_PASSWORD, ip: nextIp() }, new Date(asked.getTime() + HOUR))).rejects.toMatchObject({ status: 410, message: authMessages.resetLinkGone });
    expect(await resetPage(token)).toMatchObject({ status: 410, data: { state: "expired" } });
    expect((await reset(token)).status).toBe(410);

    const unknown = "a".repeat(52);
    expect(await resetPage(unknown)).toMatchObject({ status: 404, data: { state: "unknown" } });
    const refused = await reset(unknown);
    expect(refused.status).toBe(404);
    expect(refused.data.formError).toBe(authMessages.resetLinkUnknown);
    await expect(signIn({ email, password: TEST_PASSWORD, ip: nextIp() })).resolves.toBeTruthy();
  });

  it("asking again makes the older link unusable", async () => {
    const email = addressFor("twice");
    await createUser({ email });
    await forgot(email);
    await runDueJobs();
    const first = linkOf((await waitForMails(mailDir, email))[0]!, "reset-password");
    await forgot(email);
    await runDueJobs();
    const second = (await waitForMails(mailDir, email, 2)).map((mail) => linkOf(mail, "reset-password")).find((token) => token !== first);
    expect((await resetPage(first!)).status).toBe(410);
    expect((await resetPage(second!)).status).toBe(200);
    expect((await reset(second!)).status).toBe(302);
  });

  it("answers an address without an account in the same words, and mails nothing to it", async () => {
    const known = addressFor("known");
    await createUser({ email: known });
    const nobody = addressFor("nobody");
    const [forKnown, forNobody] = [await forgot(known), await forgot(nobody)];
    expect(forNobody).toEqual(forKnown);
    await runDueJobs();
    await waitForMails(mailDir, known);
    expect(await mailsTo(mailDir, nobody)).toEqual([]);
    expect(await getDb().select().from(mailMessages).where(eq(mailMessages.toAddress, nobody))).toEqual([]);
  });

  it("answers 429 after 5 requests for an address within an hour, with or without an account, and after 20 from one client", async () => {
    const known = addressFor("limited");
    await createUser({ email: known });
    const nobody = addressFor("limited-nobody");
    for (const email of [known, nobody]) {
      for (let i = 0; i < 5; i += 1) expect((await forgot(email)).status).toBe(200);
      const refused = await forgot(email);
      expect(refused.status).toBe(429);
      expect(refused.data.formError).toBe(authMessages.resetRateLimited);
    }
    await runDueJobs();
    expect(await waitForMails(mailDir, known, 5)).toHaveLength(5);

    const ip = nextIp();
    for (let i = 0; i < 20; i += 1) expect((await forgot(addressFor("spread"), ip)).status).toBe(200);
    expect((await forgot(addressFor("spread"), ip)).status).toBe(429);
    const counted = await getDb().select().from(loginAttempts).where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.kind, "password_reset")));
    expect(counted).toHaveLength(20);
    // An hour later the address may ask again.
    await expect(requestPasswordReset({ email: known, ip: nextIp() }, new Date(Date.now() + HOUR + 1000))).resolves.toBeUndefined();
  });

  it("answers bad input with 400 and the field's sentence", async () => {
    const invalid = await forgot("not-an-address");
    expect(invalid.status).toBe(400);
    expect(invalid.data.fieldErrors).toEqual({ email: authMessages.emailInvalid });
    const email = addressFor("short");
    await createUser({ email });
    await forgot(email);
    await runDueJobs();
    const token = linkOf((await waitForMails(mailDir, email))[0]!, "reset-password");
    expect((await reset(token, { newPassword: "short", confirmPassword: "short" })).data.fieldErrors).toEqual({ newPassword: authMessages.passwordTooShort });
    expect((await reset(token, { newPassword: NEW_PASSWORD, confirmPassword: "something-else" })).data.fieldErrors).toEqual({ confirmPassword: authMessages.passwordsDiffer });
    expect((await reset(token, {})).status).toBe(400);
    // Refused input leaves the link as it was.
    expect((await resetPage(token)).status).toBe(200);
  });
});

describe("confirming the address given at sign-up", () => {
  it("queues the link with the account; until it is followed the app shell shows the banner", async () => {
    const email = addressFor("new");
    const result = await signUp({ name: "Nina New", email, password: TEST_PASSWORD });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/signin?checkEmail=1&redirectTo=%2Forgs");
    expect(result.headers?.get("Set-Cookie") ?? null).toBeNull();
    const user = (await userByEmail(email))!;
    expect(user.emailVerifiedAt).toBeNull();
    const [link] = await getDb().select().from(emailConfirmations).where(eq(emailConfirmations.userId, user.id));
    expect(link).toMatchObject({ newEmail: null, usedAt: null });
    expect(link!.expiresAt.getTime() - link!.createdAt.getTime()).toBe(24 * HOUR);

    // The new account can work while unconfirmed: it signs in, and sees where the link went.
    const { token: session } = await signIn({ email, password: TEST_PASSWORD, ip: nextIp() });
    const cookie = `${sessionCookieName()}=${session}`;
    expect(await shell(cookie)).toEqual({ user: { name: "Nina New", email, emailConfirmed: false } });
    expect(authMessages.confirmationBanner(email)).toBe(`Confirm your address: we sent a link to ${email}.`);

    await runDueJobs();
    const [mail] = await waitForMails(mailDir, email);
    expect(mail!.subject).toBe("Confirm your address for KAM Navigator");
    const token = linkOf(mail!, "confirm-email");
    expect(link!.tokenHash).toBe(hashSecret(token));
    // Opening the link changes nothing: a mail scanner may open it.
    expect(await confirmPage(token, cookie)).toMatchObject({ status: 200, data: { link: { state: "usable", email, change: false }, signedIn: true } });
    expect((await userByEmail(email))!.emailVerifiedAt).toBeNull();
    expect(await confirm(token)).toEqual({ status: 200, data: { ok: true, message: authMessages.emailConfirmed(email) } });
    expect((await userByEmail(email))!.emailVerifiedAt).not.toBeNull();
    expect(await shell(cookie)).toEqual({ user: { name: "Nina New", email, emailConfirmed: true } });

    expect(await confirmPage(token)).toMatchObject({ status: 410, data: { link: { state: "used" }, signedIn: false } });
    const again = await confirm(token);
    expect(again.status).toBe(410);
    expect(again.data.formError).toBe(authMessages.confirmationLinkGone);
    expect(await confirmPage("b".repeat(52))).toMatchObject({ status: 404, data: { link: { state: "unknown" } } });
    expect((await confirm("b".repeat(52))).status).toBe(404);
  });

  it("sends the link again from the banner, 5 links an hour, and not once the address is confirmed", async () => {
    const email = addressFor("resend");
    const user = await createUser({ email });
    const cookie = await sessionCookie(user);
    for (let i = 0; i < 5; i += 1) {
      expect(await account(cookie, { intent: "resend-confirmation" })).toEqual({
        status: 200,
        data: { ok: true, intent: "resend-confirmation", message: authMessages.confirmationResent(email) },
      });
    }
    const refused = await account(cookie, { intent: "resend-confirmation" });
    expect(refused.status).toBe(429);
    expect(refused.data.formError).toBe(authMessages.confirmationRateLimited);
    await runDueJobs();
    const links = (await waitForMails(mailDir, email, 5)).map((mail) => linkOf(mail, "confirm-email"));
    expect(new Set(links).size).toBe(5);

    expect((await confirm(links[2]!)).status).toBe(200);
    expect((await account(cookie, { intent: "resend-confirmation" })).data.message).toBe(authMessages.emailConfirmed(email));
    await runDueJobs();
    expect(await mailsTo(mailDir, email)).toHaveLength(5);
  });

  it("a sign-up with a taken address answers as for a new one, makes no account and mails the owner a notice", async () => {
    const taken = addressFor("taken");
    const owner = await createUser({ email: taken, name: "Olga Owner" });
    const fresh = addressFor("fresh");
    const forFresh = await signUp({ name: "Someone", email: fresh, password: "long-enough-pw" });
    const forTaken = await signUp({ name: "Someone", email: taken.toUpperCase(), password: "long-enough-pw" });
    expect({ status: forTaken.status, location: forTaken.location, data: forTaken.data }).toEqual({ status: forFresh.status, location: forFresh.location, data: forFresh.data });
    expect(forTaken.headers?.get("Set-Cookie") ?? null).toBeNull();
    expect(await getDb().select().from(users).where(eq(users.email, taken))).toHaveLength(1);
    // The owner's password and sessions are untouched.
    await expect(signIn({ email: taken, password: TEST_PASSWORD, ip: nextIp() })).resolves.toMatchObject({ user: { id: owner.id } });

    await runDueJobs();
    const [notice] = await waitForMails(mailDir, taken);
    expect(notice!.subject).toBe("Someone tried to sign up with your address");
    expect(notice!.text).toContain("Hello Olga Owner,");
    expect(linksIn(notice!)).toEqual(["http://localhost:3000/signin"]);
    await waitForMails(mailDir, fresh);
    const kinds = await getDb().select({ kind: mailMessages.kind, to: mailMessages.toAddress }).from(mailMessages).where(eq(mailMessages.userId, owner.id));
    expect(kinds).toEqual([{ kind: "email_verification", to: taken }]);
    expect(await getDb().select().from(emailConfirmations).where(eq(emailConfirmations.userId, owner.id))).toEqual([]);
  });

  it("counts sign-ups per address too: the sixth for one address within an hour answers 429", async () => {
    const taken = addressFor("flooded");
    await createUser({ email: taken });
    for (let i = 0; i < 5; i += 1) expect((await signUp({ name: "Flood", email: taken, password: "long-enough-pw" })).status).toBe(302);
    const refused = await signUp({ name: "Flood", email: taken, password: "long-enough-pw" });
    expect(refused.status).toBe(429);
    expect(refused.data.formError).toBe(authMessages.signUpRateLimited);
    await runDueJobs();
    expect(await waitForMails(mailDir, taken, 5)).toHaveLength(5);
  });
});

describe("changing the address", () => {
  async function signedInUser(local: string) {
    const email = addressFor(local);
    const user = await createUser({ email, name: "Cleo Change" });
    return { user, email, cookie: await sessionCookie(user) };
  }
  const askForChange = (cookie: string, newEmail: string, currentPassword = TEST_PASSWORD) => account(cookie, { intent: "email", newEmail, currentPassword });

  it("mails the link to the new address and a notice to the old one; following the link moves the account and tells the old address", async () => {
    const { user, email, cookie } = await signedInUser("old");
    const newEmail = addressFor("new-home");
    expect(await askForChange(cookie, newEmail.toUpperCase())).toEqual({
      status: 200,
      data: { ok: true, intent: "email", message: authMessages.emailChangeRequested(newEmail, email) },
    });
    expect((await userByEmail(email))!.id).toBe(user.id);
    await runDueJobs();
    const [confirmation] = await waitForMails(mailDir, newEmail);
    expect(confirmation!.subject).toBe("Confirm your new address for KAM Navigator");
    const token = linkOf(confirmation!, "confirm-email");
    const [asked] = await waitForMails(mailDir, email);
    expect(asked!.subject).toBe("A change of your KAM Navigator address was asked for");
    expect(asked!.text).toContain(newEmail);
    expect(linksIn(asked!)).toEqual(["http://localhost:3000/forgot-password"]);

    expect(await confirmPage(token)).toMatchObject({ status: 200, data: { link: { state: "usable", email: newEmail, change: true } } });
    expect(await confirm(token)).toEqual({ status: 200, data: { ok: true, message: authMessages.emailChanged(newEmail) } });
    const moved = (await userByEmail(newEmail))!;
    expect(moved.id).toBe(user.id);
    expect(moved.emailVerifiedAt).not.toBeNull();
    expect(await userByEmail(email)).toBeUndefined();
    await expect(signIn({ email: newEmail, password: TEST_PASSWORD, ip: nextIp() })).resolves.toBeTruthy();
    await expect(signIn({ email, password: TEST_PASSWORD, ip: nextIp() })).rejects.toMatchObject({ status: 400 });
    expect(await signedIn(cookie)).toBe(true);

    await runDueJobs();
    const changed = (await waitForMails(mailDir, email, 2)).find((mail) => mail.subject !== asked!.subject);
    expect(changed!.subject).toBe("Your KAM Navigator address was changed");
    expect(changed!.text).toContain(newEmail);
    expect((await confirm(token)).status).toBe(410);
  });

  it("answers 409 when another account took the new address meanwhile, and keeps the old address", async () => {
    const { user, email, cookie } = await signedInUser("slow");
    const wanted = addressFor("wanted");
    await askForChange(cookie, wanted);
    await runDueJobs();
    const token = linkOf((await waitForMails(mailDir, wanted))[0]!, "confirm-email");
    await createUser({ email: wanted });
    const refused = await confirm(token);
    expect(refused.status).toBe(409);
    expect(refused.data.formError).toBe(authMessages.emailTakenMeanwhile);
    expect((await userByEmail(email))!.id).toBe(user.id);
    // Nothing happened: the link is not used up, and the old address got no second notice.
    expect((await confirmPage(token)).status).toBe(200);
    await runDueJobs();
    expect(await mailsTo(mailDir, email)).toHaveLength(1);
  });

  it("answers a wrong current password with 400 and counts it; bad or unchanged addresses with 400; none sends mail", async () => {
    const { user, email, cookie } = await signedInUser("careful");
    const newEmail = addressFor("elsewhere");
    const wrong = await askForChange(cookie, newEmail, "not-my-password");
    expect(wrong.status).toBe(400);
    expect(wrong.data.fieldErrors).toEqual({ currentPassword: authMessages.wrongCurrentPassword });
    expect(wrong.data.values).toEqual({ intent: "email", newEmail });
    const checks = await getDb().select().from(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.kind, "password_check")));
    expect(checks.map((c) => c.succeeded)).toEqual([false]);

    expect((await askForChange(cookie, "no-at-sign")).data.fieldErrors).toEqual({ newEmail: authMessages.emailInvalid });
    expect((await askForChange(cookie, "", "")).data.fieldErrors).toEqual({ newEmail: authMessages.emailInvalid, currentPassword: authMessages.passwordRequired });
    const same = await askForChange(cookie, email.toUpperCase());
    expect(same.status).toBe(400);
    expect(same.data.fieldErrors).toEqual({ newEmail: authMessages.sameEmail });

    expect(await getDb().select().from(emailConfirmations).where(eq(emailConfirmations.userId, user.id))).toEqual([]);
    await runDueJobs();
    expect([await mailsTo(mailDir, email), await mailsTo(mailDir, newEmail)]).toEqual([[], []]);
  });

  it("a new password stops a pending change, as the notice says; so does asking for another address", async () => {
    const { cookie } = await signedInUser("stopped");
    const [first, second] = [addressFor("first-choice"), addressFor("second-choice")];
    await askForChange(cookie, first);
    await askForChange(cookie, second);
    await runDueJobs();
    const [firstToken, secondToken] = [linkOf((await waitForMails(mailDir, first))[0]!, "confirm-email"), linkOf((await waitForMails(mailDir, second))[0]!, "confirm-email")];
    expect((await confirmPage(firstToken)).status).toBe(410);
    expect((await confirmPage(secondToken)).status).toBe(200);

    const changed = await account(cookie, { intent: "password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect((await confirm(secondToken)).status).toBe(410);
  });
});
