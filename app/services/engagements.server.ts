import { getDb, type Database } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import { writeAudit } from "#db/queries/audit.ts";
import {
  endEngagementRow,
  findEngagementByTokenHash,
  findEngagementOf,
  hasLiveEngagement,
  insertEngagement,
  listActiveClients,
  listAssessmentsOfClients,
  listEngagementsOfClient,
  listRoadmapProgressOfClients,
  startOfferedEngagement,
} from "#db/queries/engagements.ts";
import { insertInvitation, insertOrganization, listOrganizationsOfUser, slugsTaken } from "#db/queries/organizations.ts";
import { ENGAGEMENT_OFFER_DAYS, engagementStatus, type EngagementRole } from "#app/domain/engagements.ts";
import { INVITATION_LIFETIME_MS } from "#app/domain/membership-rules.ts";
import { revocationCounts } from "#app/domain/revocation.ts";
import { slugify, uniqueSlugCandidates } from "#app/domain/organizations.ts";
import { toCsv } from "#app/domain/csv.ts";
import { buildPortfolio, PORTFOLIO_QUESTIONNAIRE, portfolioCsvRows } from "#app/domain/portfolio.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { can } from "#app/domain/permissions.ts";
import { engagementMessages as m } from "#app/messages/engagements.ts";
import { orgMessages } from "#app/messages/organizations.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { isUuid, UserError } from "#app/lib/errors.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { authorize, type Membership } from "./access.server.ts";
import { previewEngagementEnd, revokeForEndedEngagement } from "./revocation.server.ts";
import { getVersionContent } from "./surveys.server.ts";
import type { OrganizationProfile } from "./organizations.server.ts";
import { isoDay } from "#app/domain/format.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

async function auditBoth(db: Database, actorId: string, action: string, engagement: { id: string; clientId: string; consultancyId: string | null }, details: Record<string, unknown> = {}) {
  for (const organizationId of new Set([engagement.clientId, engagement.consultancyId].filter((id): id is string => id !== null))) {
    await writeAudit(db, { organizationId, actorId, action, details: { engagementId: engagement.id, ...details } });
  }
}

/**
 * A consultant creates a client organization: the client exists with no members yet, the
 * consultancy works for it through an admin engagement, and an invitation link for the
 * client's owner is returned once, so the client can take ownership and end the engagement.
 */
export async function createClient(membership: Membership, profile: OrganizationProfile, now = new Date()) {
  authorize(membership, "clients.manage");
  return inTransaction(getDb(), async (db) => {
    const candidates = uniqueSlugCandidates(slugify(profile.name));
    const taken = await slugsTaken(db, candidates);
    const free = candidates.find((candidate) => !taken.has(candidate));
    const client = free && (await insertOrganization(db, { ...profile, slug: free }));
    if (!client) throw new UserError(409, orgMessages.slugTaken, { name: orgMessages.slugTaken });
    const engagement = await insertEngagement(db, {
      clientId: client.id,
      consultancyId: membership.organization.id,
      role: "admin",
      createdBy: membership.user.id,
      startedAt: now,
    });
    const ownerToken = generateSecret(32);
    await insertInvitation(db, {
      organizationId: client.id,
      tokenHash: hashSecret(ownerToken),
      role: "owner",
      createdBy: membership.user.id,
      // The hand-over to the client: revoked with the engagement if nobody has taken it by then.
      engagementId: engagement.id,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
    });
    await writeAudit(db, { organizationId: client.id, actorId: membership.user.id, action: "organization.created", details: { slug: client.slug, consultancy: membership.organization.name } });
    await auditBoth(db, membership.user.id, "engagement.started", engagement, { role: engagement.role, client: client.name, consultancy: membership.organization.name });
    return { client, engagement, ownerToken };
  });
}

/** The client's owner offers an engagement by link; the secret is returned once. */
export async function offerEngagement(membership: Membership, role: EngagementRole, now = new Date()) {
  authorize(membership, "engagements.manage");
  const token = generateSecret(32);
  const db = getDb();
  const engagement = await insertEngagement(db, {
    clientId: membership.organization.id,
    role,
    inviteTokenHash: hashSecret(token),
    inviteExpiresAt: new Date(now.getTime() + ENGAGEMENT_OFFER_DAYS * DAY_MS),
    createdBy: membership.user.id,
  });
  await auditBoth(db, membership.user.id, "engagement.offered", engagement, { role });
  return { engagement, token };
}

/** What an offer link offers, and which of the visitor's consultancies may accept it. */
export async function describeEngagementOffer(auth: Auth, token: string, now = new Date()) {
  const db = getDb();
  const row = await findEngagementByTokenHash(db, hashSecret(token));
  if (!row) throw new UserError(404, m.offerNotFound);
  const status = engagementStatus(row.engagement, now);
  if (status === "expired") throw new UserError(410, m.offerExpired);
  if (status !== "offered") throw new UserError(410, m.offerTaken);
  const consultancies = (await listOrganizationsOfUser(db, auth.user.id)).filter(
    (org) => can({ role: org.role, organization: org }, "clients.manage") && org.id !== row.client.id,
  );
  return { client: { name: row.client.name }, role: row.engagement.role, expiresAt: row.engagement.inviteExpiresAt!, consultancies };
}

export async function acceptEngagementOffer(auth: Auth, token: string, consultancyId: string, now = new Date()) {
  return inTransaction(getDb(), async (db) => {
    const row = await findEngagementByTokenHash(db, hashSecret(token));
    if (!row) throw new UserError(404, m.offerNotFound);
    const status = engagementStatus(row.engagement, now);
    if (status === "expired") throw new UserError(410, m.offerExpired);
    if (status !== "offered") throw new UserError(410, m.offerTaken);
    const consultancy = (await listOrganizationsOfUser(db, auth.user.id)).find((org) => org.id === consultancyId);
    if (!consultancy || !can({ role: consultancy.role, organization: consultancy }, "clients.manage")) {
      throw new UserError(403, m.notConsultancyAdmin, { consultancyId: m.chooseConsultancy });
    }
    if (consultancy.id === row.client.id) throw new UserError(409, m.ownOrganization);
    if (await hasLiveEngagement(db, row.client.id, consultancy.id)) throw new UserError(409, m.alreadyEngaged);
    if (!(await startOfferedEngagement(db, row.engagement.id, consultancy.id, now))) throw new UserError(410, m.offerTaken);
    await auditBoth(db, auth.user.id, "engagement.started", { ...row.engagement, consultancyId: consultancy.id }, {
      role: row.engagement.role,
      client: row.client.name,
      consultancy: consultancy.name,
    });
    return { client: row.client, consultancy };
  });
}

/** An engagement the membership may end: the client's owner any of the client's, a consultancy's admin its own. */
async function requireEndableEngagement(membership: Membership, engagementId: string) {
  if (!isUuid(engagementId)) throw new UserError(404, m.engagementNotFound);
  const row = await findEngagementOf(getDb(), membership.organization.id, engagementId);
  if (!row || row.engagement.endedAt) throw new UserError(404, m.engagementNotFound);
  const asClient = row.engagement.clientId === membership.organization.id;
  authorize(membership, asClient ? "engagements.manage" : "clients.manage");
  return { ...row, asClient };
}

/**
 * What ending the engagement would revoke: the confirmation's counts. Only the client's
 * owner may keep the respondent links people have started using; from the consultancy side
 * nothing is kept.
 */
export async function previewEndEngagement(membership: Membership, engagementId: string, now = new Date()) {
  const row = await requireEndableEngagement(membership, engagementId);
  const plan = await previewEngagementEnd(getDb(), engagementId, now);
  return {
    engagement: { id: row.engagement.id, status: engagementStatus(row.engagement, now), client: row.client.name, consultancy: row.consultancy?.name ?? null },
    counts: revocationCounts(plan),
    keepableRespondentLinks: row.asClient ? plan.keepableRespondentLinks : 0,
  };
}

/**
 * Ends an engagement (or withdraws an offer) at once, and in the same transaction revokes
 * everything created through it: the pending owner invitation, calendar feeds and
 * respondent links. The client's owner may keep the links people have started using.
 */
export async function endEngagement(membership: Membership, engagementId: string, options: { keepStartedLinks?: boolean } = {}, now = new Date()) {
  const row = await requireEndableEngagement(membership, engagementId);
  const keepStartedLinks = row.asClient && options.keepStartedLinks === true;
  return inTransaction(getDb(), async (inner) => {
    if (!(await endEngagementRow(inner, engagementId, membership.user.id, now))) throw new UserError(404, m.engagementNotFound);
    const revoked = await revokeForEndedEngagement(inner, row.engagement, membership.user.id, keepStartedLinks, now);
    await auditBoth(inner, membership.user.id, "engagement.ended", row.engagement, {
      client: row.client.name,
      consultancy: row.consultancy?.name ?? null,
      by: row.asClient ? "client" : "consultancy",
      revoked,
    });
    return { client: row.client.name, consultancy: row.consultancy?.name ?? null, revoked };
  });
}

/** The client's engagements for its own people (never for consultants, who must not see each other). */
export async function listClientEngagements(membership: Membership, now = new Date()) {
  if (membership.engagement) return [];
  const rows = await listEngagementsOfClient(getDb(), membership.organization.id);
  return rows.map((row) => ({
    id: row.engagement.id,
    consultancyName: row.consultancy?.name ?? null,
    role: row.engagement.role,
    status: engagementStatus(row.engagement, now),
    createdAt: row.engagement.createdAt,
    startedAt: row.engagement.startedAt,
    endedAt: row.engagement.endedAt,
    endedByName: row.endedByName,
    inviteExpiresAt: row.engagement.inviteExpiresAt,
  }));
}

/**
 * The consultancy's portfolio: every active client's latest scores, status and roadmap, and
 * the dimensions of the questionnaire version the newest scores use; three queries in all,
 * and a fourth the first time a process meets that version.
 */
export async function loadPortfolio(membership: Membership, today = isoDay(new Date())) {
  authorize(membership, "clients.view");
  const db = getDb();
  const clients = await listActiveClients(db, membership.organization.id);
  const ids = clients.map((c) => c.id);
  const [assessments, roadmaps] = await Promise.all([listAssessmentsOfClients(db, ids), listRoadmapProgressOfClients(db, ids, today)]);
  const rows = buildPortfolio(clients, assessments, roadmaps);
  const newest = rows
    .flatMap((row) => (row.scored ? [row.scored] : []))
    .sort((a, b) => b.closedAt.getTime() - a.closedAt.getTime())[0];
  const version = newest ? await getVersionContent(PORTFOLIO_QUESTIONNAIRE, newest.version, db) : undefined;
  const dimensions = version ? version.version.dimensions.map((d) => ({ id: d.id, name: textIn(d.name) })) : [];
  return { rows, dimensions };
}

/** The portfolio as a CSV download, with a column per dimension. */
export async function exportPortfolioCsv(membership: Membership) {
  const { rows, dimensions } = await loadPortfolio(membership);
  const header = [
    "client", "industry", "size", "region", "latest assessment", "status", "closed on", "index", "stage",
    "change", "roadmap phase", "milestones done", "milestones", "overdue", ...dimensions.map((d) => d.name),
  ];
  return { csv: toCsv(header, portfolioCsvRows(rows, dimensions.map((d) => d.id))), filename: `${membership.organization.slug}-clients.csv` };
}
