import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contributorOf, controlKeys, identifiesOrganization, type Controller } from "#app/domain/benchmark-contributors.ts";
import {
  ANY,
  benchmarkFor,
  hasEnoughRespondents,
  isSafeToShow,
  matchesFilter,
  MIN_GROUP,
  quantile,
  requestableFilters,
  type Benchmark,
  type BenchmarkEntry,
  type BenchmarkPool,
  type SegmentFilter,
} from "#app/domain/benchmarks.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "#app/domain/organization-options.ts";

const DIMENSIONS = ["strategy", "value"];

const owner = (userId: string, emailDomain: string): Controller => ({ userId, emailDomain });

function entry(id: string, score: number, controllers: Controller[] = [], createdAt = 0, fields: Partial<BenchmarkEntry> = {}): BenchmarkEntry {
  return {
    organizationId: id,
    industry: "Manufacturing",
    sizeBand: "250–999",
    region: "Europe",
    questionnaire: "kam-maturity",
    version: "1.0.0",
    index: score,
    dimensions: { strategy: score, value: score },
    controllers,
    createdAt,
    ...fields,
  };
}

const poolOf = (entries: BenchmarkEntry[]): BenchmarkPool => ({ questionnaire: "kam-maturity", version: "1.0.0", dimensionIds: DIMENSIONS, entries });

function shown(result: Benchmark) {
  if (result.suppressed) throw new Error(`suppressed: ${result.reason}`);
  return result;
}

describe("which email domains join organizations", () => {
  it("takes a company's domain, in any case and with a trailing dot, as one organization's", () => {
    expect(identifiesOrganization("acme.de")).toBe(true);
    expect(identifiesOrganization("Sales.ACME.de.")).toBe(true);
  });

  it("never joins on public mail, reserved example and test names, or a name without a dot", () => {
    for (const domain of ["gmail.com", "GoogleMail.com", "outlook.com", "proton.me", "qq.com", "yandex.ru", "mail.ru", "gmx.de", "web.de"]) {
      expect([domain, identifiesOrganization(domain)]).toEqual([domain, false]);
    }
    for (const domain of ["example.com", "mail.example.org", "example.net", "shop.example", "acme.test", "x.invalid", "box.localhost", "localhost", ""]) {
      expect([domain, identifiesOrganization(domain)]).toEqual([domain, false]);
    }
  });

  it("gives each controller's user key, and a domain key only for an organization's domain", () => {
    expect(controlKeys([owner("u1", "ACME.de"), owner("u2", "gmail.com"), owner("u1", "acme.de")])).toEqual(["user:u1", "domain:acme.de", "user:u2"]);
    expect(controlKeys([])).toEqual([]);
  });
});

describe("grouping organizations into contributors", () => {
  const groupsOf = (organizations: { organizationId: string; controllers: Controller[]; createdAt?: number }[]) => Object.fromEntries(contributorOf(organizations));

  it("joins organizations with a shared owner, and one with a shared admin", () => {
    // a and b share u1 as owner; c has u3 as admin, and so does b: one group of three. d stands alone.
    const groups = groupsOf([
      { organizationId: "a", controllers: [owner("u1", "gmail.com")], createdAt: 2 },
      { organizationId: "b", controllers: [owner("u1", "gmail.com"), owner("u3", "outlook.com")], createdAt: 3 },
      { organizationId: "c", controllers: [owner("u2", "gmail.com"), owner("u3", "outlook.com")], createdAt: 1 },
      { organizationId: "d", controllers: [owner("u4", "gmail.com")], createdAt: 0 },
    ]);
    // c was created first, so it speaks for the group.
    expect(groups).toEqual({ a: "c", b: "c", c: "c", d: "d" });
  });

  it("joins on a shared company domain, not on a shared public or example domain", () => {
    const groups = groupsOf([
      { organizationId: "a", controllers: [owner("u1", "acme.de")] },
      { organizationId: "b", controllers: [owner("u2", "Acme.DE")] },
      { organizationId: "c", controllers: [owner("u3", "gmail.com")] },
      { organizationId: "d", controllers: [owner("u4", "gmail.com")] },
      { organizationId: "e", controllers: [owner("u5", "example.com")] },
      { organizationId: "f", controllers: [owner("u6", "example.com")] },
    ]);
    // Equal creation times: the smaller id represents.
    expect(groups).toEqual({ a: "a", b: "a", c: "c", d: "d", e: "e", f: "f" });
  });

  it("follows chains: a–b by user, b–c by domain, c–d by admin, however the input is ordered", () => {
    const chain = [
      { organizationId: "d", controllers: [owner("u9", "gmail.com"), owner("u7", "yahoo.com")], createdAt: 4 },
      { organizationId: "e", controllers: [owner("u8", "beta.io")], createdAt: 0 },
      { organizationId: "a", controllers: [owner("u1", "gmail.com")], createdAt: 1 },
      { organizationId: "c", controllers: [owner("u6", "acme.de"), owner("u7", "yahoo.com")], createdAt: 3 },
      { organizationId: "b", controllers: [owner("u1", "gmail.com"), owner("u5", "acme.de")], createdAt: 2 },
    ];
    const expected = { a: "a", b: "a", c: "a", d: "a", e: "e" };
    expect(groupsOf(chain)).toEqual(expected);
    expect(groupsOf([...chain].reverse())).toEqual(expected);
  });

  it("leaves an organization without owners or admins on its own", () => {
    expect(groupsOf([{ organizationId: "a", controllers: [] }, { organizationId: "b", controllers: [] }])).toEqual({ a: "a", b: "b" });
  });
});

describe("benchmarks over contributors, worked out by hand", () => {
  // Four independent organizations (two owners on gmail.com, two on example.com, which join
  // nobody) and four run by one set of people: a1 and a2 share the owner mallory, mallory is
  // an admin of a3, and a3's and a4's owners share the domain mallory-labs.io.
  const honest = [
    entry("h1", 2, [owner("alice", "gmail.com")], 1),
    entry("h2", 3, [owner("bob", "gmail.com")], 2),
    entry("h3", 4, [owner("carol", "example.com")], 3),
    entry("h4", 4.5, [owner("dave", "example.com")], 4),
  ];
  const attacker = [
    entry("a1", 1, [owner("mallory", "gmail.com")], 10),
    entry("a2", 1.5, [owner("mallory", "gmail.com")], 20),
    entry("a3", 5, [owner("mallet", "mallory-labs.io"), owner("mallory", "gmail.com")], 30),
    entry("a4", 5, [owner("trudy", "mallory-labs.io")], 40),
  ];
  const pool = poolOf([...honest, ...attacker]);

  it("counts the four organizations run by the same people once, with their earliest one", () => {
    const result = shown(benchmarkFor(pool, {}));
    // Contributors: h1 2, h2 3, h3 4, h4 4.5 and a1 1 (created first of its group).
    // Sorted 1 2 3 4 4.5: median h = 2 → 3; q1 h = 1 → 2; q3 h = 3 → 4.
    // (Counting every organization would give 1 1.5 2 3 4 4.5 5 5, n = 8, median 3.5.)
    expect(result.n).toBe(5);
    expect(result.index).toMatchObject({ n: 5, median: 3, q1: 2, q3: 4 });
    expect(result.dimensions[0]).toMatchObject({ dimensionId: "strategy", n: 5, median: 3, q1: 2, q3: 4 });
  });

  it("ranks a subject among the other contributors, leaving out the one that counts for it", () => {
    // a2 (1.5) is represented by a1: ranked among h1–h4 (2 3 4 4.5), none below → 0.
    // Were a1 counted among its others, 1 of 5 would be below → 20.
    expect(shown(benchmarkFor(pool, {}, { subject: "a2" })).index).toMatchObject({ subjectScore: 1.5, percentileRank: 0 });
    // h2 (3) among a1 h1 h3 h4 (1 2 4 4.5): 2 below → 50.
    expect(shown(benchmarkFor(pool, {}, { subject: "h2" })).index).toMatchObject({ subjectScore: 3, percentileRank: 50 });
  });

  it("says how many independent organizations a segment still needs", () => {
    // Without h4: h1 h2 h3 and the attacker's group, 4 contributors of 7 organizations.
    const smaller = poolOf([...honest.slice(0, 3), ...attacker]);
    expect(benchmarkFor(smaller, {})).toEqual({
      suppressed: true,
      filter: { industry: ANY, sizeBand: ANY, region: ANY },
      cause: "too_few",
      reason: "needs 5 independent organizations in this segment; 4 so far",
      contributors: 4,
    });
  });

  it("lets no organization added later to a group change any statistic", () => {
    const before = benchmarkFor(pool, {});
    const more = poolOf([...honest, ...attacker, entry("a5", 5, [owner("mallory", "gmail.com")], 50), entry("a6", 5, [owner("eve", "mallory-labs.io")], 60)]);
    expect(benchmarkFor(more, {})).toEqual(before);
  });
});

describe("enough respondents", () => {
  it("takes the organization's minimum group size, and never fewer than 3", () => {
    expect([hasEnoughRespondents(2, 3), hasEnoughRespondents(3, 3), hasEnoughRespondents(4, 5), hasEnoughRespondents(5, 5)]).toEqual([false, true, false, true]);
    expect(hasEnoughRespondents(2, 1)).toBe(false);
  });
});

// --- properties: ADR 0009's guarantees hold over independent contributors -------------

const SOME_INDUSTRIES = INDUSTRIES.slice(0, 3);
const SOME_SIZES = SIZE_BANDS.slice(0, 3);
const SOME_REGIONS = REGIONS.slice(0, 3);
// Two domains that join, two that do not.
const DOMAINS = ["acme.de", "beta.io", "gmail.com", "example.com"];
const JOINING = new Set(["acme.de", "beta.io"]);

const controllerArbitrary = fc.record({ userId: fc.integer({ min: 0, max: 59 }).map((u) => `u${u}`), emailDomain: fc.constantFrom(...DOMAINS) });

const poolArbitrary = fc
  .array(
    fc.record({
      industry: fc.constantFrom(...SOME_INDUSTRIES),
      sizeBand: fc.constantFrom(...SOME_SIZES),
      region: fc.constantFrom(...SOME_REGIONS),
      score: fc.integer({ min: 10, max: 50 }),
      controllers: fc.array(controllerArbitrary, { maxLength: 2 }),
      createdAt: fc.integer({ min: 0, max: 30 }),
    }),
    { maxLength: 70, size: "max" },
  )
  .map((rows) =>
    poolOf(rows.map((r, i) => entry(`o${String(i).padStart(2, "0")}`, r.score / 10, r.controllers, r.createdAt, { industry: r.industry, sizeBand: r.sizeBand, region: r.region }))),
  );

/**
 * The contributors worked out the slow way, independently of the code under test: grow each
 * group by repeatedly adding every organization that shares a user or a joining domain with
 * one already in it; the earliest-created member (then the smallest id) counts.
 */
function referenceContributors(pool: BenchmarkPool): BenchmarkEntry[] {
  const shares = (a: BenchmarkEntry, b: BenchmarkEntry) =>
    (a.controllers ?? []).some((x) => (b.controllers ?? []).some((y) => x.userId === y.userId || (x.emailDomain === y.emailDomain && JOINING.has(x.emailDomain))));
  const left = new Set(pool.entries);
  const representatives: BenchmarkEntry[] = [];
  while (left.size > 0) {
    const group = [left.values().next().value!];
    left.delete(group[0]!);
    for (let grew = true; grew; ) {
      grew = false;
      for (const candidate of [...left]) {
        if (group.some((member) => shares(member, candidate))) {
          group.push(candidate);
          left.delete(candidate);
          grew = true;
        }
      }
    }
    group.sort((a, b) => a.createdAt! - b.createdAt! || (a.organizationId < b.organizationId ? -1 : 1));
    representatives.push(group[0]!);
  }
  return representatives;
}

const orAny = (values: readonly string[]) => fc.oneof({ weight: 2, arbitrary: fc.constant(ANY) }, { weight: 3, arbitrary: fc.constantFrom(...values) });
const filterArbitrary: fc.Arbitrary<SegmentFilter> = fc.record({ industry: orAny(SOME_INDUSTRIES), sizeBand: orAny(SOME_SIZES), region: orAny(SOME_REGIONS) });

const idsIn = (entries: BenchmarkEntry[], filter: SegmentFilter) => new Set(entries.filter((e) => matchesFilter(e, filter)).map((e) => e.organizationId));
const isSubset = (a: Set<string>, b: Set<string>) => [...a].every((id) => b.has(id));

describe("anonymity properties over contributors", () => {
  it("shows only segments of at least 5 contributors, with statistics over them, and nested shown pairs differ by 0 or at least 5", () => {
    const all = requestableFilters();
    let shownSegments = 0;
    let groupedPools = 0;
    fc.assert(
      fc.property(poolArbitrary, fc.nat(), (pool, pick) => {
        const contributors = referenceContributors(pool);
        if (contributors.length < pool.entries.length - 5) groupedPools += 1;
        const subject = pool.entries.length > 0 ? pool.entries[pick % pool.entries.length]!.organizationId : undefined;
        const visible: Set<string>[] = [];
        for (const filter of all) {
          const result = benchmarkFor(pool, filter, { subject });
          const members = idsIn(contributors, filter);
          if (result.suppressed) {
            if (result.cause === "too_few") expect(result.contributors).toBe(members.size);
            continue;
          }
          expect(isSafeToShow(pool, filter)).toBe(true);
          expect(result.n).toBe(members.size);
          expect(members.size).toBeGreaterThanOrEqual(MIN_GROUP);
          const scores = contributors.filter((e) => members.has(e.organizationId)).map((e) => e.index!).sort((a, b) => a - b);
          expect(result.index.median).toBeCloseTo(quantile(scores, 0.5), 12);
          visible.push(members);
        }
        shownSegments += visible.length;
        for (const a of visible) {
          for (const b of visible) {
            if (a.size > b.size || !isSubset(a, b)) continue;
            const difference = b.size - a.size;
            expect(difference === 0 || difference >= MIN_GROUP).toBe(true);
          }
        }
      }),
      { numRuns: 60, seed: 15 },
    );
    // The property is not vacuous: segments are shown, and many pools have groups to count once.
    expect(shownSegments).toBeGreaterThan(300);
    expect(groupedPools).toBeGreaterThan(20);
  });

  it("never lets a group's later organizations change what is shown", () => {
    fc.assert(
      fc.property(poolArbitrary, fc.array(fc.record({ score: fc.integer({ min: 10, max: 50 }), at: fc.nat(), industry: fc.constantFrom(...SOME_INDUSTRIES) }), { minLength: 1, maxLength: 8 }), filterArbitrary, (pool, added, filter) => {
        const withControllers = pool.entries.filter((e) => (e.controllers ?? []).length > 0);
        if (withControllers.length === 0) return;
        // Each added organization takes a controller of an existing one and is created after all.
        const extra = added.map((a, i) => {
          const host = withControllers[a.at % withControllers.length]!;
          return entry(`x${i}`, a.score / 10, [host.controllers![0]!], 100 + i, { industry: a.industry });
        });
        const grown = poolOf([...pool.entries, ...extra]);
        expect(benchmarkFor(grown, filter)).toEqual(benchmarkFor(pool, filter));
      }),
      { numRuns: 300, seed: 16 },
    );
  });
});
