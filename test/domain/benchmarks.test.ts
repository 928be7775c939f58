import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ANY,
  benchmarkFor,
  isSafeToShow,
  matchesFilter,
  MIN_GROUP,
  normalizeFilter,
  percentileRank,
  quantile,
  requestableFilters,
  type Benchmark,
  type BenchmarkEntry,
  type BenchmarkPool,
  type SegmentFilter,
} from "#app/domain/benchmarks.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "#app/domain/organization-options.ts";

const DIMENSIONS = ["strategy", "value"];

function entry(id: string, fields: Partial<BenchmarkEntry> & { index: number | null; strategy?: number | null; value?: number | null }): BenchmarkEntry {
  return {
    organizationId: id,
    industry: fields.industry ?? "Manufacturing",
    sizeBand: fields.sizeBand ?? "250–999",
    region: fields.region ?? "Europe",
    questionnaire: fields.questionnaire ?? "kam-maturity",
    version: fields.version ?? "1.0.0",
    index: fields.index,
    dimensions: { strategy: fields.strategy === undefined ? 3 : fields.strategy, value: fields.value === undefined ? 3 : fields.value },
  };
}

const poolOf = (entries: BenchmarkEntry[]): BenchmarkPool => ({ questionnaire: "kam-maturity", version: "1.0.0", dimensionIds: DIMENSIONS, entries });

function shown(result: Benchmark) {
  if (result.suppressed) throw new Error(`suppressed: ${result.reason}`);
  return result;
}

// All six are Manufacturing in Europe; two are 50–249, four are 250–999.
const handPool = poolOf([
  entry("o1", { sizeBand: "50–249", index: 2.0, strategy: 1.5, value: 2.5 }),
  entry("o2", { sizeBand: "50–249", index: 2.5, strategy: 2.0, value: 3.0 }),
  entry("o3", { index: 3.0, strategy: 3.0, value: 3.0 }),
  entry("o4", { index: 3.5, strategy: 3.5, value: 3.5 }),
  entry("o5", { index: 4.0, strategy: 4.5, value: 3.5 }),
  entry("o6", { index: 3.0, strategy: 2.5, value: 4.0 }),
]);

describe("quantile and percentile rank", () => {
  it("interpolate between closest ranks (type 7)", () => {
    // [1, 2, 3, 4]: h = 3 × 0.25 = 0.75 → 1 + 0.75 × (2 − 1) = 1.75; median h = 1.5 → 2.5
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([7], 0.75)).toBe(7);
  });

  it("counts others below and half the ties", () => {
    // below: 1, 2 → 2; tied: 3 → ½; 2.5 / 4 = 62.5 %
    expect(percentileRank([1, 2, 3, 4], 3)).toBe(62.5);
    expect(percentileRank([], 3)).toBeNull();
  });

  it("ranks by binary search exactly as counting every value would, near-ties included", () => {
    // Values on a coarse grid, some nudged by less than the 1e-9 that counts as a tie.
    const value = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.constantFrom(0, 1e-10, -1e-10)).map(([step, nudge]) => 1 + step / 2 + nudge);
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), value, (others, score) => {
        const below = others.filter((v) => score - v >= 1e-9).length;
        const tied = others.filter((v) => Math.abs(v - score) < 1e-9).length;
        expect(percentileRank(others, score)).toBe(others.length === 0 ? null : (100 * (below + tied / 2)) / others.length);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});

describe("benchmarkFor on a pool worked out by hand", () => {
  it("gives n, median and quartiles of the whole pool, and the subject's rank among the others", () => {
    const result = shown(benchmarkFor(handPool, {}, { subject: "o3" }));
    expect(result.n).toBe(6);
    // index sorted: 2.0 2.5 3.0 3.0 3.5 4.0
    // median: h = 5 × 0.5 = 2.5 → x2 + 0.5 × (x3 − x2) = 3.0 + 0.5 × 0 = 3.0
    // q1: h = 1.25 → x1 + 0.25 × (x2 − x1) = 2.5 + 0.25 × 0.5 = 2.625
    // q3: h = 3.75 → x3 + 0.75 × (x4 − x3) = 3.0 + 0.75 × 0.5 = 3.375
    // o3 (3.0) among the others 2.0 2.5 3.0 3.5 4.0: 2 below, 1 tied → 2.5 / 5 = 50 %
    expect(result.index).toEqual({ n: 6, median: 3.0, q1: 2.625, q3: 3.375, subjectScore: 3.0, percentileRank: 50 });
    const [strategy, value] = result.dimensions;
    // strategy sorted: 1.5 2.0 2.5 3.0 3.5 4.5
    // median: 2.5 + 0.5 × 0.5 = 2.75; q1: 2.0 + 0.25 × 0.5 = 2.125; q3: 3.0 + 0.75 × 0.5 = 3.375
    // o3 (3.0) among 1.5 2.0 2.5 3.5 4.5: 3 below → 3 / 5 = 60 %
    expect(strategy).toEqual({ dimensionId: "strategy", n: 6, median: 2.75, q1: 2.125, q3: 3.375, subjectScore: 3.0, percentileRank: 60 });
    // value sorted: 2.5 3.0 3.0 3.5 3.5 4.0
    // median: 3.0 + 0.5 × 0.5 = 3.25; q1: 3.0 + 0.25 × 0 = 3.0; q3: 3.5 + 0.75 × 0 = 3.5
    // o3 (3.0) among 2.5 3.0 3.5 3.5 4.0: 1 below, 1 tied → 1.5 / 5 = 30 %
    expect(value).toEqual({ dimensionId: "value", n: 6, median: 3.25, q1: 3.0, q3: 3.5, subjectScore: 3.0, percentileRank: 30 });
  });

  it("shows the same statistics to every viewer; only the rank is the subject's", () => {
    const strip = (b: Benchmark) =>
      JSON.stringify(b, (key, v) => (key === "subjectScore" || key === "percentileRank" ? undefined : v));
    const anonymous = strip(benchmarkFor(handPool, {}));
    for (const id of ["o1", "o2", "o3", "o4", "o5", "o6"]) expect(strip(benchmarkFor(handPool, {}, { subject: id }))).toBe(anonymous);
    expect(shown(benchmarkFor(handPool, {})).index.percentileRank).toBeNull();
  });

  it("ranks an organization outside the pool against all members", () => {
    const outsider = entry("x", { index: 3.0, strategy: 5, value: 1 });
    const result = shown(benchmarkFor(handPool, { industry: "Manufacturing" }, { subject: outsider }));
    // index 3.0 among 2.0 2.5 3.0 3.5 4.0 3.0: 2 below, 2 tied → 3 / 6 = 50 %
    expect(result.index.percentileRank).toBe(50);
    expect(result.dimensions[0]!.percentileRank).toBe(100);
    expect(result.dimensions[1]!.percentileRank).toBe(0);
  });

  it("suppresses the segment of four 250–999 organizations and the one of two", () => {
    expect(benchmarkFor(handPool, { sizeBand: "250–999" })).toEqual({
      suppressed: true,
      filter: { industry: ANY, sizeBand: "250–999", region: ANY },
      cause: "too_few",
      reason: "needs 5 independent organizations in this segment; 4 so far",
      contributors: 4,
    });
    expect(benchmarkFor(handPool, { sizeBand: "50–249" })).toMatchObject({ suppressed: true, cause: "too_few" });
    expect(isSafeToShow(handPool, { sizeBand: "250–999" })).toBe(false);
    expect(isSafeToShow(handPool, {})).toBe(true);
  });
});

describe("thresholds", () => {
  const pool = (count: number) => poolOf(Array.from({ length: count }, (_, i) => entry(`o${i}`, { index: i + 1 })));

  it("shows 5 organizations and suppresses 4", () => {
    expect(shown(benchmarkFor(pool(5), {})).n).toBe(5);
    expect(benchmarkFor(pool(4), {})).toMatchObject({ suppressed: true, cause: "too_few" });
    expect(isSafeToShow(pool(5), { industry: "Manufacturing", sizeBand: "250–999", region: "Europe" })).toBe(true);
    expect(isSafeToShow(pool(4), { industry: "Manufacturing" })).toBe(false);
  });

  it("hides a segment that a coarser one exceeds by 1–4 organizations, and keeps the coarser one", () => {
    // 5 in Europe, 2 in North America: the whole pool minus Europe would be those two.
    const entries = Array.from({ length: 7 }, (_, i) => entry(`o${i}`, { index: 3, region: i < 5 ? "Europe" : "North America" }));
    const p = poolOf(entries);
    expect(benchmarkFor(p, {})).toMatchObject({ suppressed: false, n: 7 });
    expect(benchmarkFor(p, { region: "Europe" })).toMatchObject({ suppressed: true, cause: "complementary" });
    expect(benchmarkFor(p, { region: "North America" })).toMatchObject({ suppressed: true, cause: "too_few" });
    expect(benchmarkFor(p, { industry: "Manufacturing" })).toMatchObject({ suppressed: false, n: 7 });
  });

  it("shows nested segments that differ by exactly 5", () => {
    const entries = Array.from({ length: 10 }, (_, i) => entry(`o${i}`, { index: 3, region: i < 5 ? "Europe" : "North America" }));
    const p = poolOf(entries);
    expect(benchmarkFor(p, {})).toMatchObject({ suppressed: false, n: 10 });
    expect(benchmarkFor(p, { region: "Europe" })).toMatchObject({ suppressed: false, n: 5 });
    expect(benchmarkFor(p, { region: "North America" })).toMatchObject({ suppressed: false, n: 5 });
  });

  it("leaves out other versions and partial profiles, and refuses unknown values", () => {
    const entries = [
      ...Array.from({ length: 5 }, (_, i) => entry(`o${i}`, { index: 3 })),
      entry("old", { index: 3, version: "0.9.0" }),
      entry("partial", { index: 3, value: null }),
      entry("no-index", { index: null }),
    ];
    const p = poolOf(entries);
    expect(shown(benchmarkFor(p, {})).n).toBe(5);
    expect(benchmarkFor(p, {}, { subject: "partial" })).toMatchObject({ index: { percentileRank: null } });
    expect(benchmarkFor(p, { industry: "Piracy" })).toMatchObject({ suppressed: true, cause: "not_requestable" });
    expect(isSafeToShow(p, { region: "Atlantis" })).toBe(false);
  });

  it("refuses a pool that holds an organization twice", () => {
    expect(() => benchmarkFor(poolOf([entry("a", { index: 1 }), entry("a", { index: 2 })]), {})).toThrow(/one entry per organization/);
  });
});

// --- property: no group under the threshold can be recovered --------------------------

// Few values per field, so that segments are dense and often differ by a handful.
const SOME_INDUSTRIES = INDUSTRIES.slice(0, 3);
const SOME_SIZES = SIZE_BANDS.slice(0, 3);
const SOME_REGIONS = REGIONS.slice(0, 3);

const poolArbitrary = fc
  .array(
    fc.record({
      industry: fc.constantFrom(...SOME_INDUSTRIES),
      sizeBand: fc.constantFrom(...SOME_SIZES),
      region: fc.constantFrom(...SOME_REGIONS),
      index: fc.integer({ min: 10, max: 50 }),
      strategy: fc.integer({ min: 10, max: 50 }),
      value: fc.integer({ min: 10, max: 50 }),
    }),
    { minLength: 0, maxLength: 60, size: "max" },
  )
  .map((rows) => poolOf(rows.map((r, i) => entry(`o${i}`, { ...r, index: r.index / 10, strategy: r.strategy / 10, value: r.value / 10 }))));

const orAny = (values: readonly string[]) => fc.oneof({ weight: 2, arbitrary: fc.constant(ANY) }, { weight: 3, arbitrary: fc.constantFrom(...values) });
const filterArbitrary: fc.Arbitrary<SegmentFilter> = fc.record({
  industry: orAny([...SOME_INDUSTRIES, INDUSTRIES[5]]),
  sizeBand: orAny(SOME_SIZES),
  region: orAny(SOME_REGIONS),
});

const membersOf = (pool: BenchmarkPool, filter: SegmentFilter) =>
  new Set(pool.entries.filter((e) => matchesFilter(e, filter)).map((e) => e.organizationId));

const isSubset = (a: Set<string>, b: Set<string>) => [...a].every((id) => b.has(id));

describe("anonymity properties", () => {
  it("over 10,000 random pairs of requested segments, no shown difference has 1–4 organizations", () => {
    let pairs = 0;
    let shownPairs = 0;
    fc.assert(
      fc.property(poolArbitrary, fc.array(fc.tuple(filterArbitrary, filterArbitrary), { minLength: 40, maxLength: 40 }), fc.nat(), (pool, requests, pick) => {
        const subject = pool.entries.length > 0 ? pool.entries[pick % pool.entries.length]!.organizationId : undefined;
        for (const [f, g] of requests) {
          pairs += 1;
          const a = benchmarkFor(pool, f, { subject });
          const b = benchmarkFor(pool, g, { subject });
          for (const r of [a, b]) if (!r.suppressed) expect(r.n).toBeGreaterThanOrEqual(MIN_GROUP);
          if (a.suppressed || b.suppressed) continue;
          shownPairs += 1;
          const [small, large] = a.n <= b.n ? [membersOf(pool, f), membersOf(pool, g)] : [membersOf(pool, g), membersOf(pool, f)];
          expect(small.size).toBe(Math.min(a.n, b.n));
          if (!isSubset(small, large)) continue;
          const difference = large.size - small.size;
          expect(difference === 0 || difference >= MIN_GROUP).toBe(true);
          // The subject's own scores are never the difference of two shown segments.
          if (subject !== undefined) expect([...large].filter((id) => !small.has(id))).not.toEqual([subject]);
        }
      }),
      { numRuns: 260 },
    );
    expect(pairs).toBeGreaterThanOrEqual(10_000);
    expect(shownPairs).toBeGreaterThan(1_000); // the property is not vacuous
  });

  it("holds for every pair of requestable segments, not only sampled ones", () => {
    const all = requestableFilters();
    fc.assert(
      fc.property(poolArbitrary, (pool) => {
        const visible = all.filter((f) => isSafeToShow(pool, f)).map((f) => membersOf(pool, f));
        for (const members of visible) expect(members.size).toBeGreaterThanOrEqual(MIN_GROUP);
        for (let i = 0; i < visible.length; i++) {
          for (let j = 0; j < visible.length; j++) {
            const [a, b] = [visible[i]!, visible[j]!];
            if (a.size <= b.size && isSubset(a, b)) {
              const difference = b.size - a.size;
              expect(difference === 0 || difference >= MIN_GROUP).toBe(true);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("suppresses no more than it must: a segment without conflicts is shown", () => {
    fc.assert(
      fc.property(poolArbitrary, filterArbitrary, (pool, filter) => {
        const members = membersOf(pool, filter);
        const nestedTooClose = requestableFilters().some((g) => {
          const other = membersOf(pool, g);
          if (other.size < MIN_GROUP) return false;
          const nested = isSubset(members, other) || isSubset(other, members);
          const difference = Math.abs(members.size - other.size);
          return nested && difference > 0 && difference < MIN_GROUP;
        });
        if (members.size >= MIN_GROUP && !nestedTooClose) expect(isSafeToShow(pool, filter)).toBe(true);
        expect(normalizeFilter(filter)).toEqual(filter);
      }),
      { numRuns: 200 },
    );
  });
});
