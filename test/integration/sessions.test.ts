import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { loginAttempts, sessions, users } from "#db/schema/index.ts";
import { getAuth } from "#app/lib/auth.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";
import { createSession, validateSessionToken } from "#app/lib/session.server.ts";
import { action as signOutAction } from "#app/routes/signout.tsx";
import { action as accountAction } from "#app/routes/account.tsx";
import { createUser, makeRequest, sessionCookie, settle, TEST_PASSWORD, testContext } from "#test/factories.ts";

const DAY = 24 * 60 * 60 * 1000;

function changePassword(cookie: string, currentPassword: string) {
  const newPassword = "a-brand-new-password";
  return settle(
    accountAction({
      request: makeRequest("/account", {
        cookie,
        form: { intent: "password", currentPassword, newPassword, confirmPassword: newPassword },
      }),
      params: {},
      context: testContext(),
    }),
  );
}

describe("sessions", () => {
  it("stores only the SHA-256 hash of a 256-bit secret", async () => {
    const user = await createUser();
    const { token, session } = await createSession(getDb(), user.id);
    const [id, secret] = token.split(".");
    expect(id).toBe(session.id);
    expect(secret).toMatch(/^[a-z2-7]{52}$/); // 32 bytes in base32
    const [row] = await getDb().select().from(sessions).where(eq(sessions.id, session.id));
    expect(row?.secretHash).toBe(hashSecret(secret!));
    expect(row?.secretHash).not.toContain(secret);
  });

  it("rejects a token whose secret is wrong", async () => {
    const user = await createUser();
    const { token } = await createSession(getDb(), user.id);
    const [id] = token.split(".");
    expect(await validateSessionToken(getDb(), `${id}.${"a".repeat(52)}`)).toBeNull();
    expect(await validateSessionToken(getDb(), "garbage")).toBeNull();
  });

  it("expires after 30 days without use and deletes the row", async () => {
    const user = await createUser();
    const start = new Date("2026-01-01T00:00:00Z");
    const { token, session } = await createSession(getDb(), user.id, start);
    expect(session.expiresAt.toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(await validateSessionToken(getDb(), token, new Date(start.getTime() + 29 * DAY))).not.toBeNull();
    const { token: other } = await createSession(getDb(), user.id, start);
    expect(await validateSessionToken(getDb(), other, new Date(start.getTime() + 30 * DAY))).toBeNull();
    const left = await getDb().select().from(sessions).where(eq(sessions.id, other.split(".")[0]!));
    expect(left).toHaveLength(0);
  });

  it("slides forward when used in its second half", async () => {
    const user = await createUser();
    const start = new Date("2026-03-01T00:00:00Z");
    const { token } = await createSession(getDb(), user.id, start);
    // Day 10: more than 15 days left, unchanged.
    const day10 = await validateSessionToken(getDb(), token, new Date(start.getTime() + 10 * DAY));
    expect(day10?.session.expiresAt.toISOString()).toBe("2026-03-31T00:00:00.000Z");
    // Day 20: 10 days left, extended to day 20 + 30 = 2026-04-20.
    const day20 = await validateSessionToken(getDb(), token, new Date(start.getTime() + 20 * DAY));
    expect(day20?.session.expiresAt.toISOString()).toBe("2026-04-20T00:00:00.000Z");
    // Day 45 is past the first expiry but within the extended one.
    expect(await validateSessionToken(getDb(), token, new Date(start.getTime() + 45 * DAY))).not.toBeNull();
  });

  it("sign-out deletes the session and clears the cookie", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user);
    const result = await settle(signOutAction({ request: makeRequest("/signout", { cookie, form: {} }), params: {}, context: testContext() }));
    expect(result.status).toBe(302);
    expect(result.headers?.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await getAuth(makeRequest("/", { cookie }))).toBeNull();
  });

  it("a password change revokes every other session and keeps the current one", async () => {
    const user = await createUser();
    const current = await sessionCookie(user);
    const otherDevice = await sessionCookie(user);
    const result = await changePassword(current, TEST_PASSWORD);
    expect(result.status).toBe(200);
    expect(await getAuth(makeRequest("/", { cookie: current }))).not.toBeNull();
    expect(await getAuth(makeRequest("/", { cookie: otherDevice }))).toBeNull();
  });

  it("a wrong current password changes nothing and says so", async () => {
    const user = await createUser();
    const current = await sessionCookie(user);
    const otherDevice = await sessionCookie(user);
    const result = await changePassword(current, "not-my-password");
    expect(result.status).toBe(400);
    expect(result.data.fieldErrors.currentPassword).toBe("Your current password is not correct.");
    expect(await getAuth(makeRequest("/", { cookie: otherDevice }))).not.toBeNull();
  });

  it("40 parallel wrong current passwords: 10 are checked, 30 get 429, and then even the right one waits 15 minutes", async () => {
    const user = await createUser();
    const current = await sessionCookie(user);
    const [before] = await getDb().select().from(users).where(eq(users.id, user.id));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => changePassword(current, `guess-${i}`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(10).fill(400), ...Array<number>(30).fill(429)]);
    const limited = "Too many wrong current passwords. For your security, changing the password is paused for 15 minutes.";
    expect(results.find((r) => r.status === 429)!.data.fieldErrors.currentPassword).toBe(limited);
    const checked = await getDb().select().from(loginAttempts).where(eq(loginAttempts.email, user.email));
    expect(checked.map((a) => [a.kind, a.succeeded])).toEqual(Array.from({ length: 10 }, () => ["password_check", false]));

    const right = await changePassword(current, TEST_PASSWORD);
    expect(right.status).toBe(429);
    const [after] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(after!.passwordHash).toBe(before!.passwordHash);
    await getDb().update(loginAttempts).set({ createdAt: new Date(Date.now() - 16 * 60_000) }).where(eq(loginAttempts.email, user.email));
    expect((await changePassword(current, TEST_PASSWORD)).status).toBe(200);
  });

  it("wrong current passwords are counted apart from sign-ins", async () => {
    const user = await createUser();
    const current = await sessionCookie(user);
    for (let i = 0; i < 9; i += 1) expect((await changePassword(current, `guess-${i}`)).status).toBe(400);
    expect((await changePassword(current, TEST_PASSWORD)).status).toBe(200);
    const kinds = (await getDb().select().from(loginAttempts).where(eq(loginAttempts.email, user.email))).map((a) => a.kind);
    expect(new Set(kinds)).toEqual(new Set(["password_check"]));
  });
});
