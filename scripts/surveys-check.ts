// `npm run surveys:check`: validates every questionnaire version and initiative library in
// surveys/ (or --dir DIR). `npm run surveys:check -- --lock` first freezes newly published ones
// in published.lock.json.
import path from "node:path";
import { formatSurveyError } from "../app/domain/questionnaire/check.ts";
import { loadSurveys, lockPublishedVersions, SURVEYS_DIR } from "../app/services/surveys.server.ts";

const args = process.argv.slice(2);
const dirIndex = args.indexOf("--dir");
const dir = dirIndex >= 0 && args[dirIndex + 1] ? path.resolve(args[dirIndex + 1]!) : SURVEYS_DIR;

if (args.includes("--lock")) {
  const added = lockPublishedVersions(dir);
  console.log(added.length ? `Locked ${added.join(", ")}.` : "Nothing new to lock.");
}
const { versions, libraries, errors } = loadSurveys(dir);
if (errors.length > 0) {
  for (const error of errors) console.error(formatSurveyError(error));
  console.error(`\n${errors.length} problem${errors.length === 1 ? "" : "s"} in the questionnaires and initiative libraries.`);
  process.exit(1);
}
const questions = versions.reduce((sum, v) => sum + v.version.questions.length, 0);
const initiatives = libraries.reduce((sum, l) => sum + l.library.knowledge.length + l.library.initiatives.length, 0);
const milestones = libraries.reduce(
  (sum, l) => sum + [...l.library.knowledge, ...l.library.initiatives].reduce((n, i) => n + i.milestones.length, 0),
  0,
);
console.log(`Questionnaires are valid: ${versions.length} versions, ${questions} questions.`);
console.log(`Initiative libraries are valid: ${libraries.length} librar${libraries.length === 1 ? "y" : "ies"}, ${initiatives} initiatives, ${milestones} milestones.`);
