import { getDb, type Database } from "#db/client.ts";
import { insertEmailConfirmation, voidEmailConfirmations, voidPasswordResets } from "#db/queries/account-links.ts";
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
import { inTransaction } from "#db/transaction.ts";
import { expiryFrom, LINK_LIFETIMES_MS } from "#app/domain/account-links.ts";
import { authMessages } from "#app/messages/auth.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "#app/lib/password.server.ts";
import {
  createSession,
  invalidateOtherSessions,
  invalidateSession,
} from "#app/lib/session.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { emailConfirmationMail, signUpAddressTakenMail } from "./account-mail.server.ts";
import { queueMail } from "./mail.server.ts";

const MINUTE_MS = 60 * 1000;

/**
 * Every password hashed for a person, and every mail sent to an address someone typed, is an
 * attempt counted first (docs/decisions/0018): sign-in per email and per address, the account
 * page's current password per account, sign-ups and password resets per email and per address.
 * The README lists them.
 */
export const ATTEMPT_LIMITS = {
  signIn: { kind: "sign_in", counts: "failures", per: { email: 10, ip: 10 }, windowMs: 15 * MINUTE_MS },
  passwordCheck: { kind: "password_check", counts: "failures", per: { email: 10 }, windowMs: 15 * MINUTE_MS },
  signUp: { kind: "sign_up", counts: "all", per: { email: 5, ip: 10 }, windowMs: 60 * MINUTE_MS },
  passwordReset: { kind: "password_reset", counts: "all", per: { email: 5, ip: 20 }, windowMs: 60 * MINUTE_MS },
} as const satisfies Record<string, Omit<AttemptLimit, "since"> & { windowMs: number }>;

export const attemptRuleAt = ({ windowMs, ...rule }: (typeof ATTEMPT_LIMITS)[keyof typeof ATTEMPT_LIMITS], now: Date): AttemptLimit => ({
  ...rule,
  since: new Date(now.getTime() - windowMs),
});

/**
 * Signs up, answering the same whether or not the address has an account, so that sign-up does
 * not tell who is registered: nobody is signed in, and the address gets one mail either way, a
 * confirmation link for a new account or, to the owner of a taken one, a notice instead. Both
 * hash the password and queue one mail, so they take about as long.
 */
export async function signUp(input: { name: string; email: string; password: string; ip: string }, now = new Date()) {
  const db = getDb();
  const attemptId = await reserveAttempt(db, { email: input.email, ip: input.ip }, attemptRuleAt(ATTEMPT_LIMITS.signUp, now));
  if (!attemptId) throw new UserError(429, authMessages.signUpRateLimited);
  const passwordHash = await hashPassword(input.password);
  const token = generateSecret(32);
  await inTransaction(db, async (tx) => {
    const user = await insertUser(tx, { name: input.name, email: input.email, passwordHash });
    if (user) {
      await insertEmailConfirmation(tx, { tokenHash: hashSecret(token), userId: user.id, newEmail: null, expiresAt: expiryFrom(now, LINK_LIFETIMES_MS.emailConfirmation), createdAt: now });
      await queueMail(tx, [emailConfirmationMail(user, token)]);
      await writeAudit(tx, { actorId: user.id, action: "user.signed_up", details: { email: user.email } });
    } else {
      const owner = await findUserByEmail(tx, input.email);
      if (owner) await queueMail(tx, [signUpAddressTakenMail(owner)]);
      await writeAudit(tx, { actorId: null, action: "auth.sign_up_address_taken", details: { email: input.email, ip: input.ip } });
    }
    await markAttemptSucceeded(tx, attemptId);
  });
}

/**
 * Signs in with email and password. After 10 failures for the email or the address within 15
 * minutes it answers 429; the count lives in the database so it holds across restarts and
 * processes, and the attempt is counted before the password is hashed, so parallel attempts
 * cannot slip past it.
 */
export async function signIn(input: { email: string; password: string; ip: string }, now = new Date()) {
  const db = getDb();
  const attemptId = await reserveAttempt(db, { email: input.email, ip: input.ip }, attemptRuleAt(ATTEMPT_LIMITS.signIn, now));
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
 * Checks the signed-in person's current password. Wrong ones are counted per account like failed
 * sign-ins: a stolen session cannot guess the password.
 */
export async function checkCurrentPassword(db: Database, auth: Auth, input: { currentPassword: string; ip: string }, now: Date) {
  const attemptId = await reserveAttempt(db, { email: auth.user.email, ip: input.ip }, attemptRuleAt(ATTEMPT_LIMITS.passwordCheck, now));
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
  return user;
}

/**
 * Changes the password and signs the user out everywhere else. Links mailed before stop
 * working: a reset, and an address change, which the notice to the old address says a new
 * password stops.
 */
export async function changePassword(
  auth: Auth,
  input: { currentPassword: string; newPassword: string; ip: string },
  now = new Date(),
) {
  const db = getDb();
  const user = await checkCurrentPassword(db, auth, input, now);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx) => {
    await updateUserPassword(tx, user.id, passwordHash);
    await invalidateOtherSessions(tx, user.id, auth.session.id);
    await voidPasswordResets(tx, user.id, now);
    await voidEmailConfirmations(tx, user.id, now, "changes");
    await writeAudit(tx, { actorId: user.id, action: "user.password_changed" });
  });
}
