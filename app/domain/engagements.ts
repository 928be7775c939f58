import { roleAtLeast, type Role } from "./roles.ts";

/** The roles an engagement can grant a consultancy's members in a client. */
export const ENGAGEMENT_ROLES = ["viewer", "admin"] as const;
export type EngagementRole = (typeof ENGAGEMENT_ROLES)[number];

export const ENGAGEMENT_ROLE_LABELS: Record<EngagementRole, string> = {
  viewer: "Viewer: reads results and roadmaps",
  admin: "Admin: runs assessments, roadmaps and reports",
};

/** Days an engagement offer link stays open. */
export const ENGAGEMENT_OFFER_DAYS = 14;

export type EngagementStatus = "offered" | "expired" | "active" | "ended";

export function engagementStatus(
  engagement: { consultancyId: string | null; startedAt: Date | null; endedAt: Date | null; inviteExpiresAt: Date | null },
  now: Date,
): EngagementStatus {
  if (engagement.endedAt) return "ended";
  if (engagement.consultancyId && engagement.startedAt) return "active";
  return engagement.inviteExpiresAt && engagement.inviteExpiresAt <= now ? "expired" : "offered";
}

/** Where a person's role in an organization comes from: their own membership, or a consultancy's engagement. */
export interface AccessGrant {
  role: Role;
  engagement?: { id: string; consultancy: { id: string; slug: string; name: string } };
}

/**
 * The grant a person acts with in an organization, from their own membership (if any) and
 * the active engagements of consultancies they belong to. Their own membership wins, so a
 * member never acts as a consultant in their own organization; among engagements the
 * highest role wins, then the oldest (the rows come ordered by start).
 */
export function effectiveGrant(
  ownRole: Role | null,
  engagements: readonly { id: string; role: EngagementRole; consultancy: { id: string; slug: string; name: string } }[],
): AccessGrant | null {
  if (ownRole) return { role: ownRole };
  let best: (typeof engagements)[number] | undefined;
  for (const engagement of engagements) {
    if (!best || (roleAtLeast(engagement.role, best.role) && engagement.role !== best.role)) best = engagement;
  }
  return best ? { role: best.role, engagement: { id: best.id, consultancy: best.consultancy } } : null;
}
