import { getDb } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import { writeAudit } from "#db/queries/audit.ts";
import {
  claimInvitation,
  findInvitationByTokenHash,
  insertInvitation,
  insertMembership,
  listInvitations,
  revokeInvitation,
} from "#db/queries/organizations.ts";
import { canInvite, INVITATION_LIFETIME_MS, invitationState, type InvitationState } from "#app/domain/membership-rules.ts";
import type { Role } from "#app/domain/roles.ts";
import { orgMessages } from "#app/messages/organizations.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { authorize, type Membership } from "./access.server.ts";

/**
 * Creates a single-use invitation; the token is returned once and only its hash is kept.
 * Consultants invite nobody into a client: a membership is the client's own and would
 * outlive the engagement (ADR 0016).
 */
export async function createInvitation(membership: Membership, role: Role, now = new Date()) {
  authorize(membership, "members.manage");
  const rule = canInvite({ actorRole: membership.role, invitedRole: role });
  if (!rule.ok) throw new UserError(403, rule.message, { role: rule.message });
  const token = generateSecret(32);
  const db = getDb();
  const invitation = await insertInvitation(db, {
    organizationId: membership.organization.id,
    tokenHash: hashSecret(token),
    role,
    createdBy: membership.user.id,
    engagementId: membership.engagement?.id ?? null,
    expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
  });
  await writeAudit(db, {
    organizationId: membership.organization.id,
    actorId: membership.user.id,
    action: "invitation.created",
    details: { invitationId: invitation.id, role },
  });
  return { invitation, token };
}

export async function listOrganizationInvitations(membership: Membership, now = new Date()) {
  authorize(membership, "members.manage");
  const rows = await listInvitations(getDb(), membership.organization.id);
  return rows.map((row) => ({ ...row, state: invitationState(row, now) }));
}

export async function revokeOrganizationInvitation(
  membership: Membership,
  invitationId: string,
  now = new Date(),
) {
  authorize(membership, "members.manage");
  const db = getDb();
  const revoked = await revokeInvitation(db, membership.organization.id, invitationId, now);
  if (!revoked) throw new UserError(404, orgMessages.invitationNotFound);
  await writeAudit(db, {
    organizationId: membership.organization.id,
    actorId: membership.user.id,
    action: "invitation.revoked",
    details: { invitationId },
  });
}

const STATE_MESSAGES: Record<Exclude<InvitationState, "valid">, string> = {
  expired: orgMessages.invitationExpired,
  used: orgMessages.invitationUsed,
  revoked: orgMessages.invitationRevoked,
};

/** What an invitation link offers, or why it cannot be used. */
export async function describeInvitation(token: string, now = new Date()) {
  const row = await findInvitationByTokenHash(getDb(), hashSecret(token));
  if (!row) return { ok: false as const, status: 404 as const, message: orgMessages.invitationNotFound };
  const state = invitationState(row.invitation, now);
  if (state !== "valid") return { ok: false as const, status: 410 as const, message: STATE_MESSAGES[state] };
  return {
    ok: true as const,
    organization: { name: row.organization.name, slug: row.organization.slug },
    role: row.invitation.role,
    expiresAt: row.invitation.expiresAt,
  };
}

/** Joins the invitation's organization; the claim and the membership happen together or not at all. */
export async function acceptInvitation(auth: Auth, token: string, now = new Date()) {
  return inTransaction(getDb(), async (db) => {
    const row = await findInvitationByTokenHash(db, hashSecret(token));
    if (!row) throw new UserError(404, orgMessages.invitationNotFound);
    const state = invitationState(row.invitation, now);
    if (state !== "valid") throw new UserError(410, STATE_MESSAGES[state]);
    const membership = await insertMembership(db, {
      organizationId: row.organization.id,
      userId: auth.user.id,
      role: row.invitation.role,
    });
    if (!membership) throw new UserError(409, orgMessages.alreadyMember);
    if (!(await claimInvitation(db, row.invitation.id, auth.user.id, now))) {
      throw new UserError(410, orgMessages.invitationUsed);
    }
    await writeAudit(db, {
      organizationId: row.organization.id,
      actorId: auth.user.id,
      action: "invitation.accepted",
      details: { invitationId: row.invitation.id, role: row.invitation.role },
    });
    return row.organization;
  });
}
