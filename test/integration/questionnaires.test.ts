import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { questionnaires, questionnaireVersions } from "#db/schema/index.ts";
import { requireValidSurveys, syncQuestionnaires, SurveyContentError, readLock } from "#app/services/surveys.server.ts";
import { prepareDatabase } from "#app/services/startup.server.ts";

const kind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const versionRow = async (questionnaireId: string, version = "1.0.0") => {
  const [row] = await getDb()
    .select()
    .from(questionnaireVersions)
    .where(and(eq(questionnaireVersions.questionnaireId, questionnaireId), eq(questionnaireVersions.version, version)));
  return row!;
};

describe(`questionnaires in the database (${kind})`, () => {
  it("start-up loads both published questionnaires with their locked hashes, once", async () => {
    await prepareDatabase();
    await prepareDatabase();
    const lock = readLock();
    const rows = await getDb().select().from(questionnaireVersions);
    expect(rows.map((r) => [r.questionnaireId, r.version, r.status, r.contentHash]).sort()).toEqual([
      ["kam-maturity", "1.0.0", "published", lock["kam-maturity@1.0.0"]],
      ["kam-readiness", "1.0.0", "published", lock["kam-readiness@1.0.0"]],
    ]);
    const titles = (await getDb().select().from(questionnaires)).map((q) => q.title).sort();
    expect(titles).toEqual(["KAM Maturity Index", "KAM readiness check"]);
    const maturity = await versionRow("kam-maturity");
    expect((maturity.content.questions as unknown[]).length).toBeGreaterThanOrEqual(48);
    // Start-up seeds the whole demo: a guard against a hang on a busy machine, not a time budget.
  }, 120_000);

  it("a trigger rejects any change to a published version's content", async () => {
    const row = await versionRow("kam-maturity");
    const changed = { ...row.content, title: "Something else" };
    await expect(
      getDb().update(questionnaireVersions).set({ content: changed }).where(eq(questionnaireVersions.id, row.id)),
    ).rejects.toThrow();
    await expect(
      getDb().execute(sql`update questionnaire_versions set content_hash = 'x' where id = ${row.id}`),
    ).rejects.toThrow();
    await expect(getDb().execute(sql`update questionnaire_versions set status = 'draft' where id = ${row.id}`)).rejects.toThrow();
    await expect(getDb().delete(questionnaireVersions).where(eq(questionnaireVersions.id, row.id))).rejects.toThrow();
    const after = await versionRow("kam-maturity");
    expect(after.content).toEqual(row.content);
    expect(after.status).toBe("published");
  });

  it("retiring is the one change allowed, and a retired version stays readable but frozen", async () => {
    const row = await versionRow("kam-readiness");
    await getDb().update(questionnaireVersions).set({ status: "retired" }).where(eq(questionnaireVersions.id, row.id));
    const retired = await versionRow("kam-readiness");
    expect(retired.status).toBe("retired");
    expect(retired.content).toEqual(row.content);
    await expect(getDb().execute(sql`update questionnaire_versions set status = 'published' where id = ${row.id}`)).rejects.toThrow();
  });

  it("drafts can still change", async () => {
    await getDb().insert(questionnaireVersions).values({ questionnaireId: "kam-maturity", version: "9.9.9", status: "draft", content: { a: 1 }, contentHash: "h1" });
    const draft = await versionRow("kam-maturity", "9.9.9");
    await getDb().update(questionnaireVersions).set({ content: { a: 2 }, contentHash: "h2" }).where(eq(questionnaireVersions.id, draft.id));
    expect((await versionRow("kam-maturity", "9.9.9")).content).toEqual({ a: 2 });
    await getDb().delete(questionnaireVersions).where(eq(questionnaireVersions.id, draft.id));
  });

  it("refuses to load a file whose published content differs from the database", async () => {
    const [maturity] = requireValidSurveys().filter((v) => v.version.questionnaire === "kam-maturity");
    const tampered = { ...maturity!, hash: "0".repeat(64) };
    await expect(syncQuestionnaires([tampered])).rejects.toThrow(SurveyContentError);
  });
});
