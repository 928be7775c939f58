import { PHASES, type Phase } from "./phases.ts";
import { isoDay } from "../format.ts";

export const ITEM_STATUSES = ["not_started", "in_progress", "done", "blocked"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
  blocked: "Blocked",
};

/** What tracking needs to know of an initiative or milestone. */
export interface TrackedItem {
  id: string;
  key: string;
  kind: "initiative" | "milestone";
  parentId: string | null;
  phase: Phase;
  status: ItemStatus;
  dueDate: string | null;
  startDate?: string | null;
  dependsOn: string[];
  removedAt: Date | null;
  noLongerNeeded: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (so 2027-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return isoDay(date) === value;
}

/** Is a due date before the roadmap's start? Such a date is refused. */
export function dueBeforeStart(dueDate: string, roadmapStart: string): boolean {
  return dueDate < roadmapStart;
}

const live = (item: TrackedItem) => item.removedAt === null;

export interface PhaseProgress {
  phase: Phase;
  done: number;
  total: number;
  overdue: number;
  blocked: number;
}

/** Progress per phase and overall, counted over milestones that are still part of the plan. */
export function progressOf(items: readonly TrackedItem[], today: string) {
  const milestones = items.filter((i) => i.kind === "milestone" && live(i) && !i.noLongerNeeded);
  const phases: PhaseProgress[] = PHASES.map((phase) => {
    const mine = milestones.filter((m) => m.phase === phase);
    return {
      phase,
      done: mine.filter((m) => m.status === "done").length,
      total: mine.length,
      overdue: mine.filter((m) => isOverdue(m, today)).length,
      blocked: items.filter((i) => live(i) && i.phase === phase && i.status === "blocked").length,
    };
  });
  const done = phases.reduce((sum, p) => sum + p.done, 0);
  const total = phases.reduce((sum, p) => sum + p.total, 0);
  return { phases, done, total, share: total === 0 ? 0 : done / total };
}

export function isOverdue(item: Pick<TrackedItem, "status" | "dueDate">, today: string): boolean {
  return item.status !== "done" && item.dueDate !== null && item.dueDate < today;
}

/** The first phase whose gate is not passed yet; null once every gate is passed. */
export function currentPhase(gates: { phase: Phase; criteria: string[]; checked: string[] }[]): Phase | null {
  for (const phase of PHASES) {
    const gate = gates.find((g) => g.phase === phase);
    if (!gate || gate.criteria.some((c) => !gate.checked.includes(c))) return phase;
  }
  return null;
}

/** Items under way in a phase whose previous phase's gate is not passed: allowed, but flagged. */
export function startedEarly(item: Pick<TrackedItem, "phase" | "status">, current: Phase | null): boolean {
  if (current === null || item.status === "not_started") return false;
  return PHASES.indexOf(item.phase) > PHASES.indexOf(current);
}

/**
 * A dependency cycle among items, as the keys along it (first key repeated at the end), or
 * null. Used before custom dependencies are stored.
 */
export function findCycle(items: readonly Pick<TrackedItem, "key" | "dependsOn">[]): string[] | null {
  const deps = new Map(items.map((i) => [i.key, i.dependsOn]));
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === "done") return null;
    if (state.get(key) === "visiting") return [...path.slice(path.indexOf(key)), key];
    state.set(key, "visiting");
    path.push(key);
    for (const next of deps.get(key) ?? []) {
      if (!deps.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(key, "done");
    return null;
  };
  for (const key of deps.keys()) {
    const cycle = visit(key);
    if (cycle) return cycle;
  }
  return null;
}

export interface PlanDiff {
  /** Keys of initiatives the new plan has and the roadmap does not. */
  added: string[];
  /** Keys of generated initiatives the new plan no longer needs (their gap closed). */
  noLongerNeeded: string[];
  /** Keys in both. */
  unchanged: string[];
}

/**
 * How a regenerated plan differs from the roadmap: compared by initiative key. Custom items
 * are the program lead's own and never count as no longer needed.
 */
export function diffPlan(current: readonly (Pick<TrackedItem, "key" | "kind"> & { custom: boolean })[], nextKeys: readonly string[]): PlanDiff {
  const existing = current.filter((i) => i.kind === "initiative" && !i.custom);
  const have = new Set(existing.map((i) => i.key));
  const next = new Set(nextKeys);
  return {
    added: nextKeys.filter((k) => !have.has(k)),
    noLongerNeeded: existing.filter((i) => !next.has(i.key)).map((i) => i.key),
    unchanged: existing.filter((i) => next.has(i.key)).map((i) => i.key),
  };
}
