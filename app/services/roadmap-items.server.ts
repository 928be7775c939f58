import { getDb } from "#db/client.ts";
import { writeAudit, type AuditEntry } from "#db/queries/audit.ts";
import { listMembers } from "#db/queries/organizations.ts";
import {
  findRoadmapForItem,
  insertItems,
  insertNote,
  listItemHistory,
  listItems,
  nextPosition,
  updateItem,
  type Roadmap,
  type RoadmapItem,
} from "#db/queries/roadmaps.ts";
import { questionnaireVersionSchema, textIn } from "#app/domain/questionnaire/schema.ts";
import { neighbourOf, removedWith } from "#app/domain/roadmap/cascades.ts";
import { itemChanges } from "#app/domain/roadmap/item-changes.ts";
import type { ItemUpdate } from "#app/domain/roadmap/item-forms.ts";
import type { Phase } from "#app/domain/roadmap/phases.ts";
import { dueBeforeStart, findCycle, isCalendarDate, ITEM_STATUSES } from "#app/domain/roadmap/tracking.ts";
import { isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { describeItemEvent, itemHistoryMessages as h } from "#app/messages/roadmap-history.ts";
import { roadmapMessages as m } from "#app/messages/roadmaps.ts";
import { authorize, type Membership } from "./access.server.ts";
import { audit, auditEntry, requireItem, requireRoadmap, today } from "./roadmap-access.server.ts";
import { inTransaction } from "#db/transaction.ts";

/** The changes an update makes to an item and the audit entry telling them before and after; null when nothing changes. */
async function itemChangesOf(membership: Membership, roadmap: Roadmap, item: RoadmapItem, update: ItemUpdate) {
  if (!ITEM_STATUSES.includes(update.status)) throw new UserError(400, m.statusInvalid, { status: m.statusInvalid });
  if (update.status === "blocked" && !update.blockedReason?.trim()) throw new UserError(400, m.blockedReasonRequired, { blockedReason: m.blockedReasonRequired });
  if (update.dueDate && !isCalendarDate(update.dueDate)) throw new UserError(400, m.dateInvalid, { dueDate: m.dateInvalid });
  if (update.ownerId !== undefined && update.ownerId !== "") {
    const members = await listMembers(getDb(), membership.organization.id);
    if (!members.some((mm) => mm.userId === update.ownerId)) throw new UserError(400, m.ownerNotMember, { ownerId: m.ownerNotMember });
  }
  if (update.dueDate && dueBeforeStart(update.dueDate, roadmap.startDate)) {
    throw new UserError(400, m.dueBeforeStart(roadmap.startDate), { dueDate: m.dueBeforeStart(roadmap.startDate) });
  }
  const found = itemChanges(item, update, new Date());
  if (!found) return null;
  const { changes, before, after } = found;
  return { changes, entry: auditEntry(membership, "roadmap.item_updated", { roadmapId: roadmap.id, itemId: item.id, title: item.title, before, after }) };
}

export interface NoteInput {
  kind: "evidence" | "comment";
  body: string;
}

/**
 * Updates an item and adds a note to it, either or both, as the item page does, in one
 * transaction whose audit entries (`alsoAudit` after the item's own) are one insert. Answers
 * the item as it is after.
 */
export async function changeRoadmapItem(
  membership: Membership,
  { roadmap, item }: { roadmap: Roadmap; item: RoadmapItem },
  change: { update?: ItemUpdate; note?: NoteInput },
  alsoAudit: AuditEntry[] = [],
) {
  authorize(membership, "roadmap.edit");
  if (item.removedAt) throw new UserError(409, m.itemRemoved);
  const updated = change.update ? await itemChangesOf(membership, roadmap, item, change.update) : null;
  const { note } = change;
  const entries = [
    ...(updated ? [updated.entry] : []),
    ...(note ? [auditEntry(membership, "roadmap.note_added", { roadmapId: roadmap.id, itemId: item.id, title: item.title, kind: note.kind })] : []),
    ...alsoAudit,
  ];
  if (entries.length === 0) return item;
  await inTransaction(getDb(), async (db) => {
    if (updated) await updateItem(db, item.id, updated.changes);
    if (note) await insertNote(db, { itemId: item.id, kind: note.kind, body: note.body, authorId: membership.user.id });
    await writeAudit(db, entries);
  });
  return { ...item, ...updated?.changes };
}

/** Owner, due date and status of an initiative or milestone; every change is audited with before and after. */
export async function updateRoadmapItem(membership: Membership, roadmapId: string, itemId: string, update: ItemUpdate) {
  authorize(membership, "roadmap.edit");
  return changeRoadmapItem(membership, await requireItem(membership, roadmapId, itemId), { update });
}

export async function addRoadmapNote(membership: Membership, roadmapId: string, itemId: string, note: NoteInput) {
  authorize(membership, "roadmap.edit");
  await changeRoadmapItem(membership, await requireItem(membership, roadmapId, itemId), { note });
}

/** One item with its notes and its history in words, for the item's own page. */
export async function loadRoadmapItem(membership: Membership, roadmapId: string, itemId: string) {
  if (!isUuid(roadmapId) || !isUuid(itemId)) notFound();
  const db = getDb();
  // The item is one of the roadmap's items: found among them, not read on its own.
  const [found, history, members] = await Promise.all([
    findRoadmapForItem(db, membership.organization.id, roadmapId, itemId),
    listItemHistory(db, membership.organization.id, itemId),
    listMembers(db, membership.organization.id),
  ]);
  if (!found) notFound();
  const { items: rows, assessment, ...roadmap } = found;
  const items = rows.map(({ owner, notes: _notes, ...item }) => ({ item, ownerName: owner?.name ?? null }));
  const item = items.find(({ item: i }) => i.id === itemId)?.item;
  if (!item) notFound();
  // Only this item's notes were read; every other item's list is empty.
  const notes = rows.flatMap((row) => row.notes).map(({ author, ...note }) => ({ ...note, authorName: author?.name ?? null }));
  const byId = new Map(items.map(({ item: i }) => [i.id, i]));
  const version = questionnaireVersionSchema.parse(assessment.version.content);
  const dimension = version.dimensions.find((d) => d.id === item.dimension);
  const names = {
    person: (id: string) => members.find((mm) => mm.userId === id)?.name ?? h.formerMember,
    item: (key: string) => items.find(({ item: i }) => i.key === key)?.item.title ?? key,
  };
  return {
    roadmap,
    item,
    parent: item.parentId ? (byId.get(item.parentId) ?? null) : null,
    dimensionName: dimension ? textIn(dimension.name) : null,
    milestones: items.filter(({ item: i }) => i.parentId === item.id).map(({ item: i, ownerName }) => ({ ...i, ownerName })),
    dependencies: item.dependsOn.map((key) => items.find(({ item: i }) => i.key === key)?.item).filter((i) => i !== undefined),
    /** What this item may depend on: the roadmap's other items still in the plan. */
    candidates: items.map(({ item: i }) => i).filter((i) => i.removedAt === null && i.id !== item.id),
    notes,
    history: history.map((entry) => ({ id: entry.id, createdAt: entry.createdAt, actorName: entry.actorName ?? h.formerMember, text: describeItemEvent(entry, names) })),
    members: members.map((mm) => ({ id: mm.userId, name: mm.name })),
    owner: members.find((mm) => mm.userId === item.ownerId)?.name ?? null,
    today: today(),
  };
}

/** A custom initiative or milestone the program lead adds; its dependencies may not form a cycle. */
export async function addCustomItem(
  membership: Membership,
  roadmapId: string,
  input: { title: string; description: string; phase: Phase; parentId: string | null; dueDate: string | null; dependsOn: string[] },
) {
  authorize(membership, "roadmap.edit");
  const roadmap = await requireRoadmap(membership, roadmapId);
  const db = getDb();
  const items = (await listItems(db, roadmap.id)).map((r) => r.item).filter((i) => i.removedAt === null);
  const parent = input.parentId ? items.find((i) => i.id === input.parentId && i.kind === "initiative") : null;
  if (input.parentId && !parent) throw new UserError(400, m.unknownParent, { parentId: m.unknownParent });
  if (!input.title.trim()) throw new UserError(400, m.itemTitleRequired, { title: m.itemTitleRequired });
  if (input.dueDate && !isCalendarDate(input.dueDate)) throw new UserError(400, m.dateInvalid, { dueDate: m.dateInvalid });
  if (input.dueDate && dueBeforeStart(input.dueDate, roadmap.startDate)) throw new UserError(400, m.dueBeforeStart(roadmap.startDate), { dueDate: m.dueBeforeStart(roadmap.startDate) });
  const keys = new Set(items.map((i) => i.key));
  if (input.dependsOn.some((k) => !keys.has(k))) throw new UserError(400, m.unknownDependency, { dependsOn: m.unknownDependency });
  const key = `custom-${crypto.randomUUID().slice(0, 8)}`;
  const cycle = findCycle([...items, { key, dependsOn: input.dependsOn }]);
  if (cycle) throw new UserError(400, m.dependencyCycle(cycle), { dependsOn: m.dependencyCycle(cycle) });
  const [row] = await insertItems(db, [
    {
      roadmapId: roadmap.id,
      parentId: parent?.id ?? null,
      kind: parent ? "milestone" : "initiative",
      key,
      phase: parent?.phase ?? input.phase,
      dimension: parent?.dimension ?? null,
      title: input.title.trim(),
      description: input.description.trim(),
      dueDate: input.dueDate,
      dependsOn: input.dependsOn,
      position: await nextPosition(db, roadmap.id),
      custom: true,
    },
  ]);
  await audit(membership, "roadmap.item_added", { roadmapId: roadmap.id, itemId: row!.id, title: input.title });
  return row!;
}

/** Removes an item from the plan; it stays stored with its history and can be seen among removed items. */
export async function removeRoadmapItem(membership: Membership, roadmapId: string, itemId: string) {
  authorize(membership, "roadmap.edit");
  const { roadmap, item } = await requireItem(membership, roadmapId, itemId);
  if (item.removedAt) return;
  const removedAt = new Date();
  // An initiative's milestones go with it, each keeping its own history.
  const removed = item.kind === "initiative" ? removedWith(item, (await listItems(getDb(), roadmap.id)).map((r) => r.item)) : [item];
  await inTransaction(getDb(), async (db) => {
    for (const gone of removed) {
      await updateItem(db, gone.id, { removedAt });
      await audit(membership, "roadmap.item_removed", { roadmapId: roadmap.id, itemId: gone.id, title: gone.title, ...(gone.id === item.id ? {} : { withInitiative: item.title }) }, db);
    }
  });
}

/**
 * The dependencies of a custom item, chosen among the roadmap's items; generated items keep
 * the library's. A choice that would close a cycle is refused and nothing changes.
 */
export async function setItemDependencies(membership: Membership, roadmapId: string, itemId: string, dependsOn: string[]) {
  authorize(membership, "roadmap.edit");
  const { roadmap, item } = await requireItem(membership, roadmapId, itemId);
  if (item.removedAt) throw new UserError(409, m.itemRemoved);
  if (!item.custom) throw new UserError(400, m.dependenciesOfGenerated, { dependsOn: m.dependenciesOfGenerated });
  const items = (await listItems(getDb(), roadmap.id)).map((r) => r.item).filter((i) => i.removedAt === null);
  const keys = new Set(items.map((i) => i.key));
  const chosen = [...new Set(dependsOn)];
  if (chosen.some((k) => !keys.has(k) || k === item.key)) throw new UserError(400, m.unknownDependency, { dependsOn: m.unknownDependency });
  const cycle = findCycle(items.map((i) => (i.id === item.id ? { key: i.key, dependsOn: chosen } : i)));
  if (cycle) throw new UserError(400, m.dependencyCycle(cycle), { dependsOn: m.dependencyCycle(cycle) });
  const same = chosen.length === item.dependsOn.length && chosen.every((k) => item.dependsOn.includes(k));
  if (same) return;
  await updateItem(getDb(), item.id, { dependsOn: chosen });
  await audit(membership, "roadmap.item_updated", { roadmapId: roadmap.id, itemId: item.id, title: item.title, before: { dependsOn: item.dependsOn }, after: { dependsOn: chosen } });
}

/** Moves an item one place up or down among its siblings (same phase, or same initiative for milestones). */
export async function moveRoadmapItem(membership: Membership, roadmapId: string, itemId: string, direction: "up" | "down") {
  authorize(membership, "roadmap.edit");
  const { roadmap, item } = await requireItem(membership, roadmapId, itemId);
  if (item.removedAt) throw new UserError(409, m.itemRemoved);
  const db = getDb();
  const other = neighbourOf(item, (await listItems(db, roadmap.id)).map((r) => r.item), direction);
  if (!other) return;
  await inTransaction(db, async (tx) => {
    await updateItem(tx, item.id, { position: other.position });
    await updateItem(tx, other.id, { position: item.position });
  });
  await audit(membership, "roadmap.item_moved", { roadmapId: roadmap.id, itemId: item.id, title: item.title, direction });
}
