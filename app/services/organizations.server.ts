import { getDb, type Database } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import { listAuditForOrganization, writeAudit } from "#db/queries/audit.ts";
import {
  countOwners,
  deleteMembership,
  findMember,
  insertMembership,
  insertOrganization,
  listMembers,
  listOrganizationsOfUser,
  lockOrganization,
  setMemberRole,
  setTimeZone,
  slugsTaken,
  updateOrganization,
} from "#db/queries/organizations.ts";
import { syncBenchmarkSegment } from "#db/queries/benchmarks.ts";
import { canChangeRole, canLeave, canRemoveMember, isDemotion, type RuleResult } from "#app/domain/membership-rules.ts";
import { revocationCounts } from "#app/domain/revocation.ts";
import { slugify, uniqueSlugCandidates } from "#app/domain/organizations.ts";
import type { Role } from "#app/domain/roles.ts";
import { orgMessages } from "#app/messages/organizations.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { isUuid, UserError } from "#app/lib/errors.server.ts";
import { authorize, type Membership } from "./access.server.ts";
import { previewMembershipLoss, revokeForMembershipLoss } from "./revocation.server.ts";

export interface OrganizationProfile {
  name: string;
  industry: string;
  sizeBand: string;
  region: string;
  /** A company assesses itself; a consultancy works for client organizations. */
  kind?: "company" | "consultancy";
}

function enforce(result: RuleResult, status: 400 | 403 = 400) {
  if (!result.ok) throw new UserError(status, result.message);
}

export function listMyOrganizations(auth: Auth) {
  return listOrganizationsOfUser(getDb(), auth.user.id);
}

/** Creates an organization with a free slug derived from its name; the creator owns it. */
export async function createOrganization(auth: Auth, profile: OrganizationProfile, slug?: string) {
  return inTransaction(getDb(), async (db) => {
    const candidates = slug ? [slug] : uniqueSlugCandidates(slugify(profile.name));
    const taken = await slugsTaken(db, candidates);
    const free = candidates.find((candidate) => !taken.has(candidate));
    const organization = free && (await insertOrganization(db, { ...profile, slug: free }));
    if (!organization) {
      throw new UserError(409, orgMessages.slugTaken, { name: orgMessages.slugTaken });
    }
    await insertMembership(db, { organizationId: organization.id, userId: auth.user.id, role: "owner" });
    await writeAudit(db, {
      organizationId: organization.id,
      actorId: auth.user.id,
      action: "organization.created",
      details: { slug: organization.slug },
    });
    return organization;
  });
}

export async function updateOrganizationSettings(
  membership: Membership,
  values: OrganizationProfile & { slug: string },
) {
  const db = getDb();
  const ok = await updateOrganization(db, membership.organization.id, values);
  if (!ok) throw new UserError(409, orgMessages.slugTaken, { slug: orgMessages.slugTaken });
  await syncBenchmarkSegment(db, membership.organization.id, values);
  await writeAudit(db, {
    organizationId: membership.organization.id,
    actorId: membership.user.id,
    action: "organization.updated",
    details: { slug: values.slug },
  });
}

/**
 * Entries a consultant acting through an engagement does not see: other consultancies'
 * engagements and what their removed members lost here, API tokens.
 */
const HIDDEN_FROM_CONSULTANTS = /^(engagement|api_token|credentials)\./;

export async function listOrganizationActivity(membership: Membership) {
  const entries = await listAuditForOrganization(getDb(), membership.organization.id);
  return membership.engagement ? entries.filter((entry) => !HIDDEN_FROM_CONSULTANTS.test(entry.action)) : entries;
}

export function listOrganizationMembers(membership: Membership) {
  return listMembers(getDb(), membership.organization.id);
}

/** Runs a membership change under a row lock so two changes cannot both remove the last owner. */
async function withMemberTarget<T>(
  membership: Membership,
  targetUserId: string,
  change: (db: Database, target: { role: Role; name: string; ownerCount: number }) => Promise<T>,
) {
  return inTransaction(getDb(), async (db) => {
    await lockOrganization(db, membership.organization.id);
    const target = await findMember(db, membership.organization.id, targetUserId);
    if (!target) throw new UserError(404, orgMessages.memberNotFound);
    const ownerCount = await countOwners(db, membership.organization.id);
    return change(db, { role: target.role, name: target.name, ownerCount });
  });
}

/** What a change of membership would do: `newRole` null removes (or, for oneself, leaves). */
function ruleFor(membership: Membership, targetUserId: string, target: { role: Role; ownerCount: number }, newRole: Role | null) {
  if (newRole !== null) {
    return canChangeRole({ actorRole: membership.role, targetRole: target.role, newRole, ownerCount: target.ownerCount });
  }
  return targetUserId === membership.user.id
    ? canLeave({ role: target.role, ownerCount: target.ownerCount })
    : canRemoveMember({ actorRole: membership.role, targetRole: target.role, ownerCount: target.ownerCount });
}

export interface MembershipChangeOptions {
  /** Keep the respondent links the person created that people have started using (an admin's choice, not on leaving). */
  keepStartedLinks?: boolean;
}

/**
 * The confirmation before removing, demoting or leaving: who it is, and what of theirs would
 * be revoked (the same plan the change carries out). Refused exactly as the change would be.
 */
export async function previewMembershipChange(membership: Membership, targetUserId: string, newRole: Role | null, now = new Date()) {
  const leaving = targetUserId === membership.user.id && newRole === null;
  // Consultants never change or remove a client's own members, nor leave it (ADR 0016).
  authorize(membership, leaving ? "membership.leave" : "members.manage");
  const db = getDb();
  const member = isUuid(targetUserId) ? await findMember(db, membership.organization.id, targetUserId) : undefined;
  if (!member) throw new UserError(404, orgMessages.memberNotFound);
  const ownerCount = await countOwners(db, membership.organization.id);
  enforce(ruleFor(membership, targetUserId, { role: member.role, ownerCount }, newRole));
  const promotion = newRole !== null && !isDemotion(member.role, newRole);
  const plan = promotion ? undefined : await previewMembershipLoss(db, { organization: membership.organization, userId: targetUserId, remainingRole: newRole }, now);
  return {
    member: { userId: member.userId, name: member.name, role: member.role },
    newRole,
    leaving,
    counts: plan ? revocationCounts(plan) : undefined,
    keepableRespondentLinks: plan && !leaving ? plan.keepableRespondentLinks : 0,
  };
}

export async function changeMemberRole(membership: Membership, targetUserId: string, newRole: Role, options: MembershipChangeOptions = {}, now = new Date()) {
  authorize(membership, "members.manage");
  return withMemberTarget(membership, targetUserId, async (db, target) => {
    enforce(ruleFor(membership, targetUserId, target, newRole));
    await setMemberRole(db, membership.organization.id, targetUserId, newRole);
    // A promotion (or no change) takes nothing away; a demotion revokes what the new role could not create.
    const revoked = !isDemotion(target.role, newRole)
      ? undefined
      : await revokeForMembershipLoss(
          db,
          { organization: membership.organization, userId: targetUserId, remainingRole: newRole },
          membership.user.id,
          options.keepStartedLinks === true,
          now,
        );
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: "membership.role_changed",
      details: { userId: targetUserId, from: target.role, to: newRole, ...(revoked ? { revoked } : {}) },
    });
    return revoked;
  });
}

/**
 * Removes a member, or lets the signed-in person leave, and revokes in the same transaction
 * what they created: invitations, API tokens, calendar feeds, engagement offers and
 * respondent links here and, for a consultancy, in its clients through its engagements.
 */
export async function removeMember(membership: Membership, targetUserId: string, options: MembershipChangeOptions = {}, now = new Date()) {
  const leaving = targetUserId === membership.user.id;
  authorize(membership, leaving ? "membership.leave" : "members.manage");
  return withMemberTarget(membership, targetUserId, async (db, target) => {
    enforce(ruleFor(membership, targetUserId, target, null));
    await deleteMembership(db, membership.organization.id, targetUserId);
    const revoked = await revokeForMembershipLoss(
      db,
      { organization: membership.organization, userId: targetUserId, remainingRole: null },
      membership.user.id,
      !leaving && options.keepStartedLinks === true,
      now,
    );
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: leaving ? "membership.left" : "membership.removed",
      details: { userId: targetUserId, role: target.role, revoked },
    });
    return { name: target.name, revoked };
  });
}

/** The time zone due dates end in and reminders keep off weekends in. */
export async function updateTimeZone(membership: Membership, timeZone: string) {
  authorize(membership, "settings.manage");
  const db = getDb();
  await setTimeZone(db, membership.organization.id, timeZone);
  await writeAudit(db, { organizationId: membership.organization.id, actorId: membership.user.id, action: "organization.time_zone_changed", details: { timeZone } });
}
