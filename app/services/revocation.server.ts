// What losing access takes away. Each trigger (an engagement ends; a member is removed, leaves
// or is demoted) has one function here that finds what the person or engagement created,
// plans with the pure `planRevocation` and revokes, inside the caller's transaction. The
// confirmation pages read the same plan through the `preview…` functions.
import type { Database } from "#db/client.ts";
import { writeAudit } from "#db/queries/audit.ts";
import {
  adoptRespondentLinks,
  clearCalendarFeeds,
  listLiveCredentials,
  revokeApiTokensById,
  revokeInvitationsById,
  revokeRespondentLinks,
  withdrawEngagementOffers,
  type CredentialScope,
} from "#db/queries/revocation.ts";
import { planRevocation, revocationCounts, type RevocationCounts, type RevocationPlan } from "#app/domain/revocation.ts";
import type { Role } from "#app/domain/roles.ts";

type Found = Awaited<ReturnType<typeof listLiveCredentials>>;

/** The credentials of several scopes together, and the organization each belongs to. */
async function findCredentials(db: Database, scopes: CredentialScope[], now: Date) {
  const found = await Promise.all(scopes.map((scope) => listLiveCredentials(db, scope, now)));
  const merged: Found = {
    invitations: found.flatMap((f) => f.invitations),
    apiTokens: found.flatMap((f) => f.apiTokens),
    calendarFeeds: found.flatMap((f) => f.calendarFeeds),
    respondentLinks: found.flatMap((f) => f.respondentLinks),
    engagementOffers: found.flatMap((f) => f.engagementOffers),
  };
  const organizationOf = new Map<string, string>();
  for (const rows of Object.values(merged)) {
    for (const row of rows) organizationOf.set("id" in row ? row.id : row.roadmapId, row.organizationId);
  }
  return { found: merged, organizationOf };
}

/** The plan's counts for one organization (the ids of the others left out). */
function countsIn(plan: RevocationPlan, organizationOf: Map<string, string>, organizationId: string): RevocationCounts & { kept: number } {
  const here = (ids: string[]) => ids.filter((id) => organizationOf.get(id) === organizationId).length;
  return {
    invitations: here(plan.invitations),
    apiTokens: here(plan.apiTokens),
    calendarFeeds: here(plan.calendarFeeds),
    respondentLinks: here(plan.respondentLinks),
    engagementOffers: here(plan.engagementOffers),
    kept: here(plan.keptRespondentLinks),
  };
}

const anything = (counts: RevocationCounts & { kept: number }) => Object.values(counts).some((n) => n > 0);

async function carryOut(db: Database, plan: RevocationPlan, actorId: string, keptHolder: { createdBy: string; engagementId?: null }, now: Date) {
  await revokeInvitationsById(db, plan.invitations, now);
  await revokeApiTokensById(db, plan.apiTokens, now);
  await clearCalendarFeeds(db, plan.calendarFeeds);
  await revokeRespondentLinks(db, plan.respondentLinks);
  await withdrawEngagementOffers(db, plan.engagementOffers, actorId, now);
  await adoptRespondentLinks(db, plan.keptRespondentLinks, keptHolder);
}

/** What ending the engagement would revoke, and how many respondent links could be kept. */
export async function previewEngagementEnd(db: Database, engagementId: string, now = new Date()) {
  const { found } = await findCredentials(db, [{ engagementId }], now);
  return planRevocation(found, { remainingRole: null, keepStartedLinks: false });
}

/**
 * Revokes everything created through the engagement. Links people have started using stay
 * when the client's owner chose to keep them, and become the client's: the owner holds them
 * from now on, through no engagement.
 */
export async function revokeForEndedEngagement(
  db: Database,
  engagement: { id: string },
  actorId: string,
  keepStartedLinks: boolean,
  now: Date,
) {
  const { found } = await findCredentials(db, [{ engagementId: engagement.id }], now);
  const plan = planRevocation(found, { remainingRole: null, keepStartedLinks });
  await carryOut(db, plan, actorId, { createdBy: actorId, engagementId: null }, now);
  return { ...revocationCounts(plan), kept: plan.keptRespondentLinks.length };
}

interface MembershipLoss {
  organization: { id: string; kind: "company" | "consultancy"; name: string };
  userId: string;
  /** The role the person keeps: null when they are removed or leave. */
  remainingRole: Role | null;
}

/**
 * The scopes a change of membership touches: what the person created in the organization as
 * its member and, when they leave a consultancy, what they created in its clients through its
 * engagements (a demotion in the consultancy changes nothing there: every member acts with
 * the engagement's role).
 */
function scopesOf(loss: MembershipLoss): CredentialScope[] {
  const scopes: CredentialScope[] = [{ member: { organizationId: loss.organization.id, userId: loss.userId } }];
  if (loss.organization.kind === "consultancy" && loss.remainingRole === null) {
    scopes.push({ consultant: { consultancyId: loss.organization.id, userId: loss.userId } });
  }
  return scopes;
}

/** What removing, demoting or letting the person go would revoke, in all organizations together. */
export async function previewMembershipLoss(db: Database, loss: MembershipLoss, now = new Date()) {
  const { found } = await findCredentials(db, scopesOf(loss), now);
  return planRevocation(found, { remainingRole: loss.remainingRole, keepStartedLinks: false });
}

/**
 * Revokes what the person can no longer create. Kept links (an admin's choice on removal or
 * demotion) pass to that admin, through the engagement they were created through. Every
 * client of a consultancy that lost something gets an audit entry of its own with its share;
 * the counts returned are the whole plan's, as the confirmation showed them.
 */
export async function revokeForMembershipLoss(
  db: Database,
  loss: MembershipLoss,
  actorId: string,
  keepStartedLinks: boolean,
  now: Date,
) {
  const { found, organizationOf } = await findCredentials(db, scopesOf(loss), now);
  const plan = planRevocation(found, { remainingRole: loss.remainingRole, keepStartedLinks });
  await carryOut(db, plan, actorId, { createdBy: actorId }, now);
  const clients = new Set([...organizationOf.values()].filter((id) => id !== loss.organization.id));
  const entries = [...clients].flatMap((clientId) => {
    const counts = countsIn(plan, organizationOf, clientId);
    return anything(counts)
      ? [{ organizationId: clientId, actorId, action: "credentials.revoked", details: { userId: loss.userId, consultancy: loss.organization.name, left: actorId === loss.userId, revoked: counts } }]
      : [];
  });
  await writeAudit(db, entries);
  return { ...revocationCounts(plan), kept: plan.keptRespondentLinks.length };
}
