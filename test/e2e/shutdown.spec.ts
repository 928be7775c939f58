import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures.ts";

// A second server of its own, started with the README's `npm start`, so stopping it does not
// disturb the other browser tests. Signals go to npm, as a process manager would send them.
async function startServer(port: number): Promise<ChildProcess> {
  const server = spawn("npm", ["start"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: mkdtempSync(path.join(tmpdir(), "kam-stop-")), NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("is running at")) resolve();
    });
    server.once("exit", (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return server;
}

function exitOf(server: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => server.once("exit", (code) => resolve(code)));
}

test("SIGTERM lets a request in flight finish, then closes the database and exits cleanly", async () => {
  const port = 3190 + test.info().workerIndex;
  const server = await startServer(port);
  const exited = exitOf(server);

  const body = "email=someone%40example.com&password=not-the-password";
  const request = http.request({
    port,
    method: "POST",
    path: "/signin",
    headers: {
      Origin: `http://localhost:${port}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": Buffer.byteLength(body),
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
  // Headers are sent and the body is still open: the request is in flight when the signal comes.
  request.flushHeaders();
  await new Promise((resolve) => setTimeout(resolve, 300));
  server.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 200));
  request.end(body);

  const answer = await response;
  expect(answer.status).toBe(400);
  expect(answer.text).toContain("The email or password is not correct.");
  expect(await exited).toBe(0);
  await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
});

test("SIGINT stops an idle server cleanly", async () => {
  const server = await startServer(3195 + test.info().workerIndex);
  const exited = exitOf(server);
  server.kill("SIGINT");
  expect(await exited).toBe(0);
});
