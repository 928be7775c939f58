import { ITEM_STATUS_LABELS } from "../domain/roadmap/tracking.ts";

/** The fields an item's history speaks of, as people call them. */
export const itemFieldNames: Record<string, string> = {
  ownerId: "owner",
  dueDate: "due date",
  status: "status",
  blockedReason: "blocked reason",
  dependsOn: "dependencies",
};

/** What an audit entry about an item did, in words (the actor is shown beside it). */
export const itemHistoryMessages = {
  updated: (changes: { field: string; from: string; to: string }[]) =>
    `changed ${changes.map((c) => `${c.field} from ${c.from} to ${c.to}`).join("; ")}`,
  noteAdded: (kind: string) => (kind === "evidence" ? "added evidence" : "added a comment"),
  added: "added this item to the roadmap",
  removed: (withInitiative: string | null) => (withInitiative ? `removed it together with its initiative “${withInitiative}”` : "removed it from the roadmap"),
  moved: (direction: string) => (direction === "up" ? "moved it up" : "moved it down"),
  other: (action: string) => action,
  nothing: "nothing",
  noOwner: "no one",
  noDate: "no date",
  noDependencies: "none",
  formerMember: "a former member",
  generated: (date: string) => `Part of the generated plan since ${date}.`,
};

const h = itemHistoryMessages;

export interface HistoryEntry {
  action: string;
  details: unknown;
}

/** An audit entry about an item, in words: owners by name, statuses by label, dependencies by title. */
export function describeItemEvent(entry: HistoryEntry, names: { person: (id: string) => string; item: (key: string) => string }): string {
  const details = (entry.details ?? {}) as Record<string, unknown>;
  const value = (field: string, raw: unknown): string => {
    if (field === "dependsOn") return Array.isArray(raw) && raw.length > 0 ? raw.map((k) => names.item(String(k))).join(", ") : h.noDependencies;
    if (raw === null || raw === undefined || raw === "") return field === "ownerId" ? h.noOwner : field === "dueDate" ? h.noDate : h.nothing;
    if (field === "status") return ITEM_STATUS_LABELS[raw as keyof typeof ITEM_STATUS_LABELS] ?? String(raw);
    if (field === "ownerId") return names.person(String(raw));
    if (field === "blockedReason") return `“${String(raw)}”`;
    return String(raw);
  };
  switch (entry.action) {
    case "roadmap.item_updated": {
      const before = (details.before ?? {}) as Record<string, unknown>;
      const after = (details.after ?? {}) as Record<string, unknown>;
      // jsonb keeps its own key order, so fields are told in a fixed one.
      const order = Object.keys(itemFieldNames);
      const fields = Object.keys(after).sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
      return h.updated(fields.map((field) => ({ field: itemFieldNames[field] ?? field, from: value(field, before[field]), to: value(field, after[field]) })));
    }
    case "roadmap.note_added":
      return h.noteAdded(String(details.kind));
    case "roadmap.item_added":
      return h.added;
    case "roadmap.item_removed":
      return h.removed(typeof details.withInitiative === "string" ? details.withInitiative : null);
    case "roadmap.item_moved":
      return h.moved(String(details.direction));
    default:
      return h.other(entry.action);
  }
}
