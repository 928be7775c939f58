import { and, eq, gt, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { loginAttempts, sessions, users } from "../schema/index.ts";

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** Inserts a user; returns undefined when the email is already taken. */
export async function insertUser(
  db: Database,
  values: { email: string; name: string; passwordHash: string; emailVerifiedAt?: Date },
): Promise<User | undefined> {
  const [user] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return user;
}

export async function updateUserName(db: Database, userId: string, name: string): Promise<void> {
  await db.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function updateUserPassword(db: Database, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** Records that the person proved the address is theirs; the first proof's time is kept. */
export async function markEmailVerified(db: Database, userId: string, now: Date) {
  await db
    .update(users)
    .set({ emailVerifiedAt: now, updatedAt: now })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}

/**
 * Moves the account to an address its owner just proved. Another account taking the address at
 * the same moment makes it throw a unique violation (`isUniqueViolation`).
 */
export async function changeUserEmail(db: Database, userId: string, email: string, now: Date) {
  await db.update(users).set({ email, emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId));
}

/** Whether `error` is PostgreSQL's unique violation (SQLSTATE 23505), which drizzle wraps as `cause`. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export async function insertSession(db: Database, session: Omit<Session, "createdAt">) {
  await db.insert(sessions).values(session);
}

export async function findSessionWithUser(db: Database, sessionId: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  return row;
}

export async function extendSession(db: Database, sessionId: string, expiresAt: Date) {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Database, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteOtherSessions(db: Database, userId: string, keepSessionId: string) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}

export async function deleteUserSessions(db: Database, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Database, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function deleteLoginAttemptsBefore(db: Database, before: Date) {
  await db.delete(loginAttempts).where(lt(loginAttempts.createdAt, before));
}

export type AttemptKind = (typeof loginAttempts.$inferInsert)["kind"] & string;

/** What an attempt is counted by, and its advisory-lock space; email is always locked before ip. */
const LOCK_SPACES = { email: 7_301, ip: 7_302 } as const;

export interface AttemptLimit {
  kind: AttemptKind;
  /** The attempts counted: failed ones (sign-in, password check) or all (sign-up, password reset). */
  counts: "failures" | "all";
  /** The most attempts per email, per address, or both; refused when any count reaches its limit. */
  per: Partial<Record<"email" | "ip", number>>;
  since: Date;
}

/**
 * Counts the recent attempts and, under the limit, records this one as failed, in one
 * transaction holding an advisory lock per counted email and address: parallel attempts take
 * their turns, so no more than `limit` are ever recorded, and each is recorded before its
 * password is hashed (or its mail is sent). Returns the attempt's id (mark it succeeded afterwards), or null when the
 * limit is reached. PGlite runs one transaction at a time, so there the lock is a no-op.
 */
export async function reserveAttempt(db: Database, attempt: { email: string; ip: string }, rule: AttemptLimit): Promise<string | null> {
  return db.transaction(async (tx) => {
    const keys = (["email", "ip"] as const).filter((k) => rule.per[k] !== undefined);
    for (const key of keys) {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_SPACES[key]}, hashtext(${attempt[key]}))`);
    }
    const [counted] = await tx
      .select({
        email: sql<number>`count(*) filter (where ${loginAttempts.email} = ${attempt.email})`.mapWith(Number),
        ip: sql<number>`count(*) filter (where ${loginAttempts.ip} = ${attempt.ip})`.mapWith(Number),
      })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.kind, rule.kind),
          rule.counts === "failures" ? eq(loginAttempts.succeeded, false) : undefined,
          gt(loginAttempts.createdAt, rule.since),
          or(...keys.map((key) => eq(loginAttempts[key], attempt[key]))),
        ),
      );
    if (keys.some((key) => (counted?.[key] ?? 0) >= rule.per[key]!)) return null;
    const [row] = await tx.insert(loginAttempts).values({ ...attempt, kind: rule.kind, succeeded: false }).returning({ id: loginAttempts.id });
    return row!.id;
  });
}

export async function markAttemptSucceeded(db: Database, attemptId: string) {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}
