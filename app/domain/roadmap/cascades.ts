import type { PlanDiff, TrackedItem } from "./tracking.ts";

type CascadeItem = Pick<TrackedItem, "id" | "kind" | "parentId" | "removedAt">;

/** What removing an item removes: the item, then (for an initiative) its milestones still in the plan. */
export function removedWith<T extends CascadeItem>(item: T, items: readonly T[]): T[] {
  const milestones = item.kind === "initiative" ? items.filter((i) => i.parentId === item.id && i.removedAt === null) : [];
  return [item, ...milestones];
}

/**
 * The no-longer-needed flags a regeneration changes, in the order to write them. The flag goes
 * on the initiative and its generated milestones, so progress, overdue counts and the calendar
 * leave them out; custom milestones under it are the program lead's own. An initiative needed
 * again (the gap reopened) is no longer flagged.
 */
export function noLongerNeededFlags<T extends Pick<TrackedItem, "id" | "key" | "parentId" | "noLongerNeeded"> & { custom: boolean }>(
  diff: Pick<PlanDiff, "noLongerNeeded" | "unchanged">,
  items: readonly T[],
): { id: string; noLongerNeeded: boolean }[] {
  const byKey = new Map(items.map((i) => [i.key, i]));
  const flag = (key: string, noLongerNeeded: boolean) => {
    const initiative = byKey.get(key)!;
    return [initiative, ...items.filter((i) => i.parentId === initiative.id && !i.custom)]
      .filter((item) => item.noLongerNeeded !== noLongerNeeded)
      .map((item) => ({ id: item.id, noLongerNeeded }));
  };
  return [...diff.noLongerNeeded.flatMap((key) => flag(key, true)), ...diff.unchanged.flatMap((key) => flag(key, false))];
}

/**
 * The item a move swaps places with: the sibling before (up) or after (down) it among the
 * items still in the plan of the same kind, initiative and phase, in their order; none at an end.
 */
export function neighbourOf<T extends Pick<TrackedItem, "id" | "kind" | "parentId" | "phase" | "removedAt">>(item: T, items: readonly T[], direction: "up" | "down"): T | undefined {
  const siblings = items.filter((i) => i.removedAt === null && i.kind === item.kind && i.parentId === item.parentId && i.phase === item.phase);
  const index = siblings.findIndex((i) => i.id === item.id);
  return siblings[direction === "up" ? index - 1 : index + 1];
}
