import { getDb } from "#db/client.ts";
import { writeAudit } from "#db/queries/audit.ts";
import {
  countRecentFailedLogins,
  findUserByEmail,
  findUserById,
  insertUser,
  recordLoginAttempt,
  updateUserName,
  updateUserPassword,
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

export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export async function signUp(input: { name: string; email: string; password: string }) {
  const db = getDb();
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(db, { name: input.name, email: input.email, passwordHash });
  if (!user) throw new UserError(409, authMessages.emailTaken, { email: authMessages.emailTaken });
  const { token } = await createSession(db, user.id);
  await writeAudit(db, { actorId: user.id, action: "user.signed_up", details: { email: user.email } });
  return { user, token };
}

/**
 * Signs in with email and password. After LOGIN_FAILURE_LIMIT failures for the email or
 * the address within LOGIN_WINDOW_MS it answers 429; the count lives in the database so it
 * holds across restarts and processes.
 */
export async function signIn(input: { email: string; password: string; ip: string }, now = new Date()) {
  const db = getDb();
  const failures = await countRecentFailedLogins(db, {
    email: input.email,
    ip: input.ip,
    since: new Date(now.getTime() - LOGIN_WINDOW_MS),
  });
  if (failures.byEmail >= LOGIN_FAILURE_LIMIT || failures.byIp >= LOGIN_FAILURE_LIMIT) {
    throw new UserError(429, authMessages.rateLimited);
  }
  const user = await findUserByEmail(db, input.email);
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyAgainstDummy(input.password), false);
  await recordLoginAttempt(db, { email: input.email, ip: input.ip, succeeded: passwordOk });
  if (!user || !passwordOk) {
    await writeAudit(db, {
      actorId: user?.id ?? null,
      action: "auth.sign_in_failed",
      details: { email: input.email, ip: input.ip },
    });
    throw new UserError(400, authMessages.wrongCredentials);
  }
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

/** Changes the password and signs the user out everywhere else. */
export async function changePassword(
  auth: Auth,
  input: { currentPassword: string; newPassword: string },
) {
  const db = getDb();
  const user = await findUserById(db, auth.user.id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new UserError(400, authMessages.wrongCurrentPassword, {
      currentPassword: authMessages.wrongCurrentPassword,
    });
  }
  await updateUserPassword(db, user.id, await hashPassword(input.newPassword));
  await invalidateOtherSessions(db, user.id, auth.session.id);
  await writeAudit(db, { actorId: user.id, action: "user.password_changed" });
}
