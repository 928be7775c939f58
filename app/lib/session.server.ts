import type { Database } from "#db/client.ts";
import {
  deleteOtherSessions,
  deleteSession,
  extendSession,
  findSessionWithUser,
  insertSession,
  type User,
} from "#db/queries/identity.ts";
import { env } from "./env.server.ts";
import { generateSecret, hashSecret, secretMatchesHash } from "./tokens.server.ts";

// Lucia's session design: a token "<id>.<secret>"; the id finds the row, the secret is
// checked against its stored SHA-256 hash in constant time.
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
const REFRESH_WHEN_LEFT_MS = 15 * DAY_MS;

export interface SessionInfo {
  id: string;
  userId: string;
  expiresAt: Date;
}

export type SessionUser = Pick<User, "id" | "email" | "name" | "emailVerifiedAt">;

export async function createSession(
  db: Database,
  userId: string,
  now = new Date(),
): Promise<{ token: string; session: SessionInfo }> {
  const id = generateSecret(15);
  const secret = generateSecret(32);
  const session = { id, userId, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  await insertSession(db, { ...session, secretHash: hashSecret(secret) });
  return { token: `${id}.${secret}`, session };
}

/** The session and user a token stands for, sliding the expiry forward; null if invalid. */
export async function validateSessionToken(
  db: Database,
  token: string,
  now = new Date(),
): Promise<{ session: SessionInfo; user: SessionUser } | null> {
  const parts = splitSessionToken(token);
  if (!parts) return null;
  return checkSessionRow(db, parts.secret, await findSessionWithUser(db, parts.id), now);
}

/** The parts of a session token: the row id to look up and the secret to check against it. */
export function splitSessionToken(token: string): { id: string; secret: string } | null {
  const [id, secret] = token.split(".");
  return id && secret ? { id, secret } : null;
}

/**
 * Checks a session row read by its id against the token's secret and the clock: null when the
 * secret is wrong or the session expired (then it is deleted), otherwise the session with its
 * expiry slid forward when less than half of it is left.
 */
export async function checkSessionRow(
  db: Database,
  secret: string,
  row: { session: { id: string; userId: string; secretHash: string; expiresAt: Date }; user: SessionUser } | undefined,
  now = new Date(),
): Promise<{ session: SessionInfo; user: SessionUser } | null> {
  if (!row || !secretMatchesHash(secret, row.session.secretHash)) return null;
  const { session, user } = row;
  if (now.getTime() >= session.expiresAt.getTime()) {
    await deleteSession(db, session.id);
    return null;
  }
  let expiresAt = session.expiresAt;
  if (expiresAt.getTime() - now.getTime() < REFRESH_WHEN_LEFT_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await extendSession(db, session.id, expiresAt);
  }
  return {
    session: { id: session.id, userId: session.userId, expiresAt },
    user: { id: user.id, email: user.email, name: user.name, emailVerifiedAt: user.emailVerifiedAt },
  };
}

export const invalidateSession = deleteSession;

export function invalidateOtherSessions(db: Database, userId: string, keepSessionId: string) {
  return deleteOtherSessions(db, userId, keepSessionId);
}

// The cookie outlives any one session (400 days is the browser maximum); the server-side
// expiry above is what counts, so the sliding refresh never has to rewrite the cookie.
const COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

export function sessionCookieName(): string {
  return env().COOKIE_SECURE ? "__Host-session" : "session";
}

export function serializeSessionCookie(token: string): string {
  const secure = env().COOKIE_SECURE ? "; Secure" : "";
  return `${sessionCookieName()}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE_S}${secure}`;
}

export function serializeBlankSessionCookie(): string {
  const secure = env().COOKIE_SECURE ? "; Secure" : "";
  return `${sessionCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}
