import { and, eq, gt, inArray, isNotNull, isNull, sql, type Column, type SQL } from "drizzle-orm";
import type { Database } from "../client.ts";
import { apiTokens, assessments, engagements, invitations, respondents, roadmaps } from "../schema/index.ts";

/**
 * Whose credentials: a person's in an organization as its own member (created through no
 * engagement), everything created through one engagement, or a consultant's in every client
 * of their consultancy through its live engagements.
 */
export type CredentialScope =
  | { member: { organizationId: string; userId: string } }
  | { engagementId: string }
  | { consultant: { consultancyId: string; userId: string } };

/** The scope's condition on a table's creator, engagement and organization columns. */
function scopeOf(scope: CredentialScope, columns: { createdBy: Column; engagementId: Column; organizationId: Column }): SQL {
  if ("engagementId" in scope) return eq(columns.engagementId, scope.engagementId);
  if ("member" in scope) {
    return and(eq(columns.organizationId, scope.member.organizationId), eq(columns.createdBy, scope.member.userId), isNull(columns.engagementId))!;
  }
  const liveEngagements = sql`(select ${engagements.id} from ${engagements} where ${engagements.consultancyId} = ${scope.consultant.consultancyId} and ${engagements.endedAt} is null)`;
  return and(eq(columns.createdBy, scope.consultant.userId), inArray(columns.engagementId, liveEngagements))!;
}

/**
 * The credentials in the scope that still work: open invitations, live API tokens, issued
 * calendar feeds, respondent links and open engagement offers, each with its organization.
 * API tokens and offers are only ever created by an organization's own members.
 */
export async function listLiveCredentials(db: Database, scope: CredentialScope, now: Date) {
  const member = "member" in scope ? scope.member : undefined;
  const [invitationRows, tokenRows, feedRows, linkRows, offerRows] = await Promise.all([
    db
      .select({ id: invitations.id, role: invitations.role, organizationId: invitations.organizationId })
      .from(invitations)
      .where(
        and(
          scopeOf(scope, { createdBy: invitations.createdBy, engagementId: invitations.engagementId, organizationId: invitations.organizationId }),
          isNull(invitations.usedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      ),
    member
      ? db
          .select({ id: apiTokens.id, organizationId: apiTokens.organizationId })
          .from(apiTokens)
          .where(and(eq(apiTokens.organizationId, member.organizationId), eq(apiTokens.createdBy, member.userId), isNull(apiTokens.revokedAt)))
      : [],
    db
      .select({ roadmapId: roadmaps.id, organizationId: roadmaps.organizationId })
      .from(roadmaps)
      .where(
        and(
          scopeOf(scope, { createdBy: roadmaps.calendarCreatedBy, engagementId: roadmaps.calendarEngagementId, organizationId: roadmaps.organizationId }),
          isNotNull(roadmaps.calendarTokenHash),
        ),
      ),
    db
      .select({
        id: respondents.id,
        organizationId: assessments.organizationId,
        started: sql<boolean>`${respondents.startedAt} is not null`,
        assessmentOpen: sql<boolean>`${assessments.status} = 'open'`,
      })
      .from(respondents)
      .innerJoin(assessments, eq(assessments.id, respondents.assessmentId))
      .where(
        and(
          scopeOf(scope, { createdBy: respondents.createdBy, engagementId: respondents.engagementId, organizationId: assessments.organizationId }),
          isNotNull(respondents.tokenHash),
        ),
      ),
    member
      ? db
          .select({ id: engagements.id, organizationId: engagements.clientId })
          .from(engagements)
          .where(
            and(
              eq(engagements.clientId, member.organizationId),
              eq(engagements.createdBy, member.userId),
              isNull(engagements.consultancyId),
              isNull(engagements.endedAt),
              gt(engagements.inviteExpiresAt, now),
            ),
          )
      : [],
  ]);
  return { invitations: invitationRows, apiTokens: tokenRows, calendarFeeds: feedRows, respondentLinks: linkRows, engagementOffers: offerRows };
}

export async function revokeInvitationsById(db: Database, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(inArray(invitations.id, ids), isNull(invitations.usedAt), isNull(invitations.revokedAt)));
}

export async function revokeApiTokensById(db: Database, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await db.update(apiTokens).set({ revokedAt: now }).where(and(inArray(apiTokens.id, ids), isNull(apiTokens.revokedAt)));
}

/** Ends the roadmaps' calendar feeds: the secret's hash and who issued it go. */
export async function clearCalendarFeeds(db: Database, roadmapIds: string[]) {
  if (roadmapIds.length === 0) return;
  await db
    .update(roadmaps)
    .set({ calendarTokenHash: null, calendarCreatedBy: null, calendarEngagementId: null, updatedAt: new Date() })
    .where(inArray(roadmaps.id, roadmapIds));
}

/** Revokes respondent links; the trigger of migration 0012 keeps each old hash as revoked. */
export async function revokeRespondentLinks(db: Database, respondentIds: string[]) {
  if (respondentIds.length === 0) return;
  await db.update(respondents).set({ tokenHash: null }).where(inArray(respondents.id, respondentIds));
}

/**
 * Kept links change hands: from now on they are the new holder's, and with `engagementId: null`
 * the organization's own rather than an engagement's.
 */
export async function adoptRespondentLinks(db: Database, respondentIds: string[], holder: { createdBy: string; engagementId?: null }) {
  if (respondentIds.length === 0) return;
  await db.update(respondents).set(holder).where(inArray(respondents.id, respondentIds));
}

/** Withdraws open engagement offers: their links answer that the offer was withdrawn. */
export async function withdrawEngagementOffers(db: Database, ids: string[], endedBy: string, now: Date) {
  if (ids.length === 0) return;
  await db
    .update(engagements)
    .set({ endedAt: now, endedBy })
    .where(and(inArray(engagements.id, ids), isNull(engagements.consultancyId), isNull(engagements.endedAt)));
}
