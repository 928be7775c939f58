import { benchmarkMessages as m } from "../messages/benchmarks.ts";
import { ANY, type Benchmark, type SegmentFilter, type SegmentStatistic } from "./benchmarks.ts";

/**
 * The pools a benchmark can be taken from. Only the platform's opt-in pool exists today; a
 * consultancy's own clients are the next kind.
 */
export const BENCHMARK_POOLS = ["platform", "consultancy"] as const;
export type BenchmarkPoolKind = (typeof BENCHMARK_POOLS)[number];

export const SEGMENT_FIELDS = ["industry", "sizeBand", "region"] as const;

/** A pool's name as the pages say it, with "sample data" when it holds generated organizations. */
export function poolLabel(kind: BenchmarkPoolKind, sampleData: boolean): string {
  return sampleData ? m.samplePools[kind] : m.pools[kind];
}

/** A segment in words: "all organizations", or its fixed fields such as "Manufacturing · Europe". */
export function segmentInWords(filter: SegmentFilter): string {
  const parts = [
    filter.industry === ANY ? null : filter.industry,
    filter.sizeBand === ANY ? null : m.employees(filter.sizeBand),
    filter.region === ANY ? null : filter.region,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? m.allOrganizations : parts.join(" · ");
}

/**
 * The segment named by a page's query string: each field its value, or "any" when missing or
 * empty. Unknown values are kept, so the benchmark says the segment cannot be requested.
 */
export function segmentFromSearchParams(params: URLSearchParams): SegmentFilter {
  const value = (name: string) => params.get(name)?.trim() || ANY;
  return { industry: value("industry"), sizeBand: value("sizeBand"), region: value("region") };
}

/** The pool asked for in a query string; the platform pool unless `pool=consultancy`. */
export function poolFromSearchParams(params: URLSearchParams): BenchmarkPoolKind {
  return params.get("pool") === "consultancy" ? "consultancy" : "platform";
}

/** The query string of a segment, only with its fixed fields and a pool other than the platform's ("" for all organizations). */
export function segmentSearch(filter: SegmentFilter, pool: BenchmarkPoolKind = "platform"): string {
  const params = new URLSearchParams();
  if (pool !== "platform") params.set("pool", pool);
  for (const field of SEGMENT_FIELDS) if (filter[field] !== ANY) params.set(field, filter[field]);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export type BenchmarkCell = Pick<SegmentStatistic, "median" | "q1" | "q3" | "percentileRank">;

/** What the results page and the report show of a benchmark. */
export interface BenchmarkView {
  pool: BenchmarkPoolKind;
  /** The pool in words, e.g. "platform pool of sample data". */
  poolLabel: string;
  sampleData: boolean;
  filter: SegmentFilter;
  segment: string;
  /** The radar series' name: "Benchmark median (<pool>, <segment>)". */
  seriesLabel: string;
  /** Why no statistics are shown, or null when they are. */
  suppressed: string | null;
  n: number | null;
  index: BenchmarkCell | null;
  /** In the questionnaire's dimension order; null entries when suppressed. */
  dimensions: (BenchmarkCell | null)[];
}

export interface LoadedBenchmark {
  pool: BenchmarkPoolKind;
  poolLabel: string;
  sampleData: boolean;
  benchmark: Benchmark;
}

const cell = ({ median, q1, q3, percentileRank }: SegmentStatistic): BenchmarkCell => ({ median, q1, q3, percentileRank });

export function benchmarkView(loaded: LoadedBenchmark, dimensionIds: readonly string[]): BenchmarkView {
  const { benchmark } = loaded;
  const segment = segmentInWords(benchmark.filter);
  const shared = {
    pool: loaded.pool,
    poolLabel: loaded.poolLabel,
    sampleData: loaded.sampleData,
    filter: benchmark.filter,
    segment,
    seriesLabel: m.seriesLabel(loaded.poolLabel, segment),
  };
  if (benchmark.suppressed) return { ...shared, suppressed: benchmark.reason, n: null, index: null, dimensions: dimensionIds.map(() => null) };
  const byId = new Map(benchmark.dimensions.map((d) => [d.dimensionId, d]));
  return {
    ...shared,
    suppressed: null,
    n: benchmark.n,
    index: cell(benchmark.index),
    dimensions: dimensionIds.map((id) => {
      const stat = byId.get(id);
      return stat ? cell(stat) : null;
    }),
  };
}

/** "62nd percentile"; the rank rounded to a whole number. */
export function percentileText(rank: number | null): string {
  if (rank === null) return "no rank";
  const n = Math.round(rank);
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix} percentile`;
}

/** "2.4–3.1": the interquartile range, one decimal each. */
export const iqrText = (c: BenchmarkCell) => `${c.q1.toFixed(1)}–${c.q3.toFixed(1)}`;
