// Soak under faults: simulated respondents answer the KAM Maturity Index over HTTP with
// autosave, the way the browser does, while PostgreSQL backends of the app are terminated at
// random and the app server is restarted once. Afterwards every answer a respondent saw
// confirmed must be in the database exactly once, with the newest confirmed value.
//
// Run: npx tsx bench/soak.ts [--respondents 200] [--seconds 120] [--kills 5] [--restart|--no-restart]
//        [--port 3160] [--seed 1] [--json file]
// DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
// the soak creates a fresh database on it and drops it afterwards (keep it with --keep).
// Exits non-zero when an answer is lost, duplicated or wrong, or an outbox never drained.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createDb } from "../db/client.ts";
import { insertAssessment, insertRespondents, transitionAssessment } from "../db/queries/assessments.ts";
import { insertUser } from "../db/queries/identity.ts";
import { insertMembership, insertOrganization } from "../db/queries/organizations.ts";
import { findVersion } from "../db/queries/questionnaires.ts";
import { questionnaireVersionSchema, type QuestionnaireVersion } from "../app/domain/questionnaire/schema.ts";
import { generateSecret, hashSecret } from "../app/lib/tokens.server.ts";
import { RESPONDENT_FUNCTIONS } from "../app/domain/respondents.ts";
import { seeded } from "./fixtures.ts";

const { values: flags } = parseArgs({
  options: {
    respondents: { type: "string", default: "200" },
    seconds: { type: "string", default: "120" },
    kills: { type: "string" },
    restart: { type: "boolean", default: true },
    "no-restart": { type: "boolean", default: false },
    port: { type: "string", default: "3160" },
    seed: { type: "string" },
    json: { type: "string" },
    log: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});

const RESPONDENTS = Number(flags.respondents);
const SECONDS = Number(flags.seconds);
const KILLS = flags.kills === undefined ? Math.max(1, Math.round(SECONDS / 24)) : Number(flags.kills);
const RESTART = flags.restart && !flags["no-restart"];
const PORT = Number(flags.port);
const SEED = flags.seed === undefined ? Date.now() % 1_000_000 : Number(flags.seed);
const BASE = `http://127.0.0.1:${PORT}`;
// Outboxes get this long after the last change to send what they still hold.
const DRAIN_MS = Math.max(15_000, SECONDS * 250);
const REQUEST_TIMEOUT_MS = 15_000;
const FAULT_GAP_MS = 3_000;
// As the browser: after a failed save, the outbox tries again on the next change or every 5 s.
const AUTOSAVE_RETRY_DELAYS_MS = [5_000];

for (const [name, value] of Object.entries({ respondents: RESPONDENTS, seconds: SECONDS, kills: KILLS, port: PORT })) {
  if (!Number.isInteger(value) || value < 0 || (name !== "kills" && value === 0)) {
    console.error(`--${name} must be a positive whole number.`);
    process.exit(2);
  }
}

const random = seeded(SEED);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// ---------------------------------------------------------------- database and app server

const serverUrl = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");
const database = `kam_soak_${Date.now()}_${process.pid}`;
const adminUrl = new URL(serverUrl);
adminUrl.pathname = "/postgres";
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${database}`;
// The faults come over this connection; it sits in another database, so it never kills itself.
const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });

const serverLog: string[] = [];
let server: ChildProcess | undefined;
const stopping = new WeakSet<ChildProcess>();

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: databaseUrl.toString(), NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) serverLog.push(line);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.once("exit", (code, signal) => {
    if (signal !== "SIGTERM" && !stopping.has(child)) console.log(`  the app server exited on its own (${code ?? signal})`);
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the app server exited with ${code} before it answered`));
    child.once("exit", onExit);
    const poll = async () => {
      for (;;) {
        try {
          if ((await fetch(`${BASE}/healthz`)).ok) break;
        } catch {
          // not listening yet
        }
        await sleep(50);
      }
      child.off("exit", onExit);
      resolve(child);
    };
    void poll();
  });
}

function stopServer(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    stopping.add(child);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

async function prepare() {
  if (!existsSync(path.resolve("build/server/index.js"))) {
    console.log("Building the app…");
    const built = spawnSync(path.resolve("node_modules/.bin/remix"), ["vite:build"], { stdio: "inherit" });
    if (built.status !== 0) throw new Error("The build failed.");
  }
  await admin.unsafe(`create database ${database}`);
  // The app migrates and loads the questionnaires when it starts.
  server = await startServer();

  const handle = createDb({ databaseUrl: databaseUrl.toString() });
  try {
    const db = handle.db;
    const stored = await findVersion(db, "kam-maturity", "1.0.0");
    if (!stored) throw new Error("kam-maturity 1.0.0 was not loaded by the app.");
    const version = questionnaireVersionSchema.parse(stored.content);
    const user = (await insertUser(db, { email: `soak-${Date.now()}@example.com`, name: "Soak owner", passwordHash: "unused" }))!;
    const organization = (await insertOrganization(db, {
      slug: `soak-${Date.now()}`,
      name: "Soak Industries",
      industry: "Manufacturing",
      sizeBand: "1,000–4,999",
      region: "Europe",
    }))!;
    await insertMembership(db, { organizationId: organization.id, userId: user.id, role: "owner" });
    const assessment = await insertAssessment(db, {
      organizationId: organization.id,
      questionnaireVersionId: stored.id,
      title: "Soak",
      targetProfile: null,
      createdBy: user.id,
    });
    await transitionAssessment(db, assessment.id, "draft", "open", new Date());
    const tokens = Array.from({ length: RESPONDENTS }, () => generateSecret(32));
    const rows = await insertRespondents(
      db,
      tokens.map((token, i) => ({
        assessmentId: assessment.id,
        name: `Respondent ${i + 1}`,
        email: null,
        function: RESPONDENT_FUNCTIONS[i % RESPONDENT_FUNCTIONS.length]!,
        tokenHash: hashSecret(token),
        userId: null,
        createdBy: user.id,
        engagementId: null,
      })),
    );
    return { version, assessmentId: assessment.id, people: rows.map((row, i) => ({ id: row.id, token: tokens[i]! })) };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- respondents

interface Save {
  questionId: string;
  choice: "level" | "dont_know" | "not_applicable" | null;
  level: number | null;
  comment: string | null;
  sequence: number;
}

interface Outcome {
  at: number;
  respondent: number;
  ok: boolean;
  kind: "save" | "page";
  error?: string;
}

const outcomes: Outcome[] = [];
const latencies: number[] = [];
const stats = { savesSent: 0, requests: 0, pages: 0, refusedDropped: 0 };
let changing = true;

/** One respondent: reads the pages, chooses answers, and keeps an outbox like the browser's. */
class Respondent {
  /** Every save this respondent sent, by question and sequence. */
  readonly sent = new Map<string, Map<number, Save>>();
  /** The newest save the server confirmed, per question. */
  readonly confirmed = new Map<string, Save>();
  private pending = new Map<string, Save>();
  private flushing = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastSequence = 0;
  private answered: string[] = [];
  private drained: (() => void) | undefined;

  constructor(
    readonly index: number,
    readonly token: string,
    private readonly version: QuestionnaireVersion,
    private readonly thinkMs: number,
  ) {}

  get outboxSize() {
    return this.pending.size;
  }

  /** Sequences as the browser makes them: a clock in microseconds, never going back. */
  private nextSequence() {
    this.lastSequence = Math.max(this.lastSequence + 1, Date.now() * 1000);
    return this.lastSequence;
  }

  private async page(pathname: string) {
    for (;;) {
      const started = now();
      try {
        const response = await fetch(`${BASE}/a/${this.token}${pathname}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        await response.arrayBuffer();
        stats.pages++;
        const ok = response.ok;
        outcomes.push({ at: now(), respondent: this.index, ok, kind: "page", error: ok ? undefined : `page ${response.status}` });
        if (response.status >= 400 && response.status < 500) console.log(`  respondent ${this.index}: ${pathname || "/"} answered ${response.status}`);
        if (ok || (response.status >= 400 && response.status < 500)) return;
      } catch (error) {
        outcomes.push({ at: now(), respondent: this.index, ok: false, kind: "page", error: `page ${errorName(error)}` });
      }
      // A person reloads after a moment.
      await sleep(Math.max(0, 1000 - (now() - started)));
      if (!changing) return;
    }
  }

  private choose(questionId: string): Omit<Save, "sequence"> {
    const question = this.version.questions.find((q) => q.id === questionId)!;
    const roll = random();
    const comment = random() < 0.1 ? `Note ${Math.floor(random() * 1000)} — ünïcödé ✓` : null;
    if (roll < 0.05) return { questionId, choice: "dont_know", level: null, comment };
    if (roll < 0.08 && question.notApplicable) return { questionId, choice: "not_applicable", level: null, comment };
    if (roll < 0.09) return { questionId, choice: null, level: null, comment };
    return { questionId, choice: "level", level: 1 + Math.floor(random() * 5), comment };
  }

  private record(questionId: string) {
    const save = { ...this.choose(questionId), sequence: this.nextSequence() };
    this.pending.set(questionId, save);
    void this.flush();
  }

  /** Sends everything in the outbox; one request at a time, as the browser does. */
  private async flush(): Promise<void> {
    if (this.flushing || this.pending.size === 0) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.flushing = true;
    const saves = [...this.pending.values()];
    for (const save of saves) {
      let bySequence = this.sent.get(save.questionId);
      if (!bySequence) this.sent.set(save.questionId, (bySequence = new Map()));
      bySequence.set(save.sequence, save);
    }
    stats.requests++;
    stats.savesSent += saves.length;
    const started = now();
    let retry = false;
    try {
      const response = await fetch(`${BASE}/a/${this.token}/answers`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: BASE },
        body: JSON.stringify({ saves }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => null)) as { saved?: { questionId: string; sequence: number }[] } | null;
      latencies.push(now() - started);
      if (response.ok && body?.saved) {
        for (const { questionId, sequence } of body.saved) {
          const save = this.sent.get(questionId)?.get(sequence);
          if (!save) throw new Error(`the server confirmed a save that was never sent: ${questionId} #${sequence}`);
          const newest = this.confirmed.get(questionId);
          if (!newest || newest.sequence < sequence) this.confirmed.set(questionId, save);
          if (this.pending.get(questionId)?.sequence === sequence) this.pending.delete(questionId);
        }
        this.failures = 0;
        outcomes.push({ at: now(), respondent: this.index, ok: true, kind: "save" });
      } else {
        outcomes.push({ at: now(), respondent: this.index, ok: false, kind: "save", error: `save ${response.status}` });
        if (response.status < 500) console.log(`  respondent ${this.index}: a save answered ${response.status} ${JSON.stringify(body)}`);
        // The browser drops a refused batch (4xx other than 401) and keeps the rest for later.
        if (response.status >= 400 && response.status < 500 && response.status !== 401) {
          stats.refusedDropped += saves.length;
          for (const save of saves) if (this.pending.get(save.questionId)?.sequence === save.sequence) this.pending.delete(save.questionId);
        } else retry = true;
      }
    } catch (error) {
      outcomes.push({ at: now(), respondent: this.index, ok: false, kind: "save", error: `save ${errorName(error)}` });
      retry = true;
    } finally {
      this.flushing = false;
    }
    if (retry) {
      const delay = AUTOSAVE_RETRY_DELAYS_MS[Math.min(this.failures, AUTOSAVE_RETRY_DELAYS_MS.length - 1)]!;
      this.failures++;
      this.retryTimer = setTimeout(() => void this.flush(), delay);
    } else if (this.pending.size > 0) {
      void this.flush();
    } else {
      this.drained?.();
    }
  }

  private think() {
    return sleep(this.thinkMs * (0.5 + random()));
  }

  /** Answers every question, dimension by dimension, then keeps revising until time is up. */
  async run(until: number) {
    await this.page("");
    for (const dimension of this.version.dimensions) {
      if (!changing) break;
      await this.page(`/${dimension.id}`);
      for (const question of this.version.questions.filter((q) => q.dimension === dimension.id)) {
        if (!changing) break;
        await this.think();
        this.record(question.id);
        this.answered.push(question.id);
        // Now and then a person goes back and changes an earlier answer.
        if (random() < 0.1) this.record(this.answered[Math.floor(random() * this.answered.length)]!);
      }
    }
    while (changing && now() < until) {
      await this.think();
      if (changing) this.record(this.answered[Math.floor(random() * this.answered.length)]!);
    }
  }

  /** Resolves once the outbox is empty (or never, if it does not drain). */
  drain(): Promise<void> {
    if (this.pending.size === 0 && !this.flushing) return Promise.resolve();
    return new Promise((resolve) => {
      this.drained = resolve;
      if (!this.flushing && !this.retryTimer) void this.flush();
    });
  }

  stop() {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.pending.clear();
  }
}

function errorName(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? error.name;
  }
  return String(error);
}

// ---------------------------------------------------------------- faults

interface Fault {
  kind: "kill" | "restart";
  plannedAt: number;
  at?: number;
  /** Backends terminated (kill) or time until /healthz answered again (restart). */
  terminated?: number;
  downMs?: number;
}

/** Random times in the middle of the run, at least FAULT_GAP_MS apart. */
function planFaults(durationMs: number): Fault[] {
  const kinds: Fault["kind"][] = [...Array<Fault["kind"]>(KILLS).fill("kill"), ...(RESTART ? (["restart"] as const) : [])];
  const from = durationMs * 0.1;
  const to = durationMs * 0.8;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const times = kinds.map(() => from + random() * (to - from)).sort((a, b) => a - b);
    if (times.every((t, i) => i === 0 || t - times[i - 1]! >= FAULT_GAP_MS) || attempt === 999) {
      const shuffled = [...kinds].sort(() => random() - 0.5);
      return times.map((t, i) => ({ kind: shuffled[i]!, plannedAt: t }));
    }
  }
  return [];
}

async function killBackends(): Promise<number> {
  const rows = await admin`select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  return rows.filter((row) => row.killed).length;
}

async function inject(fault: Fault, started: number) {
  await sleep(Math.max(0, started + fault.plannedAt - now()));
  fault.at = now();
  if (fault.kind === "kill") {
    fault.terminated = await killBackends();
    console.log(`  +${seconds(fault.at - started)} terminated ${fault.terminated} backends`);
    return;
  }
  await stopServer(server!);
  server = await startServer();
  fault.downMs = now() - fault.at;
  console.log(`  +${seconds(fault.at - started)} restarted the app server (answering again after ${seconds(fault.downMs)})`);
}

/**
 * What clients saw after a fault, until the next one: failed requests, the respondents they
 * hit, and the time from the fault until every one of them had a request succeed again.
 */
function recoveryAfter(fault: Fault, next: Fault | undefined) {
  const from = fault.at!;
  const to = next?.at ?? Infinity;
  const failed = outcomes.filter((o) => !o.ok && o.at >= from && o.at < to);
  const hit = new Set(failed.map((o) => o.respondent));
  let recoveredAt = from;
  for (const respondent of hit) {
    const lastFailure = Math.max(...failed.filter((o) => o.respondent === respondent).map((o) => o.at));
    const success = outcomes.find((o) => o.ok && o.respondent === respondent && o.at > lastFailure);
    recoveredAt = Math.max(recoveredAt, success ? success.at : Infinity);
  }
  const lastError = failed.length ? Math.max(...failed.map((o) => o.at)) - from : 0;
  return { errors: failed.length, respondents: hit.size, lastErrorMs: lastError, recoveredMs: recoveredAt - from };
}

// ---------------------------------------------------------------- the check

async function check(people: { id: string }[], respondents: Respondent[], assessmentId: string) {
  const db = postgres(databaseUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await db<{ respondent_id: string; question_id: string; choice: Save["choice"]; level: number | null; comment: string | null; client_sequence: string; copies: string }[]>`
      select a.respondent_id, a.question_id, a.choice, a.level, a.comment, a.client_sequence::text,
             count(*) over (partition by a.respondent_id, a.question_id) as copies
      from answers a join respondents r on r.id = a.respondent_id
      where r.assessment_id = ${assessmentId}`;
    const byKey = new Map<string, (typeof rows)[number][]>();
    for (const row of rows) {
      const key = `${row.respondent_id}/${row.question_id}`;
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    const problems: string[] = [];
    let lost = 0;
    let duplicated = 0;
    let unexplained = 0;
    let confirmed = 0;
    respondents.forEach((respondent, i) => {
      const id = people[i]!.id;
      const questions = new Set([...respondent.sent.keys()]);
      for (const questionId of questions) {
        const newest = respondent.confirmed.get(questionId);
        if (newest) confirmed++;
        const stored = byKey.get(`${id}/${questionId}`) ?? [];
        byKey.delete(`${id}/${questionId}`);
        if (stored.length > 1) {
          duplicated++;
          problems.push(`duplicated: respondent ${i + 1} ${questionId} stored ${stored.length} times`);
        }
        const row = stored[0];
        if (!row) {
          if (newest) {
            lost++;
            problems.push(`lost: respondent ${i + 1} ${questionId} #${newest.sequence} confirmed, nothing stored`);
          }
          continue;
        }
        const sequence = Number(row.client_sequence);
        const sent = respondent.sent.get(questionId)?.get(sequence);
        const same = sent && sent.choice === row.choice && sent.level === row.level && sent.comment === row.comment;
        if (!same) {
          unexplained++;
          problems.push(`wrong: respondent ${i + 1} ${questionId} stored #${sequence} (${row.choice}/${row.level}) matches no save sent`);
        } else if (newest && sequence < newest.sequence) {
          lost++;
          problems.push(`lost: respondent ${i + 1} ${questionId} stored #${sequence}, newer #${newest.sequence} was confirmed`);
        }
      }
    });
    for (const [key] of byKey) {
      unexplained++;
      problems.push(`wrong: ${key} stored but never sent`);
    }
    return { stored: rows.length, confirmed, lost, duplicated, unexplained, problems };
  } finally {
    await db.end();
  }
}

function percentile(values: number[], p: number) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// ---------------------------------------------------------------- the run

let exitCode = 1;
// Stopped from outside (CI's time limit, Ctrl-C): take the app server and the database along.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    console.error(`soak: ${signal} received; stopping the app server and dropping ${database}.`);
    server?.kill("SIGKILL");
    void admin
      .unsafe(`drop database if exists ${database} with (force)`)
      .catch(() => {})
      .finally(() => process.exit(1));
  });
}
try {
  console.log(
    `soak: ${RESPONDENTS} respondents, ${SECONDS} s, ${KILLS} backend kills, ${RESTART ? "one restart" : "no restart"}, seed ${SEED}; ` +
      `${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`,
  );
  const { version, assessmentId, people } = await prepare();
  const durationMs = SECONDS * 1000;
  // The first pass through all questions takes about 60% of the run; then people revise.
  const thinkMs = (durationMs * 0.6) / version.questions.length;
  const respondents = people.map((p, i) => new Respondent(i + 1, p.token, version, thinkMs));
  const faults = planFaults(durationMs);

  const started = now();
  const until = started + durationMs;
  const stopChanging = setTimeout(() => (changing = false), durationMs);
  const faultRun = (async () => {
    for (const fault of faults) await inject(fault, started);
  })();
  await Promise.all([...respondents.map((r) => r.run(until)), faultRun]);
  clearTimeout(stopChanging);
  changing = false;
  const drainStarted = now();
  const drainedInTime = await Promise.race([
    Promise.all(respondents.map((r) => r.drain())).then(() => true),
    sleep(DRAIN_MS).then(() => false),
  ]);
  const drainMs = now() - drainStarted;
  const undrained = respondents.reduce((sum, r) => sum + r.outboxSize, 0);
  for (const r of respondents) r.stop();
  await stopServer(server!);
  server = undefined;

  const result = await check(people, respondents, assessmentId);
  const saveOutcomes = outcomes.filter((o) => o.kind === "save");
  const errorsByKind = new Map<string, number>();
  for (const o of outcomes) if (!o.ok) errorsByKind.set(o.error!, (errorsByKind.get(o.error!) ?? 0) + 1);
  const recoveries = faults.map((fault, i) => ({ ...fault, ...recoveryAfter(fault, faults[i + 1]) }));
  const serverErrors = serverLog.filter((line) => /error/i.test(line)).length;

  console.log("");
  console.log(`answers sent       ${stats.savesSent} in ${stats.requests} requests (latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms)`);
  console.log(`answers confirmed  ${result.confirmed} respondent × question pairs (newest value confirmed)`);
  console.log(`answers stored     ${result.stored}`);
  console.log(`lost ${result.lost}, duplicated ${result.duplicated}, wrong ${result.unexplained}, still in outboxes ${undrained}, dropped after a refusal ${stats.refusedDropped}`);
  console.log(`client-visible errors: ${saveOutcomes.filter((o) => !o.ok).length} of ${saveOutcomes.length} saves, ${outcomes.filter((o) => o.kind === "page" && !o.ok).length} of ${stats.pages} page loads` +
    (errorsByKind.size ? ` (${[...errorsByKind].map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""));
  console.log(`outboxes drained ${drainedInTime ? `${seconds(drainMs)} after the last change` : `NOT within ${seconds(DRAIN_MS)}`}; server log lines mentioning an error: ${serverErrors}`);
  console.log("faults:");
  for (const r of recoveries) {
    const what = r.kind === "kill" ? `kill (${r.terminated} backends)` : `restart (down ${seconds(r.downMs!)})`;
    console.log(
      `  +${seconds(r.at! - started)} ${what}: ${r.errors} client errors on ${r.respondents} respondents` +
        (r.errors ? `, last error +${seconds(r.lastErrorMs)}, all recovered +${seconds(r.recoveredMs)}` : ""),
    );
  }
  for (const problem of result.problems.slice(0, 20)) console.log(`  ${problem}`);

  if (flags.json) {
    writeFileSync(
      flags.json,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          cores: cpus().length,
          respondents: RESPONDENTS,
          seconds: SECONDS,
          kills: KILLS,
          restart: RESTART,
          seed: SEED,
          sent: stats.savesSent,
          requests: stats.requests,
          confirmed: result.confirmed,
          stored: result.stored,
          lost: result.lost,
          duplicated: result.duplicated,
          wrong: result.unexplained,
          undrained,
          errors: Object.fromEntries(errorsByKind),
          latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
          faults: recoveries.map((r) => ({ kind: r.kind, atMs: r.at! - started, terminated: r.terminated, downMs: r.downMs, errors: r.errors, respondents: r.respondents, lastErrorMs: r.lastErrorMs, recoveredMs: r.recoveredMs })),
        },
        null,
        2,
      ),
    );
  }
  const failed = result.lost + result.duplicated + result.unexplained + undrained + stats.refusedDropped > 0 || result.stored !== result.confirmed;
  console.log(failed ? "SOAK FAILED: answers were lost, duplicated or left unconfirmed." : "soak passed: every confirmed answer is stored exactly once with its newest value.");
  if (flags.log) writeFileSync(flags.log, serverLog.join("\n"));
  if (failed) console.log(`last lines of the app server's log:\n${serverLog.slice(-40).join("\n")}`);
  exitCode = failed ? 1 : 0;
} catch (error) {
  console.error(error);
  console.error(serverLog.slice(-30).join("\n"));
} finally {
  if (server) await stopServer(server);
  if (!flags.keep) await admin.unsafe(`drop database if exists ${database} with (force)`).catch(() => {});
  await admin.end();
}
process.exit(exitCode);
