import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test as base } from "./fixtures.ts";

interface StartedServer {
  port: number;
  process: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves once the server has printed `text` (it may already have). */
  printed(text: string): Promise<void>;
}

// A second server of its own, started with the README's `npm start`, so stopping it does not
// disturb the other browser tests. Signals go to npm, as a process manager would send them.
// Starting it (a build check, a fresh database, the demo data) is the fixture's work with its
// own timeout: the test's time starts once the server says it is running.
const test = base.extend<{ server: StartedServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
    async ({}, use, testInfo) => {
      // Beside the suite's own server, one port per parallel worker.
      const port = Number(new URL(testInfo.project.use.baseURL!).port) + 1 + testInfo.parallelIndex;
      const child = spawn("npm", ["start"], {
        env: { ...process.env, PORT: String(port), DATA_DIR: mkdtempSync(path.join(tmpdir(), "kam-stop-")), NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let output = "";
      const waiting: { text: string; resolve: () => void }[] = [];
      const hear = (chunk: Buffer) => {
        output += chunk.toString();
        for (const wait of waiting.filter((w) => output.includes(w.text))) {
          waiting.splice(waiting.indexOf(wait), 1);
          wait.resolve();
        }
      };
      child.stdout!.on("data", hear);
      child.stderr!.on("data", hear);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const printed = (text: string) => new Promise<void>((resolve) => (output.includes(text) ? resolve() : waiting.push({ text, resolve })));
      await Promise.race([
        printed("is running at"),
        exited.then((code) => Promise.reject(new Error(`the server exited with ${code} before it was running:\n${output}`))),
      ]);
      await use({ port, process: child, exited, printed });
      // A test that failed may leave it running: end npm and the server it started.
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    },
    { timeout: 180_000 },
  ],
});

test("SIGTERM lets a request in flight finish, then closes the database and exits cleanly", async ({ server }) => {
  const { port } = server;
  const body = "email=someone%40example.com&password=not-the-password";
  // "Expect: 100-continue" makes the server say when it has taken the request: the 100 Continue
  // comes once the request is being handled, and only then is the signal sent.
  const request = http.request({
    port,
    method: "POST",
    path: "/signin",
    headers: {
      Origin: `http://localhost:${port}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": Buffer.byteLength(body),
      Expect: "100-continue",
    },
  });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    request.on("response", (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    request.on("error", reject);
  });
  const taken = new Promise<void>((resolve) => request.once("continue", resolve));
  request.flushHeaders();
  await taken;
  server.process.kill("SIGTERM");
  // The body is sent only after the server has begun to shut down.
  await server.printed("SIGTERM received");
  request.end(body);

  const answer = await response;
  expect(answer.status).toBe(400);
  expect(answer.text).toContain("The email or password is not correct.");
  // A shutdown that hangs reaches its deadline and exits with 1; one that hangs beyond it fails the test's timeout.
  expect(await server.exited).toBe(0);
  await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
});

test("SIGINT stops an idle server cleanly", async ({ server }) => {
  server.process.kill("SIGINT");
  expect(await server.exited).toBe(0);
});
