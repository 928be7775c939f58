/**
 * The links account mail carries: a password reset, the confirmation of the address given at
 * sign-up, and the confirmation of a new address. Each is a 256-bit secret stored only as its
 * SHA-256 hash, works once and expires (app/domain/account-links.ts).
 */
import { getDb, type Database } from "#db/client.ts";
import {
  countEmailConfirmationsSince,
  findEmailConfirmation,
  findPasswordReset,
  insertEmailConfirmation,
  insertPasswordReset,
  useEmailConfirmation,
  usePasswordReset,
  voidEmailConfirmations,
  voidPasswordResets,
} from "#db/queries/account-links.ts";
import { writeAudit } from "#db/queries/audit.ts";
import {
  changeUserEmail,
  deleteUserSessions,
  findUserByEmail,
  findUserById,
  isUniqueViolation,
  markEmailVerified,
  reserveAttempt,
  updateUserPassword,
} from "#db/queries/identity.ts";
import { inTransaction } from "#db/transaction.ts";
import { expiryFrom, LINK_LIFETIMES_MS, linkFailureStatus, linkState, type LinkState } from "#app/domain/account-links.ts";
import { authMessages } from "#app/messages/auth.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { hashPassword } from "#app/lib/password.server.ts";
import { createSession } from "#app/lib/session.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { emailChangedMail, emailChangeMail, emailChangeRequestedMail, emailConfirmationMail, passwordResetMail } from "./account-mail.server.ts";
import { ATTEMPT_LIMITS, attemptRuleAt, checkCurrentPassword } from "./accounts.server.ts";
import { queueMail } from "./mail.server.ts";

/** Confirmation links mailed per account and hour, sent again or for a new address: each is a mail someone asked for. */
export const CONFIRMATION_MAIL_LIMIT = { limit: 5, windowMs: 60 * 60 * 1000 } as const;

const newToken = () => {
  const token = generateSecret(32);
  return { token, tokenHash: hashSecret(token) };
};

function linkFailure(state: Exclude<LinkState, "usable">, messages: { unknown: string; gone: string }) {
  return new UserError(linkFailureStatus(state), state === "unknown" ? messages.unknown : messages.gone);
}

const RESET_LINK = { unknown: authMessages.resetLinkUnknown, gone: authMessages.resetLinkGone };
const CONFIRMATION_LINK = { unknown: authMessages.confirmationLinkUnknown, gone: authMessages.confirmationLinkGone };

/**
 * Mails a reset link when the address has an account, and answers the same when it has none:
 * the caller shows one sentence either way. Asked again, the newer link replaces the older.
 * Counted per address and per client first, so nobody can fill a mailbox or probe many addresses.
 */
export async function requestPasswordReset(input: { email: string; ip: string }, now = new Date()) {
  const db = getDb();
  if (!(await reserveAttempt(db, input, attemptRuleAt(ATTEMPT_LIMITS.passwordReset, now)))) {
    throw new UserError(429, authMessages.resetRateLimited);
  }
  const user = await findUserByEmail(db, input.email);
  if (!user) return;
  const { token, tokenHash } = newToken();
  await inTransaction(db, async (tx) => {
    await voidPasswordResets(tx, user.id, now);
    await insertPasswordReset(tx, { tokenHash, userId: user.id, expiresAt: expiryFrom(now, LINK_LIFETIMES_MS.passwordReset), createdAt: now });
    await queueMail(tx, [passwordResetMail(user, token)]);
  });
}

/** Whether a reset link can still set a password, for its page. */
export async function describePasswordReset(token: string, now = new Date()): Promise<LinkState> {
  return linkState(await findPasswordReset(getDb(), hashSecret(token)), now);
}

/**
 * Sets a new password from a reset link and uses the link up. Everyone signed in to the account
 * is signed out, and the person gets a new session; following the link proved the address, so
 * it counts as confirmed. A pending address change stops, as the notice about it promises.
 */
export async function resetPassword(input: { token: string; newPassword: string; ip: string }, now = new Date()) {
  const db = getDb();
  const tokenHash = hashSecret(input.token);
  const state = linkState(await findPasswordReset(db, tokenHash), now);
  if (state !== "usable") throw linkFailure(state, RESET_LINK);
  const passwordHash = await hashPassword(input.newPassword);
  const userId = await inTransaction(db, async (tx) => {
    // A parallel use of the same link may have come first.
    const used = await usePasswordReset(tx, tokenHash, now);
    if (!used) throw linkFailure("used", RESET_LINK);
    await updateUserPassword(tx, used.userId, passwordHash);
    await markEmailVerified(tx, used.userId, now);
    await deleteUserSessions(tx, used.userId);
    await voidPasswordResets(tx, used.userId, now);
    await voidEmailConfirmations(tx, used.userId, now, "changes");
    await writeAudit(tx, { actorId: used.userId, action: "user.password_reset", details: { ip: input.ip } });
    return used.userId;
  });
  return createSession(db, userId, now);
}

/**
 * Stores a confirmation link and, in the same transaction, runs `mail` to queue its mail, under
 * the account's limit of confirmation mails an hour.
 */
async function mailConfirmationLink(userId: string, newEmail: string | null, now: Date, mail: (tx: Database, token: string) => Promise<void>) {
  const { token, tokenHash } = newToken();
  await inTransaction(getDb(), async (tx) => {
    const since = new Date(now.getTime() - CONFIRMATION_MAIL_LIMIT.windowMs);
    if ((await countEmailConfirmationsSince(tx, userId, since)) >= CONFIRMATION_MAIL_LIMIT.limit) {
      throw new UserError(429, authMessages.confirmationRateLimited);
    }
    // Only the newest address asked for can be confirmed.
    if (newEmail !== null) await voidEmailConfirmations(tx, userId, now, "changes");
    await insertEmailConfirmation(tx, { tokenHash, userId, newEmail, expiresAt: expiryFrom(now, LINK_LIFETIMES_MS.emailConfirmation), createdAt: now });
    await mail(tx, token);
  });
}

/** Mails the sign-up confirmation link again to an account whose address is not confirmed yet. */
export async function resendConfirmation(auth: Auth, now = new Date()): Promise<{ alreadyConfirmed: boolean }> {
  const user = await findUserById(getDb(), auth.user.id);
  if (!user || user.emailVerifiedAt) return { alreadyConfirmed: true };
  await mailConfirmationLink(user.id, null, now, async (tx, token) => {
    await queueMail(tx, [emailConfirmationMail(user, token)]);
  });
  return { alreadyConfirmed: false };
}

/**
 * Asks to move the account to `newEmail`: the link goes to the new address, a notice to the
 * current one. The address changes only when the link is followed. Whether the new address has
 * an account is not checked here, so the form reveals nobody; the link then answers 409.
 */
export async function requestEmailChange(auth: Auth, input: { newEmail: string; currentPassword: string; ip: string }, now = new Date()) {
  if (input.newEmail === auth.user.email) throw new UserError(400, authMessages.sameEmail, { newEmail: authMessages.sameEmail });
  const user = await checkCurrentPassword(getDb(), auth, input, now);
  await mailConfirmationLink(user.id, input.newEmail, now, async (tx, token) => {
    await queueMail(tx, [emailChangeMail(user, input.newEmail, token), emailChangeRequestedMail(user, input.newEmail)]);
    await writeAudit(tx, { actorId: user.id, action: "user.email_change_requested", details: { to: input.newEmail } });
  });
}

/** What a confirmation link would confirm, for its page: the account's address, or the new one. */
export async function describeConfirmation(token: string, now = new Date()) {
  const db = getDb();
  const link = await findEmailConfirmation(db, hashSecret(token));
  const state = linkState(link, now);
  if (!link || state !== "usable") return { state, email: null, change: false };
  const user = await findUserById(db, link.userId);
  return { state, email: link.newEmail ?? user?.email ?? null, change: link.newEmail !== null };
}

/**
 * Follows a confirmation link: the sign-up's confirms the account's address; a change's moves the
 * account to the new address and tells the old one, or answers 409 when another account has
 * taken the address since, leaving the link unused.
 */
export async function confirmEmail(token: string, now = new Date()): Promise<{ email: string; changed: boolean }> {
  const db = getDb();
  const tokenHash = hashSecret(token);
  const state = linkState(await findEmailConfirmation(db, tokenHash), now);
  if (state !== "usable") throw linkFailure(state, CONFIRMATION_LINK);
  const taken = new UserError(409, authMessages.emailTakenMeanwhile);
  try {
    return await inTransaction(db, async (tx) => {
      const used = await useEmailConfirmation(tx, tokenHash, now);
      const user = used && (await findUserById(tx, used.userId));
      if (!used || !user) throw linkFailure("used", CONFIRMATION_LINK);
      if (used.newEmail === null) {
        await markEmailVerified(tx, user.id, now);
        await writeAudit(tx, { actorId: user.id, action: "user.email_confirmed", details: { email: user.email } });
        return { email: user.email, changed: false };
      }
      const holder = await findUserByEmail(tx, used.newEmail);
      if (holder && holder.id !== user.id) throw taken;
      await changeUserEmail(tx, user.id, used.newEmail, now);
      // Links mailed to the old address no longer prove anything.
      await voidEmailConfirmations(tx, user.id, now, "all");
      await voidPasswordResets(tx, user.id, now);
      await queueMail(tx, [emailChangedMail(user, user.email, used.newEmail)]);
      await writeAudit(tx, { actorId: user.id, action: "user.email_changed", details: { from: user.email, to: used.newEmail } });
      return { email: used.newEmail, changed: true };
    });
  } catch (error) {
    // Another account took the address between the check and the change.
    if (isUniqueViolation(error)) throw taken;
    throw error;
  }
}
