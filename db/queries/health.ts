import { readFileSync } from "node:fs";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import { MIGRATIONS_DIR, type Database } from "../client.ts";
import { users } from "../schema/index.ts";

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

function readJournal(): Journal {
  return JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"));
}

/** Rows of a raw query: postgres.js answers an array, PGlite an object with `rows`. */
export async function rawRows<Row>(db: Database, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** The tag of the newest applied migration, or null when none has been applied. */
export async function appliedMigration(db: Database): Promise<string | null> {
  const [newest] = await rawRows<{ created_at: string | number }>(
    db,
    sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  if (!newest) return null;
  const when = Number(newest.created_at);
  return readJournal().entries.find((entry) => entry.when === when)?.tag ?? null;
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}
