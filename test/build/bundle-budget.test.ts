// The JavaScript a page loads before it is usable, gzipped, per route, read from the browser
// manifest of a fresh production build: the entry, and each matched route's module with its
// static imports. Chunks loaded later by import() are counted for the pages that draw charts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Rollup } from "vite";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIfNeeded } from "../../server/build.ts";

const KB = 1024;
const BUDGETS = { respondent: 100 * KB, results: 180 * KB, other: 120 * KB } as const;
// The pages that draw a chart: the results page, its change over time, and the portfolio's compare radar.
const CHART_ROUTES = ["routes/orgs.$slug.assessments.$assessmentId_.results", "routes/orgs.$slug.clients._index"];

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface BrowserManifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

const ASSETS = path.resolve("build/client");
let manifest: BrowserManifest;
const gzipped = new Map<string, number>();

function sizeOf(file: string): number {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(path.join(ASSETS, file))).length);
  return gzipped.get(file)!;
}

/** Files a chunk pulls in with import(), and everything those import statically, transitively. */
function lazyChunks(files: Iterable<string>): Set<string> {
  const found = new Set<string>();
  const visit = (file: string, dynamicOnly: boolean) => {
    const source = readFileSync(path.join(ASSETS, file), "utf8");
    const pattern = dynamicOnly ? /import\("\.\/([^"]+\.js)"\)/g : /(?:import\("|from"|import")\.\/([^"]+\.js)"/g;
    for (const [, name] of source.matchAll(pattern)) {
      const next = `/assets/${name}`;
      if (found.has(next)) continue;
      found.add(next);
      visit(next, false);
    }
  };
  for (const file of files) visit(file, true);
  return found;
}

function initialFiles(routeId: string): Set<string> {
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (let route: ManifestRoute | undefined = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  return files;
}

/** Browser chunks whose code contains the text. */
function chunksContaining(text: string): string[] {
  return readdirSync(path.join(ASSETS, "assets"))
    .filter((name) => name.endsWith(".js") && readFileSync(path.join(ASSETS, "assets", name), "utf8").includes(text))
    .map((name) => `/assets/${name}`);
}

/** A module bundled and minified the way a page is, without the app. */
async function bundled(source: string): Promise<string> {
  const id = "\0bundle-probe";
  const result = (await build({
    configFile: false,
    logLevel: "silent",
    plugins: [{ name: "bundle-probe", resolveId: (name) => (name === id ? id : null), load: (name) => (name === id ? source : null) }],
    build: { write: false, rollupOptions: { input: id, preserveEntrySignatures: "exports-only" } },
  })) as Rollup.RollupOutput;
  return result.output.map((file) => (file.type === "chunk" ? file.code : "")).join("");
}

const total = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + sizeOf(file), 0);
const kindOf = (id: string): keyof typeof BUDGETS =>
  id.startsWith("routes/a.$token") || id.startsWith("member-respond/") ? "respondent" : CHART_ROUTES.includes(id) ? "results" : "other";

beforeAll(() => {
  buildIfNeeded();
  const file = readdirSync(path.join(ASSETS, "assets")).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error("No browser manifest in build/client/assets.");
  const text = readFileSync(path.join(ASSETS, "assets", file), "utf8");
  manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as BrowserManifest;
}, 180_000);

describe("JavaScript per route (gzipped)", () => {
  it("keeps every page within its budget", () => {
    // Resource routes (API, CSV, PDF) ship an empty module: no page, nothing to budget.
    const pages = Object.values(manifest.routes).filter((route) => route.id !== "root" && sizeOf(route.module) > 40);
    expect(pages.length).toBeGreaterThan(20);
    const over: string[] = [];
    const report: string[] = [];
    for (const page of pages) {
      const initial = initialFiles(page.id);
      const kind = kindOf(page.id);
      const later = kind === "results" ? [...lazyChunks(initial)].filter((file) => !initial.has(file)) : [];
      const bytes = total(initial) + total(later);
      report.push(`${(bytes / KB).toFixed(1).padStart(6)} KB  ${kind.padEnd(10)} ${page.id}`);
      if (bytes > BUDGETS[kind]) over.push(`${page.id}: ${(bytes / KB).toFixed(1)} KB > ${BUDGETS[kind] / KB} KB`);
    }
    console.log(report.sort().reverse().join("\n"));
    expect(over).toEqual([]);
  });

  it("loads Chart.js only on the pages that draw charts, and only after the page is up", () => {
    const chartChunks = chunksContaining("Chart.js v");
    expect(chartChunks.length).toBeGreaterThan(0);
    const reaching: string[] = [];
    for (const route of Object.values(manifest.routes)) {
      const initial = initialFiles(route.id);
      for (const chunk of chartChunks) expect(initial.has(chunk), `${route.id} loads Chart.js up front`).toBe(false);
      if (chartChunks.some((chunk) => lazyChunks(initial).has(chunk))) reaching.push(route.id);
    }
    expect(reaching.sort()).toEqual([...CHART_ROUTES].sort());
  });

  // Forms are checked by their actions, on the server: no page needs zod in the browser, where it
  // would add some 27 KB. Schemas stay in modules that only loaders, actions and services import.
  it("loads zod on no page", async () => {
    // zod's minified code keeps its error class name: a one-schema bundle shows it, so the marker is sound.
    const marker = "ZodError";
    expect(await bundled(`import { z } from "zod"; export const schema = z.object({ name: z.string() });`)).toContain(marker);
    const zodChunks = chunksContaining(marker);
    const loading = Object.values(manifest.routes)
      .filter((route) => {
        const initial = initialFiles(route.id);
        return zodChunks.some((chunk) => initial.has(chunk) || lazyChunks(initial).has(chunk));
      })
      .map((route) => route.id);
    expect(loading).toEqual([]);
  }, 60_000);
});
