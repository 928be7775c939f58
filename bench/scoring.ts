// Times the pure scoring engine on the KAM Maturity Index: 10, 100 and 1,000 respondents
// answering every question. Run: npx tsx bench/scoring.ts
import { cpus } from "node:os";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { questionnaireVersionSchema } from "../app/domain/questionnaire/schema.ts";
import { scoreAssessment, type RespondentResponse } from "../app/domain/scoring/index.ts";
import { RESPONDENT_FUNCTIONS } from "../app/domain/respondents.ts";

const version = questionnaireVersionSchema.parse(parse(readFileSync("surveys/kam-maturity/1.0.0.yaml", "utf8")));

function respondents(count: number): RespondentResponse[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => ({
    respondentId: `r${i}`,
    function: RESPONDENT_FUNCTIONS[i % RESPONDENT_FUNCTIONS.length]!,
    answers: version.questions.map((q) => ({ questionId: q.id, value: (1 + Math.floor(next() * 5)) as 1 })),
  }));
}

console.log(`cores: ${cpus().length}, date: ${new Date().toISOString().slice(0, 10)}, questions: ${version.questions.length}`);
for (const count of [10, 100, 1000]) {
  const input = respondents(count);
  scoreAssessment(version, input); // warm-up
  const runs = count >= 1000 ? 20 : 100;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    scoreAssessment(version, input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${count} respondents: median ${times[Math.floor(runs / 2)]!.toFixed(2)} ms, worst ${times.at(-1)!.toFixed(2)} ms (${runs} runs)`);
}
