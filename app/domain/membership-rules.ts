import { orgMessages } from "../messages/organizations.ts";
import { roleAllows } from "./permissions.ts";
import { ROLES, roleAtLeast, type Role } from "./roles.ts";

/** An invitation link works once and for 7 days. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type RuleResult = { ok: true } | { ok: false; message: string };

const allowed: RuleResult = { ok: true };
const refuse = (message: string): RuleResult => ({ ok: false, message });

/** The roles an actor may give or take: an owner any, everyone else all but owner. */
export function grantableRoles(actorRole: Role): Role[] {
  return ROLES.filter((role) => actorRole === "owner" || role !== "owner");
}

/** Whether changing a member from one role to another takes authority away. */
export function isDemotion(from: Role, to: Role): boolean {
  return !roleAtLeast(to, from);
}

/** The owner who joined first: who speaks for the organization where nobody is signed in. */
export function longestStandingOwner<T extends { role: Role; joinedAt: Date }>(members: readonly T[]): T | undefined {
  return members.filter((m) => m.role === "owner").sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())[0];
}

/** The role a new member is offered first: the one that answers questionnaires. */
export const DEFAULT_INVITED_ROLE: Role = "member";

export function canChangeRole(input: {
  actorRole: Role;
  targetRole: Role;
  newRole: Role;
  ownerCount: number;
}): RuleResult {
  const { actorRole, targetRole, newRole, ownerCount } = input;
  if (!roleAllows(actorRole, "members.manage")) return refuse(orgMessages.forbidden);
  if ((targetRole === "owner" || newRole === "owner") && actorRole !== "owner") {
    return refuse(orgMessages.onlyOwnersGrantOwner);
  }
  if (targetRole === "owner" && newRole !== "owner" && ownerCount <= 1) {
    return refuse(orgMessages.lastOwnerDemote);
  }
  return allowed;
}

export function canRemoveMember(input: {
  actorRole: Role;
  targetRole: Role;
  ownerCount: number;
}): RuleResult {
  const { actorRole, targetRole, ownerCount } = input;
  if (!roleAllows(actorRole, "members.manage")) return refuse(orgMessages.forbidden);
  if (targetRole === "owner" && actorRole !== "owner") return refuse(orgMessages.onlyOwnersGrantOwner);
  if (targetRole === "owner" && ownerCount <= 1) return refuse(orgMessages.lastOwnerRemove);
  return allowed;
}

export function canLeave(input: { role: Role; ownerCount: number }): RuleResult {
  if (input.role === "owner" && input.ownerCount <= 1) return refuse(orgMessages.lastOwnerLeave);
  return allowed;
}

export function canInvite(input: { actorRole: Role; invitedRole: Role }): RuleResult {
  if (!roleAllows(input.actorRole, "members.manage")) return refuse(orgMessages.forbidden);
  if (input.invitedRole === "owner" && input.actorRole !== "owner") {
    return refuse(orgMessages.onlyOwnersGrantOwner);
  }
  return allowed;
}

export type InvitationState = "valid" | "expired" | "used" | "revoked";

export function invitationState(
  invitation: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null },
  now: Date,
): InvitationState {
  if (invitation.revokedAt) return "revoked";
  if (invitation.usedAt) return "used";
  if (now.getTime() >= invitation.expiresAt.getTime()) return "expired";
  return "valid";
}
