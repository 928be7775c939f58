import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { auditLog, roadmapGateChecks, roadmapItems, roadmapNotes, roadmaps, users } from "../schema/index.ts";

export type Roadmap = typeof roadmaps.$inferSelect;
export type RoadmapItem = typeof roadmapItems.$inferSelect;
export type NewRoadmapItem = typeof roadmapItems.$inferInsert;

export async function insertRoadmap(db: Database, values: typeof roadmaps.$inferInsert) {
  const [row] = await db.insert(roadmaps).values(values).returning();
  return row!;
}

const ownedRoadmap = (organizationId: string, roadmapId: string) => and(eq(roadmaps.id, roadmapId), eq(roadmaps.organizationId, organizationId));

/** The roadmap only when it belongs to the organization. */
export async function findRoadmap(db: Database, organizationId: string, roadmapId: string) {
  const [row] = await db.select().from(roadmaps).where(ownedRoadmap(organizationId, roadmapId));
  return row;
}

// The relational queries below each send one statement: related rows come back as nested json.
const ownerName = { owner: { columns: { name: true } } } as const;

const withItemsAndGates = {
  items: {
    orderBy: (item, { asc }) => asc(item.position),
    with: ownerName,
    // The notes' column is written out: drizzle 0.45 maps every column in a nested relation's
    // extras to that relation's table, so ${roadmapNotes.itemId} would become the item's own.
    extras: (item, { sql }) => ({
      noteCount: sql<number>`(select count(*) from ${roadmapNotes} where ${roadmapNotes}.${sql.identifier(roadmapNotes.itemId.name)} = ${item.id})`
        .mapWith(Number)
        .as("note_count"),
    }),
  },
  gateChecks: { columns: { phase: true, criterionId: true, checkedAt: true }, with: { checker: { columns: { name: true } } } },
} as const satisfies NonNullable<Parameters<Database["query"]["roadmaps"]["findFirst"]>[0]>["with"];

/**
 * The roadmap only when it belongs to the organization, with every item (removed ones included,
 * with the owner's name and how many notes it has) and its gate checks (with who ticked them).
 */
export async function findRoadmapWithItems(db: Database, organizationId: string, roadmapId: string) {
  return db.query.roadmaps.findFirst({ where: ownedRoadmap(organizationId, roadmapId), with: withItemsAndGates });
}

/** The organization's newest roadmap, as findRoadmapWithItems reads it; undefined when it has none. */
export async function findNewestRoadmapWithItems(db: Database, organizationId: string) {
  return db.query.roadmaps.findFirst({
    where: eq(roadmaps.organizationId, organizationId),
    orderBy: desc(roadmaps.createdAt),
    with: withItemsAndGates,
  });
}

/**
 * What an item's page reads about its roadmap, only when the roadmap belongs to the
 * organization: every item (with the owner's name), the notes of the one item (with their
 * authors' names) and the questionnaire version of the assessment the plan was last generated from.
 */
export async function findRoadmapForItem(db: Database, organizationId: string, roadmapId: string, itemId: string) {
  return db.query.roadmaps.findFirst({
    where: ownedRoadmap(organizationId, roadmapId),
    with: {
      items: {
        orderBy: (item, { asc }) => asc(item.position),
        with: {
          ...ownerName,
          notes: {
            where: (note, { eq }) => eq(note.itemId, itemId),
            orderBy: (note, { asc }) => asc(note.createdAt),
            columns: { id: true, kind: true, body: true, createdAt: true },
            with: { author: { columns: { name: true } } },
          },
        },
      },
      assessment: { columns: {}, with: { version: { columns: { content: true } } } },
    },
  });
}

/** The roadmap only when it belongs to the organization, with the one item (and its owner's name) when it is the roadmap's. */
export async function findRoadmapWithItem(db: Database, organizationId: string, roadmapId: string, itemId: string) {
  return db.query.roadmaps.findFirst({
    where: ownedRoadmap(organizationId, roadmapId),
    with: { items: { where: (item, { eq }) => eq(item.id, itemId), with: ownerName } },
  });
}

export async function listRoadmaps(db: Database, organizationId: string) {
  return db.select().from(roadmaps).where(eq(roadmaps.organizationId, organizationId)).orderBy(desc(roadmaps.createdAt));
}

/** Whether any roadmap was generated from the assessment (as its baseline or a regeneration). */
export async function assessmentHasRoadmap(db: Database, assessmentId: string) {
  const [row] = await db
    .select({ id: roadmaps.id })
    .from(roadmaps)
    .where(or(eq(roadmaps.assessmentId, assessmentId), eq(roadmaps.baselineAssessmentId, assessmentId)))
    .limit(1);
  return row !== undefined;
}

export async function updateRoadmap(db: Database, roadmapId: string, values: Partial<typeof roadmaps.$inferInsert>) {
  await db
    .update(roadmaps)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(roadmaps.id, roadmapId));
}

export async function insertItems(db: Database, rows: NewRoadmapItem[]) {
  if (rows.length === 0) return [];
  return db.insert(roadmapItems).values(rows).returning();
}

/** Every item of the roadmap, removed ones included (their history stays readable), with the owner's name and how many notes it has. */
export async function listItems(db: Database, roadmapId: string) {
  return db
    .select({
      item: roadmapItems,
      ownerName: users.name,
      noteCount: sql<number>`(select count(*) from ${roadmapNotes} where ${roadmapNotes.itemId} = ${roadmapItems.id})`.mapWith(Number),
    })
    .from(roadmapItems)
    .leftJoin(users, eq(users.id, roadmapItems.ownerId))
    .where(eq(roadmapItems.roadmapId, roadmapId))
    .orderBy(asc(roadmapItems.position));
}


export async function updateItem(db: Database, itemId: string, values: Partial<NewRoadmapItem>) {
  await db
    .update(roadmapItems)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(roadmapItems.id, itemId));
}

export async function nextPosition(db: Database, roadmapId: string) {
  const [row] = await db
    .select({ max: sql<number>`coalesce(max(${roadmapItems.position}), 0)`.mapWith(Number) })
    .from(roadmapItems)
    .where(eq(roadmapItems.roadmapId, roadmapId));
  return (row?.max ?? 0) + 1;
}

export async function insertNote(db: Database, values: typeof roadmapNotes.$inferInsert) {
  await db.insert(roadmapNotes).values(values);
}



export async function setGateCheck(db: Database, roadmapId: string, phase: RoadmapItem["phase"], criterionId: string, checkedBy: string | null) {
  if (checkedBy === null) {
    await db
      .delete(roadmapGateChecks)
      .where(and(eq(roadmapGateChecks.roadmapId, roadmapId), eq(roadmapGateChecks.phase, phase), eq(roadmapGateChecks.criterionId, criterionId)));
    return;
  }
  await db.insert(roadmapGateChecks).values({ roadmapId, phase, criterionId, checkedBy }).onConflictDoNothing();
}

/** The audit entries about one roadmap item, newest first, with who acted. */
export async function listItemHistory(db: Database, organizationId: string, itemId: string) {
  return db
    .select({ id: auditLog.id, action: auditLog.action, details: auditLog.details, createdAt: auditLog.createdAt, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.organizationId, organizationId), sql`${auditLog.details}->>'itemId' = ${itemId}`))
    .orderBy(desc(auditLog.createdAt));
}


/** The roadmap whose calendar feed has this secret's hash, if the feed is still issued. */
export async function findRoadmapByCalendarTokenHash(db: Database, tokenHash: string) {
  const [row] = await db.select().from(roadmaps).where(eq(roadmaps.calendarTokenHash, tokenHash));
  return row;
}
