import { PHASES, type Phase } from "./roadmap/phases.ts";
import { compareNumbers } from "./scoring/statistics.ts";
import { isoDay } from "./format.ts";

/**
 * A consultancy's portfolio: one row per client with an active engagement, built from the
 * clients' assessments (newest first) and their newest roadmap's milestone counts.
 */
export const PORTFOLIO_QUESTIONNAIRE = "kam-maturity";

export interface PortfolioClient {
  id: string;
  slug: string;
  name: string;
  industry: string;
  sizeBand: string;
  region: string;
  role: "viewer" | "admin";
  /** The live engagement through which the consultancy works for the client. */
  engagementId: string;
}

export interface ClientAssessment {
  id: string;
  organizationId: string;
  title: string;
  status: "draft" | "open" | "closed";
  questionnaireId: string;
  questionnaireVersionId: string;
  version: string;
  closedAt: Date | null;
  /** The closed assessment's scorecard snapshot; null while open. */
  scorecard: {
    overall: { index: number | null; stage: { level: number; label: string } | null };
    dimensions: { dimensionId: string; status: string; mean?: number | null }[];
  } | null;
}

export interface ClientRoadmapCounts {
  organizationId: string;
  roadmapId: string;
  title: string;
  phase: Phase | null;
  total: number;
  done: number;
  overdue: number;
}

export interface PortfolioRow extends PortfolioClient {
  /** The newest assessment of any status, for "assessment status". */
  latest: { id: string; title: string; status: ClientAssessment["status"] } | null;
  /** The newest closed assessment of the portfolio's questionnaire with its scores. */
  scored: {
    assessmentId: string;
    version: string;
    closedAt: Date;
    index: number | null;
    stage: { level: number; label: string } | null;
    dimensions: Record<string, number | null>;
  } | null;
  /** Index change since the closed assessment before it, within the same questionnaire version. */
  change: number | null;
  roadmap: { id: string; title: string; phase: Phase | null; done: number; total: number; share: number; overdue: number } | null;
}

function dimensionMeans(scorecard: NonNullable<ClientAssessment["scorecard"]>): Record<string, number | null> {
  return Object.fromEntries(scorecard.dimensions.map((d) => [d.dimensionId, d.status === "scored" ? (d.mean ?? null) : null]));
}

export function buildPortfolio(
  clients: readonly PortfolioClient[],
  assessments: readonly ClientAssessment[],
  roadmaps: readonly ClientRoadmapCounts[],
): PortfolioRow[] {
  return clients.map((client) => {
    const own = assessments.filter((a) => a.organizationId === client.id);
    const closed = own
      .filter((a) => a.status === "closed" && a.scorecard && a.closedAt && a.questionnaireId === PORTFOLIO_QUESTIONNAIRE)
      .sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime());
    const [newest, previous] = closed;
    const latest = own[0];
    const phases = roadmaps.filter((r) => r.organizationId === client.id);
    return {
      ...client,
      latest: latest ? { id: latest.id, title: latest.title, status: latest.status } : null,
      scored: newest
        ? {
            assessmentId: newest.id,
            version: newest.version,
            closedAt: newest.closedAt!,
            index: newest.scorecard!.overall.index,
            stage: newest.scorecard!.overall.stage,
            dimensions: dimensionMeans(newest.scorecard!),
          }
        : null,
      change: changeBetween(newest, previous),
      roadmap: roadmapSummary(phases),
    };
  });
}

function changeBetween(newest: ClientAssessment | undefined, previous: ClientAssessment | undefined): number | null {
  if (!newest || !previous || newest.questionnaireVersionId !== previous.questionnaireVersionId) return null;
  const now = newest.scorecard!.overall.index;
  const before = previous.scorecard!.overall.index;
  return now === null || before === null ? null : now - before;
}

/** The roadmap's phase is the first one with milestones still open; null once all are done. */
function roadmapSummary(phases: readonly ClientRoadmapCounts[]): PortfolioRow["roadmap"] {
  const first = phases[0];
  if (!first) return null;
  const count = (phase: Phase) => phases.find((p) => p.phase === phase);
  const open = PHASES.find((phase) => {
    const counts = count(phase);
    return counts !== undefined && counts.done < counts.total;
  });
  const done = phases.reduce((sum, p) => sum + p.done, 0);
  const total = phases.reduce((sum, p) => sum + p.total, 0);
  return {
    id: first.roadmapId,
    title: first.title,
    phase: open ?? null,
    done,
    total,
    share: total === 0 ? 0 : done / total,
    overdue: phases.reduce((sum, p) => sum + p.overdue, 0),
  };
}

export interface PortfolioFilter {
  industry?: string;
  sizeBand?: string;
  region?: string;
}

export function filterPortfolio(rows: readonly PortfolioRow[], filter: PortfolioFilter): PortfolioRow[] {
  return rows.filter(
    (row) =>
      (!filter.industry || row.industry === filter.industry) &&
      (!filter.sizeBand || row.sizeBand === filter.sizeBand) &&
      (!filter.region || row.region === filter.region),
  );
}

export const PORTFOLIO_SORTS = ["name", "index", "change", "progress", "overdue"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

const sortValue: Record<Exclude<PortfolioSort, "name">, (row: PortfolioRow) => number | null> = {
  index: (row) => row.scored?.index ?? null,
  change: (row) => row.change,
  progress: (row) => row.roadmap?.share ?? null,
  overdue: (row) => row.roadmap?.overdue ?? null,
};

/** Sorted by the key; rows without a value go last either way, ties by name. */
export function sortPortfolio(rows: readonly PortfolioRow[], key: PortfolioSort, descending: boolean): PortfolioRow[] {
  const byName = (a: PortfolioRow, b: PortfolioRow) => a.name.localeCompare(b.name, "en");
  return [...rows].sort((a, b) => {
    if (key === "name") return (descending ? -1 : 1) * byName(a, b);
    const av = sortValue[key](a);
    const bv = sortValue[key](b);
    if (av === null || bv === null) return av === bv ? byName(a, b) : av === null ? 1 : -1;
    return (descending ? -1 : 1) * compareNumbers(av, bv) || byName(a, b);
  });
}

/** Heatmap band of a score 1–5: 1 for [1, 2), …, 4 for [4, 5]; null for no score. */
export function heatBand(score: number | null): 1 | 2 | 3 | 4 | null {
  if (score === null) return null;
  return Math.min(4, Math.max(1, Math.floor(score))) as 1 | 2 | 3 | 4;
}

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 6;

/** The portfolio as CSV rows: one per client, its latest scores per dimension in the given order. */
export function portfolioCsvRows(rows: readonly PortfolioRow[], dimensionIds: readonly string[]) {
  const round = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(value * 100) / 100);
  return rows.map((row) => [
    row.name,
    row.industry,
    row.sizeBand,
    row.region,
    row.latest?.title ?? null,
    row.latest?.status ?? null,
    row.scored ? isoDay(row.scored.closedAt) : null,
    round(row.scored?.index),
    row.scored?.stage?.level ?? null,
    round(row.change),
    row.roadmap?.phase ?? null,
    row.roadmap ? row.roadmap.done : null,
    row.roadmap ? row.roadmap.total : null,
    row.roadmap ? row.roadmap.overdue : null,
    ...dimensionIds.map((id) => round(row.scored?.dimensions[id])),
  ]);
}
