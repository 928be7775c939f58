import { and, count, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { emailConfirmations, passwordResets } from "../schema/index.ts";

export type PasswordReset = typeof passwordResets.$inferSelect;
export type EmailConfirmation = typeof emailConfirmations.$inferSelect;

export async function insertPasswordReset(db: Database, values: Pick<PasswordReset, "tokenHash" | "userId" | "expiresAt" | "createdAt">) {
  await db.insert(passwordResets).values(values);
}

export async function findPasswordReset(db: Database, tokenHash: string): Promise<PasswordReset | undefined> {
  const [row] = await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash));
  return row;
}

/** Marks the link used if it still works at `now`; only one of parallel uses gets its row back. */
export async function usePasswordReset(db: Database, tokenHash: string, now: Date) {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .returning({ userId: passwordResets.userId });
  return row;
}

/** Makes every unused reset link of the user unusable. */
export async function voidPasswordResets(db: Database, userId: string, now: Date) {
  await db.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

export async function insertEmailConfirmation(db: Database, values: Pick<EmailConfirmation, "tokenHash" | "userId" | "newEmail" | "expiresAt" | "createdAt">) {
  await db.insert(emailConfirmations).values(values);
}

export async function findEmailConfirmation(db: Database, tokenHash: string): Promise<EmailConfirmation | undefined> {
  const [row] = await db.select().from(emailConfirmations).where(eq(emailConfirmations.tokenHash, tokenHash));
  return row;
}

/** Marks the link used if it still works at `now`; only one of parallel uses gets its row back. */
export async function useEmailConfirmation(db: Database, tokenHash: string, now: Date) {
  const [row] = await db
    .update(emailConfirmations)
    .set({ usedAt: now })
    .where(and(eq(emailConfirmations.tokenHash, tokenHash), isNull(emailConfirmations.usedAt), gt(emailConfirmations.expiresAt, now)))
    .returning({ userId: emailConfirmations.userId, newEmail: emailConfirmations.newEmail });
  return row;
}

/** Makes the user's unused confirmation links unusable: those for an address change, or all of them. */
export async function voidEmailConfirmations(db: Database, userId: string, now: Date, which: "changes" | "all") {
  await db
    .update(emailConfirmations)
    .set({ usedAt: now })
    .where(and(eq(emailConfirmations.userId, userId), isNull(emailConfirmations.usedAt), which === "changes" ? isNotNull(emailConfirmations.newEmail) : undefined));
}

/** Advisory-lock space of a user's confirmation links, apart from the attempt counts' (db/queries/identity.ts). */
const CONFIRMATIONS_LOCK_SPACE = 7_303;

/**
 * The confirmation links mailed for the user since `since`, counted while holding a lock on the
 * user for the rest of the transaction `db`: parallel requests take their turns, so a count
 * followed by an insert never lets more through than the limit.
 */
export async function countEmailConfirmationsSince(db: Database, userId: string, since: Date): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(${CONFIRMATIONS_LOCK_SPACE}, hashtext(${userId}))`);
  const [row] = await db
    .select({ n: count() })
    .from(emailConfirmations)
    .where(and(eq(emailConfirmations.userId, userId), gt(emailConfirmations.createdAt, since)));
  return row?.n ?? 0;
}
