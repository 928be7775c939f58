import { and, asc, count, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { effectiveGrant, type EngagementRole } from "../../app/domain/engagements.ts";
import type { Role } from "../../app/domain/roles.ts";
import type { Database } from "../client.ts";
import { engagements, invitations, memberships, organizations, sessions, users } from "../schema/index.ts";

export type Organization = typeof organizations.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;

const consultancy = alias(organizations, "consultancy");
const consultantMembership = alias(memberships, "consultant_membership");

/**
 * The organization, named by id or slug, with the user's own role in it and the active
 * engagements through which a consultancy they belong to works for it: one row per
 * engagement (or one row with no engagement). No rows for anyone with neither.
 */
export async function findMembership(
  db: Database,
  organization: { id: string } | { slug: string },
  userId: string,
) {
  const rows = await db
    .select(grantColumns)
    .from(organizations)
    .leftJoin(memberships, memberOf(userId))
    .leftJoin(engagements, engagedThrough(db, userId))
    .leftJoin(consultancy, eq(consultancy.id, engagements.consultancyId))
    .where(organizationIs(organization))
    .orderBy(asc(engagements.startedAt));
  return grantOf(rows);
}

/**
 * findMembership for the user of a session, read with the session in one statement: the
 * session row and its user (undefined for an unknown session id), and the user's grant on
 * the organization (undefined when they have none). The caller checks the session's secret.
 */
export async function findSessionMembership(db: Database, sessionId: string, organization: { id: string } | { slug: string }) {
  const rows = await db
    .select({ session: sessions, user: { id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt }, ...grantColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organizations, organizationIs(organization))
    .leftJoin(memberships, memberOf(sessions.userId))
    .leftJoin(engagements, engagedThrough(db, sessions.userId))
    .leftJoin(consultancy, eq(consultancy.id, engagements.consultancyId))
    .where(eq(sessions.id, sessionId))
    .orderBy(asc(engagements.startedAt));
  const first = rows[0];
  if (!first) return undefined;
  const found = first.organization ? grantOf(rows.map((row) => ({ ...row, organization: row.organization! }))) : undefined;
  return { session: first.session, user: first.user, grant: found };
}

const grantColumns = {
  organization: organizations,
  role: memberships.role,
  engagement: { id: engagements.id, role: engagements.role },
  consultancy: { id: consultancy.id, slug: consultancy.slug, name: consultancy.name },
};

const organizationIs = (organization: { id: string } | { slug: string }) =>
  "id" in organization ? eq(organizations.id, organization.id) : eq(organizations.slug, organization.slug);

const memberOf = (userId: string | typeof sessions.userId) =>
  and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, userId));

const engagedThrough = (db: Database, userId: string | typeof sessions.userId) =>
  and(
    eq(engagements.clientId, organizations.id),
    isNotNull(engagements.startedAt),
    isNull(engagements.endedAt),
    inArray(
      engagements.consultancyId,
      db.select({ id: consultantMembership.organizationId }).from(consultantMembership).where(eq(consultantMembership.userId, userId)),
    ),
  );

type GrantRow = {
  organization: Organization;
  role: Role | null;
  engagement: { id: string; role: EngagementRole } | null;
  consultancy: { id: string; slug: string; name: string } | null;
};

function grantOf(rows: GrantRow[]) {
  const first = rows[0];
  if (!first) return undefined;
  const grant = effectiveGrant(
    first.role,
    rows.flatMap((row) => (row.engagement && row.consultancy ? [{ ...row.engagement, consultancy: row.consultancy }] : [])),
  );
  return grant ? { organization: first.organization, ...grant } : undefined;
}

export async function listOrganizationsOfUser(db: Database, userId: string) {
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}

export async function slugsTaken(db: Database, candidates: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(inArray(organizations.slug, candidates));
  return new Set(rows.map((row) => row.slug));
}

export async function insertOrganization(
  db: Database,
  values: Pick<Organization, "slug" | "name" | "industry" | "sizeBand" | "region"> & Partial<Pick<Organization, "kind" | "benchmarkOptIn" | "sampleData">>,
) {
  const [organization] = await db
    .insert(organizations)
    .values(values)
    .onConflictDoNothing({ target: organizations.slug })
    .returning();
  return organization;
}

/** Adds many organizations in one statement (the generated sample pool); ids come with the rows. */
export async function insertOrganizations(db: Database, rows: (typeof organizations.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(organizations).values(rows);
}

/** Updates the profile; returns false when the new slug belongs to another organization. */
export async function updateOrganization(
  db: Database,
  organizationId: string,
  values: Pick<Organization, "slug" | "name" | "industry" | "sizeBand" | "region">,
): Promise<boolean> {
  const [clash] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, values.slug));
  if (clash && clash.id !== organizationId) return false;
  await db.update(organizations).set(values).where(eq(organizations.id, organizationId));
  return true;
}

export async function insertMembership(
  db: Database,
  values: { organizationId: string; userId: string; role: Role },
) {
  const [row] = await db.insert(memberships).values(values).onConflictDoNothing().returning();
  return row;
}

export async function listMembers(db: Database, organizationId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(users.name));
}

export async function countOwners(db: Database, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

export async function setMemberRole(
  db: Database,
  organizationId: string,
  userId: string,
  role: Role,
) {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Database, organizationId: string, userId: string) {
  await db
    .delete(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

/** Serializes membership changes of one organization so owner counts stay true. */
export async function lockOrganization(db: Database, organizationId: string) {
  await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for("update");
}

export async function insertInvitation(
  db: Database,
  values: Pick<Invitation, "organizationId" | "tokenHash" | "role" | "createdBy" | "engagementId" | "expiresAt">,
) {
  const [invitation] = await db.insert(invitations).values(values).returning();
  return invitation!;
}

export async function listInvitations(db: Database, organizationId: string) {
  return db
    .select({
      id: invitations.id,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
      usedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.usedBy))
    .where(eq(invitations.organizationId, organizationId))
    .orderBy(desc(invitations.createdAt));
}

export async function findInvitationByTokenHash(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ invitation: invitations, organization: organizations })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, tokenHash));
  return row;
}

/** Marks an invitation used unless something else used or revoked it first. */
export async function claimInvitation(
  db: Database,
  invitationId: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ usedAt: now, usedBy: userId })
    .where(
      and(
        eq(invitations.id, invitationId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
}

export async function revokeInvitation(
  db: Database,
  organizationId: string,
  invitationId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.organizationId, organizationId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/** One member of the organization with their name and email; undefined for anyone else. */
export async function findMember(db: Database, organizationId: string, userId: string) {
  const [row] = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row;
}

export async function setPrivacySettings(db: Database, organizationId: string, values: { minimumGroupSize: number; stablePseudonyms: boolean }) {
  await db.update(organizations).set(values).where(eq(organizations.id, organizationId));
}

export async function setTimeZone(db: Database, organizationId: string, timeZone: string) {
  await db.update(organizations).set({ timeZone }).where(eq(organizations.id, organizationId));
}
