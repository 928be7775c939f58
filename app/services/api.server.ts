// The public API's use-cases: tokens, and the reads and writes behind /api/v1. Every
// org-scoped read takes a Membership from the one access gate (for the API,
// requireApiMembership) and goes through the same services as the pages.
import { getDb, type Database } from "#db/client.ts";
import { insertApiToken, listApiTokens, revokeApiToken as revokeToken } from "#db/queries/api-tokens.ts";
import { listAssessments } from "#db/queries/assessments.ts";
import { writeAudit } from "#db/queries/audit.ts";
import { listMembers } from "#db/queries/organizations.ts";
import type { RoadmapItem } from "#db/queries/roadmaps.ts";
import { organizations } from "#db/schema/index.ts";
import { API_TOKEN_PREFIX, type ApiTokenRole } from "#app/domain/api/tokens.ts";
import type { MilestoneUpdate } from "#app/domain/api/schemas.ts";
import { apiError, decodeCursor, encodeCursor, pageOf } from "#app/lib/api.server.ts";
import { isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { can, roleAllows } from "#app/domain/permissions.ts";
import { longestStandingOwner } from "#app/domain/membership-rules.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { apiTokenMessages } from "#app/messages/organizations.ts";
import { eq } from "drizzle-orm";
import { authorize, type ApiTokenActor, type Membership } from "./access.server.ts";
import { loadPortfolio } from "./engagements.server.ts";
import { requireItem } from "./roadmap-access.server.ts";
import { changeRoadmapItem } from "./roadmap-items.server.ts";
import { loadRoadmap } from "./roadmap-view.server.ts";

async function issueToken(db: Database, values: { organizationId: string; name: string; role: ApiTokenRole; createdBy: string }) {
  const secret = `${API_TOKEN_PREFIX}${generateSecret(32)}`;
  const row = await insertApiToken(db, { ...values, tokenHash: hashSecret(secret) });
  await writeAudit(db, {
    organizationId: values.organizationId,
    actorId: values.createdBy,
    action: "api_token.created",
    details: { tokenId: row.id, name: row.name, role: row.role },
  });
  return { token: row, secret };
}

/** A new token; its secret is returned once and stored only as a hash. */
export async function createApiToken(membership: Membership, input: { name: string; role: ApiTokenRole }) {
  // A token outlives an engagement, so only the organization's own admins create them.
  authorize(membership, "apiTokens.manage");
  return issueToken(getDb(), { organizationId: membership.organization.id, name: input.name, role: input.role, createdBy: membership.user.id });
}

export async function revokeApiToken(membership: Membership, tokenId: string) {
  authorize(membership, "apiTokens.manage");
  const tokens = await listApiTokens(getDb(), membership.organization.id);
  const token = tokens.find((t) => t.id === tokenId && t.revokedAt === null);
  if (!isUuid(tokenId) || !token || !(await revokeToken(getDb(), membership.organization.id, tokenId, new Date()))) {
    throw new UserError(404, apiTokenMessages.notFound);
  }
  await writeAudit(getDb(), {
    organizationId: membership.organization.id,
    actorId: membership.user.id,
    action: "api_token.revoked",
    details: { tokenId, name: token.name },
  });
}

export async function listOrganizationApiTokens(membership: Membership) {
  authorize(membership, "apiTokens.manage");
  return listApiTokens(getDb(), membership.organization.id);
}

/**
 * For the command line, where nobody is signed in: the token is recorded as created by the
 * member named by `createdByEmail`, or else by the organization's longest-standing owner.
 */
export async function createApiTokenFromCli(db: Database, input: { slug: string; role: ApiTokenRole; name: string; createdByEmail?: string }) {
  const [organization] = await db.select().from(organizations).where(eq(organizations.slug, input.slug));
  if (!organization) throw new Error(`No organization has the address “${input.slug}”.`);
  const members = await listMembers(db, organization.id);
  const creator = input.createdByEmail
    ? members.find((m) => m.email === input.createdByEmail && roleAllows(m.role, "apiTokens.manage"))
    : longestStandingOwner(members);
  if (!creator) {
    throw new Error(input.createdByEmail ? `${input.createdByEmail} is not an admin or owner of ${input.slug}.` : `${input.slug} has no owner.`);
  }
  const issued = await issueToken(db, { organizationId: organization.id, name: input.name, role: input.role, createdBy: creator.userId });
  return { ...issued, organization, creator };
}

// A timestamptz as Postgres prints it, e.g. "2026-01-05 09:30:00.123456+00".
const POSTGRES_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** A keyset page of the organization's assessments, newest first. */
export async function pageAssessments(membership: Membership, query: { cursor?: string; limit: number }) {
  let after: { createdAt: string; id: string } | undefined;
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, 2);
    if (!isUuid(id!) || !POSTGRES_TIMESTAMP.test(createdAt!)) {
      apiError(400, "invalid_request", "The cursor is invalid; pass back the nextCursor of a previous page.", { fields: { cursor: "Invalid cursor." } });
    }
    after = { createdAt: createdAt!, id: id! };
  }
  // One row more than asked tells whether another page follows.
  const rows = await listAssessments(getDb(), membership.organization.id, { after, limit: query.limit + 1 });
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data: data.map(({ createdAtKey: _key, ...row }) => row),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAtKey, last.id]) : null,
  };
}

type LoadedRoadmap = Awaited<ReturnType<typeof loadRoadmap>>;

const itemView = (item: RoadmapItem & { ownerName: string | null }) => ({
  id: item.id,
  key: item.key,
  phase: item.phase,
  title: item.title,
  description: item.description,
  status: item.status,
  blockedReason: item.blockedReason,
  startDate: item.startDate,
  dueDate: item.dueDate,
  ownerName: item.ownerName,
  completedAt: item.completedAt?.toISOString() ?? null,
});

const roadmapSummaryView = (roadmap: LoadedRoadmap["roadmap"]) => ({
  id: roadmap.id,
  title: roadmap.title,
  baselineAssessmentId: roadmap.baselineAssessmentId,
  assessmentId: roadmap.assessmentId,
  startDate: roadmap.startDate,
  createdAt: roadmap.createdAt.toISOString(),
});

export { roadmapSummaryView };

/** A roadmap as the API shows it: its live initiatives in plan order, each with its milestones. */
export async function apiRoadmap(membership: Membership, roadmapId: string) {
  const loaded = await loadRoadmap(membership, roadmapId, { members: false });
  const initiatives = loaded.items
    .filter((i) => i.kind === "initiative")
    .map((initiative) => ({
      ...itemView(initiative),
      dimension: initiative.dimension,
      level: initiative.level,
      milestones: loaded.items.filter((m) => m.parentId === initiative.id).map(itemView),
    }));
  return { ...roadmapSummaryView(loaded.roadmap), currentPhase: loaded.currentPhase, initiatives };
}

/** A milestone's status and, optionally, a piece of evidence, through the same service as the item page, stored together. */
export async function updateMilestone(membership: Membership & { apiToken: ApiTokenActor }, roadmapId: string, milestoneId: string, update: MilestoneUpdate) {
  const found = await requireItem(membership, roadmapId, milestoneId);
  if (found.item.kind !== "milestone") notFound();
  const milestone = await changeRoadmapItem(
    membership,
    found,
    {
      update: update.status === undefined ? undefined : { status: update.status, blockedReason: update.blockedReason },
      note: update.evidence === undefined ? undefined : { kind: "evidence", body: update.evidence },
    },
    // The item's own history names the token's creator; this entry says a token did it.
    [
      {
        organizationId: membership.organization.id,
        actorId: membership.user.id,
        action: "api_token.milestone_updated",
        details: { tokenId: membership.apiToken.id, tokenName: membership.apiToken.name, roadmapId, itemId: milestoneId },
      },
    ],
  );
  // The API changes no owner, so the name read with the milestone still holds.
  return { roadmapId, milestone: itemView({ ...milestone, ownerName: found.ownerName }) };
}

/** A consultancy token's clients with their latest scores, in name order, a page at a time. */
export async function pageClients(membership: Membership, query: { cursor?: string; limit: number }) {
  if (!can(membership, "clients.view")) apiError(403, "forbidden", "Only a consultancy's token lists clients.");
  const { rows } = await loadPortfolio(membership);
  return pageOf(
    rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      industry: row.industry,
      sizeBand: row.sizeBand,
      region: row.region,
      engagementRole: row.role,
      latestAssessment: row.latest,
      latestScores: row.scored ? { ...row.scored, closedAt: row.scored.closedAt.toISOString() } : null,
      changeSincePrevious: row.change,
      roadmap: row.roadmap
        ? { id: row.roadmap.id, title: row.roadmap.title, phase: row.roadmap.phase, milestonesDone: row.roadmap.done, milestonesTotal: row.roadmap.total, overdue: row.roadmap.overdue }
        : null,
    })),
    query,
  );
}
