import { leastRole } from "./permissions.ts";
import { roleAtLeast, type Role } from "./roles.ts";

/**
 * The role a person needs to create each kind of credential, from the permission table. A
 * credential keeps working only while its creator still holds that role in the organization,
 * or the engagement it was created through is still active.
 */
export const CREATOR_ROLES = {
  invitation: leastRole("members.manage"),
  // Only an owner makes an owner (membership rules).
  ownerInvitation: "owner",
  apiToken: leastRole("apiTokens.manage"),
  calendarFeed: leastRole("roadmap.edit"),
  respondentLink: leastRole("assessments.manage"),
  engagementOffer: leastRole("engagements.manage"),
} as const satisfies Record<string, Role>;

/** The live credentials one person (or one engagement) created, as the queries find them. */
export interface CreatedCredentials {
  invitations: readonly { id: string; role: Role }[];
  apiTokens: readonly { id: string }[];
  calendarFeeds: readonly { roadmapId: string }[];
  respondentLinks: readonly { id: string; started: boolean; assessmentOpen: boolean }[];
  engagementOffers: readonly { id: string }[];
}

/** What a loss of access revokes, by id, and which respondent links stay. */
export interface RevocationPlan {
  invitations: string[];
  apiTokens: string[];
  /** Roadmap ids whose calendar feed ends. */
  calendarFeeds: string[];
  respondentLinks: string[];
  engagementOffers: string[];
  /** Links people have started using, in assessments still open, that the decider chose to keep. */
  keptRespondentLinks: string[];
  /** How many links could be kept: the number shown next to the keep box. */
  keepableRespondentLinks: number;
}

export type RevocationCounts = Record<"invitations" | "apiTokens" | "calendarFeeds" | "respondentLinks" | "engagementOffers", number>;

/** A link someone is still answering through: ending it would cut them off mid-way. */
const inUse = (link: CreatedCredentials["respondentLinks"][number]) => link.started && link.assessmentOpen;

/**
 * What to revoke when access is lost. `remainingRole` is the role the creator still holds
 * where the credentials were created: null when access ends (removed, left, engagement
 * ended), the new role after a demotion. Every credential the remaining role could not have
 * created is revoked, except the respondent links in use when `keepStartedLinks` is set.
 * The confirmation page and the action both call this, so the counts shown are what happens.
 */
export function planRevocation(
  created: CreatedCredentials,
  options: { remainingRole: Role | null; keepStartedLinks: boolean },
): RevocationPlan {
  const lost = (required: Role) => options.remainingRole === null || !roleAtLeast(options.remainingRole, required);
  const links = lost(CREATOR_ROLES.respondentLink) ? created.respondentLinks : [];
  const keepable = links.filter(inUse);
  const kept = new Set(options.keepStartedLinks ? keepable.map((link) => link.id) : []);
  return {
    invitations: created.invitations
      .filter((invitation) => lost(invitation.role === "owner" ? CREATOR_ROLES.ownerInvitation : CREATOR_ROLES.invitation))
      .map((invitation) => invitation.id),
    apiTokens: lost(CREATOR_ROLES.apiToken) ? created.apiTokens.map((token) => token.id) : [],
    calendarFeeds: lost(CREATOR_ROLES.calendarFeed) ? created.calendarFeeds.map((feed) => feed.roadmapId) : [],
    respondentLinks: links.filter((link) => !kept.has(link.id)).map((link) => link.id),
    engagementOffers: lost(CREATOR_ROLES.engagementOffer) ? created.engagementOffers.map((offer) => offer.id) : [],
    keptRespondentLinks: [...kept],
    keepableRespondentLinks: keepable.length,
  };
}

export function revocationCounts(plan: RevocationPlan): RevocationCounts {
  return {
    invitations: plan.invitations.length,
    apiTokens: plan.apiTokens.length,
    calendarFeeds: plan.calendarFeeds.length,
    respondentLinks: plan.respondentLinks.length,
    engagementOffers: plan.engagementOffers.length,
  };
}
