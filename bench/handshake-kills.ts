// Terminated backends during postgres.js's handshake: workers query through the app's pool
// (createDb, the app's options) while every backend of the database is terminated every
// --interval ms; then the kills stop and every worker must get an answer again. A worker
// still waiting --grace seconds later is stalled; the run then stops the other workers to
// tell a query stuck for good from one starved while the others kept the pool busy.
// --seconds 0 runs the workers without kills.
//
// Run: npx tsx bench/handshake-kills.ts [--runs 5] [--seconds 2] [--interval 200] [--workers 30] [--grace 15]
// DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres).
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createDb } from "../db/client.ts";
import { isLostConnection } from "../db/lost-connection.ts";

const { values: flags } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    seconds: { type: "string", default: "2" },
    interval: { type: "string", default: "200" },
    workers: { type: "string", default: "30" },
    grace: { type: "string", default: "15" },
  },
});
const RUNS = Number(flags.runs);
const KILL_MS = Number(flags.seconds) * 1000;
const INTERVAL_MS = Number(flags.interval);
const WORKERS = Number(flags.workers);
const GRACE_MS = Number(flags.grace) * 1000;

// As the server does (server/index.ts): postgres.js can leave a lost connection's rejection unhandled.
let unhandled = 0;
process.on("unhandledRejection", (reason: unknown) => {
  if (!isLostConnection(reason)) throw reason;
  unhandled++;
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const serverUrl = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");
const adminUrl = new URL(serverUrl);
adminUrl.pathname = "/postgres";
const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });

async function run(index: number) {
  const database = `kam_handshake_${process.pid}_${index}`;
  await admin.unsafe(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const handle = createDb({ databaseUrl: url.toString() });
  const errors = new Map<string, number>();
  let answered = 0;
  let stopping = false;
  let kills = 0;
  const lastAnswer = new Array<number>(WORKERS).fill(0);
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    while (!stopping) {
      try {
        await handle.db.execute(sql`select pg_sleep(0.005)`);
        answered++;
        lastAnswer[w] = performance.now();
      } catch (error) {
        const code = String((error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code ?? error);
        errors.set(code, (errors.get(code) ?? 0) + 1);
        await sleep(20);
      }
    }
  });
  const started = performance.now();
  while (performance.now() - started < KILL_MS) {
    const rows = await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database}`;
    kills += rows.length;
    await sleep(INTERVAL_MS);
  }
  const killsEnded = performance.now();
  // Every worker must answer after the kills stop; a worker that never does is stalled.
  let recoveredMs = Infinity;
  while (performance.now() - killsEnded < GRACE_MS) {
    if (lastAnswer.every((t) => t > killsEnded)) {
      recoveredMs = Math.max(...lastAnswer) - killsEnded;
      break;
    }
    await sleep(50);
  }
  const stalled = lastAnswer.filter((t) => t <= killsEnded).length;
  const backends = (await admin`select count(*)::int as n from pg_stat_activity where datname = ${database}`)[0]!.n as number;
  // Stalled for good, or only starved while the others kept the pool busy? Stop the others.
  stopping = true;
  const stoppedAt = performance.now();
  const finished = await Promise.race([Promise.all(workers).then(() => true), sleep(GRACE_MS).then(() => false)]);
  const drainMs = performance.now() - stoppedAt;
  await handle.close().catch(() => {});
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  const line =
    `run ${index + 1}: ${kills} backends terminated, ${answered} answers, errors ${JSON.stringify(Object.fromEntries(errors))}; ` +
    (stalled === 0 ? `all ${WORKERS} workers answered ${recoveredMs.toFixed(0)} ms after the last kill` : `${stalled} of ${WORKERS} workers STALLED ${GRACE_MS / 1000} s after the last kill (${backends} backends open); ` +
        (finished ? `they answered ${drainMs.toFixed(0)} ms after the other workers stopped` : `still waiting ${GRACE_MS / 1000} s after the other workers stopped`));
  console.log(line);
  return { stalled: stalled > 0, stuck: stalled > 0 && !finished };
}

let stalledRuns = 0;
let stuckRuns = 0;
try {
  console.log(`${RUNS} runs: terminate every backend every ${INTERVAL_MS} ms for ${KILL_MS / 1000} s, ${WORKERS} workers on a pool of 10`);
  for (let i = 0; i < RUNS; i++) {
    const { stalled, stuck } = await run(i);
    if (stalled) stalledRuns++;
    if (stuck) stuckRuns++;
  }
  console.log(
    `${stalledRuns} of ${RUNS} runs left queries stalled while the load went on, ${stuckRuns} for good; ` +
      `${unhandled} unhandled rejections of lost connections`,
  );
} finally {
  await admin.end();
}
process.exit(stuckRuns > 0 ? 1 : 0);
