import { describe, expect, it } from "vitest";
import { customItemSchema, itemUpdateSchema } from "#app/domain/roadmap/item-forms.ts";
import {
  currentPhase,
  diffPlan,
  findCycle,
  isCalendarDate,
  isOverdue,
  progressOf,
  startedEarly,
  type TrackedItem,
} from "#app/domain/roadmap/tracking.ts";

let n = 0;
function item(overrides: Partial<TrackedItem>): TrackedItem {
  n += 1;
  return {
    id: `id-${n}`,
    key: `key-${n}`,
    kind: "milestone",
    parentId: "parent",
    phase: "knowledge",
    status: "not_started",
    dueDate: null,
    dependsOn: [],
    removedAt: null,
    noLongerNeeded: false,
    ...overrides,
  };
}

describe("isCalendarDate", () => {
  it.each([
    ["2027-02-28", true],
    ["2028-02-29", true], // leap year
    ["2000-02-29", true], // divisible by 400
    ["2027-02-30", false],
    ["2027-02-29", false],
    ["1900-02-29", false], // divisible by 100, not by 400
    ["2026-04-31", false],
    ["2026-12-31", true],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-1-5", false],
    ["05.01.2026", false],
    ["", false],
    ["2026-01-05T00:00", false],
  ])("%s → %s", (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe("progressOf", () => {
  const today = "2026-06-01";
  const items = [
    // Knowledge: 3 live milestones, 2 done; one overdue (due before today, not done).
    item({ phase: "knowledge", status: "done", dueDate: "2026-02-01" }),
    item({ phase: "knowledge", status: "done", dueDate: "2026-09-01" }),
    item({ phase: "knowledge", status: "in_progress", dueDate: "2026-05-31" }),
    // Removed and no-longer-needed milestones do not count.
    item({ phase: "knowledge", status: "done", removedAt: new Date("2026-03-01") }),
    item({ phase: "knowledge", status: "not_started", noLongerNeeded: true, dueDate: "2026-01-01" }),
    // Design: 2 milestones, none done, one blocked and overdue; a blocked initiative counts as blocked but not as a milestone.
    item({ phase: "design", status: "blocked", dueDate: "2026-05-01" }),
    item({ phase: "design", status: "not_started", dueDate: "2026-06-01" }),
    item({ phase: "design", kind: "initiative", parentId: null, status: "blocked" }),
    // Implementation: initiatives only.
    item({ phase: "implementation", kind: "initiative", parentId: null, status: "done" }),
  ];

  it("counts live milestones per phase: done, total, overdue and blocked", () => {
    const progress = progressOf(items, today);
    expect(progress.phases).toEqual([
      { phase: "knowledge", done: 2, total: 3, overdue: 1, blocked: 0 },
      { phase: "design", done: 0, total: 2, overdue: 1, blocked: 2 },
      { phase: "implementation", done: 0, total: 0, overdue: 0, blocked: 0 },
    ]);
    expect(progress.done).toBe(2);
    expect(progress.total).toBe(5);
    expect(progress.share).toBeCloseTo(2 / 5, 10);
  });

  it("is 0 of 0 for an empty roadmap, with share 0 rather than NaN", () => {
    expect(progressOf([], today)).toMatchObject({ done: 0, total: 0, share: 0 });
  });
});

describe("isOverdue", () => {
  it.each([
    ["not_started", "2026-05-31", true],
    ["in_progress", "2026-05-31", true],
    ["blocked", "2026-05-31", true],
    ["done", "2026-05-31", false],
    ["not_started", "2026-06-01", false], // due today is not late yet
    ["not_started", null, false],
  ] as const)("%s due %s on 2026-06-01 → %s", (status, dueDate, expected) => {
    expect(isOverdue({ status, dueDate }, "2026-06-01")).toBe(expected);
  });
});

describe("currentPhase and startedEarly", () => {
  const gate = (phase: "knowledge" | "design" | "implementation", checked: string[]) => ({ phase, criteria: ["a", "b"], checked });

  it("is the first phase whose gate has an unticked criterion", () => {
    expect(currentPhase([gate("knowledge", ["a"]), gate("design", []), gate("implementation", [])])).toBe("knowledge");
    expect(currentPhase([gate("knowledge", ["a", "b"]), gate("design", ["b"]), gate("implementation", [])])).toBe("design");
    expect(currentPhase([gate("knowledge", ["b", "a"]), gate("design", ["a", "b"]), gate("implementation", ["a"])])).toBe("implementation");
    expect(currentPhase([gate("knowledge", ["a", "b"]), gate("design", ["a", "b"]), gate("implementation", ["a", "b"])])).toBeNull();
    // A later gate ticked does not skip an earlier one; a missing gate is not passed.
    expect(currentPhase([gate("knowledge", []), gate("design", ["a", "b"]), gate("implementation", ["a", "b"])])).toBe("knowledge");
    expect(currentPhase([gate("knowledge", ["a", "b"])])).toBe("design");
  });

  it("flags work under way in a phase after the current one", () => {
    expect(startedEarly({ phase: "design", status: "in_progress" }, "knowledge")).toBe(true);
    expect(startedEarly({ phase: "implementation", status: "done" }, "design")).toBe(true);
    expect(startedEarly({ phase: "design", status: "not_started" }, "knowledge")).toBe(false);
    expect(startedEarly({ phase: "design", status: "in_progress" }, "design")).toBe(false);
    expect(startedEarly({ phase: "knowledge", status: "in_progress" }, "design")).toBe(false);
    expect(startedEarly({ phase: "implementation", status: "in_progress" }, null)).toBe(false);
  });
});

describe("findCycle", () => {
  it("finds none in a chain or a diamond", () => {
    expect(findCycle([{ key: "a", dependsOn: [] }, { key: "b", dependsOn: ["a"] }, { key: "c", dependsOn: ["b"] }])).toBeNull();
    expect(
      findCycle([
        { key: "a", dependsOn: [] },
        { key: "b", dependsOn: ["a"] },
        { key: "c", dependsOn: ["a"] },
        { key: "d", dependsOn: ["b", "c"] },
      ]),
    ).toBeNull();
  });

  it("names the keys along a cycle, the first repeated at the end", () => {
    expect(findCycle([{ key: "a", dependsOn: ["a"] }])).toEqual(["a", "a"]);
    expect(findCycle([{ key: "a", dependsOn: ["b"] }, { key: "b", dependsOn: ["a"] }])).toEqual(["a", "b", "a"]);
    expect(
      findCycle([
        { key: "x", dependsOn: [] },
        { key: "a", dependsOn: ["x", "b"] },
        { key: "b", dependsOn: ["c"] },
        { key: "c", dependsOn: ["a"] },
      ]),
    ).toEqual(["a", "b", "c", "a"]);
  });

  it("ignores dependencies on keys outside the list (removed or already reached)", () => {
    expect(findCycle([{ key: "a", dependsOn: ["gone"] }, { key: "b", dependsOn: ["a", "gone"] }])).toBeNull();
  });
});

describe("diffPlan", () => {
  it("compares generated initiatives by key; milestones and custom items never count", () => {
    const current = [
      { key: "keep", kind: "initiative" as const, custom: false },
      { key: "closed", kind: "initiative" as const, custom: false },
      { key: "keep/m1", kind: "milestone" as const, custom: false },
      { key: "custom-1", kind: "initiative" as const, custom: true },
    ];
    expect(diffPlan(current, ["new", "keep"])).toEqual({ added: ["new"], noLongerNeeded: ["closed"], unchanged: ["keep"] });
    expect(diffPlan([], ["a"])).toEqual({ added: ["a"], noLongerNeeded: [], unchanged: [] });
    expect(diffPlan(current, [])).toEqual({ added: [], noLongerNeeded: ["keep", "closed"], unchanged: [] });
  });
});

describe("form schemas", () => {
  it("requires a reason when blocked and a real date", () => {
    expect(itemUpdateSchema.safeParse({ status: "blocked", blockedReason: " " }).success).toBe(false);
    expect(itemUpdateSchema.safeParse({ status: "blocked", blockedReason: "Budget" }).success).toBe(true);
    expect(itemUpdateSchema.safeParse({ status: "done", dueDate: "2027-02-30" }).success).toBe(false);
    expect(itemUpdateSchema.safeParse({ status: "done", dueDate: "" }).success).toBe(true);
    expect(itemUpdateSchema.safeParse({ status: "cancelled" }).success).toBe(false);
  });

  it("takes a custom item with defaults for the optional fields", () => {
    expect(customItemSchema.parse({ title: " Summit ", phase: "design" })).toEqual({ title: "Summit", description: "", phase: "design", parentId: "", dueDate: "" });
    expect(customItemSchema.safeParse({ title: "", phase: "design" }).success).toBe(false);
    expect(customItemSchema.safeParse({ title: "x", phase: "later" }).success).toBe(false);
  });
});
