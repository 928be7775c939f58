// Draws the scale curve from bench/results: the app's p50 and p99 latency of the results page,
// the portfolio and the roadmap page at each scale, from the newest result file per scale.
// Writes docs/performance-scale.svg. Run: npm run bench:chart
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

interface Result {
  date: string;
  connections?: number;
  only?: string[];
  scale: string;
  assessments: number;
  machine: { cores: number };
  rows: { path: string; server: string; p50: number; p99: number }[];
}

const SCALES = ["1k", "10k", "100k"];
const PATHS = [
  { path: "results page", color: "#1f6feb" },
  { path: "portfolio, 200 clients", color: "#d4622a" },
  { path: "roadmap page", color: "#2d8a4e" },
];

const newest = new Map<string, Result>();
for (const name of readdirSync("bench/results").filter((n) => n.endsWith(".json")).sort()) {
  const result = JSON.parse(readFileSync(`bench/results/${name}`, "utf8")) as Result;
  // Only full runs at the default 10 connections make the curve.
  if ((result.connections ?? 10) === 10 && (result.only ?? []).length === 0) newest.set(result.scale, result);
}
const results = SCALES.flatMap((s) => (newest.has(s) ? [newest.get(s)!] : []));
if (results.length === 0) throw new Error("No results in bench/results; run npm run bench first.");

const width = 680;
const height = 380;
const left = 64;
const right = 190;
const top = 40;
const bottom = 56;
const plotWidth = width - left - right;
const plotHeight = height - top - bottom;
const values = results.flatMap((r) => r.rows.filter((row) => row.server === "app" && PATHS.some((p) => p.path === row.path)).map((row) => row.p99));
const ceiling = Math.max(10, ...values) * 1.1;
const step = [5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].find((s) => ceiling / s <= 6) ?? 10_000;
const x = (i: number) => left + (SCALES.length === 1 ? 0 : (i / (SCALES.length - 1)) * plotWidth);
const y = (ms: number) => top + plotHeight - (ms / ceiling) * plotHeight;

const parts: string[] = [];
parts.push(`<text x="${left}" y="22" font-size="15" font-weight="600">App latency against data size (p50 solid, p99 dashed)</text>`);
for (let ms = 0; ms <= ceiling; ms += step) {
  parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(ms)}" y2="${y(ms)}" stroke="#ddd"/>`);
  parts.push(`<text x="${left - 8}" y="${y(ms) + 4}" font-size="11" text-anchor="end">${ms} ms</text>`);
}
SCALES.forEach((s, i) => {
  const r = newest.get(s);
  parts.push(`<text x="${x(i)}" y="${top + plotHeight + 18}" font-size="12" text-anchor="middle">${s} assessments</text>`);
  if (r) parts.push(`<text x="${x(i)}" y="${top + plotHeight + 33}" font-size="10" fill="#666" text-anchor="middle">${r.date}, ${r.machine.cores} cores</text>`);
});
PATHS.forEach(({ path, color }, n) => {
  for (const [key, dash] of [["p50", ""], ["p99", ' stroke-dasharray="6 4"']] as const) {
    const points = SCALES.flatMap((s, i) => {
      const row = newest.get(s)?.rows.find((r) => r.server === "app" && r.path === path);
      return row ? [`${x(i)},${y(row[key])}`] : [];
    });
    if (points.length > 0) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${points.join(" ")}"/>`);
    for (const point of points) parts.push(`<circle cx="${point.split(",")[0]}" cy="${point.split(",")[1]}" r="3" fill="${color}"/>`);
  }
  const ly = top + 10 + n * 22;
  parts.push(`<line x1="${width - right + 16}" x2="${width - right + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
  parts.push(`<text x="${width - right + 46}" y="${ly + 4}" font-size="12">${path}</text>`);
});

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="App latency of the results page, portfolio and roadmap page at 1k, 10k and 100k assessments">
<rect width="100%" height="100%" fill="#fff"/>
${parts.join("\n")}
</svg>
`;
writeFileSync("docs/performance-scale.svg", svg);
console.log(`docs/performance-scale.svg from ${results.map((r) => `${r.scale} (${r.date})`).join(", ")}`);
