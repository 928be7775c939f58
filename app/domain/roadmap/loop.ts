import type { CalendarEvent } from "../calendar.ts";
import { addDays } from "../dates.ts";
import { maturityIndex } from "../scoring/maturity.ts";
import { PHASE_LABELS } from "./labels.ts";
import type { Phase } from "./library.ts";
import { ITEM_STATUS_LABELS, isOverdue, progressOf, type PhaseProgress, type TrackedItem } from "./tracking.ts";

/** What the measured-change table, the dashboard and the exports read of an item. */
export type LoopItem = TrackedItem & {
  title: string;
  description: string;
  ownerName: string | null;
  custom: boolean;
  blockedReason: string | null;
  dimension: string | null;
};

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The maturity index of a profile: the dimensions that have a value and a weight, as the scoring engine takes them. */
export function indexOf(profile: Record<string, number | null | undefined>, weights: Record<string, number>): number | null {
  const scored = Object.entries(profile).flatMap(([id, value]) => (value === null || value === undefined || weights[id] === undefined ? [] : [{ value, weight: weights[id]! }]));
  return maturityIndex(scored);
}

export interface ChangeRow {
  id: string;
  name: string;
  baseline: number | null;
  measured: number | null;
  /** measured − baseline, when both are scored. */
  change: number | null;
  projected: number | null;
}

/**
 * Per dimension: the score when the plan began, the latest measured score, the change between
 * them, and the score the plan projects once its last phase is done. The index row uses the
 * stored indexes for measured values and the same weighted mean for the projection.
 */
export function measuredChange(input: {
  dimensions: readonly { id: string; name: string; weight: number }[];
  baseline: { means: Record<string, number | null>; index: number | null };
  latest: { means: Record<string, number | null>; index: number | null };
  projected: Record<string, number | null>;
}) {
  const rows: ChangeRow[] = input.dimensions.map((d) => {
    const baseline = input.baseline.means[d.id] ?? null;
    const measured = input.latest.means[d.id] ?? null;
    return {
      id: d.id,
      name: d.name,
      baseline,
      measured,
      change: baseline !== null && measured !== null ? round1(measured - baseline) : null,
      projected: input.projected[d.id] ?? null,
    };
  });
  const weights = Object.fromEntries(input.dimensions.map((d) => [d.id, d.weight]));
  const { index: baseline } = input.baseline;
  const { index: measured } = input.latest;
  return {
    rows,
    index: {
      baseline,
      measured,
      change: baseline !== null && measured !== null ? round1(measured - baseline) : null,
      projected: indexOf(input.projected, weights),
    },
  };
}

/** How far ahead the overview looks for milestones due. */
export const DASHBOARD_DAYS = 14;

const inPlan = (i: TrackedItem) => i.removedAt === null && !i.noLongerNeeded;

/** Milestones still to do, due from today up to `days` days ahead, soonest first. */
export function dueSoon<T extends TrackedItem>(items: readonly T[], today: string, days: number): T[] {
  const until = addDays(today, days);
  return items
    .filter((i) => i.kind === "milestone" && inPlan(i) && i.status !== "done" && i.dueDate !== null && i.dueDate >= today && i.dueDate <= until)
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!));
}

/** Milestones still to do from today on, soonest first (for the report's "next milestones"). */
export function nextMilestones<T extends TrackedItem>(items: readonly T[], today: string, count: number): T[] {
  return items
    .filter((i) => i.kind === "milestone" && inPlan(i) && i.status !== "done" && i.dueDate !== null && i.dueDate >= today)
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!))
    .slice(0, count);
}

/** Initiatives and milestones past their due date and not done, oldest first. */
export function overdueItems<T extends TrackedItem>(items: readonly T[], today: string): T[] {
  return items.filter((i) => inPlan(i) && isOverdue(i, today)).sort((a, b) => a.dueDate!.localeCompare(b.dueDate!));
}

export function blockedItems<T extends TrackedItem>(items: readonly T[]): T[] {
  return items.filter((i) => inPlan(i) && i.status === "blocked");
}

export const ROADMAP_CSV_HEADER = [
  "kind",
  "key",
  "initiative",
  "title",
  "phase",
  "dimension",
  "owner",
  "start",
  "due",
  "status",
  "blocked reason",
  "custom",
  "no longer needed",
  "removed",
];

/** The export's file name, from the roadmap's title. */
export function roadmapCsvFilename(title: string): string {
  const slug =
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "roadmap";
  return `roadmap-${slug}.csv`;
}

/** One row per initiative, each followed by its milestones; removed items are listed too, marked. */
export function roadmapCsvRows(items: readonly LoopItem[]): (string | number | null)[][] {
  const initiatives = items.filter((i) => i.kind === "initiative");
  const children = (id: string) => items.filter((i) => i.parentId === id);
  const row = (item: LoopItem, initiative: string) => [
    item.kind,
    item.key,
    initiative,
    item.title,
    PHASE_LABELS[item.phase],
    item.dimension,
    item.ownerName,
    item.startDate ?? null,
    item.dueDate,
    ITEM_STATUS_LABELS[item.status],
    item.blockedReason,
    item.custom ? "yes" : "no",
    item.noLongerNeeded ? "yes" : "no",
    item.removedAt ? "yes" : "no",
  ];
  return initiatives.flatMap((initiative) => [row(initiative, initiative.title), ...children(initiative.id).map((m) => row(m, initiative.title))]);
}

/** The calendar's events: every milestone still in the plan that has a due date. */
export function milestoneEvents(items: readonly LoopItem[], uidDomain: string): CalendarEvent[] {
  const titles = new Map(items.map((i) => [i.id, i.title]));
  return items
    .filter((i) => i.kind === "milestone" && inPlan(i) && i.dueDate !== null)
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!))
    .map((m) => ({
      uid: `${m.id}@${uidDomain}`,
      date: m.dueDate!,
      summary: `${m.status === "done" ? "✓ " : ""}${m.title}`,
      description: [
        `Initiative: ${titles.get(m.parentId ?? "") ?? "—"}`,
        `Phase: ${PHASE_LABELS[m.phase]}`,
        `Status: ${ITEM_STATUS_LABELS[m.status]}`,
        m.ownerName ? `Owner: ${m.ownerName}` : null,
        m.description ? `Done when: ${m.description}` : null,
      ]
        .filter((line) => line !== null)
        .join("\n"),
    }));
}

/** The roadmap's state for the board report: progress per phase, overdue and blocked counts, what is due next. */
export interface RoadmapStatus {
  title: string;
  startDate: string;
  endDate: string;
  asOf: string;
  fromAssessment: string;
  currentPhase: Phase | null;
  done: number;
  total: number;
  phases: PhaseProgress[];
  overdue: number;
  blocked: number;
  next: { title: string; initiative: string; due: string; owner: string | null }[];
}

export function roadmapStatus(input: {
  title: string;
  startDate: string;
  endDate: string;
  fromAssessment: string;
  currentPhase: Phase | null;
  items: readonly LoopItem[];
  today: string;
}): RoadmapStatus {
  const live = input.items.filter((i) => i.removedAt === null);
  const progress = progressOf(live, input.today);
  const titles = new Map(live.map((i) => [i.id, i.title]));
  return {
    title: input.title,
    startDate: input.startDate,
    endDate: input.endDate,
    asOf: input.today,
    fromAssessment: input.fromAssessment,
    currentPhase: input.currentPhase,
    done: progress.done,
    total: progress.total,
    phases: progress.phases,
    overdue: overdueItems(live, input.today).length,
    blocked: blockedItems(live).length,
    next: nextMilestones(live, input.today, 5).map((m) => ({ title: m.title, initiative: titles.get(m.parentId ?? "") ?? "—", due: m.dueDate!, owner: m.ownerName })),
  };
}
