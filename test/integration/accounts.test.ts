import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { auditLog, loginAttempts, users } from "#db/schema/index.ts";
import { action as signUpAction } from "#app/routes/signup.tsx";
import { action as signInAction } from "#app/routes/signin.tsx";
import { createUser, makeRequest, settle, TEST_PASSWORD, testContext } from "#test/factories.ts";

const signUp = (form: Record<string, string>, ip = "127.0.0.1") =>
  settle(signUpAction({ request: makeRequest("/signup", { form }), params: {}, context: testContext(ip) }));
const signIn = (form: Record<string, string>, ip = "192.0.2.1") =>
  settle(signInAction({ request: makeRequest("/signin", { form }), params: {}, context: testContext(ip) }));
/** Where every sign-up goes: the sign-in page, saying to check the mail, then on to the organizations. */
const AFTER_SIGN_UP = "/signin?checkEmail=1&redirectTo=%2Forgs";

describe("sign-up", () => {
  it("creates the account with an argon2id hash and goes on to sign-in, saying to check the mail", async () => {
    const result = await signUp({ name: " Carla CSO ", email: "Carla@Example.com", password: "twelve-chars" });
    expect(result.status).toBe(302);
    expect(result.location).toBe(AFTER_SIGN_UP);
    // Nobody is signed in: a taken address gets the same answer (test/integration/account-mail.test.ts).
    expect(result.headers?.get("Set-Cookie") ?? null).toBeNull();
    const [user] = await getDb().select().from(users).where(eq(users.email, "carla@example.com"));
    expect(user?.name).toBe("Carla CSO");
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("answers 400 with a message per field and stores nothing", async () => {
    const result = await signUp({ name: "", email: "not-an-email", password: "elevenchars" });
    expect(result.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({
      name: "Enter your name.",
      email: "Enter a valid email address, like name@company.com.",
      password: "Use at least 12 characters for your password.",
    });
    expect(result.data.values).toEqual({ name: "", email: "not-an-email" });
    expect(await getDb().select().from(users).where(eq(users.email, "not-an-email"))).toHaveLength(0);
  });

  it("answers a duplicate email as it answers a new one, and makes no second account", async () => {
    await createUser({ email: "taken@example.com" });
    const result = await signUp({ name: "Someone", email: "TAKEN@example.com", password: "long-enough-pw" });
    expect(result.status).toBe(302);
    expect(result.location).toBe(AFTER_SIGN_UP);
    expect(await getDb().select().from(users).where(eq(users.email, "taken@example.com"))).toHaveLength(1);
  });

  it("only redirects to local paths afterwards", async () => {
    const result = await signUp({ name: "R", email: "redirect@example.com", password: "long-enough-pw", redirectTo: "//evil.example" });
    expect(result.location).toBe(AFTER_SIGN_UP);
    const kept = await signUp({ name: "R", email: "redirect-kept@example.com", password: "long-enough-pw", redirectTo: "/invite/abc" });
    expect(kept.location).toBe("/signin?checkEmail=1&redirectTo=%2Finvite%2Fabc");
  });
});

describe("sign-in", () => {
  it("signs in, audits it, and goes back where the person came from", async () => {
    const user = await createUser({ email: "signin@example.com" });
    const result = await signIn({ email: "signin@example.com", password: TEST_PASSWORD, redirectTo: "/account" });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/account");
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(audit.map((row) => row.action)).toContain("auth.signed_in");
  });

  it("a wrong password and an unknown email get the same sentence", async () => {
    await createUser({ email: "wrong@example.com" });
    const wrong = await signIn({ email: "wrong@example.com", password: "not-the-password" });
    const unknown = await signIn({ email: "nobody@example.com", password: "not-the-password" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.data.formError).toBe("The email or password is not correct.");
    expect(unknown.data.formError).toBe(wrong.data.formError);
  });

  it("after 10 failures for an email, even the right password gets 429 for 15 minutes", async () => {
    await createUser({ email: "limited@example.com" });
    for (let i = 0; i < 10; i += 1) {
      expect((await signIn({ email: "limited@example.com", password: `wrong-${i}` }, `198.51.100.${i}`)).status).toBe(400);
    }
    const blocked = await signIn({ email: "limited@example.com", password: TEST_PASSWORD }, "203.0.113.99");
    expect(blocked.status).toBe(429);
    expect(blocked.data.formError).toMatch(/Too many failed sign-in attempts/);
    // The count is in the database: a later window sees the failures as stale.
    await getDb().update(loginAttempts).set({ createdAt: new Date(Date.now() - 16 * 60_000) }).where(eq(loginAttempts.email, "limited@example.com"));
    expect((await signIn({ email: "limited@example.com", password: TEST_PASSWORD }, "203.0.113.99")).status).toBe(302);
  });

  it("after 10 failures from one address, that address gets 429 for any email", async () => {
    await createUser({ email: "innocent@example.com" });
    for (let i = 0; i < 10; i += 1) {
      await signIn({ email: `guess-${i}@example.com`, password: "whatever-it-is" }, "192.0.2.200");
    }
    expect((await signIn({ email: "innocent@example.com", password: TEST_PASSWORD }, "192.0.2.200")).status).toBe(429);
    expect((await signIn({ email: "innocent@example.com", password: TEST_PASSWORD }, "192.0.2.201")).status).toBe(302);
  });

  it("nine failures do not lock the account", async () => {
    await createUser({ email: "nine@example.com" });
    for (let i = 0; i < 9; i += 1) await signIn({ email: "nine@example.com", password: `wrong-${i}` }, "192.0.2.77");
    expect((await signIn({ email: "nine@example.com", password: TEST_PASSWORD }, "192.0.2.77")).status).toBe(302);
  });
});

describe("attempts counted before the password is hashed", () => {
  /** The attempts recorded for an email or an address: each was recorded before its hash. */
  const attemptsOf = async (where: { email?: string; ip?: string }, kind: "sign_in" | "sign_up") =>
    getDb()
      .select()
      .from(loginAttempts)
      .where(and(eq(loginAttempts.kind, kind), where.email ? eq(loginAttempts.email, where.email) : eq(loginAttempts.ip, where.ip!)));
  const failedSignInsAudited = async (email: string) =>
    (await getDb().select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"))).filter((row) => (row.details as { email?: string }).email === email);
  const statusCounts = (results: { status: number }[]) => {
    const counts: Record<number, number> = {};
    for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  };

  it("40 parallel wrong sign-ins for one email: 10 reach the password check, 30 get 429", async () => {
    await createUser({ email: "raced@example.com" });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn({ email: "raced@example.com", password: `wrong-${i}` }, `198.51.100.${100 + i}`)));
    expect(statusCounts(results)).toEqual({ 400: 10, 429: 30 });
    expect(await attemptsOf({ email: "raced@example.com" }, "sign_in")).toHaveLength(10);
    expect(await failedSignInsAudited("raced@example.com")).toHaveLength(10);
  });

  it("40 parallel wrong sign-ins from one address: 10 reach the password check, 30 get 429", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn({ email: `raced-${i}@example.com`, password: "not-the-password" }, "203.0.113.40")));
    expect(statusCounts(results)).toEqual({ 400: 10, 429: 30 });
    expect(await attemptsOf({ ip: "203.0.113.40" }, "sign_in")).toHaveLength(10);
  });

  it("sign-ups: 10 an hour from one address, the 11th gets 429 and creates no account", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signUp({ name: "Many", email: `many-${i}@example.com`, password: "long-enough-pw" }, "203.0.113.77")),
    );
    expect(statusCounts(results)).toEqual({ 302: 10, 429: 2 });
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.data.formError).toBe("Too many sign-ups from this network or for this address in the last hour. Please try again later.");
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => getDb().select().from(users).where(eq(users.email, `many-${i}@example.com`))));
    expect(created.filter((rows) => rows.length === 1)).toHaveLength(10);
    expect(await attemptsOf({ ip: "203.0.113.77" }, "sign_up")).toHaveLength(10);
    // Another address is not affected; an hour later this one may sign up again.
    expect((await signUp({ name: "Other", email: "other-network@example.com", password: "long-enough-pw" }, "203.0.113.78")).status).toBe(302);
    await getDb().update(loginAttempts).set({ createdAt: new Date(Date.now() - 61 * 60_000) }).where(eq(loginAttempts.ip, "203.0.113.77"));
    expect((await signUp({ name: "Later", email: "many-later@example.com", password: "long-enough-pw" }, "203.0.113.77")).status).toBe(302);
  });

  it("a sign-up refused by its form (a short password) is not counted", async () => {
    for (let i = 0; i < 11; i += 1) {
      expect((await signUp({ name: "Short", email: `short-${i}@example.com`, password: "short" }, "203.0.113.90")).status).toBe(400);
    }
    expect(await attemptsOf({ ip: "203.0.113.90" }, "sign_up")).toHaveLength(0);
    expect((await signUp({ name: "Short", email: "short-ok@example.com", password: "long-enough-pw" }, "203.0.113.90")).status).toBe(302);
  });
});

describe("where sign-in and sign-up go afterwards", () => {
  // Each payload is one the browser resolves off-site: a backslash reads as a slash, a tab is
  // dropped from a URL, so "/\\evil.example/" and "/\t/evil.example/" both mean //evil.example.
  const offSite = ["//evil.example", "/\\evil.example/", "/\\/evil.example/", "/\\t/evil.example/", "\\\\evil.example", "https://evil.example/", "/.//evil.example/", "javascript:alert(1)", "evil.example"];
  const withControlCharacters = ["/\t/evil.example/", "/orgs\r\nSet-Cookie: session=stolen", "/orgs\nx", "/orgs\rx", "/orgs\u0085"];
  let ip = 0;
  const nextIp = () => `198.18.0.${(ip += 1)}`;

  it("sign-in goes to the fallback for every off-site target and keeps same-site paths", async () => {
    await createUser({ email: "redirects@example.com" });
    const signInTo = (redirectTo: string) => signIn({ email: "redirects@example.com", password: TEST_PASSWORD, redirectTo }, nextIp());
    for (const target of offSite) {
      const result = await signInTo(target);
      expect([target, result.status, result.location]).toEqual([target, 302, "/orgs"]);
    }
    expect((await signInTo("/account?tab=password#current")).location).toBe("/account?tab=password#current");
    expect((await signInTo("/orgs/ä")).location).toBe("/orgs/%C3%A4");
  });

  it("sign-up goes on to sign-in with the fallback for every off-site target", async () => {
    for (const [i, target] of offSite.entries()) {
      const result = await signUp({ name: "Redirected", email: `redirected-${i}@example.com`, password: "long-enough-pw", redirectTo: target }, nextIp());
      expect([target, result.status, result.location]).toEqual([target, 302, AFTER_SIGN_UP]);
    }
  });

  it("a control character in the target answers 400 with a sentence, and signs no one in or up", async () => {
    const user = await createUser({ email: "control@example.com" });
    const message = "The address to return to after signing in holds a character no web address holds (such as a tab or a line break). Open the page you wanted again.";
    for (const [i, target] of withControlCharacters.entries()) {
      const signedIn = await signIn({ email: "control@example.com", password: TEST_PASSWORD, redirectTo: target }, nextIp());
      expect([target, signedIn.status, signedIn.data?.formError]).toEqual([target, 400, message]);
      expect(signedIn.headers?.get("Set-Cookie") ?? null).toBeNull();
      const signedUp = await signUp({ name: "Control", email: `control-${i}@example.com`, password: "long-enough-pw", redirectTo: target }, nextIp());
      expect([target, signedUp.status, signedUp.data?.formError]).toEqual([target, 400, message]);
      expect(await getDb().select().from(users).where(eq(users.email, `control-${i}@example.com`))).toHaveLength(0);
    }
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(audit.filter((row) => row.action === "auth.signed_in")).toHaveLength(0);
  });
});
