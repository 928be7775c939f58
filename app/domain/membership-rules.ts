import { orgMessages } from "../messages/organizations.ts";
import { roleAtLeast, type Role } from "./roles.ts";

/** An invitation link works once and for 7 days. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type RuleResult = { ok: true } | { ok: false; message: string };

const allowed: RuleResult = { ok: true };
const refuse = (message: string): RuleResult => ({ ok: false, message });

export function canChangeRole(input: {
  actorRole: Role;
  targetRole: Role;
  newRole: Role;
  ownerCount: number;
}): RuleResult {
  const { actorRole, targetRole, newRole, ownerCount } = input;
  if (!roleAtLeast(actorRole, "admin")) return refuse(orgMessages.forbidden);
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
  if (!roleAtLeast(actorRole, "admin")) return refuse(orgMessages.forbidden);
  if (targetRole === "owner" && actorRole !== "owner") return refuse(orgMessages.onlyOwnersGrantOwner);
  if (targetRole === "owner" && ownerCount <= 1) return refuse(orgMessages.lastOwnerRemove);
  return allowed;
}

export function canLeave(input: { role: Role; ownerCount: number }): RuleResult {
  if (input.role === "owner" && input.ownerCount <= 1) return refuse(orgMessages.lastOwnerLeave);
  return allowed;
}

export function canInvite(input: { actorRole: Role; invitedRole: Role }): RuleResult {
  if (!roleAtLeast(input.actorRole, "admin")) return refuse(orgMessages.forbidden);
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
