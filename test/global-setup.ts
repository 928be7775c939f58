// Migrates one database per test run; each test file then starts from a copy of it
// (a PGlite dump, or a PostgreSQL template database when DATABASE_URL is set).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { TestProject } from "vitest/node";
import { createDb, MIGRATIONS_DIR, pgliteExecutor } from "../db/client.ts";
import { installJobQueue } from "../db/job-queue.ts";
import { adminUrl, databaseUrlFor } from "./postgres.ts";
import postgres from "postgres";
import { startMailCatcher } from "./mail-catcher.ts";

/** A real SMTP server for the whole run; each test file reads the mails to its own addresses. */
async function provideMailCatcher(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "kam-test-mail-"));
  const catcher = await startMailCatcher(dir);
  project.provide("smtpUrl", catcher.url);
  project.provide("mailDir", dir);
  return async () => {
    await catcher.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

export default async function setup(project: TestProject) {
  const stopMailCatcher = await provideMailCatcher(project);
  const stopDatabase = await provideDatabase(project);
  return async () => {
    await stopDatabase();
    await stopMailCatcher();
  };
}

async function provideDatabase(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const template = `kam_template_${process.pid}`;
    const admin = postgres(adminUrl(databaseUrl), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    const handle = createDb({ databaseUrl: databaseUrlFor(databaseUrl, template) });
    await handle.migrate();
    await handle.close();
    project.provide("templateDatabase", template);
    return async () => {
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const client = new PGlite();
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
  await installJobQueue(pgliteExecutor(client));
  const dump = await client.dumpDataDir("none");
  await client.close();
  const dumpPath = path.join(tmpdir(), `kam-test-${process.pid}.tar`);
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteDump", dumpPath);
  return () => rmSync(dumpPath, { force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase?: string;
    pgliteDump?: string;
    smtpUrl: string;
    mailDir: string;
  }
}
