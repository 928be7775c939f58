import { getDb, type Database } from "#db/client.ts";
import { writeAudit, type AuditEntry } from "#db/queries/audit.ts";
import { listMembers } from "#db/queries/organizations.ts";
import {
  findRoadmap,
  findRoadmapForItem,
  findNewestRoadmapWithItems,
  findRoadmapWithItem,
  findRoadmapWithItems,
  insertItems,
  insertNote,
  insertRoadmap,
  listItemHistory,
  listItems,
  listRoadmaps,
  nextPosition,
  setGateCheck,
  updateItem,
  updateRoadmap,
  type NewRoadmapItem,
  type RoadmapItem,
  findRoadmapByCalendarTokenHash,
  type Roadmap,
} from "#db/queries/roadmaps.ts";
import { listClosedWithScorecards } from "#db/queries/assessments.ts";
import { buildCalendar } from "#app/domain/calendar.ts";
import { toCsv } from "#app/domain/csv.ts";
import {
  blockedItems,
  DASHBOARD_DAYS,
  dueSoon,
  measuredChange,
  milestoneEvents,
  overdueItems,
  ROADMAP_CSV_HEADER,
  roadmapCsvRows,
  roadmapStatus,
  type LoopItem,
} from "#app/domain/roadmap/loop.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { questionnaireVersionSchema, textIn } from "#app/domain/questionnaire/schema.ts";
import { buildRoadmap, type PlannedInitiative, type RoadmapPlan } from "#app/domain/roadmap/generate.ts";
import type { ItemUpdate } from "#app/domain/roadmap/item-forms.ts";
import { PHASES, type Phase } from "#app/domain/roadmap/library.ts";
import {
  currentPhase,
  diffPlan,
  dueBeforeStart,
  findCycle,
  isCalendarDate,
  ITEM_STATUS_LABELS,
  ITEM_STATUSES,
  progressOf,
} from "#app/domain/roadmap/tracking.ts";
import type { Scorecard } from "#app/domain/scoring/index.ts";
import { itemFieldNames, itemHistoryMessages as h, roadmapMessages as m } from "#app/messages/roadmaps.ts";
import { isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { authorize, type Membership } from "./access.server.ts";
import { getVersionById } from "./surveys.server.ts";
import { latestAssessmentResult, requireAssessment } from "./assessments.server.ts";
import { findInitiativeLibrary, getInitiativeLibrary } from "./initiatives.server.ts";

export const HORIZON_WEEKS = 52;

export interface GenerateInput {
  startDate: string;
  capacity: number;
}

export function checkGenerateInput(input: { startDate?: string; capacity?: string | number }): GenerateInput {
  const errors: Record<string, string> = {};
  const startDate = (input.startDate ?? "").trim();
  const capacity = Number(input.capacity);
  if (!isCalendarDate(startDate)) errors.startDate = m.startDateInvalid;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10) errors.capacity = m.capacityInvalid;
  if (Object.keys(errors).length > 0) throw new UserError(400, Object.values(errors)[0]!, errors);
  return { startDate, capacity };
}

/** A closed assessment's stored results, the library for its version, and the plan they give. */
async function planFor(membership: Membership, assessmentId: string, input: GenerateInput) {
  const { assessment, version } = await requireAssessment(membership, assessmentId);
  const result = assessment.status === "closed" ? await latestAssessmentResult(membership, assessmentId) : undefined;
  if (!result) throw new UserError(400, m.assessmentNotClosed);
  const library = getInitiativeLibrary(version.questionnaire, version.version);
  if (!library) throw new UserError(400, m.noLibrary);
  const scorecard = result.scorecard as unknown as Scorecard;
  const closed = assessment.closedAt?.toISOString().slice(0, 10) ?? "";
  const plan = buildRoadmap(scorecard, library, {
    targetProfile: assessment.targetProfile ?? undefined,
    startDate: input.startDate,
    capacity: input.capacity,
    horizonWeeks: HORIZON_WEEKS,
    evidence: `Assessment "${assessment.title}", closed ${closed}: index ${scorecard.overall.index ?? "n/a"} from ${scorecard.respondentCount} respondents.`,
    dimensions: Object.fromEntries(version.dimensions.map((d) => [d.id, { name: textIn(d.name), weight: d.weight }])),
  });
  return { assessment, version, scorecard, library, plan };
}

/** The plan a closed assessment gives, for the program lead to look at before accepting it. */
export async function previewRoadmap(membership: Membership, assessmentId: string, input: GenerateInput) {
  const { assessment, plan, library, version } = await planFor(membership, assessmentId, input);
  const names = Object.fromEntries(version.dimensions.map((d) => [d.id, textIn(d.name)]));
  return { assessment, plan, libraryTitle: textIn(library.title), dimensionNames: names };
}

/** The rows a planned initiative becomes: the initiative, then its milestones under it. */
function rowsOf(roadmapId: string, initiative: PlannedInitiative, position: number): { parent: NewRoadmapItem; milestones: Omit<NewRoadmapItem, "parentId">[] } {
  const common = { roadmapId, phase: initiative.phase, dimension: initiative.dimension, level: initiative.level, element: initiative.element };
  return {
    parent: {
      ...common,
      kind: "initiative",
      key: initiative.id,
      title: initiative.title,
      description: initiative.description,
      ownerRole: initiative.ownerRole,
      startDate: initiative.start,
      dueDate: initiative.end,
      effortWeeks: initiative.effortWeeks,
      dependsOn: initiative.dependsOn,
      position,
      reason: initiative.reason,
      effect: initiative.effect,
    },
    milestones: initiative.milestones.map((milestone, i) => ({
      ...common,
      kind: "milestone" as const,
      key: milestone.id,
      title: milestone.title,
      description: milestone.acceptance,
      dueDate: milestone.due,
      status: milestone.done ? ("done" as const) : ("not_started" as const),
      completedAt: milestone.done ? new Date() : null,
      position: position * 10 + i,
    })),
  };
}

/**
 * Inserts initiatives with their milestones in two statements (initiatives, then milestones
 * under the ids they got); evidence of milestones done at generation becomes a note.
 */
export async function insertPlanned(db: Database, roadmapId: string, initiatives: PlannedInitiative[], firstPosition: number, authorId: string) {
  const rows = initiatives.map((initiative, i) => rowsOf(roadmapId, initiative, firstPosition + i));
  const parents = await insertItems(db, rows.map((r) => r.parent));
  const idOf = new Map(parents.map((p) => [p.key, p.id]));
  const milestones = await insertItems(
    db,
    rows.flatMap((r) => r.milestones.map((milestone) => ({ ...milestone, parentId: idOf.get(r.parent.key)! }))),
  );
  const milestoneId = new Map(milestones.map((m) => [m.key, m.id]));
  for (const initiative of initiatives) {
    for (const planned of initiative.milestones) {
      if (planned.evidence) await insertNote(db, { itemId: milestoneId.get(planned.id)!, kind: "evidence", body: planned.evidence, authorId });
    }
  }
}

export const planSummary = (plan: RoadmapPlan) => ({ id: plan.id, dimensions: plan.dimensions, projection: plan.projection, notes: plan.notes, endDate: plan.endDate });

/**
 * Stores the plan as the organization's roadmap: every initiative and milestone becomes a tracked
 * item. The title comes checked by roadmapTitleSchema.
 */
export async function acceptRoadmap(membership: Membership, assessmentId: string, input: GenerateInput & { title: string }) {
  requireEditor(membership);
  const { title } = input;
  const { assessment, plan, library } = await planFor(membership, assessmentId, input);
  return getDb().transaction(async (tx) => {
    const db = tx as unknown as Database;
    const roadmap = await insertRoadmap(db, {
      organizationId: membership.organization.id,
      title,
      baselineAssessmentId: assessment.id,
      assessmentId: assessment.id,
      libraryId: library.library,
      libraryVersion: library.version,
      startDate: input.startDate,
      capacity: input.capacity,
      horizonWeeks: HORIZON_WEEKS,
      plan: planSummary(plan),
      createdBy: membership.user.id,
    });
    await insertPlanned(db, roadmap.id, plan.phases.flatMap((p) => p.initiatives), 1, membership.user.id);
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: "roadmap.created",
      details: { roadmapId: roadmap.id, assessmentId: assessment.id, title },
    });
    return roadmap;
  });
}

/** A roadmap of the membership's organization, or 404. */
export async function requireRoadmap(membership: Membership, roadmapId: string) {
  const roadmap = isUuid(roadmapId) ? await findRoadmap(getDb(), membership.organization.id, roadmapId) : undefined;
  if (!roadmap) notFound();
  return roadmap;
}

export function listOrganizationRoadmaps(membership: Membership) {
  return listRoadmaps(getDb(), membership.organization.id);
}

export type RoadmapSummary = ReturnType<typeof planSummary>;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Everything the roadmap pages show: items, gates, progress, the current phase and who can own
 * items (left out with `members: false`, for readers that assign no one).
 */
export async function loadRoadmap(membership: Membership, roadmapId: string, options: { members?: boolean } = {}) {
  if (!isUuid(roadmapId)) notFound();
  const db = getDb();
  const [found, members] = await Promise.all([
    findRoadmapWithItems(db, membership.organization.id, roadmapId),
    options.members === false ? [] : listMembers(db, membership.organization.id),
  ]);
  if (!found) notFound();
  return { ...shapeRoadmap(found), members: members.map((mm) => ({ id: mm.userId, name: mm.name })) };
}

/** A roadmap read with its items and gate checks, as the roadmap pages show it. */
function shapeRoadmap(found: NonNullable<Awaited<ReturnType<typeof findRoadmapWithItems>>>) {
  const { items: rows, gateChecks, ...roadmap } = found;
  const checks = gateChecks.map(({ checker, ...check }) => ({ ...check, checkedByName: checker?.name ?? null }));
  const library = findInitiativeLibrary(roadmap.libraryId, roadmap.libraryVersion);
  const gates = PHASES.map((phase) => {
    const criteria = (library?.gates[phase] ?? []).map((g) => ({ id: g.id, text: textIn(g.text) }));
    const ticked = checks.filter((c) => c.phase === phase);
    return {
      phase,
      criteria: criteria.map((c) => ({ ...c, check: ticked.find((t) => t.criterionId === c.id) ?? null })),
      passed: criteria.length > 0 && criteria.every((c) => ticked.some((t) => t.criterionId === c.id)),
    };
  });
  const items = rows.map(({ owner, noteCount, ...item }) => ({ ...item, ownerName: owner?.name ?? null, notes: noteCount }));
  const live = items.filter((i) => i.removedAt === null);
  const current = currentPhase(gates.map((g) => ({ phase: g.phase, criteria: g.criteria.map((c) => c.id), checked: g.criteria.filter((c) => c.check).map((c) => c.id) })));
  return {
    roadmap,
    summary: roadmap.plan as unknown as RoadmapSummary,
    items: live,
    removed: items.filter((i) => i.removedAt !== null),
    gates,
    currentPhase: current,
    progress: progressOf(live, today()),
    today: today(),
  };
}

const auditEntry = (membership: Membership, action: string, details: Record<string, unknown>): AuditEntry => ({
  organizationId: membership.organization.id,
  actorId: membership.user.id,
  action,
  details,
});

async function audit(membership: Membership, action: string, details: Record<string, unknown>, db: Database = getDb()) {
  await writeAudit(db, auditEntry(membership, action, details));
}

/** Program leads, admins and owners change a roadmap; members and viewers only read it. */
function requireEditor(membership: Membership) {
  authorize(membership, "roadmap.edit");
}

/** An item of a roadmap of the membership's organization, with its roadmap and its owner's name (one statement), or 404. */
export async function requireItem(membership: Membership, roadmapId: string, itemId: string) {
  const found = isUuid(roadmapId) && isUuid(itemId) ? await findRoadmapWithItem(getDb(), membership.organization.id, roadmapId, itemId) : undefined;
  const row = found?.items[0];
  if (!found || !row) notFound();
  const { items: _items, ...roadmap } = found;
  const { owner, ...item } = row;
  return { roadmap, item, ownerName: owner?.name ?? null };
}

/** The changes an update makes to an item and the audit entry telling them before and after; null when nothing changes. */
async function itemChangesOf(membership: Membership, roadmap: Roadmap, item: RoadmapItem, update: ItemUpdate) {
  if (!ITEM_STATUSES.includes(update.status)) throw new UserError(400, m.statusInvalid, { status: m.statusInvalid });
  if (update.status === "blocked" && !update.blockedReason?.trim()) throw new UserError(400, m.blockedReasonRequired, { blockedReason: m.blockedReasonRequired });
  if (update.dueDate && !isCalendarDate(update.dueDate)) throw new UserError(400, m.dateInvalid, { dueDate: m.dateInvalid });
  const changes: Partial<RoadmapItem> = {};
  if (update.ownerId !== undefined) {
    const ownerId = update.ownerId === "" ? null : update.ownerId;
    if (ownerId !== null) {
      const members = await listMembers(getDb(), membership.organization.id);
      if (!members.some((mm) => mm.userId === ownerId)) throw new UserError(400, m.ownerNotMember, { ownerId: m.ownerNotMember });
    }
    if (ownerId !== item.ownerId) changes.ownerId = ownerId;
  }
  if (update.dueDate !== undefined) {
    const dueDate = update.dueDate === "" ? null : update.dueDate;
    if (dueDate !== null && dueBeforeStart(dueDate, roadmap.startDate)) {
      throw new UserError(400, m.dueBeforeStart(roadmap.startDate), { dueDate: m.dueBeforeStart(roadmap.startDate) });
    }
    if (dueDate !== item.dueDate) changes.dueDate = dueDate;
  }
  if (update.status !== item.status) {
    changes.status = update.status;
    changes.completedAt = update.status === "done" ? new Date() : null;
  }
  const reason = update.status === "blocked" ? (update.blockedReason?.trim() ?? null) : null;
  if (reason !== item.blockedReason) changes.blockedReason = reason;
  if (Object.keys(changes).length === 0) return null;
  const before = Object.fromEntries(Object.keys(changes).filter((k) => k !== "completedAt").map((k) => [k, item[k as keyof RoadmapItem] ?? null]));
  const after = Object.fromEntries(Object.entries(changes).filter(([k]) => k !== "completedAt"));
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
  requireEditor(membership);
  if (item.removedAt) throw new UserError(409, m.itemRemoved);
  const updated = change.update ? await itemChangesOf(membership, roadmap, item, change.update) : null;
  const { note } = change;
  const entries = [
    ...(updated ? [updated.entry] : []),
    ...(note ? [auditEntry(membership, "roadmap.note_added", { roadmapId: roadmap.id, itemId: item.id, title: item.title, kind: note.kind })] : []),
    ...alsoAudit,
  ];
  if (entries.length === 0) return item;
  await getDb().transaction(async (tx) => {
    const db = tx as unknown as Database;
    if (updated) await updateItem(db, item.id, updated.changes);
    if (note) await insertNote(db, { itemId: item.id, kind: note.kind, body: note.body, authorId: membership.user.id });
    await writeAudit(db, entries);
  });
  return { ...item, ...updated?.changes };
}

/** Owner, due date and status of an initiative or milestone; every change is audited with before and after. */
export async function updateRoadmapItem(membership: Membership, roadmapId: string, itemId: string, update: ItemUpdate) {
  requireEditor(membership);
  return changeRoadmapItem(membership, await requireItem(membership, roadmapId, itemId), { update });
}

export async function addRoadmapNote(membership: Membership, roadmapId: string, itemId: string, note: NoteInput) {
  requireEditor(membership);
  await changeRoadmapItem(membership, await requireItem(membership, roadmapId, itemId), { note });
}

interface HistoryEntry {
  action: string;
  details: unknown;
}

/** An audit entry about an item, in words: owners by name, statuses by label, dependencies by title. */
function describeItemEvent(entry: HistoryEntry, names: { person: (id: string) => string; item: (key: string) => string }): string {
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

/** Ticks or unticks one exit criterion of a phase gate, recording who and when. */
export async function setGateCriterion(membership: Membership, roadmapId: string, phase: Phase, criterionId: string, checked: boolean) {
  requireEditor(membership);
  const roadmap = await requireRoadmap(membership, roadmapId);
  const library = findInitiativeLibrary(roadmap.libraryId, roadmap.libraryVersion);
  const criterion = PHASES.includes(phase) ? library?.gates[phase].find((g) => g.id === criterionId) : undefined;
  if (!criterion) throw new UserError(400, m.unknownCriterion);
  await setGateCheck(getDb(), roadmap.id, phase, criterionId, checked ? membership.user.id : null);
  await audit(membership, checked ? "roadmap.gate_checked" : "roadmap.gate_unchecked", { roadmapId: roadmap.id, phase, criterion: textIn(criterion.text) });
}

/** A custom initiative or milestone the program lead adds; its dependencies may not form a cycle. */
export async function addCustomItem(
  membership: Membership,
  roadmapId: string,
  input: { title: string; description: string; phase: Phase; parentId: string | null; dueDate: string | null; dependsOn: string[] },
) {
  requireEditor(membership);
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
  requireEditor(membership);
  const { roadmap, item } = await requireItem(membership, roadmapId, itemId);
  if (item.removedAt) return;
  const removedAt = new Date();
  // An initiative's milestones go with it, each keeping its own history.
  const milestones = item.kind === "initiative" ? (await listItems(getDb(), roadmap.id)).map((r) => r.item).filter((i) => i.parentId === item.id && i.removedAt === null) : [];
  await getDb().transaction(async (tx) => {
    const db = tx as unknown as Database;
    for (const removed of [item, ...milestones]) {
      await updateItem(db, removed.id, { removedAt });
      await audit(membership, "roadmap.item_removed", { roadmapId: roadmap.id, itemId: removed.id, title: removed.title, ...(removed === item ? {} : { withInitiative: item.title }) }, db);
    }
  });
}

/**
 * The dependencies of a custom item, chosen among the roadmap's items; generated items keep
 * the library's. A choice that would close a cycle is refused and nothing changes.
 */
export async function setItemDependencies(membership: Membership, roadmapId: string, itemId: string, dependsOn: string[]) {
  requireEditor(membership);
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
  requireEditor(membership);
  const { roadmap, item } = await requireItem(membership, roadmapId, itemId);
  if (item.removedAt) throw new UserError(409, m.itemRemoved);
  const db = getDb();
  const siblings = (await listItems(db, roadmap.id))
    .map((r) => r.item)
    .filter((i) => i.removedAt === null && i.kind === item.kind && i.parentId === item.parentId && i.phase === item.phase);
  const index = siblings.findIndex((i) => i.id === item.id);
  const other = siblings[direction === "up" ? index - 1 : index + 1];
  if (!other) return;
  await db.transaction(async (tx) => {
    await updateItem(tx as unknown as Database, item.id, { position: other.position });
    await updateItem(tx as unknown as Database, other.id, { position: item.position });
  });
  await audit(membership, "roadmap.item_moved", { roadmapId: roadmap.id, itemId: item.id, title: item.title, direction });
}

/** What regenerating from a newer closed assessment would change: initiatives added, no longer needed, unchanged. */
export async function previewRegeneration(membership: Membership, roadmapId: string, assessmentId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  const { assessment: current } = await requireAssessment(membership, roadmap.assessmentId);
  const { plan, assessment, library } = await planFor(membership, assessmentId, { startDate: today() > roadmap.startDate ? today() : roadmap.startDate, capacity: roadmap.capacity });
  if (assessment.id === current.id || (assessment.closedAt && current.closedAt && assessment.closedAt <= current.closedAt)) {
    throw new UserError(400, m.notNewer);
  }
  if (library.library !== roadmap.libraryId) throw new UserError(400, m.sameQuestionnaire);
  const all = (await listItems(getDb(), roadmap.id)).map((r) => r.item);
  const items = all.filter((i) => i.removedAt === null);
  const planned = plan.phases.flatMap((p) => p.initiatives);
  // An initiative the program lead removed stays removed: it is neither added again nor flagged.
  const removedKeys = new Set(all.filter((i) => i.removedAt !== null && i.kind === "initiative").map((i) => i.key));
  const diff = diffPlan(items, planned.map((i) => i.id).filter((key) => !removedKeys.has(key)));
  return { roadmap, assessment, plan, library, diff, items, planned };
}

/**
 * Accepts the regenerated plan: adds the new initiatives, marks those whose gap closed as no
 * longer needed, and changes nothing else. Statuses, owners, dates, notes and custom items stay.
 */
export async function acceptRegeneration(membership: Membership, roadmapId: string, assessmentId: string) {
  const { roadmap, assessment, plan, diff, items, planned } = await previewRegeneration(membership, roadmapId, assessmentId);
  const byKey = new Map(items.map((i) => [i.key, i]));
  const added = new Set(diff.added);
  await getDb().transaction(async (tx) => {
    const db = tx as unknown as Database;
    await insertPlanned(db, roadmap.id, planned.filter((i) => added.has(i.id)), await nextPosition(db, roadmap.id), membership.user.id);
    // The flag goes on the initiative and its generated milestones, so progress, overdue counts
    // and the calendar leave them out; custom milestones under it are the program lead's own.
    const flag = async (key: string, noLongerNeeded: boolean) => {
      const initiative = byKey.get(key)!;
      for (const item of [initiative, ...items.filter((i) => i.parentId === initiative.id && !i.custom)]) {
        if (item.noLongerNeeded !== noLongerNeeded) await updateItem(db, item.id, { noLongerNeeded });
      }
    };
    for (const key of diff.noLongerNeeded) await flag(key, true);
    // An initiative needed again (the gap reopened) is no longer flagged.
    for (const key of diff.unchanged) await flag(key, false);
    await updateRoadmap(db, roadmap.id, { assessmentId: assessment.id, plan: planSummary(plan) });
    await audit(membership, "roadmap.regenerated", { roadmapId: roadmap.id, assessmentId: assessment.id, added: diff.added.length, noLongerNeeded: diff.noLongerNeeded.length }, db);
  });
  return diff;
}


// ---------------------------------------------------------------------------------------
// Closing the loop: the re-assessment to regenerate from, the measured change since the
// plan began, the exports (CSV, calendar feed), the board report's section, the dashboard.
// ---------------------------------------------------------------------------------------

const closedMs = (a: { closedAt: Date | null }) => a.closedAt?.getTime() ?? 0;

/** The organization's closed assessments of a questionnaire (or of an assessment's) that have results, oldest first. */
/** A closed assessment with its snapshot, as the loop compares them. */
type ClosedAssessment = { id: string; title: string; closedAt: Date | null; questionnaireVersionId: string; scorecard: Record<string, unknown> | null };

const scoredOnly = (rows: readonly ClosedAssessment[]) =>
  rows.filter((r) => r.scorecard !== null && r.closedAt !== null).map((r) => ({ ...r, scorecard: r.scorecard as unknown as Scorecard }));

const meansOf = (scorecard: Scorecard) => Object.fromEntries(scorecard.dimensions.map((d) => [d.dimensionId, d.mean]));

/**
 * What the roadmap page shows about the loop: the newest assessment closed after the one the
 * plan was last generated from (to regenerate from), and per dimension the change measured
 * since the baseline beside the profile the plan projects.
 */
export async function loadRoadmapLoop(membership: Membership, roadmap: Roadmap, closedOfQuestionnaire?: readonly ClosedAssessment[]) {
  // The plan's assessments were closed when it was made, so they are normally among the closed
  // ones of their questionnaire (oldest closed first; given by a caller that has them already);
  // one reopened since (or without results) is read on its own.
  const closed = scoredOnly(
    closedOfQuestionnaire ?? (await listClosedWithScorecards(getDb(), membership.organization.id, roadmap.baselineAssessmentId)),
  );
  const closedBaseline = closed.find((a) => a.id === roadmap.baselineAssessmentId);
  const closedCurrent = closed.find((a) => a.id === roadmap.assessmentId);
  const [baselineRead, currentRead] = await Promise.all([
    closedBaseline ? undefined : requireAssessment(membership, roadmap.baselineAssessmentId),
    closedCurrent ? undefined : requireAssessment(membership, roadmap.assessmentId),
  ]);
  const baseline = closedBaseline ?? baselineRead!.assessment;
  const version = closedBaseline ? await getVersionById(closedBaseline.questionnaireVersionId) : baselineRead!.version;
  const current = closedCurrent ?? currentRead!.assessment;
  const newer = closed.filter((a) => closedMs(a) > closedMs(current));
  const regenerateFrom = newer.at(-1) ?? null;
  const baselineRow = closed.find((a) => a.id === baseline.id);
  const latest = closed.filter((a) => closedMs(a) >= closedMs(baseline)).at(-1) ?? baselineRow;
  const summary = roadmap.plan as unknown as RoadmapSummary;
  const change =
    baselineRow && latest
      ? measuredChange({
          dimensions: version.dimensions.map((d) => ({ id: d.id, name: textIn(d.name), weight: d.weight })),
          baseline: { means: meansOf(baselineRow.scorecard), index: baselineRow.scorecard.overall.index },
          latest: { means: meansOf(latest.scorecard), index: latest.scorecard.overall.index },
          projected: summary.projection.at(-1)?.profile ?? {},
        })
      : null;
  return {
    regenerateFrom: regenerateFrom ? { id: regenerateFrom.id, title: regenerateFrom.title } : null,
    baseline: { id: baseline.id, title: baseline.title },
    latest: latest ? { id: latest.id, title: latest.title, closedAt: latest.closedAt!.toISOString().slice(0, 10) } : null,
    change,
    calendarIssued: roadmap.calendarTokenHash !== null,
  };
}

/** The regeneration preview as the page shows it: titles and reasons, not keys. */
export async function loadRegeneration(membership: Membership, roadmapId: string, assessmentId: string) {
  const { roadmap, assessment, diff, items, planned } = await previewRegeneration(membership, roadmapId, assessmentId);
  const byKey = new Map(items.map((i) => [i.key, i]));
  const plannedByKey = new Map(planned.map((i) => [i.id, i]));
  const existing = (key: string) => {
    const item = byKey.get(key)!;
    return { id: item.id, title: item.title, phase: item.phase, status: item.status, alreadyFlagged: item.noLongerNeeded };
  };
  return {
    roadmap: { id: roadmap.id, title: roadmap.title },
    assessment: { id: assessment.id, title: assessment.title, closedAt: assessment.closedAt?.toISOString().slice(0, 10) ?? null },
    added: diff.added.map((key) => {
      const i = plannedByKey.get(key)!;
      return { key, title: i.title, phase: i.phase, reason: i.reason, start: i.start, end: i.end, milestones: i.milestones.length };
    }),
    noLongerNeeded: diff.noLongerNeeded.map(existing),
    unchanged: diff.unchanged.map(existing),
    custom: items.filter((i) => i.custom && i.kind === "initiative").map((i) => ({ id: i.id, title: i.title })),
  };
}

/** The newest closed assessment the roadmap can be regenerated from, if any. */
export async function regenerationCandidate(membership: Membership, roadmapId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  return (await loadRoadmapLoop(membership, roadmap)).regenerateFrom;
}

async function loopItems(roadmapId: string): Promise<LoopItem[]> {
  return (await listItems(getDb(), roadmapId)).map(({ item, ownerName }) => ({ ...item, ownerName }));
}

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "roadmap";

/** Every initiative and milestone as CSV, removed ones marked; cells are safe from formula injection. */
export async function exportRoadmapCsv(membership: Membership, roadmapId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  return { filename: `roadmap-${slugOf(roadmap.title)}.csv`, csv: toCsv(ROADMAP_CSV_HEADER, roadmapCsvRows(await loopItems(roadmap.id))) };
}

/**
 * Issues a new secret calendar link, replacing any earlier one; the secret is returned once
 * and stored hashed, with who issued it and through which engagement, so the feed ends when
 * their access does.
 */
export async function issueCalendarFeed(membership: Membership, roadmapId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  const token = generateSecret();
  await updateRoadmap(getDb(), roadmap.id, {
    calendarTokenHash: hashSecret(token),
    calendarCreatedBy: membership.user.id,
    calendarEngagementId: membership.engagement?.id ?? null,
  });
  await audit(membership, roadmap.calendarTokenHash ? "roadmap.calendar_reissued" : "roadmap.calendar_issued", { roadmapId: roadmap.id });
  return token;
}

/** Revokes the calendar link: the feed answers 404 from now on. */
export async function revokeCalendarFeed(membership: Membership, roadmapId: string) {
  const roadmap = await requireRoadmap(membership, roadmapId);
  if (roadmap.calendarTokenHash === null) return;
  await updateRoadmap(getDb(), roadmap.id, { calendarTokenHash: null, calendarCreatedBy: null, calendarEngagementId: null });
  await audit(membership, "roadmap.calendar_revoked", { roadmapId: roadmap.id });
}

/** The iCalendar feed of a roadmap's milestone due dates, found by its secret alone (no session); 404 otherwise. */
export async function roadmapCalendar(token: string, now = new Date()) {
  const roadmap = token.length > 0 && token.length <= 100 ? await findRoadmapByCalendarTokenHash(getDb(), hashSecret(token)) : undefined;
  if (!roadmap) notFound();
  return buildCalendar({ name: roadmap.title, events: milestoneEvents(await loopItems(roadmap.id), "roadmap.kam-navigator"), generatedAt: now });
}

async function statusOf(membership: Membership, roadmap: Roadmap, fromAssessment: string, todayIs: string) {
  const loaded = await loadRoadmap(membership, roadmap.id, { members: false });
  return roadmapStatus({
    title: roadmap.title,
    startDate: roadmap.startDate,
    endDate: loaded.summary.endDate,
    fromAssessment,
    currentPhase: loaded.currentPhase,
    items: loaded.items,
    today: todayIs,
  });
}

/**
 * The roadmap section of an assessment's board report: the newest roadmap generated from
 * that assessment or from one closed after it; null when there is none.
 */
export async function loadReportRoadmap(membership: Membership, assessment: { id: string; closedAt: Date | null }, now = new Date()) {
  if (!assessment.closedAt) return null;
  const roadmaps = await listRoadmaps(getDb(), membership.organization.id);
  for (const roadmap of roadmaps) {
    const { assessment: from } = await requireAssessment(membership, roadmap.assessmentId);
    if (from.id === assessment.id || closedMs(from) > assessment.closedAt.getTime()) {
      return statusOf(membership, roadmap, from.title, now.toISOString().slice(0, 10));
    }
  }
  return null;
}

/**
 * The organization overview's roadmap card: the newest roadmap's phase, what is due, overdue
 * and blocked, projected and measured index. The overview gives the organization's assessments
 * with their snapshots, which it reads anyway, for the measured change; without them the loop
 * reads the closed assessments of the roadmap's questionnaire itself.
 */
export async function loadRoadmapDashboard(
  membership: Membership,
  now = new Date(),
  organizationAssessments?: Promise<readonly (ClosedAssessment & { status: string; questionnaireId: string })[]>,
) {
  // Awaited together, so a failed read of the assessments is never left unhandled.
  const [found, assessments] = await Promise.all([findNewestRoadmapWithItems(getDb(), membership.organization.id), organizationAssessments]);
  if (!found) return null;
  const loaded = shapeRoadmap(found);
  const { roadmap } = loaded;
  const questionnaire = assessments?.find((a) => a.id === roadmap.baselineAssessmentId)?.questionnaireId;
  const closed = assessments
    ?.filter((a) => a.status === "closed" && a.questionnaireId === questionnaire)
    .sort((a, b) => (a.closedAt?.getTime() ?? 0) - (b.closedAt?.getTime() ?? 0));
  const loop = await loadRoadmapLoop(membership, roadmap, closed);
  const todayIs = now.toISOString().slice(0, 10);
  const titles = new Map(loaded.items.map((i) => [i.id, i.title]));
  const brief = (i: (typeof loaded.items)[number]) => ({
    id: i.id,
    title: i.title,
    kind: i.kind,
    initiative: i.parentId ? (titles.get(i.parentId) ?? null) : null,
    dueDate: i.dueDate,
    owner: i.ownerName,
    blockedReason: i.blockedReason,
  });
  const progress = progressOf(loaded.items, todayIs);
  return {
    roadmap: { id: roadmap.id, title: roadmap.title },
    currentPhase: loaded.currentPhase,
    progress: { done: progress.done, total: progress.total },
    dueSoon: dueSoon(loaded.items, todayIs, DASHBOARD_DAYS).map(brief),
    overdue: overdueItems(loaded.items, todayIs).map(brief),
    blocked: blockedItems(loaded.items).map(brief),
    index: loop.change?.index ?? null,
    baseline: loop.baseline,
    latest: loop.latest,
    regenerateFrom: loop.regenerateFrom,
  };
}
