import { benchmarkMessages as m } from "../messages/benchmarks.ts";
import { contributorOf, type Controller } from "./benchmark-contributors.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "./organization-options.ts";
import { MINIMUM_GROUP_SIZE_FLOOR } from "./privacy.ts";
import type { Scorecard } from "./scoring/score.ts";
import { compareNumbers } from "./scoring/statistics.ts";

/**
 * Anonymized benchmarks: statistics over a pool of organizations, segmented by industry,
 * size band and region. The anonymity rules are written down in
 * docs/decisions/0009-benchmark-anonymity.md and 0015-independent-benchmark-contributors.md; in
 * short, organizations controlled by the same people count once (one contributor), a segment is
 * shown only when it has at least MIN_GROUP contributors, and no other requestable segment
 * nested in it (or around it) differs from it by 1 to MIN_GROUP − 1 contributors.
 */
export const MIN_GROUP = 5;
export const ANY = "any";

/** One organization's latest closed assessment of one questionnaire version. */
export interface BenchmarkEntry {
  organizationId: string;
  industry: string;
  sizeBand: string;
  region: string;
  questionnaire: string;
  version: string;
  /** The overall index; null when the assessment had too little data for one. */
  index: number | null;
  /** The organization's mean per dimension; null for "insufficient data". */
  dimensions: Readonly<Record<string, number | null>>;
  /**
   * The organization's owners and admins. Organizations that share one (or an email domain of
   * one organization) are one contributor; without controllers an entry stands alone.
   */
  controllers?: readonly Controller[];
  /** When the organization was created, in milliseconds: a contributor counts with its earliest organization. */
  createdAt?: number;
}

/**
 * The organizations one benchmark is computed over: one questionnaire version, and one pool
 * (a consultancy's clients or the platform's opt-in pool). Treat it as immutable: the segments
 * that are safe to show are computed once per pool object.
 */
export interface BenchmarkPool {
  questionnaire: string;
  version: string;
  dimensionIds: readonly string[];
  entries: readonly BenchmarkEntry[];
}

/** Each field is one of the option values or "any". */
export interface SegmentFilter {
  industry: string;
  sizeBand: string;
  region: string;
}

export type SegmentFilterInput = Partial<SegmentFilter>;

export interface SegmentStatistic {
  n: number;
  median: number;
  q1: number;
  q3: number;
  /** The subject's own score, when a subject with a score was given. */
  subjectScore: number | null;
  /** Share (0–100) of the segment's other contributors below the subject, ties counted half. */
  percentileRank: number | null;
}

export type SuppressionCause = "too_few" | "complementary" | "not_requestable";

export type Benchmark =
  | {
      suppressed: false;
      filter: SegmentFilter;
      /** Independent contributors in the segment. */
      n: number;
      index: SegmentStatistic;
      dimensions: (SegmentStatistic & { dimensionId: string })[];
    }
  | { suppressed: true; filter: SegmentFilter; cause: "too_few"; reason: string; contributors: number }
  | { suppressed: true; filter: SegmentFilter; cause: Exclude<SuppressionCause, "too_few">; reason: string };

export interface BenchmarkOptions {
  /**
   * The organization looking at the benchmark: an organization id looked up in the pool, or
   * its own entry when it is not part of the pool. Only its percentile rank depends on it;
   * the statistics are the same for every viewer.
   */
  subject?: string | BenchmarkEntry;
}

/**
 * Whether a closed assessment may stand for its organization in a pool: it had at least the
 * organization's minimum group size of respondents with answers, and never fewer than the floor.
 */
export function hasEnoughRespondents(respondentCount: number, minimumGroupSize: number): boolean {
  return respondentCount >= Math.max(minimumGroupSize, MINIMUM_GROUP_SIZE_FLOOR);
}

/** What a closed assessment's scorecard contributes to a pool: the index and each dimension's mean. */
export function entryScoresOf(scorecard: Pick<Scorecard, "overall" | "dimensions">) {
  return {
    index: scorecard.overall.index,
    dimensions: Object.fromEntries(
      scorecard.dimensions.map((d) => [d.dimensionId, d.status === "scored" ? d.mean : null]),
    ) as Record<string, number | null>,
  };
}

export function normalizeFilter(input: SegmentFilterInput = {}): SegmentFilter {
  return { industry: input.industry ?? ANY, sizeBand: input.sizeBand ?? ANY, region: input.region ?? ANY };
}

const filterKey = (f: SegmentFilter) => `${f.industry}\u0000${f.sizeBand}\u0000${f.region}`;

/** Every segment a user can ask for: each field one option value or "any" (11 × 6 × 7 = 462). */
export function requestableFilters(): SegmentFilter[] {
  const filters: SegmentFilter[] = [];
  for (const industry of [ANY, ...INDUSTRIES]) {
    for (const sizeBand of [ANY, ...SIZE_BANDS]) {
      for (const region of [ANY, ...REGIONS]) filters.push({ industry, sizeBand, region });
    }
  }
  return filters;
}

const REQUESTABLE = new Set(requestableFilters().map(filterKey));

export function isRequestable(input: SegmentFilterInput): boolean {
  return REQUESTABLE.has(filterKey(normalizeFilter(input)));
}

export function matchesFilter(entry: Pick<BenchmarkEntry, "industry" | "sizeBand" | "region">, filter: SegmentFilter): boolean {
  return (
    (filter.industry === ANY || entry.industry === filter.industry) &&
    (filter.sizeBand === ANY || entry.sizeBand === filter.sizeBand) &&
    (filter.region === ANY || entry.region === filter.region)
  );
}

/**
 * Complete entries of the pool's questionnaire version (an index and a score on every
 * dimension): partial profiles stay out, so that every statistic of a segment is taken over the
 * same organizations and the rules below hold for each of them.
 */
function completeEntries(pool: BenchmarkPool): BenchmarkEntry[] {
  const seen = new Set<string>();
  return pool.entries.filter((entry) => {
    if (seen.has(entry.organizationId)) throw new Error(`A pool holds one entry per organization (${entry.organizationId}).`);
    seen.add(entry.organizationId);
    return isComplete(pool, entry);
  });
}

/**
 * The pool's members: one complete entry per independent contributor, the entry of its
 * earliest-created organization (see `contributorOf`). Every statistic, threshold and
 * suppression rule below counts these, so organizations run by the same people count once.
 */
export function poolMembers(pool: BenchmarkPool): BenchmarkEntry[] {
  return prepare(pool).members;
}

function isComplete(pool: BenchmarkPool, entry: BenchmarkEntry) {
  return (
    entry.questionnaire === pool.questionnaire &&
    entry.version === pool.version &&
    entry.index !== null &&
    pool.dimensionIds.every((id) => typeof entry.dimensions[id] === "number")
  );
}

/**
 * Quantile by linear interpolation between closest ranks (Hyndman and Fan type 7, the default
 * of R, NumPy and Excel's QUARTILE.INC): with the values sorted as x[0..n−1], h = (n − 1)·p and
 * q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). q(0.5) is the usual median.
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("quantile of no values");
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

/** 100 × (others strictly below + ½ × others tied) / others; null when there are no others. */
export function percentileRank(others: readonly number[], score: number): number | null {
  return rankInSorted([...others].sort((a, b) => a - b), score, null);
}

/** How many values from the start of `sorted` satisfy `holds`, which holds for a prefix of it. */
function prefixLength(sorted: readonly number[], holds: (value: number) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(sorted[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * percentileRank among sorted values with one occurrence of `excluded` (the subject's own
 * entry) left out, by two binary searches instead of a pass over every value.
 */
function rankInSorted(sorted: readonly number[], score: number, excluded: number | null): number | null {
  const others = sorted.length - (excluded === null ? 0 : 1);
  if (others === 0) return null;
  let below = prefixLength(sorted, (value) => compareNumbers(value, score) < 0);
  let tied = prefixLength(sorted, (value) => compareNumbers(value, score) <= 0) - below;
  if (excluded !== null) {
    const c = compareNumbers(excluded, score);
    if (c < 0) below -= 1;
    else if (c === 0) tied -= 1;
  }
  return (100 * (below + tied / 2)) / others;
}

// --- which segments are safe to show -------------------------------------------------

interface Segment {
  filter: SegmentFilter;
  key: string;
  specificity: number;
  order: number;
  bits: Uint32Array;
  n: number;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function overlap(a: Uint32Array, b: Uint32Array): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) count += popcount(a[i]! & b[i]!);
  return count;
}

/** Two segments conflict when one's members include the other's and they differ by 1–4. */
function conflicts(a: Segment, b: Segment): boolean {
  const common = overlap(a.bits, b.bits);
  const nested = common === a.n || common === b.n;
  const difference = Math.abs(a.n - b.n);
  return nested && difference > 0 && difference < MIN_GROUP;
}

interface Prepared {
  members: BenchmarkEntry[];
  /** For every complete entry, the organization id of the member that counts for its contributor. */
  contributor: Map<string, string>;
  complete: BenchmarkEntry[];
  shown: Set<string>;
}

const prepared = new WeakMap<BenchmarkPool, Prepared>();

function prepare(pool: BenchmarkPool): Prepared {
  const cached = prepared.get(pool);
  if (cached) return cached;
  const complete = completeEntries(pool);
  const contributor = contributorOf(complete);
  const members = complete.filter((entry) => contributor.get(entry.organizationId) === entry.organizationId);
  const words = Math.ceil(members.length / 32);
  const candidates: Segment[] = [];
  requestableFilters().forEach((filter, order) => {
    const bits = new Uint32Array(words);
    let n = 0;
    members.forEach((entry, i) => {
      if (!matchesFilter(entry, filter)) return;
      bits[i >>> 5]! |= 1 << (i & 31);
      n += 1;
    });
    if (n < MIN_GROUP) return;
    const specificity = [filter.industry, filter.sizeBand, filter.region].filter((v) => v !== ANY).length;
    candidates.push({ filter, key: filterKey(filter), specificity, order, bits, n });
  });
  // Coarse segments first, larger ones first within a level: when two segments conflict,
  // the finer (or smaller) one is hidden. The order depends on the pool only, so every viewer
  // sees the same segments.
  candidates.sort((a, b) => a.specificity - b.specificity || b.n - a.n || a.order - b.order);
  const shown: Segment[] = [];
  for (const candidate of candidates) {
    if (shown.every((other) => !conflicts(candidate, other))) shown.push(candidate);
  }
  const result = { members, contributor, complete, shown: new Set(shown.map((s) => s.key)) };
  prepared.set(pool, result);
  return result;
}

/**
 * Whether a segment's statistics may be shown: it is requestable, has at least MIN_GROUP
 * members, and was kept by the pool's suppression pass (see `prepare`), which guarantees that
 * any two shown segments whose members are nested differ by 0 or at least MIN_GROUP.
 */
export function isSafeToShow(pool: BenchmarkPool, input: SegmentFilterInput): boolean {
  const filter = normalizeFilter(input);
  return REQUESTABLE.has(filterKey(filter)) && prepare(pool).shown.has(filterKey(filter));
}

// --- the statistics ------------------------------------------------------------------

interface MetricSummary {
  sorted: number[];
  median: number;
  q1: number;
  q3: number;
}

interface SegmentSummary {
  /** The members by organization, for leaving the subject's own entry out of its rank. */
  members: Map<string, BenchmarkEntry>;
  index: MetricSummary;
  dimensions: Map<string, MetricSummary>;
}

// A segment's members, and what its statistics need besides the subject: their values sorted,
// and the quartiles. Kept per pool object (a pool that changes is a new object) and segment,
// so a request neither filters the pool nor sorts the segment again, and ranks its subject by
// binary search.
const segments = new WeakMap<BenchmarkPool, Map<string, { entries: BenchmarkEntry[]; summary?: SegmentSummary }>>();

function segmentOf(pool: BenchmarkPool, filter: SegmentFilter, members: readonly BenchmarkEntry[]) {
  let byKey = segments.get(pool);
  if (!byKey) segments.set(pool, (byKey = new Map()));
  const key = filterKey(filter);
  let segment = byKey.get(key);
  if (!segment) byKey.set(key, (segment = { entries: members.filter((entry) => matchesFilter(entry, filter)) }));
  return segment;
}

function summarize(values: number[]): MetricSummary {
  const sorted = values.sort((a, b) => a - b);
  return { sorted, median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

function summaryOf(pool: BenchmarkPool, segment: readonly BenchmarkEntry[]): SegmentSummary {
  return {
    members: new Map(segment.map((entry) => [entry.organizationId, entry])),
    index: summarize(segment.map((e) => e.index!)),
    dimensions: new Map(pool.dimensionIds.map((id) => [id, summarize(segment.map((e) => e.dimensions[id]!))])),
  };
}

function statistic(metric: MetricSummary, subjectScore: number | null, subjectOwnScore: number | null): SegmentStatistic {
  return {
    n: metric.sorted.length,
    median: metric.median,
    q1: metric.q1,
    q3: metric.q3,
    subjectScore,
    percentileRank: subjectScore === null ? null : rankInSorted(metric.sorted, subjectScore, subjectOwnScore),
  };
}

function resolveSubject(pool: BenchmarkPool, complete: BenchmarkEntry[], subject: BenchmarkOptions["subject"]) {
  if (subject === undefined) return null;
  if (typeof subject === "string") return complete.find((e) => e.organizationId === subject) ?? null;
  return isComplete(pool, subject) ? subject : null;
}

/**
 * The benchmark of one segment of the pool: per dimension and for the index, n, median and
 * quartiles over the segment's contributors, and the subject's percentile rank among the
 * segment's other contributors. Or why it is suppressed.
 */
export function benchmarkFor(pool: BenchmarkPool, input: SegmentFilterInput, options: BenchmarkOptions = {}): Benchmark {
  const filter = normalizeFilter(input);
  if (!REQUESTABLE.has(filterKey(filter))) return { suppressed: true, filter, cause: "not_requestable", reason: m.notRequestable };
  const { members, contributor, complete, shown } = prepare(pool);
  const segment = segmentOf(pool, filter, members);
  const contributors = segment.entries.length;
  if (contributors < MIN_GROUP) return { suppressed: true, filter, cause: "too_few", reason: m.tooFew(MIN_GROUP, contributors), contributors };
  if (!shown.has(filterKey(filter))) return { suppressed: true, filter, cause: "complementary", reason: m.complementary };

  const subject = resolveSubject(pool, complete, options.subject);
  const summary = (segment.summary ??= summaryOf(pool, segment.entries));
  // The subject's rank is among the segment's other contributors: the entry that counts for
  // its own contributor (its own, or that of an organization run by the same people) is left out.
  const ownContributor = subject ? contributor.get(subject.organizationId) : undefined;
  const own = ownContributor === undefined ? undefined : summary.members.get(ownContributor);
  return {
    suppressed: false,
    filter,
    n: segment.entries.length,
    index: statistic(summary.index, subject?.index ?? null, own?.index ?? null),
    dimensions: pool.dimensionIds.map((dimensionId) => ({
      dimensionId,
      ...statistic(summary.dimensions.get(dimensionId)!, subject ? subject.dimensions[dimensionId]! : null, own?.dimensions[dimensionId] ?? null),
    })),
  };
}
