import { diffPlan, type TrackedItem } from "./tracking.ts";

interface Closed {
  id: string;
  closedAt: Date | null;
}

const closedMs = (a: { closedAt: Date | null }) => a.closedAt?.getTime() ?? 0;

/** A regenerated plan starts today, or on the roadmap's own start while that is still ahead. */
export function regenerationStart(today: string, roadmapStart: string): string {
  return today > roadmapStart ? today : roadmapStart;
}

/** Only an assessment closed after the one the roadmap was last generated from can regenerate it. */
export function isNewerRound(candidate: Closed, current: Closed): boolean {
  return !(candidate.id === current.id || (candidate.closedAt && current.closedAt && candidate.closedAt <= current.closedAt));
}

/**
 * How the regenerated plan differs from the roadmap's items still in the plan. An initiative
 * the program lead removed stays removed: it is neither added again nor flagged.
 */
export function regenerationDiff(all: readonly (Pick<TrackedItem, "key" | "kind" | "removedAt"> & { custom: boolean })[], plannedKeys: readonly string[]) {
  const items = all.filter((i) => i.removedAt === null);
  const removedKeys = new Set(all.filter((i) => i.removedAt !== null && i.kind === "initiative").map((i) => i.key));
  return diffPlan(items, plannedKeys.filter((key) => !removedKeys.has(key)));
}

/**
 * The rounds the loop compares, among the closed assessments with results (oldest first): the
 * newest closed after the current one (to regenerate from), the baseline's own row, and the
 * latest round since the baseline (the baseline itself when there is none).
 */
export function loopRounds<T extends Closed>(closed: readonly T[], baseline: Closed, current: Closed) {
  const regenerateFrom = closed.filter((a) => closedMs(a) > closedMs(current)).at(-1) ?? null;
  const baselineRow = closed.find((a) => a.id === baseline.id);
  const latest = closed.filter((a) => closedMs(a) >= closedMs(baseline)).at(-1) ?? baselineRow;
  return { regenerateFrom, baselineRow, latest };
}

/** Does a roadmap generated from `from` speak of `assessment`: generated from it, or from one closed after it? */
export function roundCovers(from: Closed, assessment: { id: string; closedAt: Date }): boolean {
  return from.id === assessment.id || closedMs(from) > assessment.closedAt.getTime();
}
