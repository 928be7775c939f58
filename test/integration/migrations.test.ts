import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createDb, type DbHandle } from "#db/client.ts";
import { appliedMigration, rawRows } from "#db/queries/health.ts";
import { adminUrl, databaseUrlFor, freshDatabaseName } from "#test/postgres.ts";
import journal from "../../db/migrations/meta/_journal.json";

const EXPECTED_TABLES = [
  "answers", "api_tokens", "assessment_results", "assessments", "audit_log", "benchmark_entries", "benchmark_pool_stamps", "email_confirmations", "engagements", "invitations", "login_attempts",
  "mail_messages", "memberships", "organizations", "password_resets", "questionnaire_versions", "questionnaires", "respondent_link_revocations", "respondents", "roadmap_gate_checks", "roadmap_items", "roadmap_notes", "roadmaps",
  "sessions", "users",
];
const newestTag = journal.entries.at(-1)!.tag;

async function tablesOf(handle: DbHandle): Promise<string[]> {
  const rows = await rawRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((row) => row.table_name);
}

async function migrateFromNothing(handle: DbHandle) {
  expect(await tablesOf(handle)).toEqual([]);
  await handle.migrate();
  expect(await tablesOf(handle)).toEqual(EXPECTED_TABLES);
  expect(await appliedMigration(handle.db)).toBe(newestTag);
  await handle.migrate(); // a second run at start-up changes nothing
  expect(await appliedMigration(handle.db)).toBe(newestTag);
  // The job queue's own schema, with the app's queues.
  const queues = await rawRows<{ name: string; retry_limit: number }>(handle.db, sql`select name, retry_limit from pgboss.queue order by name`);
  expect(queues).toEqual([
    { name: "campaign-clock", retry_limit: 0 },
    { name: "mail", retry_limit: 8 },
  ]);
}

describe("migrations from nothing", () => {
  it("apply on an empty PGlite", async () => {
    const handle = createDb({ dataDir: "memory://", databaseUrl: "" });
    try {
      await migrateFromNothing(handle);
    } finally {
      await handle.close();
    }
    // A fresh embedded cluster takes seconds, and more on a busy machine: a guard against a hang, not a budget.
  }, 60_000);

  it.runIf(Boolean(process.env.DATABASE_URL))("apply on an empty PostgreSQL database", async () => {
    const name = freshDatabaseName();
    const admin = postgres(adminUrl(process.env.DATABASE_URL!), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const handle = createDb({ databaseUrl: databaseUrlFor(process.env.DATABASE_URL!, name) });
    try {
      expect(handle.kind).toBe("postgres");
      await migrateFromNothing(handle);
    } finally {
      await handle.close();
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});
