// Gives each test file its own database: a copy of the migrated one from global-setup.
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, createDb, setDbHandle } from "../db/client.ts";
import { adminUrl, databaseUrlFor, freshDatabaseName } from "./postgres.ts";

// Every mail of a test run goes to the run's own SMTP server (test/mail-catcher.ts), never to one
// the environment names. A file that tests the unconfigured Outbox sets SMTP_URL to "" in vi.hoisted.
process.env.SMTP_URL = inject("smtpUrl");

let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const databaseUrl = process.env.DATABASE_URL;
  const template = inject("templateDatabase");
  if (databaseUrl && template) {
    const name = freshDatabaseName();
    const admin = postgres(adminUrl(databaseUrl), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    setDbHandle(createDb({ databaseUrl: databaseUrlFor(databaseUrl, name) }));
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
    return;
  }
  const dump = readFileSync(inject("pgliteDump")!);
  setDbHandle(createDb({ dataDir: "memory://", loadDataDir: new Blob([dump]) }));
});

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
});
