// Soak for mail: 1,000 invitations queued in one call, sent by a worker process to a real SMTP
// server (the tests' catcher), while the worker is killed once mid-send and started again.
// Afterwards every invitation must have arrived, and the report says how many arrived twice
// (a mail the SMTP server accepted just before the kill, not yet marked sent, goes again with the
// same Message-ID: delivery is at least once, and receivers can tell the copy by that id).
//
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/mail-soak.ts [--invitations 1000] [--kill-after 300]
// It creates a fresh database on the server and drops it afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createDb, setDbHandle } from "../db/client.ts";
import { startMailCatcher } from "../test/mail-catcher.ts";

const { values: flags } = parseArgs({ options: { invitations: { type: "string", default: "1000" }, "kill-after": { type: "string", default: "300" } } });
const INVITATIONS = Number(flags.invitations);
const KILL_AFTER = Number(flags["kill-after"]);
const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `kam_mail_soak_${process.pid}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const mailDir = mkdtempSync(path.join(tmpdir(), "kam-mail-soak-"));
const catcher = await startMailCatcher(mailDir);
process.env.SMTP_URL = catcher.url;
process.env.DATABASE_URL = databaseUrl;

const handle = createDb({ databaseUrl });
setDbHandle(handle);
let worker: ChildProcess | undefined;
try {
  await handle.migrate();
  // Imported after the environment is set: the app reads it once.
  const { syncQuestionnaires, requireValidSurveys } = await import("../app/services/surveys.server.ts");
  const { createAssessment, inviteRespondents, openAssessment } = await import("../app/services/assessments.server.ts");
  const { sendInvitations } = await import("../app/services/assessment-invitations.server.ts");
  const { createOwner } = await import("../test/factories.ts");
  await syncQuestionnaires(requireValidSurveys());
  const owner = await createOwner({ name: "Soak Owner", organization: "Soak Industries" });
  const assessment = await createAssessment(owner.membership, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Soak", targetProfile: null });
  const emails = Array.from({ length: INVITATIONS }, (_, i) => `soak${i}@example.com`);
  await inviteRespondents(owner.membership, assessment.id, emails.map((email, i) => ({ name: `Person ${i}`, email, function: "sales" as const })));
  await openAssessment(owner.membership, assessment.id);

  const enqueueStart = performance.now();
  const result = await sendInvitations(owner.membership, assessment.id);
  const enqueueMs = performance.now() - enqueueStart;
  if (result.queued !== INVITATIONS) throw new Error(`queued ${result.queued} of ${INVITATIONS}`);

  const startWorker = () =>
    spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: catcher.url, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  const arrived = () => readdirSync(mailDir).length;
  const waitFor = async (count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (arrived() < count) {
      if (Date.now() > deadline) throw new Error(`${arrived()} of ${count} mails arrived in ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const sendStart = performance.now();
  worker = startWorker();
  await waitFor(KILL_AFTER, 120_000);
  const beforeKillSeconds = (performance.now() - sendStart) / 1000;
  worker.kill("SIGKILL");
  const atKill = arrived();
  worker = startWorker();
  // Jobs the killed worker held are taken up again once they expire (60 s) and maintenance runs.
  await waitFor(INVITATIONS, 600_000);
  const sendSeconds = (performance.now() - sendStart) / 1000;
  // A moment for any late duplicate to land before counting.
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  const ids = readdirSync(mailDir).map((file) => /^Message-ID: (.+)$/im.exec(readFileSync(path.join(mailDir, file), "utf8"))?.[1]?.trim());
  const recipients = new Set(readdirSync(mailDir).map((file) => file.replace(/^\d+-\d+-\d+-/, "")));
  const unique = new Set(ids).size;
  console.log(`invitations queued in one call: ${INVITATIONS} in ${enqueueMs.toFixed(0)} ms`);
  console.log(`worker killed after ${atKill} mails had arrived, then started again`);
  console.log(`arrived: ${ids.length} mails to ${recipients.size} of ${INVITATIONS} people; distinct Message-IDs: ${unique}; sent twice: ${ids.length - unique}`);
  console.log(`send rate of one worker until the kill: ${(KILL_AFTER / beforeKillSeconds).toFixed(1)} mails/s (worker start included)`);
  console.log(`all ${INVITATIONS} arrived after ${sendSeconds.toFixed(1)} s, the kill and the restart included (a job the killed worker held waits 60 s to expire before another worker takes it up)`);
  if (recipients.size !== INVITATIONS) process.exitCode = 1;
} finally {
  worker?.kill("SIGKILL");
  await handle.close();
  await catcher.stop();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(mailDir, { recursive: true, force: true });
}
