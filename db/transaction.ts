import type { Database } from "./client.ts";

/**
 * Runs `work` in one transaction on `db`. drizzle types the transaction handle as a
 * PgTransaction, which runs every query a Database runs (it only adds rollback()); the
 * queries in db/queries take a Database, so the handle is passed on as one, here only.
 */
export function inTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Database));
}
