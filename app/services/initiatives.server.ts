import { compareVersions, formatSurveyError } from "#app/domain/questionnaire/check.ts";
import type { CheckedLibrary } from "#app/domain/roadmap/library-check.ts";
import { roadmapQuestionnaires, type InitiativeLibrary } from "#app/domain/roadmap/library.ts";
import { loadSurveys, SURVEYS_DIR, SurveyContentError } from "./surveys.server.ts";

// The files are frozen while the process runs, so each folder is read and checked once.
const cache = new Map<string, CheckedLibrary[]>();

/** Every checked initiative library in surveys/ (or `dir`), or a SurveyContentError listing every problem. */
export function listInitiativeLibraries(dir = SURVEYS_DIR): CheckedLibrary[] {
  let libraries = cache.get(dir);
  if (!libraries) {
    const { libraries: checked, errors } = loadSurveys(dir);
    if (errors.length > 0) throw new SurveyContentError(errors.map(formatSurveyError));
    libraries = checked;
    cache.set(dir, libraries);
  }
  return libraries;
}

/**
 * The initiative library a roadmap for an assessment on `questionnaireId@questionnaireVersion`
 * draws on: the newest published one, else the newest draft; retired libraries are never
 * chosen. Null when the questionnaire version has none.
 */
export function getInitiativeLibrary(
  questionnaireId: string,
  questionnaireVersion: string,
  dir = SURVEYS_DIR,
): InitiativeLibrary | null {
  const candidates = listInitiativeLibraries(dir)
    .map(({ library }) => library)
    .filter((l) => l.questionnaire === questionnaireId && l.questionnaireVersion === questionnaireVersion && l.status !== "retired")
    .sort((a, b) => Number(b.status === "published") - Number(a.status === "published") || compareVersions(b.version, a.version));
  return candidates[0] ?? null;
}

/** One library version by its id, for a roadmap that pinned it; null when there is no such version. */
export function findInitiativeLibrary(library: string, version: string, dir = SURVEYS_DIR): InitiativeLibrary | null {
  return listInitiativeLibraries(dir).find((l) => l.library.library === library && l.library.version === version)?.library ?? null;
}

/** The ids of the questionnaires whose closed assessments can give a roadmap. */
export function listRoadmapQuestionnaires(dir = SURVEYS_DIR): Set<string> {
  return roadmapQuestionnaires(listInitiativeLibraries(dir).map(({ library }) => library));
}
