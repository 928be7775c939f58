import { getDb, type Database } from "#db/client.ts";
import { listAuditForOrganization, writeAudit } from "#db/queries/audit.ts";
import {
  countOwners,
  deleteMembership,
  findMemberRole,
  insertMembership,
  insertOrganization,
  listMembers,
  listOrganizationsOfUser,
  lockOrganization,
  setMemberRole,
  slugsTaken,
  updateOrganization,
} from "#db/queries/organizations.ts";
import { syncBenchmarkSegment } from "#db/queries/benchmarks.ts";
import { canChangeRole, canLeave, canRemoveMember, type RuleResult } from "#app/domain/membership-rules.ts";
import { slugify, uniqueSlugCandidates } from "#app/domain/organizations.ts";
import type { Role } from "#app/domain/roles.ts";
import { orgMessages } from "#app/messages/organizations.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { UserError } from "#app/lib/errors.server.ts";
import type { Membership } from "./access.server.ts";

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
  return getDb().transaction(async (tx) => {
    const db = tx as unknown as Database;
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

/** Entries a consultant acting through an engagement does not see: other consultancies' engagements, API tokens. */
const HIDDEN_FROM_CONSULTANTS = /^(engagement|api_token)\./;

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
  change: (db: Database, target: { role: Role; ownerCount: number }) => Promise<T>,
) {
  return getDb().transaction(async (tx) => {
    const db = tx as unknown as Database;
    await lockOrganization(db, membership.organization.id);
    const targetRole = await findMemberRole(db, membership.organization.id, targetUserId);
    if (!targetRole) throw new UserError(404, orgMessages.memberNotFound);
    const ownerCount = await countOwners(db, membership.organization.id);
    return change(db, { role: targetRole, ownerCount });
  });
}

export async function changeMemberRole(membership: Membership, targetUserId: string, newRole: Role) {
  await withMemberTarget(membership, targetUserId, async (db, target) => {
    enforce(
      canChangeRole({
        actorRole: membership.role,
        targetRole: target.role,
        newRole,
        ownerCount: target.ownerCount,
      }),
    );
    await setMemberRole(db, membership.organization.id, targetUserId, newRole);
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: "membership.role_changed",
      details: { userId: targetUserId, from: target.role, to: newRole },
    });
  });
}

export async function removeMember(membership: Membership, targetUserId: string) {
  const leaving = targetUserId === membership.user.id;
  await withMemberTarget(membership, targetUserId, async (db, target) => {
    enforce(
      leaving
        ? canLeave({ role: target.role, ownerCount: target.ownerCount })
        : canRemoveMember({
            actorRole: membership.role,
            targetRole: target.role,
            ownerCount: target.ownerCount,
          }),
    );
    await deleteMembership(db, membership.organization.id, targetUserId);
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: leaving ? "membership.left" : "membership.removed",
      details: { userId: targetUserId, role: target.role },
    });
  });
}
