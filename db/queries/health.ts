import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_DIR, type Database } from "../client.ts";

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

function readJournal(): Journal {
  return JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"));
}

/** The tag of the newest applied migration, or null when none has been applied. */
export async function appliedMigration(db: Database): Promise<string | null> {
  const rows = await db.execute<{ created_at: string | number }>(
    sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  const newest = list[0] as { created_at: string | number } | undefined;
  if (!newest) return null;
  const when = Number(newest.created_at);
  return readJournal().entries.find((entry) => entry.when === when)?.tag ?? null;
}

export async function countUsers(db: Database): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  return Number((list[0] as { n: number } | undefined)?.n ?? 0);
}
