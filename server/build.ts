// The production build, made when the sources are newer than it: by `npm start`, and by the
// bundle-size test, which must measure the code as it is now.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const BUILD_ENTRY = path.resolve("build/server/index.js");
const SOURCES = ["app", "db", "vite.config.ts", "package.json", "package-lock.json"];

function newestSourceMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(entry).map((name) => newestSourceMtime(path.join(entry, name))),
  );
}

export function buildIfNeeded() {
  const builtAt = existsSync(BUILD_ENTRY) ? statSync(BUILD_ENTRY).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map(newestSourceMtime));
  if (builtAt > changedAt) return;
  console.log(builtAt ? "Sources changed since the last build; building…" : "Building the app…");
  // Always a production build, also when called from a test run (where NODE_ENV is "test").
  const result = spawnSync(path.resolve("node_modules/.bin/remix"), ["vite:build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The build failed; see the output above.");
}
