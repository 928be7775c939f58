import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/** The system's chromium: CHROMIUM_PATH, or the first one on PATH. Never a downloaded build. */
function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error(
    "No chromium found for the browser tests. Install it (on Debian: apt-get install chromium) or set CHROMIUM_PATH.",
  );
}

const PORT = Number(process.env.E2E_PORT ?? 3107);
// Each run gets its own embedded database, so browser tests never see the demo data.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "kam-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
// The test SMTP server the app sends to; the specs read what it received from its folder.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);
const mailDir = process.env.E2E_MAIL_DIR ?? mkdtempSync(path.join(tmpdir(), "kam-e2e-mail-"));
process.env.E2E_MAIL_DIR = mailDir;

export default defineConfig({
  testDir: "test/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "node --import tsx test/e2e/mail-catcher-server.ts",
      port: SMTP_PORT,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_MAIL_DIR: mailDir, E2E_SMTP_PORT: String(SMTP_PORT) },
    },
    {
      command: "npm start",
      url: `http://localhost:${PORT}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        DATA_DIR: dataDir,
        NODE_ENV: "production",
        // Tests stand in for clients behind a proxy, each with its own address (X-Forwarded-For).
        TRUST_PROXY: "true",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "KAM Navigator <kam@example.com>",
      },
    },
  ],
});
