// Times the pure roadmap generator with the shipped initiative library (71 initiatives) for
// an organization with a gap on every dimension. Run: npx tsx bench/roadmap.ts
import { cpus } from "node:os";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { buildRoadmap } from "../app/domain/roadmap/generate.ts";
import { initiativeLibrarySchema } from "../app/domain/roadmap/library.ts";
import type { Scorecard } from "../app/domain/scoring/index.ts";

const library = initiativeLibrarySchema.parse(parse(readFileSync("surveys/kam-maturity/initiatives/1.0.0.yaml", "utf8")));
const questionnaire = parse(readFileSync("surveys/kam-maturity/1.0.0.yaml", "utf8")) as { dimensions: { id: string; name: string; weight: number }[] };
const scorecard = {
  dimensions: questionnaire.dimensions.map((d, i) => ({ dimensionId: d.id, mean: 1.4 + (i % 4) * 0.4 })),
  targets: Object.fromEntries(questionnaire.dimensions.map((d) => [d.id, 5])),
  gaps: [],
} as unknown as Scorecard;
const dimensions = Object.fromEntries(questionnaire.dimensions.map((d) => [d.id, { name: d.name, weight: d.weight }]));

console.log(`cores: ${cpus().length}, date: ${new Date().toISOString().slice(0, 10)}`);
for (const capacity of [1, 4]) {
  const run = () => buildRoadmap(scorecard, library, { startDate: "2027-01-04", capacity, horizonWeeks: 52, dimensions });
  const plan = run();
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const count = plan.phases.reduce((n, p) => n + p.initiatives.length, 0);
  console.log(`capacity ${capacity}: ${count} initiatives, median ${times[100]!.toFixed(2)} ms, worst ${times.at(-1)!.toFixed(2)} ms (200 runs)`);
}
