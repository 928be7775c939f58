import { parseDocument } from "yaml";
import type { z } from "zod";
import { isKnownSource, sourceKeysIn } from "./bibliography.ts";
import { contentHash } from "./hash.ts";
import { questionnaireVersionSchema, type QuestionnaireVersion } from "./schema.ts";

export interface SurveyFile {
  /** Relative to the project, e.g. "surveys/kam-maturity/1.0.0.yaml". */
  path: string;
  text: string;
}

export interface SurveyError {
  file: string;
  /** Where inside the file, e.g. "questions[3].options.2"; "" for the whole file. */
  at: string;
  message: string;
}

export interface CheckedVersion {
  file: string;
  hash: string;
  version: QuestionnaireVersion;
}

/** Published versions' content hashes, keyed "questionnaire@version". */
export type PublishedLock = Record<string, string>;

export const MIN_QUESTIONS_PER_DIMENSION = 4;

/** Lock keys of initiative libraries hold a slash ("kam-maturity/initiatives@1.0.0"); questionnaire keys do not. */
export const isLibraryLockKey = (key: string) => key.includes("/");

export function formatSurveyError(error: SurveyError): string {
  return `${error.file}${error.at ? `: ${error.at}` : ""}: ${error.message}`;
}

function zodPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/** Orders versions like 1.2.0 by their numbers, not as text (1.10.0 comes after 1.9.0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined),
    root,
  );
}

function describeZodIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  if (valueAt(raw, issue.path) === undefined) return "is required";
  return issue.message;
}

/**
 * Parses one content file: YAML syntax (duplicate keys are errors), then the schema. Errors
 * carry the line and column, or the field path the schema complains about.
 */
export function parseContentFile<T>(
  file: SurveyFile,
  schema: z.ZodType<T>,
  errors: SurveyError[],
): { raw: Record<string, unknown>; data: T } | undefined {
  const document = parseDocument(file.text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const position = error.linePos?.[0];
      errors.push({
        file: file.path,
        at: position ? `line ${position.line}, column ${position.col}` : "",
        message: `invalid YAML: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
      });
    }
    return undefined;
  }
  const raw = document.toJS() as unknown;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({ file: file.path, at: zodPath(issue.path), message: describeZodIssue(issue, raw) });
    }
    return undefined;
  }
  return { raw: raw as Record<string, unknown>, data: parsed.data };
}

function parseVersionFile(file: SurveyFile, errors: SurveyError[]): CheckedVersion | undefined {
  const parsed = parseContentFile(file, questionnaireVersionSchema, errors);
  return parsed && { file: file.path, hash: contentHash(parsed.raw), version: parsed.data };
}

/** Rules inside one version: names match the path, ids are unique and resolve, options differ. */
function checkVersion({ file, version }: CheckedVersion, errors: SurveyError[]) {
  const add = (at: string, message: string) => errors.push({ file, at, message });
  const [folder, name] = file.split("/").slice(-2);
  if (folder !== version.questionnaire) add("questionnaire", `is "${version.questionnaire}" but the folder is "${folder}"`);
  if (name !== `${version.version}.yaml`) add("version", `is "${version.version}" but the file is "${name}"`);

  const dimensionIds = new Set<string>();
  version.dimensions.forEach((dimension, i) => {
    if (dimensionIds.has(dimension.id)) add(`dimensions[${i}].id`, `duplicate dimension id "${dimension.id}"`);
    dimensionIds.add(dimension.id);
  });

  const questionIds = new Set<string>();
  const perDimension = new Map<string, number>();
  version.questions.forEach((question, i) => {
    if (questionIds.has(question.id)) add(`questions[${i}].id`, `duplicate question id "${question.id}"`);
    questionIds.add(question.id);
    if (!dimensionIds.has(question.dimension)) {
      add(`questions[${i}].dimension`, `unknown dimension "${question.dimension}"`);
    }
    perDimension.set(question.dimension, (perDimension.get(question.dimension) ?? 0) + 1);
    const texts = Object.values(question.options).map((text) => JSON.stringify(text).toLowerCase());
    if (new Set(texts).size !== texts.length) {
      add(`questions[${i}].options`, "the five options must all be different");
    }
  });
  version.dimensions.forEach((dimension, i) => {
    const count = perDimension.get(dimension.id) ?? 0;
    if (count < MIN_QUESTIONS_PER_DIMENSION) {
      add(`dimensions[${i}]`, `dimension "${dimension.id}" has ${count} question${count === 1 ? "" : "s"}; at least ${MIN_QUESTIONS_PER_DIMENSION} are required`);
    }
  });
  checkCitations(version, add);
  version.scoring.outcomes?.forEach((rule, i) => {
    if ("dimension" in rule.when && !dimensionIds.has(rule.when.dimension)) {
      add(`scoring.outcomes[${i}].when.dimension`, `unknown dimension "${rule.when.dimension}"`);
    }
  });
}

const NO_ENTRY = "has no entry in the bibliography (app/domain/questionnaire/bibliography.ts); add its reference there";

/** Every source a version cites, in `sources` or inline in a text, resolves to a publication. */
export function checkCitations(content: unknown, add: (at: string, message: string) => void, at = "") {
  if (typeof content === "string") {
    for (const key of sourceKeysIn(content)) if (!isKnownSource(key)) add(at, `"${key}" ${NO_ENTRY}`);
  } else if (Array.isArray(content)) {
    content.forEach((item, i) => {
      if (at.endsWith("sources") && typeof item === "string") {
        if (!isKnownSource(item)) add(`${at}[${i}]`, `"${item}" ${NO_ENTRY}`);
      } else checkCitations(item, add, `${at}[${i}]`);
    });
  } else if (content && typeof content === "object") {
    for (const [key, value] of Object.entries(content)) checkCitations(value, add, at ? `${at}.${key}` : key);
  }
}

/** Rules between consecutive versions: the mapping is complete and ids are never reused. */
function checkMapping(previous: CheckedVersion[], current: CheckedVersion, errors: SurveyError[]) {
  const add = (at: string, message: string) => errors.push({ file: current.file, at, message });
  const before = previous.at(-1);
  const { version } = current;
  if (!before) {
    if (version.mapping) add("mapping", "the first version of a questionnaire has no previous version to map from");
    return;
  }
  if (!version.mapping) {
    add("mapping", `is required: map every question to version ${before.version.version} ("same", "reworded" or "new")`);
    return;
  }
  if (version.mapping.from !== before.version.version) {
    add("mapping.from", `must be the previous version ${before.version.version}, not ${version.mapping.from}`);
    return;
  }
  const previousIds = new Set(before.version.questions.map((q) => q.id));
  const earlierIds = new Set(previous.slice(0, -1).flatMap((v) => v.version.questions.map((q) => q.id)));
  const currentIds = new Set(version.questions.map((q) => q.id));
  const continued = new Map<string, string>();
  for (const question of version.questions) {
    const entry = version.mapping.questions[question.id];
    const at = `mapping.questions.${question.id}`;
    if (!entry) {
      add(at, `is missing: say whether "${question.id}" is "same", "reworded" or "new"`);
      continue;
    }
    if ("from" in entry) {
      if (!previousIds.has(entry.from)) add(`${at}.from`, `"${entry.from}" is not a question of version ${before.version.version}`);
      const other = continued.get(entry.from);
      if (other) add(`${at}.from`, `"${entry.from}" is already continued by "${other}"`);
      continued.set(entry.from, question.id);
    }
    const reusesPrevious = previousIds.has(question.id) && !("from" in entry && entry.from === question.id);
    if (reusesPrevious || (!previousIds.has(question.id) && earlierIds.has(question.id))) {
      add(at, `id "${question.id}" was used before with another meaning; ids are never reused, give this question a new id`);
    }
  }
  for (const key of Object.keys(version.mapping.questions)) {
    if (!currentIds.has(key)) add(`mapping.questions.${key}`, `"${key}" is not a question of this version`);
  }
}

/**
 * Checks every questionnaire version: schema, ids, coverage, the published-hash lock and
 * the mapping between versions. Returns the parsed versions and every error found.
 */
export function checkSurveys(
  files: SurveyFile[],
  lock: PublishedLock,
  lockFile = "surveys/published.lock.json",
) {
  const errors: SurveyError[] = [];
  const checked = files
    .map((file) => parseVersionFile(file, errors))
    .filter((version): version is CheckedVersion => version !== undefined);
  checked.forEach((version) => checkVersion(version, errors));

  const byQuestionnaire = new Map<string, CheckedVersion[]>();
  for (const version of checked) {
    const list = byQuestionnaire.get(version.version.questionnaire) ?? [];
    list.push(version);
    byQuestionnaire.set(version.version.questionnaire, list);
  }
  for (const versions of byQuestionnaire.values()) {
    versions.sort((a, b) => compareVersions(a.version.version, b.version.version));
    versions.forEach((version, i) => checkMapping(versions.slice(0, i), version, errors));
  }

  // Keys from the paths, so a file that fails to parse is not also reported as missing.
  const keys = new Set(files.map((file) => file.path.split("/").slice(-2).join("@").replace(/\.yaml$/, "")));
  for (const { file, hash, version } of checked) {
    const key = `${version.questionnaire}@${version.version}`;
    const locked = lock[key];
    if (version.status === "draft") {
      if (locked) errors.push({ file, at: "status", message: `${key} was published (it is in published.lock.json) and cannot go back to draft` });
      continue;
    }
    if (!locked) {
      errors.push({ file, at: "status", message: `${key} is ${version.status} but not in ${lockFile}; run "npm run surveys:check -- --lock" to freeze it` });
    } else if (locked !== hash) {
      errors.push({ file, at: "", message: `${key} is published and frozen, but its content changed (hash ${hash.slice(0, 12)}…, locked ${locked.slice(0, 12)}…). Undo the change and add a new version instead` });
    }
  }
  for (const key of Object.keys(lock)) {
    if (isLibraryLockKey(key)) continue; // initiative libraries are checked in app/domain/roadmap/library-check.ts
    if (!keys.has(key)) errors.push({ file: lockFile, at: key, message: `the published version ${key} is missing; published versions are never deleted` });
  }
  return { versions: checked, errors };
}
