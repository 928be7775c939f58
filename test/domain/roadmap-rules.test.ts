import { describe, expect, it } from "vitest";
import { addDays, nextMonday } from "#app/domain/dates.ts";
import { neighbourOf, noLongerNeededFlags, removedWith } from "#app/domain/roadmap/cascades.ts";
import { currentPhaseOfGates, phaseGates } from "#app/domain/roadmap/gates.ts";
import { itemChanges } from "#app/domain/roadmap/item-changes.ts";
import { roadmapQuestionnaires } from "#app/domain/roadmap/library.ts";
import { isNewerRound, loopRounds, regenerationDiff, regenerationStart, roundCovers } from "#app/domain/roadmap/regeneration.ts";
import type { TrackedItem } from "#app/domain/roadmap/tracking.ts";
import { maturityIndex, rankGaps } from "#app/domain/scoring/maturity.ts";

type Row = TrackedItem & { custom: boolean };
const row = (id: string, overrides: Partial<Row> = {}): Row => ({
  id,
  key: id,
  kind: "milestone",
  parentId: null,
  phase: "design",
  status: "not_started",
  dueDate: null,
  dependsOn: [],
  removedAt: null,
  noLongerNeeded: false,
  custom: false,
  ...overrides,
});

describe("date arithmetic", () => {
  it("adds days across month and year ends, in UTC", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });
  it("gives the next Monday, a week on from a Monday", () => {
    expect(nextMonday(new Date("2026-12-04T19:00:00Z"))).toBe("2026-12-07"); // a Friday
    expect(nextMonday(new Date("2026-12-07T08:00:00Z"))).toBe("2026-12-14"); // a Monday
  });
});

describe("phase gates", () => {
  const criteria = { knowledge: [{ id: "a", text: "A" }, { id: "b", text: "B" }], design: [{ id: "c", text: "C" }], implementation: [] };
  it("passes a gate only when it has criteria and every one is ticked", () => {
    const gates = phaseGates((phase) => criteria[phase], [
      { phase: "knowledge", criterionId: "a" },
      { phase: "knowledge", criterionId: "b" },
    ]);
    expect(gates.map((g) => [g.phase, g.passed])).toEqual([["knowledge", true], ["design", false], ["implementation", false]]);
    expect(gates[0]!.criteria.map((c) => c.check !== null)).toEqual([true, true]);
    expect(currentPhaseOfGates(gates)).toBe("design");
  });
  it("ignores ticks of another phase", () => {
    const gates = phaseGates((phase) => criteria[phase], [{ phase: "design", criterionId: "a" }]);
    expect(gates[0]!.passed).toBe(false);
    expect(currentPhaseOfGates(gates)).toBe("knowledge");
  });
});

describe("cascades", () => {
  const initiative = row("i", { kind: "initiative" });
  const items = [initiative, row("m1", { parentId: "i" }), row("m2", { parentId: "i", removedAt: new Date() }), row("m3", { parentId: "i", custom: true }), row("other")];
  it("removes an initiative with its milestones still in the plan; a milestone alone", () => {
    expect(removedWith(initiative, items).map((i) => i.id)).toEqual(["i", "m1", "m3"]);
    expect(removedWith(items[1]!, items).map((i) => i.id)).toEqual(["m1"]);
  });
  it("flags an initiative and its generated milestones, and unflags one needed again", () => {
    expect(noLongerNeededFlags({ noLongerNeeded: ["i"], unchanged: [] }, items)).toEqual([
      { id: "i", noLongerNeeded: true },
      { id: "m1", noLongerNeeded: true },
      { id: "m2", noLongerNeeded: true },
    ]);
    const flagged = items.map((i) => ({ ...i, noLongerNeeded: i.id !== "m3" }));
    expect(noLongerNeededFlags({ noLongerNeeded: [], unchanged: ["i"] }, flagged).map((f) => [f.id, f.noLongerNeeded])).toEqual([
      ["i", false],
      ["m1", false],
      ["m2", false],
    ]);
  });
  it("swaps with the neighbour of the same kind, initiative and phase", () => {
    const siblings = [row("a", { parentId: "i" }), row("gone", { parentId: "i", removedAt: new Date() }), row("b", { parentId: "i" }), row("c", { parentId: "i", phase: "knowledge" })];
    expect(neighbourOf(siblings[2]!, siblings, "up")?.id).toBe("a");
    expect(neighbourOf(siblings[2]!, siblings, "down")).toBeUndefined();
  });
});

describe("an item's changes", () => {
  const item = { ownerId: "u1", dueDate: "2027-01-01", status: "blocked" as const, blockedReason: "waiting" };
  const now = new Date("2027-02-01T00:00:00Z");
  it("tells before and after, completes a done item and drops the reason once unblocked", () => {
    expect(itemChanges(item, { status: "done", ownerId: "", dueDate: "2027-01-01" }, now)).toEqual({
      changes: { ownerId: null, status: "done", completedAt: now, blockedReason: null },
      before: { ownerId: "u1", status: "blocked", blockedReason: "waiting" },
      after: { ownerId: null, status: "done", blockedReason: null },
    });
  });
  it("is null when nothing changes", () => {
    expect(itemChanges(item, { status: "blocked", blockedReason: " waiting " }, now)).toBeNull();
  });
});

describe("regeneration", () => {
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  it("starts today or on the roadmap's start, whichever is later", () => {
    expect(regenerationStart("2027-03-01", "2027-01-04")).toBe("2027-03-01");
    expect(regenerationStart("2027-01-01", "2027-01-04")).toBe("2027-01-04");
  });
  it("takes only an assessment closed after the current one", () => {
    const current = { id: "a", closedAt: at("2027-01-01") };
    expect(isNewerRound({ id: "b", closedAt: at("2027-02-01") }, current)).toBe(true);
    expect(isNewerRound({ id: "b", closedAt: at("2027-01-01") }, current)).toBe(false);
    expect(isNewerRound(current, current)).toBe(false);
    expect(roundCovers({ id: "b", closedAt: at("2027-02-01") }, { id: "a", closedAt: at("2027-01-01") })).toBe(true);
    expect(roundCovers({ id: "c", closedAt: at("2026-12-01") }, { id: "a", closedAt: at("2027-01-01") })).toBe(false);
  });
  it("neither adds again nor flags an initiative the program lead removed", () => {
    const all = [row("kept", { kind: "initiative" }), row("removed", { kind: "initiative", removedAt: new Date() }), row("closed", { kind: "initiative" })];
    expect(regenerationDiff(all, ["kept", "removed", "new"])).toEqual({ added: ["new"], noLongerNeeded: ["closed"], unchanged: ["kept"] });
  });
  it("finds the round to regenerate from and the latest since the baseline", () => {
    const closed = [
      { id: "base", closedAt: at("2026-01-01") },
      { id: "now", closedAt: at("2026-06-01") },
      { id: "next", closedAt: at("2027-01-01") },
    ];
    const rounds = loopRounds(closed, closed[0]!, closed[1]!);
    expect([rounds.regenerateFrom?.id, rounds.baselineRow?.id, rounds.latest?.id]).toEqual(["next", "base", "next"]);
    expect(loopRounds(closed.slice(0, 1), closed[0]!, closed[0]!).regenerateFrom).toBeNull();
  });
});

describe("the index and gaps from the scoring module", () => {
  it("rounds half up despite float noise and ranks equal priorities in the given order", () => {
    // (1.2 + 1.9) / 2 is 1.5499999999999998 in floating point; the index reads 1.6
    expect(maturityIndex([{ value: 1.2, weight: 1 }, { value: 1.9, weight: 1 }])).toBe(1.6);
    expect(maturityIndex([])).toBeNull();
    const ranked = rankGaps([
      { dimensionId: "a", score: 1, target: 3, weight: 0.5 }, // priority 1
      { dimensionId: "b", score: 4.333333333333333, target: 5, weight: 1.5 }, // priority 1.0000000000000004
      { dimensionId: "c", score: 5, target: 4, weight: 2 }, // no gap
    ]);
    expect(ranked.map((g) => [g.dimensionId, g.rank, g.gap])).toEqual([["a", 1, 2], ["b", 2, 5 - 4.333333333333333], ["c", 3, 0]]);
  });
});

describe("questionnaires that drive roadmaps", () => {
  it("are those a library that is not retired serves", () => {
    const ids = roadmapQuestionnaires([
      { questionnaire: "kam-maturity", status: "published" },
      { questionnaire: "old", status: "retired" },
      { questionnaire: "pilot", status: "draft" },
    ]);
    expect([...ids].sort()).toEqual(["kam-maturity", "pilot"]);
  });
});
