import { sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { rawRows } from "#db/queries/health.ts";

/**
 * Row count and an md5 of every row of every table, leaving out the columns each request
 * stamps (token use, session expiry): equal snapshots mean a request stored nothing.
 */
export async function snapshotTables(): Promise<Record<string, string>> {
  const tables = await rawRows<{ name: string }>(getDb(), sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const volatile = sql.raw(`array['last_used_at', 'rate_window_start', 'rate_window_count', 'expires_at']`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await rawRows<{ n: number; digest: string | null }>(
      getDb(),
      sql`select count(*)::int as n, md5(string_agg(r, '|' order by r)) as digest from (select (to_jsonb(t) - ${volatile})::text as r from ${sql.identifier(name)} t) s`,
    );
    out[name] = `${row!.n}:${row!.digest ?? ""}`;
  }
  return out;
}
