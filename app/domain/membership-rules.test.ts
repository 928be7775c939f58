import { describe, expect, it } from "vitest";
import { canChangeRole, canInvite, canLeave, canRemoveMember, invitationState } from "./membership-rules.ts";

describe("canChangeRole", () => {
  it.each([
    // actor, target, new role, owners, allowed
    ["admin", "member", "program_lead", 1, true],
    ["admin", "member", "owner", 1, false],
    ["admin", "owner", "admin", 2, false],
    ["owner", "owner", "admin", 2, true],
    ["owner", "owner", "admin", 1, false],
    ["owner", "member", "owner", 1, true],
    ["program_lead", "member", "viewer", 1, false],
    ["member", "viewer", "member", 1, false],
  ] as const)("%s changing a %s to %s with %i owner(s): %s", (actorRole, targetRole, newRole, ownerCount, allowed) => {
    expect(canChangeRole({ actorRole, targetRole, newRole, ownerCount }).ok).toBe(allowed);
  });
});

describe("canRemoveMember", () => {
  it.each([
    ["admin", "viewer", 1, true],
    ["admin", "owner", 2, false],
    ["owner", "owner", 2, true],
    ["owner", "owner", 1, false],
    ["member", "viewer", 1, false],
  ] as const)("%s removing a %s with %i owner(s): %s", (actorRole, targetRole, ownerCount, allowed) => {
    expect(canRemoveMember({ actorRole, targetRole, ownerCount }).ok).toBe(allowed);
  });
});

describe("canLeave and canInvite", () => {
  it("keeps the last owner in, lets everyone else go", () => {
    expect(canLeave({ role: "owner", ownerCount: 1 }).ok).toBe(false);
    expect(canLeave({ role: "owner", ownerCount: 2 }).ok).toBe(true);
    expect(canLeave({ role: "viewer", ownerCount: 1 }).ok).toBe(true);
  });
  it("lets admins invite below owner and only owners invite owners", () => {
    expect(canInvite({ actorRole: "admin", invitedRole: "admin" }).ok).toBe(true);
    expect(canInvite({ actorRole: "admin", invitedRole: "owner" }).ok).toBe(false);
    expect(canInvite({ actorRole: "owner", invitedRole: "owner" }).ok).toBe(true);
    expect(canInvite({ actorRole: "program_lead", invitedRole: "viewer" }).ok).toBe(false);
  });
});

describe("invitationState", () => {
  const now = new Date("2026-05-10T12:00:00Z");
  const base = { expiresAt: new Date("2026-05-11T00:00:00Z"), usedAt: null, revokedAt: null };
  it.each([
    ["valid", base],
    ["expired", { ...base, expiresAt: now }],
    ["used", { ...base, usedAt: new Date("2026-05-09T00:00:00Z") }],
    ["revoked", { ...base, revokedAt: new Date("2026-05-09T00:00:00Z"), usedAt: new Date("2026-05-09T00:00:00Z") }],
  ] as const)("%s", (state, invitation) => {
    expect(invitationState(invitation, now)).toBe(state);
  });
});
