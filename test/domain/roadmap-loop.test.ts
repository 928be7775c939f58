import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine } from "#app/domain/calendar.ts";
import { blockedItems, dueSoon, indexOf, measuredChange, overdueItems, type LoopItem } from "#app/domain/roadmap/loop.ts";

const item = (id: string, overrides: Partial<LoopItem> = {}): LoopItem => ({
  id,
  key: id,
  kind: "milestone",
  parentId: "i1",
  phase: "design",
  status: "not_started",
  dueDate: null,
  dependsOn: [],
  removedAt: null,
  noLongerNeeded: false,
  title: id,
  description: "",
  ownerName: null,
  custom: false,
  blockedReason: null,
  dimension: null,
  ...overrides,
});

describe("the overview's counts, by hand (today 2027-03-10)", () => {
  const today = "2027-03-10";
  const items = [
    item("due-today", { dueDate: "2027-03-10" }), // due soon
    item("due-in-14", { dueDate: "2027-03-24" }), // due soon: the 14th day counts
    item("due-in-15", { dueDate: "2027-03-25" }), // too far
    item("done-soon", { dueDate: "2027-03-12", status: "done" }), // done: neither
    item("late", { dueDate: "2027-03-09" }), // overdue by a day
    item("late-blocked", { dueDate: "2027-02-01", status: "blocked", blockedReason: "budget" }), // overdue and blocked
    item("late-gone", { dueDate: "2027-02-01", noLongerNeeded: true }), // gap closed: not counted
    item("late-removed", { dueDate: "2027-02-01", removedAt: new Date() }), // removed: not counted
    item("initiative-late", { kind: "initiative", parentId: null, dueDate: "2027-03-01", status: "in_progress" }), // overdue initiative
    item("initiative-soon", { kind: "initiative", parentId: null, dueDate: "2027-03-11" }), // initiatives are not "due soon" milestones
  ];
  it("lists milestones due within 14 days, soonest first", () => {
    expect(dueSoon(items, today, 14).map((i) => i.id)).toEqual(["due-today", "due-in-14"]);
  });
  it("lists overdue items oldest first, and blocked ones", () => {
    expect(overdueItems(items, today).map((i) => i.id)).toEqual(["late-blocked", "initiative-late", "late"]);
    expect(blockedItems(items).map((i) => i.id)).toEqual(["late-blocked"]);
  });
});

describe("measured change and the projected index", () => {
  it("weights the index as the scoring engine does", () => {
    // c has no score, so only a and b count: (4 × 1.2 + 3 × 1) / 2.2 = 3.545… → 3.5
    expect(indexOf({ a: 4, b: 3, c: null }, { a: 1.2, b: 1, c: 0.8 })).toBe(3.5);
    expect(indexOf({ a: null }, { a: 1 })).toBeNull();
  });
  it("gives per-dimension change only where both rounds are scored", () => {
    const change = measuredChange({
      dimensions: [
        { id: "a", name: "A", weight: 2 },
        { id: "b", name: "B", weight: 1 },
      ],
      baseline: { means: { a: 1.5, b: null }, index: 1.5 },
      latest: { means: { a: 2.75, b: 3 }, index: 2.2 },
      projected: { a: 4, b: 3.5 },
    });
    expect(change.rows).toEqual([
      { id: "a", name: "A", baseline: 1.5, measured: 2.75, change: 1.3, projected: 4 },
      { id: "b", name: "B", baseline: null, measured: 3, change: null, projected: 3.5 },
    ]);
    // Projected index: (4 × 2 + 3.5 × 1) / 3 = 3.83 → 3.8.
    expect(change.index).toEqual({ baseline: 1.5, measured: 2.2, change: 0.7, projected: 3.8 });
  });
});

describe("iCalendar text", () => {
  it("escapes backslash, semicolon, comma and line breaks", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });
  it("folds at 75 octets without splitting a UTF-8 character", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
    const folded = foldLine(`SUMMARY:${"ü".repeat(80)}`);
    const lines = folded.split("\r\n");
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // "SUMMARY:" is 8 octets, each ü 2: 33 fit on the first line (74 octets), 37 on the next (1 + 74).
    expect(lines.map((l) => l.length)).toEqual([8 + 33, 1 + 37, 1 + 10]);
    expect(lines.slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(`SUMMARY:${"ü".repeat(80)}`);
  });
  it("writes a calendar of all-day events with CRLF line ends", () => {
    const text = buildCalendar({
      name: "Plan, 2027",
      events: [{ uid: "m1@example", date: "2027-12-31", summary: "Year end; review", description: "Two\nlines" }],
      generatedAt: new Date("2027-03-10T09:30:05.123Z"),
    });
    expect(text.split("\r\n")).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//KAM Navigator//Roadmap milestones//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Plan\\, 2027",
      "BEGIN:VEVENT",
      "UID:m1@example",
      "DTSTAMP:20270310T093005Z",
      "DTSTART;VALUE=DATE:20271231",
      "DTEND;VALUE=DATE:20280101",
      "SUMMARY:Year end\\; review",
      "DESCRIPTION:Two\\nlines",
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ]);
  });
});
