import { and, desc, eq, exists, inArray, isNull, sql } from "drizzle-orm";
import { CREATOR_ROLES } from "../../app/domain/revocation.ts";
import { ROLES, roleAtLeast } from "../../app/domain/roles.ts";
import type { Database } from "../client.ts";
import { apiTokens, memberships, organizations, users } from "../schema/index.ts";

export type ApiToken = typeof apiTokens.$inferSelect;

export async function insertApiToken(
  db: Database,
  values: { organizationId: string; name: string; role: ApiToken["role"]; tokenHash: string; createdBy: string },
) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** The organization's tokens, newest first, with the creator's name; never the hash. */
export async function listApiTokens(db: Database, organizationId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdByName: users.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.organizationId, organizationId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes a live token of the organization; false when there is none by that id. */
export async function revokeApiToken(db: Database, organizationId: string, tokenId: string, now: Date) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.organizationId, organizationId), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/**
 * Counts one request against a live token in a single statement (so concurrent requests
 * and several processes count correctly) and returns the token with its organization,
 * its creator and the window's count; undefined for an unknown or revoked token, and for
 * one whose creator is no longer an admin or owner of its organization (revocation on
 * removal or demotion does that too; this holds even if something revoked nothing).
 */
const creatorMayCreateTokens = exists(
  sql`(select 1 from ${memberships} where ${memberships.organizationId} = ${apiTokens.organizationId} and ${memberships.userId} = ${apiTokens.createdBy} and ${inArray(
    memberships.role,
    ROLES.filter((role) => roleAtLeast(role, CREATOR_ROLES.apiToken)),
  )})`,
);

export async function countApiTokenUse(db: Database, tokenHash: string, now: Date, windowMs: number) {
  const windowOpen = sql`${apiTokens.rateWindowStart} is not null and ${apiTokens.rateWindowStart} > ${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const used = db.$with("used_token").as(
    db
      .update(apiTokens)
      .set({
        lastUsedAt: now,
        rateWindowStart: sql`case when ${windowOpen} then ${apiTokens.rateWindowStart} else ${now.toISOString()}::timestamptz end`,
        rateWindowCount: sql`case when ${windowOpen} then ${apiTokens.rateWindowCount} + 1 else 1 end`,
      })
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), creatorMayCreateTokens))
      .returning(),
  );
  const [row] = await db
    .with(used)
    .select({
      token: { id: used.id, name: used.name, role: used.role, rateWindowStart: used.rateWindowStart, rateWindowCount: used.rateWindowCount },
      organization: organizations,
      creator: { id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt },
    })
    .from(used)
    .innerJoin(organizations, eq(organizations.id, used.organizationId))
    .innerJoin(users, eq(users.id, used.createdBy));
  return row;
}
