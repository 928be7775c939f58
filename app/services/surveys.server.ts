import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getDb, type Database } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import {
  findVersion,
  insertVersion,
  listStoredVersions,
  listVersionsById,
  listVersionSummaries,
  updateVersion,
  upsertQuestionnaire,
  type StoredVersion,
} from "#db/queries/questionnaires.ts";
import {
  checkSurveys,
  formatSurveyError,
  type CheckedVersion,
  type PublishedLock,
  type SurveyError,
  type SurveyFile,
} from "#app/domain/questionnaire/check.ts";
import { questionnaireVersionSchema, textIn, type QuestionnaireVersion } from "#app/domain/questionnaire/schema.ts";
import { checkInitiativeLibraries, LIBRARY_FOLDER, type CheckedLibrary } from "#app/domain/roadmap/library-check.ts";

// SURVEYS_DIR points elsewhere only in tests of broken content.
export const SURVEYS_DIR = path.resolve(process.env.SURVEYS_DIR ?? "surveys");
export const LOCK_FILE = "published.lock.json";

const isYaml = (name: string) => name.endsWith(".yaml") || name.endsWith(".yml");

/** The *.yaml files directly in a folder, with paths as the checker reports them. */
function readYamlFiles(dir: string, relative: string): SurveyFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isYaml(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ path: `${relative}/${name}`, text: readFileSync(path.join(dir, name), "utf8") }));
}

const questionnaireFolders = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

const relativeTo = (dir: string) => path.relative(process.cwd(), dir) || ".";

/** Every <questionnaire>/<version>.yaml below the folder (not the initiative libraries beside them). */
export function readSurveyFiles(dir = SURVEYS_DIR): SurveyFile[] {
  return questionnaireFolders(dir).flatMap((folder) => readYamlFiles(path.join(dir, folder), `${relativeTo(dir)}/${folder}`));
}

/** Every initiative library, <questionnaire>/initiatives/<version>.yaml below the folder. */
export function readLibraryFiles(dir = SURVEYS_DIR): SurveyFile[] {
  return questionnaireFolders(dir).flatMap((folder) => {
    const libraries = path.join(dir, folder, LIBRARY_FOLDER);
    if (!existsSync(libraries)) return [];
    return readYamlFiles(libraries, `${relativeTo(dir)}/${folder}/${LIBRARY_FOLDER}`);
  });
}

export function readLock(dir = SURVEYS_DIR): PublishedLock {
  const file = path.join(dir, LOCK_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PublishedLock) : {};
}

/** Checks the questionnaires and the initiative libraries that serve them, with every error found. */
export function loadSurveys(dir = SURVEYS_DIR): { versions: CheckedVersion[]; libraries: CheckedLibrary[]; errors: SurveyError[] } {
  const lockFile = `${relativeTo(dir)}/${LOCK_FILE}`;
  const lock = readLock(dir);
  const surveys = checkSurveys(readSurveyFiles(dir), lock, lockFile);
  const libraries = checkInitiativeLibraries(readLibraryFiles(dir), surveys.versions, lock, lockFile);
  return { versions: surveys.versions, libraries: libraries.libraries, errors: [...surveys.errors, ...libraries.errors] };
}

export class SurveyContentError extends Error {
  constructor(readonly messages: string[]) {
    super(`The questionnaires and initiative libraries in surveys/ are not valid:\n${messages.map((m) => `  ${m}`).join("\n")}`);
    this.name = "SurveyContentError";
  }
}

/**
 * Adds the hash of every published or retired questionnaire version and initiative library not
 * yet locked; never changes a locked one.
 */
export function lockPublishedVersions(dir = SURVEYS_DIR): string[] {
  const lock = readLock(dir);
  const { versions } = checkSurveys(readSurveyFiles(dir), {});
  const { libraries } = checkInitiativeLibraries(readLibraryFiles(dir), versions, {});
  const frozen = [
    ...versions.map(({ hash, version }) => ({ key: `${version.questionnaire}@${version.version}`, hash, status: version.status })),
    ...libraries.map(({ key, hash, library }) => ({ key, hash, status: library.status })),
  ];
  const added: string[] = [];
  for (const { key, hash, status } of frozen) {
    if (status !== "draft" && !lock[key]) {
      lock[key] = hash;
      added.push(key);
    }
  }
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path.join(dir, LOCK_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
  return added;
}

/**
 * The checked questionnaire versions in surveys/, or a SurveyContentError listing every problem,
 * in the questionnaires or in the initiative libraries (see initiatives.server.ts for those).
 */
export function requireValidSurveys(dir = SURVEYS_DIR): CheckedVersion[] {
  const { versions, errors } = loadSurveys(dir);
  if (errors.length > 0) throw new SurveyContentError(errors.map(formatSurveyError));
  return versions;
}

/**
 * Brings the database in line with surveys/: new versions are inserted, drafts updated, and a
 * published version may only be retired. Stored published content that differs from the file
 * is an error (the database trigger would refuse the change anyway).
 */
export async function syncQuestionnaires(versions: CheckedVersion[], db: Database = getDb()) {
  const stored = new Map((await listStoredVersions(db)).map((row) => [`${row.questionnaireId}@${row.version}`, row]));
  const changes: string[] = [];
  await inTransaction(db, async (t) => {
    for (const { hash, version } of versions) {
      const key = `${version.questionnaire}@${version.version}`;
      const content = version as unknown as Record<string, unknown>;
      await upsertQuestionnaire(t, version.questionnaire, textIn(version.title));
      const row = stored.get(key);
      if (!row) {
        await insertVersion(t, { questionnaireId: version.questionnaire, version: version.version, status: version.status, content, contentHash: hash });
        changes.push(`added ${key}`);
      } else if (row.status === "draft") {
        if (row.contentHash !== hash || row.status !== version.status) {
          await updateVersion(t, row.id, { status: version.status, content, contentHash: hash });
          changes.push(`updated ${key}`);
        }
      } else if (row.contentHash !== hash) {
        throw new SurveyContentError([`${key} is ${row.status} in the database with other content than surveys/ holds`]);
      } else if (row.status !== version.status) {
        await updateVersion(t, row.id, { status: version.status });
        changes.push(`${version.status} ${key}`);
      }
    }
  });
  return changes;
}

export function listQuestionnaireVersions(db: Database = getDb()) {
  return listVersionSummaries(db);
}

// The database freezes a published version's content (only its status may move on to
// retired), so a process reads and parses each one once per database; drafts are read every
// time. Kept by id and by "questionnaire@version", the same parsed object under both.
interface KeptVersions {
  byId: Map<string, QuestionnaireVersion>;
  byLabel: Map<string, { id: string; version: QuestionnaireVersion }>;
}
const frozenVersions = new WeakMap<Database, KeptVersions>();

function keptVersions(db: Database): KeptVersions {
  let kept = frozenVersions.get(db);
  if (!kept) frozenVersions.set(db, (kept = { byId: new Map(), byLabel: new Map() }));
  return kept;
}

function keep(db: Database, row: Pick<StoredVersion, "id" | "questionnaireId" | "version" | "status" | "content">) {
  const loaded = { id: row.id, version: questionnaireVersionSchema.parse(row.content) };
  if (row.status !== "draft") {
    const kept = keptVersions(db);
    kept.byId.set(row.id, loaded.version);
    kept.byLabel.set(`${row.questionnaireId}@${row.version}`, loaded);
  }
  return loaded;
}

/** A stored version's id and parsed content, kept after the first read once it is published. */
export async function getVersionContent(questionnaireId: string, version: string, db: Database = getDb()) {
  const found = keptVersions(db).byLabel.get(`${questionnaireId}@${version}`);
  if (found) return found;
  const row = await findVersion(db, questionnaireId, version);
  return row && keep(db, row);
}

/**
 * The parsed contents of stored versions by id, for rows that name their version by id only
 * (assessments, respondents): one statement for the ones not kept yet, none once they are.
 */
export async function getVersionsById(ids: readonly string[], db: Database = getDb()): Promise<Map<string, QuestionnaireVersion>> {
  const kept = keptVersions(db).byId;
  const found = new Map<string, QuestionnaireVersion>();
  const missing = new Set<string>();
  for (const id of ids) {
    const version = kept.get(id);
    if (version) found.set(id, version);
    else missing.add(id);
  }
  if (missing.size > 0) for (const row of await listVersionsById(db, [...missing])) found.set(row.id, keep(db, row).version);
  return found;
}

/** One stored version's parsed content by id; a version that is gone is a programming error. */
export async function getVersionById(id: string, db: Database = getDb()): Promise<QuestionnaireVersion> {
  const version = (await getVersionsById([id], db)).get(id);
  if (!version) throw new Error(`Questionnaire version ${id} is not stored.`);
  return version;
}

/** A stored version, parsed by the same schema as the files; undefined when there is none. */
export async function getQuestionnaireVersion(questionnaireId: string, version: string, db: Database = getDb()) {
  const row = await findVersion(db, questionnaireId, version);
  if (!row) return undefined;
  return { status: row.status, contentHash: row.contentHash, version: questionnaireVersionSchema.parse(row.content) };
}
