import { getDb } from "#db/client.ts";
import { writeAudit } from "#db/queries/audit.ts";
import {
  findUserByEmail,
  findUserById,
  insertUser,
  markAttemptSucceeded,
  reserveAttempt,
  updateUserName,
  updateUserPassword,
  type AttemptLimit,
} from "#db/queries/identity.ts";
import { authMessages } from "#app/messages/auth.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "#app/lib/password.server.ts";
import {
  createSession,
  invalidateOtherSessions,
  invalidateSession,
} from "#app/lib/session.server.ts";

const MINUTE_MS = 60 * 1000;

/**
 * Every password hashed for a person is an attempt counted first (docs/decisions/0018):
 * sign-in per email and per address, the account page's current password per account, and
 * sign-ups per address. The README lists them.
 */
export const ATTEMPT_LIMITS = {
  signIn: { kind: "sign_in", counts: "failures", per: ["email", "ip"], limit: 10, windowMs: 15 * MINUTE_MS },
  passwordCheck: { kind: "password_check", counts: "failures", per: ["email"], limit: 10, windowMs: 15 * MINUTE_MS },
  signUp: { kind: "sign_up", counts: "all", per: ["ip"], limit: 10, windowMs: 60 * MINUTE_MS },
} as const satisfies Record<string, Omit<AttemptLimit, "since"> & { windowMs: number }>;

const ruleAt = ({ windowMs, ...rule }: (typeof ATTEMPT_LIMITS)[keyof typeof ATTEMPT_LIMITS], now: Date): AttemptLimit => ({
  ...rule,
  since: new Date(now.getTime() - windowMs),
});

export async function signUp(input: { name: string; email: string; password: string; ip: string }, now = new Date()) {
  const db = getDb();
  const attemptId = await reserveAttempt(db, { email: input.email, ip: input.ip }, ruleAt(ATTEMPT_LIMITS.signUp, now));
  if (!attemptId) throw new UserError(429, authMessages.signUpRateLimited);
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(db, { name: input.name, email: input.email, passwordHash });
  if (!user) throw new UserError(409, authMessages.emailTaken, { email: authMessages.emailTaken });
  await markAttemptSucceeded(db, attemptId);
  const { token } = await createSession(db, user.id);
  await writeAudit(db, { actorId: user.id, action: "user.signed_up", details: { email: user.email } });
  return { user, token };
}

/**
 * Signs in with email and password. After 10 failures for the email or the address within 15
 * minutes it answers 429; the count lives in the database so it holds across restarts and
 * processes, and the attempt is counted before the password is hashed, so parallel attempts
 * cannot slip past it.
 */
export async function signIn(input: { email: string; password: string; ip: string }, now = new Date()) {
  const db = getDb();
  const attemptId = await reserveAttempt(db, { email: input.email, ip: input.ip }, ruleAt(ATTEMPT_LIMITS.signIn, now));
  if (!attemptId) throw new UserError(429, authMessages.rateLimited);
  const user = await findUserByEmail(db, input.email);
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyAgainstDummy(input.password), false);
  if (!user || !passwordOk) {
    await writeAudit(db, {
      actorId: user?.id ?? null,
      action: "auth.sign_in_failed",
      details: { email: input.email, ip: input.ip },
    });
    throw new UserError(400, authMessages.wrongCredentials);
  }
  await markAttemptSucceeded(db, attemptId);
  const { token } = await createSession(db, user.id, now);
  await writeAudit(db, { actorId: user.id, action: "auth.signed_in", details: { ip: input.ip } });
  return { user, token };
}

export async function signOut(auth: Auth) {
  const db = getDb();
  await invalidateSession(db, auth.session.id);
  await writeAudit(db, { actorId: auth.user.id, action: "auth.signed_out" });
}

export async function updateProfile(auth: Auth, input: { name: string }) {
  await updateUserName(getDb(), auth.user.id, input.name);
}

/**
 * Changes the password and signs the user out everywhere else. Wrong current passwords are
 * counted per account like failed sign-ins: a stolen session cannot guess the password.
 */
export async function changePassword(
  auth: Auth,
  input: { currentPassword: string; newPassword: string; ip: string },
  now = new Date(),
) {
  const db = getDb();
  const attemptId = await reserveAttempt(db, { email: auth.user.email, ip: input.ip }, ruleAt(ATTEMPT_LIMITS.passwordCheck, now));
  if (!attemptId) {
    throw new UserError(429, authMessages.passwordCheckRateLimited, { currentPassword: authMessages.passwordCheckRateLimited });
  }
  const user = await findUserById(db, auth.user.id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new UserError(400, authMessages.wrongCurrentPassword, {
      currentPassword: authMessages.wrongCurrentPassword,
    });
  }
  await markAttemptSucceeded(db, attemptId);
  await updateUserPassword(db, user.id, await hashPassword(input.newPassword));
  await invalidateOtherSessions(db, user.id, auth.session.id);
  await writeAudit(db, { actorId: user.id, action: "user.password_changed" });
}
