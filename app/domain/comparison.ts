import { textIn, type QuestionnaireVersion } from "./questionnaire/schema.ts";
import { scoreAssessment, type RespondentResponse, type Scorecard } from "./scoring/index.ts";

/** One assessment in the series: its results as reported, and its answers for rescoring across versions. */
export interface ComparedAssessment {
  id: string;
  title: string;
  /** ISO date it was closed; the current assessment may still be open. */
  date: string;
  provisional: boolean;
  version: QuestionnaireVersion;
  scorecard: Scorecard;
  responses: RespondentResponse[];
}

export interface Comparison {
  points: { id: string; title: string; date: string; provisional: boolean; version: string; index: number | null; scores: (number | null)[] }[];
  /** The change of the index and of each dimension from the previous assessment to this one. */
  changes: {
    previous: { id: string; title: string; date: string };
    index: Change;
    dimensions: ({ id: string; name: string } & Change)[];
  };
  /** Set when versions differ: only questions unchanged across all of them were counted. */
  acrossVersions: { versions: string[]; questionsCounted: number; questionsInVersion: number } | null;
}

interface Change {
  before: number | null;
  now: number | null;
  change: number | null;
}

/**
 * For each question of `current`, the id it had in version `old`, following the versions'
 * mappings back; only questions mapped "same" at every step continue (as in migrateAnswers).
 * Null when no chain of mappings leads from `current` back to `old`.
 */
export function unchangedQuestionsSince(
  current: QuestionnaireVersion,
  old: string,
  versions: ReadonlyMap<string, QuestionnaireVersion>,
): Map<string, string> | null {
  let ids = new Map(current.questions.map((q) => [q.id, q.id]));
  let step: QuestionnaireVersion | undefined = current;
  const seen = new Set<string>();
  while (step.version !== old) {
    if (!step.mapping || seen.has(step.version)) return null;
    seen.add(step.version);
    const mapping: NonNullable<QuestionnaireVersion["mapping"]> = step.mapping;
    const next = new Map<string, string>();
    for (const [currentId, idInStep] of ids) {
      const entry = mapping.questions[idInStep];
      if (entry && "from" in entry && entry.change === "same") next.set(currentId, entry.from);
    }
    ids = next;
    step = versions.get(mapping.from);
    if (!step) return null;
  }
  return ids;
}

const change = (before: number | null, now: number | null): Change => ({
  before,
  now,
  change: before === null || now === null ? null : now - before,
});

/**
 * The series of an organization's assessments of one questionnaire, oldest first, the last
 * being the one on screen. Within one version the reported results are used as they are.
 * Across versions every assessment is rescored on the questions unchanged across all the
 * versions in the series, so a change in wording never shows up as a change in maturity.
 * Assessments whose version has no mapping chain to the current one are left out.
 * Null when there is nothing earlier to compare with.
 */
export function compareOverTime(
  series: readonly ComparedAssessment[],
  versions: ReadonlyMap<string, QuestionnaireVersion>,
  minimumGroupSize: number,
): Comparison | null {
  const current = series.at(-1);
  if (!current) return null;
  const maps = new Map(series.map((a) => [a.id, unchangedQuestionsSince(current.version, a.version.version, versions)]));
  const comparable = series.filter((a) => maps.get(a.id) !== null);
  if (comparable.length < 2) return null;

  const sameVersion = comparable.every((a) => a.version.version === current.version.version);
  let scorecards = comparable.map((a) => a.scorecard);
  let acrossVersions: Comparison["acrossVersions"] = null;
  if (!sameVersion) {
    const counted = current.version.questions
      .map((q) => q.id)
      .filter((id) => comparable.every((a) => maps.get(a.id)!.has(id)));
    const countedSet = new Set(counted);
    const restricted: QuestionnaireVersion = { ...current.version, questions: current.version.questions.filter((q) => countedSet.has(q.id)) };
    scorecards = comparable.map((a) => {
      const currentIdOf = new Map([...maps.get(a.id)!].filter(([id]) => countedSet.has(id)).map(([id, oldId]) => [oldId, id]));
      const responses = a.responses
        .map((r) => ({
          ...r,
          answers: r.answers.flatMap((answer) => {
            const id = currentIdOf.get(answer.questionId);
            return id ? [{ ...answer, questionId: id }] : [];
          }),
        }))
        .filter((r) => r.answers.length > 0);
      return scoreAssessment(restricted, responses, { minimumGroupSize });
    });
    acrossVersions = {
      versions: [...new Set(comparable.map((a) => a.version.version))],
      questionsCounted: counted.length,
      questionsInVersion: current.version.questions.length,
    };
  }

  const dimensions = current.version.dimensions;
  const points = comparable.map((a, i) => {
    const means = new Map(scorecards[i]!.dimensions.map((d) => [d.dimensionId, d.mean]));
    return {
      id: a.id,
      title: a.title,
      date: a.date,
      provisional: a.provisional,
      version: a.version.version,
      index: scorecards[i]!.overall.index,
      scores: dimensions.map((d) => means.get(d.id) ?? null),
    };
  });
  const [previous, now] = [points.at(-2)!, points.at(-1)!];
  return {
    points,
    changes: {
      previous: { id: previous.id, title: previous.title, date: previous.date },
      index: change(previous.index, now.index),
      dimensions: dimensions.map((d, i) => ({ id: d.id, name: textIn(d.name), ...change(previous.scores[i]!, now.scores[i]!) })),
    },
    acrossVersions,
  };
}
