// Measures what a new user waits for: `npm start` on a fresh database until /healthz and the
// sign-in page answer (with and without a build in place), and sign-in latency (argon2id).
// Run: npx tsx bench/startup.ts [--cold]   (--cold removes build/ first)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";

const PORT = 3290;
const base = `http://localhost:${PORT}`;
const cold = process.argv.includes("--cold");

let serverExited = false;

async function waitFor(url: string, started: number): Promise<number> {
  for (;;) {
    if (serverExited) throw new Error("npm start exited before answering");
    try {
      if ((await fetch(url)).ok) return performance.now() - started;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

if (cold) rmSync("build", { recursive: true, force: true });
const dataDir = mkdtempSync(path.join(tmpdir(), "kam-bench-"));
const started = performance.now();
const server = spawn("npm", ["start"], {
  env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, DATABASE_URL: undefined },
  stdio: "ignore",
  detached: true,
});
server.on("exit", () => (serverExited = true));
try {
  const health = await waitFor(`${base}/healthz`, started);
  const signInPage = await waitFor(`${base}/signin`, started);

  const latencies: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const t = performance.now();
    const response = await fetch(`${base}/signin`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=demo%40example.com&password=kam-demo-password",
    });
    if (response.status !== 302) throw new Error(`sign-in answered ${response.status}`);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  console.log(`cores: ${cpus().length}, date: ${new Date().toISOString().slice(0, 10)}, build: ${cold ? "cold" : "present"}`);
  console.log(`npm start → /healthz 200: ${(health / 1000).toFixed(1)} s`);
  console.log(`npm start → /signin 200:  ${(signInPage / 1000).toFixed(1)} s`);
  console.log(`sign-in (argon2id m=19456 t=2 p=1), 30 sequential: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`);
} finally {
  process.kill(-server.pid!, "SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
