import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { questionnaireVersionSchema, type QuestionnaireVersion } from "#app/domain/questionnaire/schema.ts";

export const FIXTURES = path.resolve("test/fixtures/surveys");

/** A questionnaire version from a file, through the same schema the app uses. */
export function readVersion(file: string): QuestionnaireVersion {
  return questionnaireVersionSchema.parse(parse(readFileSync(path.resolve(file), "utf8")));
}

export const fixtureVersion = (caseName = "valid", version = "1.0.0") =>
  readVersion(path.join(FIXTURES, caseName, "fixture-q", `${version}.yaml`));
