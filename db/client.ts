import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { installJobQueue } from "./job-queue.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

/** A statement in the driver's own terms ($1, $2, … placeholders); several statements when there are no values. */
export type RawExecutor = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface DbHandle {
  db: Database;
  kind: DatabaseKind;
  /** For libraries that bring their own SQL (the job queue); the app's queries go through drizzle. */
  execute: RawExecutor;
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

/**
 * A value as node-postgres sends it (objects as JSON, dates as ISO text, undefined as null),
 * which is what SQL written for node-postgres, such as the job queue's, expects.
 */
export function asNodePostgresValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return arrayLiteral(value);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) return JSON.stringify(value);
  return value;
}

/** A PostgreSQL array literal, quoted element by element as node-postgres writes it. */
function arrayLiteral(values: unknown[]): string {
  const element = (value: unknown): string => {
    if (value === null || value === undefined) return "NULL";
    if (Array.isArray(value)) return arrayLiteral(value);
    const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  };
  return `{${values.map(element).join(",")}}`;
}

export function pgliteExecutor(client: PGlite): RawExecutor {
  return async (text, values) =>
    (values?.length ? client.query(text, values.map(asNodePostgresValue)) : { rows: (await client.exec(text)).at(-1)?.rows ?? [] }) as Promise<{ rows: Record<string, unknown>[] }>;
}

/** drizzle on PGlite when no DATABASE_URL is given, on postgres.js when it is. */
export function createDb(options: CreateDbOptions = {}): DbHandle {
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  if (databaseUrl) {
    const client = postgres(databaseUrl, POSTGRES_OPTIONS);
    const db = drizzlePostgres(client, { schema, logger: statementLogger });
    const execute: RawExecutor = async (text, values) => {
      if (values?.length) return { rows: await client.unsafe(text, values.map(asNodePostgresValue) as never[]) };
      // Statements without values may be a script with its own BEGIN and COMMIT (the job queue's
      // schema), which postgres.js runs only on a connection of its own.
      const connection = await client.reserve();
      try {
        return { rows: await connection.unsafe(text).simple() };
      } finally {
        connection.release();
      }
    };
    return {
      db: db as unknown as Database,
      kind: "postgres",
      execute,
      migrate: async () => {
        await migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR });
        await installJobQueue(execute);
      },
      close: () => client.end({ timeout: 3 }),
    };
  }
  const dataDir = options.dataDir ?? path.resolve(process.env.DATA_DIR ?? "data", "pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = new PGlite(dataDir, { loadDataDir: options.loadDataDir });
  const db = drizzlePglite(client, { schema, logger: statementLogger });
  const execute = pgliteExecutor(client);
  return {
    db: db as unknown as Database,
    kind: "pglite",
    execute,
    migrate: async () => {
      await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
      await installJobQueue(execute);
    },
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
