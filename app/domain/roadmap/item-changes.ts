import type { ItemUpdate } from "./item-forms.ts";
import type { ItemStatus } from "./tracking.ts";

/** The tracking fields of an item an update may change. */
export interface ItemTracking {
  ownerId: string | null;
  dueDate: string | null;
  status: ItemStatus;
  blockedReason: string | null;
}

export type ItemChanges = Partial<ItemTracking> & { completedAt?: Date | null };

/**
 * What a checked update changes on an item, with the fields before and after as the audit
 * tells them (completion time left out); null when nothing changes. Empty owner and due date
 * mean none; a reason is kept only while the item is blocked.
 */
export function itemChanges(item: ItemTracking, update: ItemUpdate, now: Date) {
  const changes: ItemChanges = {};
  if (update.ownerId !== undefined) {
    const ownerId = update.ownerId === "" ? null : update.ownerId;
    if (ownerId !== item.ownerId) changes.ownerId = ownerId;
  }
  if (update.dueDate !== undefined) {
    const dueDate = update.dueDate === "" ? null : update.dueDate;
    if (dueDate !== item.dueDate) changes.dueDate = dueDate;
  }
  if (update.status !== item.status) {
    changes.status = update.status;
    changes.completedAt = update.status === "done" ? now : null;
  }
  const reason = update.status === "blocked" ? (update.blockedReason?.trim() ?? null) : null;
  if (reason !== item.blockedReason) changes.blockedReason = reason;
  if (Object.keys(changes).length === 0) return null;
  const before = Object.fromEntries(Object.keys(changes).filter((k) => k !== "completedAt").map((k) => [k, item[k as keyof ItemTracking] ?? null]));
  const after = Object.fromEntries(Object.entries(changes).filter(([k]) => k !== "completedAt"));
  return { changes, before, after };
}
