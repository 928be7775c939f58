import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

export interface DbHandle {
  db: Database;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve("db/migrations");

/** One SQL statement as drizzle sends it to the database. */
export type StatementListener = (sql: string, params: unknown[]) => void;

// Every handle reports the statements it sends, so tests can count and EXPLAIN what a page
// really issues. With no listener (the app) this is one empty loop per statement.
const statementListeners = new Set<StatementListener>();
const statementLogger = {
  logQuery(sql: string, params: unknown[]) {
    for (const listener of statementListeners) listener(sql, params);
  },
};

/** Hears every statement of every handle until the returned function is called. */
export function onStatement(listener: StatementListener): () => void {
  statementListeners.add(listener);
  return () => statementListeners.delete(listener);
}

export interface CreateDbOptions {
  databaseUrl?: string;
  /** Folder of the embedded database; defaults to ./data/pglite. */
  dataDir?: string;
  /** Load a PGlite data dump instead of starting from an empty cluster (tests). */
  loadDataDir?: Blob;
}

/**
 * Reconnecting after lost connections (a restarted server, terminated backends). postgres.js
 * counts failed connections across the whole pool and waits up to 20 s before the next
 * attempt when several drop at once, so one burst of terminated backends left every request
 * waiting that long; a connection whose backend died during the handshake waited 30 s. Short,
 * bounded waits get the pool back within about a second of the database answering again.
 * (Queries queued while every connection reconnects can wait as long as the other connections
 * stay busy; bench/README.md has the details.)
 */
const POSTGRES_OPTIONS = {
  max: 10,
  onnotice: () => {},
  /** Seconds before reconnecting after `retries` failed attempts: 0.05, 0.1, 0.2, … at most 1. */
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
  connect_timeout: 5,
} satisfies postgres.Options<Record<string, never>>;

/** drizzle on PGlite when no DATABASE_URL is given, on postgres.js when it is. */
export function createDb(options: CreateDbOptions = {}): DbHandle {
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  if (databaseUrl) {
    const client = postgres(databaseUrl, POSTGRES_OPTIONS);
    const db = drizzlePostgres(client, { schema, logger: statementLogger });
    return {
      db: db as unknown as Database,
      kind: "postgres",
      migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR }),
      close: () => client.end({ timeout: 3 }),
    };
  }
  const dataDir = options.dataDir ?? path.resolve(process.env.DATA_DIR ?? "data", "pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = new PGlite(dataDir, { loadDataDir: options.loadDataDir });
  const db = drizzlePglite(client, { schema, logger: statementLogger });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
}

// One handle per process, kept on globalThis so that the dev server's module reloads
// and the test setup share it instead of opening the embedded database twice.
const HANDLE_KEY = Symbol.for("kam-navigator.db");
type GlobalWithDb = typeof globalThis & { [HANDLE_KEY]?: DbHandle };

export function getDbHandle(): DbHandle {
  const g = globalThis as GlobalWithDb;
  g[HANDLE_KEY] ??= createDb();
  return g[HANDLE_KEY];
}

export function getDb(): Database {
  return getDbHandle().db;
}

/** Replace the process's database (tests give each file its own). */
export function setDbHandle(handle: DbHandle | undefined): void {
  (globalThis as GlobalWithDb)[HANDLE_KEY] = handle;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const handle = g[HANDLE_KEY];
  g[HANDLE_KEY] = undefined;
  await handle?.close();
}
