import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatSurveyError } from "#app/domain/questionnaire/check.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { loadSurveys } from "#app/services/surveys.server.ts";
import { FIXTURES } from "#test/surveys.ts";

const messagesFor = (caseName: string) => loadSurveys(path.join(FIXTURES, caseName)).errors.map(formatSurveyError);
const file = (caseName: string, version = "1.0.0") => `test/fixtures/surveys/${caseName}/fixture-q/${version}.yaml`;

describe("surveys:check on broken fixtures", () => {
  it.each([
    ["malformed-yaml", `${file("malformed-yaml")}: line 5, column 1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`],
    ["unknown-field", `${file("unknown-field")}: questions[1]: unknown field "colour"`],
    ["duplicate-id", `${file("duplicate-id")}: questions[5].id: duplicate question id "beta-one"`],
    ["missing-level", `${file("missing-level")}: questions[6].options.5: is required`],
    ["same-options", `${file("same-options")}: questions[2].options: the five options must all be different`],
    ["unknown-dimension", `${file("unknown-dimension")}: questions[7].dimension: unknown dimension "gamma"`],
    ["too-few-questions", `${file("too-few-questions")}: dimensions[1]: dimension "beta" has 3 questions; at least 4 are required`],
    ["wrong-file-name", `${file("wrong-file-name", "1.0.1")}: version: is "1.0.0" but the file is "1.0.1.yaml"`],
    ["published-unlocked", `${file("published-unlocked")}: status: fixture-q@1.0.0 is published but not in test/fixtures/surveys/published-unlocked/published.lock.json; run "npm run surveys:check -- --lock" to freeze it`],
    ["published-deleted", `test/fixtures/surveys/published-deleted/published.lock.json: fixture-q@0.9.0: the published version fixture-q@0.9.0 is missing; published versions are never deleted`],
    ["mapping-absent", `${file("mapping-absent", "1.1.0")}: mapping: is required: map every question to version 1.0.0 ("same", "reworded" or "new")`],
    ["mapping-missing", `${file("mapping-missing", "1.1.0")}: mapping.questions.beta-five: is missing: say whether "beta-five" is "same", "reworded" or "new"`],
    ["mapping-unknown-from", `${file("mapping-unknown-from", "1.1.0")}: mapping.questions.beta-three.from: "beta-zero" is not a question of version 1.0.0`],
    ["unknown-source", `${file("unknown-source")}: dimensions[1].sources[0]: "005_aaaaaaaaaaaaaaaa.txt" has no entry in the bibliography (app/domain/questionnaire/bibliography.ts); add its reference there`],
    ["unknown-source", `${file("unknown-source")}: description: "999_0123456789abcdef.txt" has no entry in the bibliography (app/domain/questionnaire/bibliography.ts); add its reference there`],
    ["id-reused", `${file("id-reused", "1.1.0")}: mapping.questions.alpha-two: id "alpha-two" was used before with another meaning; ids are never reused, give this question a new id`],
  ])("%s", (caseName, message) => {
    expect(messagesFor(caseName)).toContain(message);
  });

  it("a published file whose content changed names the frozen version", () => {
    const [message] = messagesFor("published-changed");
    expect(message).toMatch(/^test\/fixtures\/surveys\/published-changed\/fixture-q\/1\.0\.0\.yaml: fixture-q@1\.0\.0 is published and frozen, but its content changed/);
  });

  it("accepts the valid fixtures", () => {
    expect(messagesFor("valid")).toEqual([]);
    expect(messagesFor("two-versions")).toEqual([]);
  });

  it("the command exits 1 and prints the message", () => {
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/surveys-check.ts", "--dir", "test/fixtures/surveys/duplicate-id"], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file("duplicate-id")}: questions[5].id: duplicate question id "beta-one"`);
  });
});

describe("the shipped questionnaires", () => {
  const { versions, errors } = loadSurveys();
  const maturity = versions.find((v) => v.version.questionnaire === "kam-maturity")!.version;
  const readiness = versions.find((v) => v.version.questionnaire === "kam-readiness")!.version;

  it("pass the check and are published", () => {
    expect(errors.map(formatSurveyError)).toEqual([]);
    expect([maturity.status, readiness.status]).toEqual(["published", "published"]);
  });

  it("the maturity index has the 11 dimensions, 4 to 6 questions each, at least 48 in all", () => {
    expect(maturity.dimensions.map((d) => d.id)).toEqual([
      "selection", "strategy", "sponsorship", "governance", "teams", "planning",
      "competencies", "insight", "relationships", "value", "performance",
    ]);
    for (const dimension of maturity.dimensions) {
      const count = maturity.questions.filter((q) => q.dimension === dimension.id).length;
      expect(count, dimension.id).toBeGreaterThanOrEqual(4);
      expect(count, dimension.id).toBeLessThanOrEqual(6);
      expect(dimension.sources.every((s) => /^00[0-4]_[0-9a-f]{16}\.txt$/.test(s)), dimension.id).toBe(true);
      expect(dimension.target).toBeGreaterThanOrEqual(1);
    }
    expect(maturity.questions.length).toBeGreaterThanOrEqual(48);
    expect(Object.values(maturity.levels).map((l) => textIn(l))).toEqual(["Ad hoc", "Emerging", "Defined", "Managed", "Leading"]);
  });

  it("asks at the individual level too: power holders and personal relationships", () => {
    const individual = maturity.questions.filter((q) => q.focus === "individual");
    expect(individual.length).toBeGreaterThanOrEqual(4);
    expect(individual.some((q) => /power/i.test(textIn(q.text)))).toBe(true);
    expect(individual.some((q) => /personal/i.test(textIn(q.text)))).toBe(true);
  });

  it("the readiness check has 8 to 12 questions and three outcomes", () => {
    expect(readiness.questions.length).toBeGreaterThanOrEqual(8);
    expect(readiness.questions.length).toBeLessThanOrEqual(12);
    expect(readiness.scoring.outcomes?.map((o) => o.id)).toEqual(["segmented-sales", "build-maturity-first", "ready"]);
  });

  it("editing one word of a published file makes the check fail", () => {
    const copy = mkdtempSync(path.join(tmpdir(), "kam-surveys-"));
    cpSync("surveys", copy, { recursive: true });
    const target = path.join(copy, "kam-maturity", "1.0.0.yaml");
    const text = readFileSync(target, "utf8");
    expect(text).toContain("Key account selection and portfolio");
    writeFileSync(target, text.replace("Key account selection and portfolio", "Key account selection and portfolios"));
    const messages = loadSurveys(copy).errors.map(formatSurveyError);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/kam-maturity\/1\.0\.0\.yaml: kam-maturity@1\.0\.0 is published and frozen, but its content changed/);
  });
});
