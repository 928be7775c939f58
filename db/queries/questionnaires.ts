import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../client.ts";
import { questionnaires, questionnaireVersions } from "../schema/index.ts";

export type StoredVersion = typeof questionnaireVersions.$inferSelect;
type VersionStatus = StoredVersion["status"];

export async function listStoredVersions(db: Database): Promise<StoredVersion[]> {
  return db.select().from(questionnaireVersions);
}

export async function upsertQuestionnaire(db: Database, id: string, title: string) {
  await db
    .insert(questionnaires)
    .values({ id, title })
    .onConflictDoUpdate({ target: questionnaires.id, set: { title } });
}

export async function insertVersion(
  db: Database,
  values: { questionnaireId: string; version: string; status: VersionStatus; content: Record<string, unknown>; contentHash: string },
) {
  await db.insert(questionnaireVersions).values(values);
}

export async function updateVersion(
  db: Database,
  id: string,
  values: Partial<{ status: VersionStatus; content: Record<string, unknown>; contentHash: string }>,
) {
  await db
    .update(questionnaireVersions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(questionnaireVersions.id, id));
}

export async function listVersionSummaries(db: Database) {
  return db
    .select({
      questionnaireId: questionnaireVersions.questionnaireId,
      title: questionnaires.title,
      version: questionnaireVersions.version,
      status: questionnaireVersions.status,
      contentHash: questionnaireVersions.contentHash,
    })
    .from(questionnaireVersions)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireVersions.questionnaireId))
    .orderBy(asc(questionnaires.title), desc(questionnaireVersions.version));
}

export async function findVersion(db: Database, questionnaireId: string, version: string) {
  const [row] = await db
    .select()
    .from(questionnaireVersions)
    .where(and(eq(questionnaireVersions.questionnaireId, questionnaireId), eq(questionnaireVersions.version, version)));
  return row;
}

export async function listVersionsOf(db: Database, questionnaireId: string) {
  return db.select().from(questionnaireVersions).where(eq(questionnaireVersions.questionnaireId, questionnaireId));
}

export async function listVersionsById(db: Database, ids: string[]) {
  return db.select().from(questionnaireVersions).where(inArray(questionnaireVersions.id, ids));
}
