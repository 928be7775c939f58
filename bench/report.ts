// Times the PDF board report for the KAM Maturity Index: building its content from scored
// answers, then drawing the PDF, for 10 and 100 respondents. Run: npx tsx bench/report.ts
import { cpus } from "node:os";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { questionnaireVersionSchema } from "../app/domain/questionnaire/schema.ts";
import { buildReport } from "../app/domain/report.ts";
import { RESPONDENT_FUNCTIONS } from "../app/domain/respondents.ts";
import { explainScore, perceptionGaps, scoreAssessment } from "../app/domain/scoring/index.ts";
import { renderReportPdf } from "../app/services/report-pdf.server.ts";

const version = questionnaireVersionSchema.parse(parse(readFileSync("surveys/kam-maturity/1.0.0.yaml", "utf8")));

function input(count: number) {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const responses = Array.from({ length: count }, (_, i) => ({
    respondentId: `r${i}`,
    function: RESPONDENT_FUNCTIONS[i % RESPONDENT_FUNCTIONS.length]!,
    answers: version.questions.map((q) => ({ questionId: q.id, value: (1 + Math.floor(next() * 5)) as 1 })),
  }));
  const stored = responses.flatMap((r) =>
    r.answers.map((a) => ({ questionId: a.questionId, choice: "level" as const, level: a.value as number, comment: next() < 0.05 ? "A comment of ordinary length about this practice." : null })),
  );
  const scorecard = scoreAssessment(version, responses);
  const focus = scorecard.gaps.slice(0, 3).map((g) => ({ ...g, explanation: explainScore(version, responses, g.dimensionId) }));
  return { organization: "Bench Org", preparedBy: null, title: "Bench", provisional: false, asOf: new Date(), targetProfile: null, version, scorecard, responses, stored, perception: perceptionGaps(scorecard), focus, comparison: null };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`cores: ${cpus().length}, date: ${new Date().toISOString().slice(0, 10)}`);
const first = performance.now();
await renderReportPdf(buildReport(input(10)));
console.log(`first report in a fresh process (font loading included): ${(performance.now() - first).toFixed(0)} ms`);
for (const count of [10, 100]) {
  const data = input(count);
  const build: number[] = [];
  const draw: number[] = [];
  let size = 0;
  for (let run = 0; run < 20; run++) {
    const a = performance.now();
    const report = buildReport(data);
    const b = performance.now();
    size = (await renderReportPdf(report)).length;
    build.push(b - a);
    draw.push(performance.now() - b);
  }
  console.log(`${count} respondents: content median ${median(build).toFixed(1)} ms, PDF median ${median(draw).toFixed(1)} ms, ${Math.round(size / 1024)} KB (20 runs)`);
}
