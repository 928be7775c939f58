import { describe, expect, it } from "vitest";
import { effectiveGrant, engagementStatus } from "#app/domain/engagements.ts";
import { buildPortfolio, filterPortfolio, heatBand, sortPortfolio, type ClientAssessment, type PortfolioClient } from "#app/domain/portfolio.ts";

const client = (id: string, name: string, industry = "Manufacturing"): PortfolioClient => ({
  id,
  slug: id,
  name,
  industry,
  sizeBand: "50–249",
  region: "Europe",
  role: "admin",
  engagementId: `engagement-${id}`,
});

const closed = (organizationId: string, id: string, closedAt: string, index: number | null, means: Record<string, number | null>, versionId = "v1"): ClientAssessment => ({
  id,
  organizationId,
  title: id,
  status: "closed",
  questionnaireId: "kam-maturity",
  questionnaireVersionId: versionId,
  version: "1.0.0",
  closedAt: new Date(closedAt),
  scorecard: {
    overall: { index, stage: index === null ? null : { level: Math.floor(index), label: "x" } },
    dimensions: Object.entries(means).map(([dimensionId, mean]) => ({ dimensionId, status: mean === null ? "insufficient_data" : "scored", mean })),
  },
});

describe("buildPortfolio", () => {
  const clients = [client("a", "Acme"), client("b", "Bolt", "Logistics and transport"), client("c", "Cobalt")];
  // Newest first, as the query returns them.
  const assessments: ClientAssessment[] = [
    { ...closed("a", "a-open", "2026-06-01", null, {}), status: "open", closedAt: null, scorecard: null },
    closed("a", "a-2026", "2026-03-01", 3.2, { selection: 3.5, governance: null }),
    closed("a", "a-2025", "2025-03-01", 2.4, { selection: 2 }),
    closed("b", "b-2026", "2026-02-01", 4.1, { selection: 4 }, "v2"),
    closed("b", "b-2025", "2025-02-01", 3.9, { selection: 4 }, "v1"),
  ];
  const roadmaps = [
    { organizationId: "a", roadmapId: "r1", title: "Plan", phase: "knowledge" as const, total: 4, done: 4, overdue: 0 },
    { organizationId: "a", roadmapId: "r1", title: "Plan", phase: "design" as const, total: 6, done: 2, overdue: 3 },
    { organizationId: "a", roadmapId: "r1", title: "Plan", phase: "implementation" as const, total: 10, done: 0, overdue: 1 },
  ];
  const rows = buildPortfolio(clients, assessments, roadmaps);

  it("takes the newest assessment's status and the newest closed scores", () => {
    const acme = rows[0]!;
    expect(acme.latest).toEqual({ id: "a-open", title: "a-open", status: "open" });
    expect(acme.scored).toMatchObject({ assessmentId: "a-2026", index: 3.2, dimensions: { selection: 3.5, governance: null } });
  });

  it("gives the change within one version only", () => {
    expect(rows[0]!.change).toBeCloseTo(0.8, 9); // 3.2 − 2.4
    expect(rows[1]!.change).toBeNull(); // v2 against v1
    expect(rows[2]!.change).toBeNull(); // nothing closed
  });

  it("sums the roadmap's milestones and names the first phase with open ones", () => {
    // done 4 + 2 + 0 = 6 of 4 + 6 + 10 = 20; overdue 0 + 3 + 1 = 4; knowledge is complete, so the phase is design.
    expect(rows[0]!.roadmap).toEqual({ id: "r1", title: "Plan", phase: "design", done: 6, total: 20, share: 0.3, overdue: 4 });
    expect(rows[1]!.roadmap).toBeNull();
  });

  it("filters by segment and sorts with empty values last", () => {
    expect(filterPortfolio(rows, { industry: "Logistics and transport" }).map((r) => r.name)).toEqual(["Bolt"]);
    expect(sortPortfolio(rows, "index", true).map((r) => r.name)).toEqual(["Bolt", "Acme", "Cobalt"]);
    expect(sortPortfolio(rows, "index", false).map((r) => r.name)).toEqual(["Acme", "Bolt", "Cobalt"]);
    expect(sortPortfolio(rows, "name", true).map((r) => r.name)).toEqual(["Cobalt", "Bolt", "Acme"]);
    expect(sortPortfolio(rows, "overdue", true).map((r) => r.name)).toEqual(["Acme", "Bolt", "Cobalt"]);
  });
});

describe("heatBand", () => {
  it("bands scores by whole steps and puts 5 with 4", () => {
    expect([1, 1.99, 2, 3.5, 4, 5].map(heatBand)).toEqual([1, 1, 2, 3, 4, 4]);
    expect(heatBand(null)).toBeNull();
  });
});

describe("engagements", () => {
  const alpha = { id: "e1", role: "viewer" as const, consultancy: { id: "c1", slug: "alpha", name: "Alpha" } };
  const beta = { id: "e2", role: "admin" as const, consultancy: { id: "c2", slug: "beta", name: "Beta" } };

  it("lets a person's own membership win over any engagement", () => {
    expect(effectiveGrant("member", [beta])).toEqual({ role: "member" });
  });

  it("takes the highest engagement role, then the first", () => {
    expect(effectiveGrant(null, [alpha, beta])).toEqual({ role: "admin", engagement: { id: "e2", consultancy: beta.consultancy } });
    expect(effectiveGrant(null, [alpha, { ...alpha, id: "e3" }])!.engagement!.id).toBe("e1");
    expect(effectiveGrant(null, [])).toBeNull();
  });

  it("tells offered, expired, active and ended apart", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const offer = { consultancyId: null, startedAt: null, endedAt: null, inviteExpiresAt: new Date("2026-06-10T00:00:00Z") };
    expect(engagementStatus(offer, now)).toBe("offered");
    expect(engagementStatus({ ...offer, inviteExpiresAt: now }, now)).toBe("expired");
    expect(engagementStatus({ ...offer, consultancyId: "c", startedAt: now }, now)).toBe("active");
    expect(engagementStatus({ ...offer, consultancyId: "c", startedAt: now, endedAt: now }, now)).toBe("ended");
  });
});
