// Load benches against a data set from bench/generate.ts (DATABASE_URL). Starts the built app
// (NODE_ENV=production, port 3170) and the floor (bench/floor.tsx, port 3171), then drives each
// path with autocannon on loopback for a bounded time, the app and the floor in turn with the
// same connections. Writes a table to bench/results/<date>-<cores>core-<scale>.md and .json.
//
// On an empty database it runs the generator first (--scale, 1k unless given).
//
// Run: DATABASE_URL=postgres://…/kam_bench npm run bench -- --duration 10 [--scale 10k] [--only autosave,results] [--profile dir]
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import autocannon from "autocannon";
import postgres from "postgres";
import { generateSecret, hashSecret } from "../app/lib/tokens.server.ts";
import { BENCH } from "./fixtures.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("Set DATABASE_URL to a database filled by bench/generate.ts.");
const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const DURATION = Number(argument("duration", "10"));
const CONNECTIONS = Number(argument("connections", "10"));
const ONLY = argument("only", "").split(",").filter(Boolean);
// --profile <dir>: the app writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
const PROFILE = argument("profile", "");
const APP_PORT = 3170;
const FLOOR_PORT = 3171;

const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const benchUser = async () => {
  const [tables] = await sql`select to_regclass('public.users') is not null as present`;
  return tables!.present ? (await sql`select id from users where email = ${BENCH.email}`)[0] : undefined;
};
let user = await benchUser();
if (!user) {
  // An empty database: fill it first, at the scale asked for (1k unless --scale says otherwise).
  const generated = spawnSync(process.execPath, ["--import", "tsx", "bench/generate.ts", "--scale", argument("scale", "1k")], { stdio: "inherit" });
  if (generated.status !== 0) throw new Error("bench/generate.ts failed; it fills only an empty database.");
  user = await benchUser();
}
if (!user) throw new Error("No bench data after generating.");
const [{ assessments }] = (await sql`select count(*)::int as assessments from assessments where status = 'closed'`) as unknown as [{ assessments: number }];
const scale = assessments >= 100_000 ? "100k" : assessments >= 10_000 ? "10k" : "1k";
const [results] = await sql`
  select a.id from assessments a join organizations o on o.id = a.organization_id
  where o.slug = ${BENCH.clientSlug} and a.status = 'closed' order by a.closed_at desc limit 1`;
const [roadmap] = await sql`select r.id from roadmaps r join organizations o on o.id = r.organization_id where o.slug = ${BENCH.clientSlug} and r.title = ${BENCH.roadmapTitle}`;
const [version] = await sql`select id, content from questionnaire_versions where questionnaire_id = 'kam-maturity' and version = '1.0.0'`;
const questionIds = (version!.content as { questions: { id: string }[] }).questions.map((q) => q.id);

// A session made directly for the bench user, as a sign-in would leave it.
const sessionId = generateSecret(15);
const sessionSecret = generateSecret(32);
await sql`insert into sessions (id, secret_hash, user_id, expires_at) values (${sessionId}, ${hashSecret(sessionSecret)}, ${user.id}, ${new Date(Date.now() + 30 * 86_400_000)})`;
const cookie = `__Host-session=${sessionId}.${sessionSecret}`;

function start(name: string, args: string[], port: number, env: Record<string, string>, nodeOptions: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeOptions, "--import", "tsx", ...args], {
    env: { ...process.env, ...env, PORT: String(port), DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  child.on("exit", (code) => code && code !== 0 && console.error(`${name} exited with ${code}`));
  return child;
}

async function waitFor(url: string, seconds: number) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

let sequence = Date.now() * 1000;
type Case = { name: string; floor: boolean; connections?: number; request: (port: number) => autocannon.Options };
const get = (path: string, headers: Record<string, string> = {}) => (port: number) => ({ url: `http://127.0.0.1:${port}${path}`, headers });
const autosaveBody = () =>
  JSON.stringify({ saves: [{ questionId: questionIds[Math.floor(Math.random() * questionIds.length)], choice: "level", level: 1 + Math.floor(Math.random() * 5), comment: null, sequence: ++sequence }] });

const CASES: Case[] = [
  { name: "results page", floor: true, request: get(`/orgs/${BENCH.clientSlug}/assessments/${results!.id}/results`, { cookie }) },
  {
    name: "benchmark statistics",
    floor: true,
    request: (port) => ({
      url: `http://127.0.0.1:${port}`,
      // The API counts 120 requests a minute per token, so the requests rotate through many tokens.
      requests: Array.from({ length: BENCH.apiTokens }, (_, t) => ({
        method: "GET" as const,
        path: "/api/v1/benchmarks?questionnaire=kam-maturity&version=1.0.0&pool=platform&industry=Manufacturing",
        headers: { authorization: `Bearer ${BENCH.apiToken(t)}` },
      })),
    }),
  },
  {
    name: "autosave",
    floor: true,
    connections: 100,
    request: (port) => ({
      url: `http://127.0.0.1:${port}`,
      requests: [
        {
          method: "POST" as const,
          setupRequest: (req) => ({
            ...req,
            path: `/a/${BENCH.respondentToken(Math.floor(Math.random() * BENCH.openRespondents))}/answers`,
            headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}` },
            body: autosaveBody(),
          }),
        },
      ],
    }),
  },
  { name: "portfolio, 200 clients", floor: true, request: get(`/orgs/${BENCH.consultancySlug}/clients`, { cookie }) },
  { name: "roadmap page", floor: true, request: get(`/orgs/${BENCH.clientSlug}/roadmaps/${roadmap!.id}`, { cookie }) },
  {
    name: "sign-in",
    floor: true,
    request: (port) => ({
      url: `http://127.0.0.1:${port}/signin`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: `http://127.0.0.1:${port}` },
      body: new URLSearchParams({ email: BENCH.email, password: BENCH.password, redirectTo: "/orgs" }).toString(),
    }),
  },
];

// CPU time the server process spent, in ms (Linux: utime + stime from /proc, 100 ticks a
// second). Per request it is the figure least disturbed by other work on a shared machine.
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

interface Row {
  path: string;
  server: "app" | "floor";
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  cpuMsPerRequest: number | null;
}

async function drive(name: string, server: "app" | "floor", pid: number | undefined, options: autocannon.Options): Promise<Row> {
  // Fresh rate-limit windows for the API tokens and a short warm-up before every run.
  await sql`update api_tokens set rate_window_count = 0, rate_window_start = null where name like 'bench %'`;
  await autocannon({ ...options, duration: 2 });
  await sql`update api_tokens set rate_window_count = 0, rate_window_start = null where name like 'bench %'`;
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ ...options, duration: DURATION });
  const cpuAfter = cpuMs(pid);
  // The sign-in answers with a redirect (302) when it succeeds; everything else must be 2xx.
  const redirects = name === "sign-in" ? result["3xx"] : 0;
  const row = {
    path: name,
    server,
    connections: options.connections ?? CONNECTIONS,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx - redirects,
    requests: result.requests.total,
    cpuMsPerRequest: cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : (cpuAfter - cpuBefore) / result.requests.total,
  };
  console.log(`${name.padEnd(24)} ${server.padEnd(5)} ${row.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}  cpu ${row.cpuMsPerRequest?.toFixed(2) ?? "?"} ms/req`);
  return row;
}

const loadBefore = loadavg()[0]!;
const children: ChildProcess[] = [];
const rows: Row[] = [];
try {
  const app = start("app", ["server/index.ts"], APP_PORT, {}, PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE}`] : []);
  children.push(app);
  const floor = start("floor", ["bench/floor.tsx"], FLOOR_PORT, {});
  children.push(floor);
  await waitFor(`http://127.0.0.1:${APP_PORT}/healthz`, 300);
  await waitFor(`http://127.0.0.1:${FLOOR_PORT}/`, 60);
  console.log(`scale ${scale} (${assessments.toLocaleString("en")} closed assessments), ${cpus().length} cores, ${DURATION} s per run`);
  for (const c of CASES) {
    if (ONLY.length > 0 && !ONLY.some((o) => c.name.startsWith(o))) continue;
    const connections = c.connections ?? CONNECTIONS;
    rows.push(await drive(c.name, "app", app.pid, { ...c.request(APP_PORT), connections }));
    if (c.floor) rows.push(await drive(c.name, "floor", floor.pid, { ...c.request(FLOOR_PORT), connections }));
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
  await sql`delete from sessions where user_id = ${user.id}`;
  await sql.end({ timeout: 5 });
}

// --- the table -------------------------------------------------------------------------
const date = new Date().toISOString().slice(0, 10);
const cores = cpus().length;
const machine = { cores, cpu: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: [loadBefore, loadavg()[0]!] };
const ratio = (r: Row) => {
  if (r.server !== "app") return "";
  const floor = rows.find((f) => f.path === r.path && f.server === "floor");
  return floor ? (r.requestsPerSecond / floor.requestsPerSecond).toFixed(2) : "";
};
const table = [
  "| path | server | connections | requests/s | p50 ms | p99 ms | errors | app/floor (requests/s) | server CPU ms per request |",
  "|---|---|---|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.path} | ${r.server} | ${r.connections} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${ratio(r)} | ${r.cpuMsPerRequest?.toFixed(2) ?? ""} |`),
].join("\n");
const heading = `Load bench, scale ${scale} (${assessments.toLocaleString("en")} closed assessments), ${date}, ${cores} cores (${machine.cpu}, ${machine.memoryGiB} GiB), Node ${machine.node}, ${DURATION} s per run after a 2 s warm-up; 1-minute load average ${loadBefore.toFixed(1)} before, ${machine.loadAverage[1]!.toFixed(1)} after (other work shares the machine: compare the CPU per request).`;
mkdirSync("bench/results", { recursive: true });
// Runs with other connection counts or a subset of paths get their own file, beside the full run.
const variant = `${CONNECTIONS === 10 ? "" : `-c${CONNECTIONS}`}${ONLY.length > 0 ? `-${ONLY.join("-").replace(/[^a-z0-9-]/gi, "")}` : ""}`;
const file = `bench/results/${date}-${cores}core-${scale}${variant}`;
writeFileSync(`${file}.md`, `${heading}\n\n${table}\n`);
writeFileSync(`${file}.json`, JSON.stringify({ date, scale, assessments, duration: DURATION, connections: CONNECTIONS, only: ONLY, machine, rows }, null, 2) + "\n");
console.log(`\n${heading}\n\n${table}\n\nwritten to ${file}.md and .json`);
