import type { Dimension, QuestionnaireVersion } from "../questionnaire/schema.ts";
import { textIn } from "../questionnaire/schema.ts";
import type { RespondentFunction } from "../respondents.ts";
import { parseResponses, type RespondentResponse } from "./input.ts";
import { compareNumbers, mean, median, roundTo, rwgUniform, sampleVariance, weightedMean } from "./statistics.ts";

/** Stored with every results snapshot, so a score can be traced to the rules that made it. */
export const SCORING_ENGINE_VERSION = "1.0.0";

export interface RespondentDimensionScore {
  dimensionId: string;
  /** Weighted mean of the answered levels; null when no level was given. */
  score: number | null;
  /** Share of the dimension's questions answered with a level (1–5). */
  coverage: number;
  /** Whether the respondent answered enough of the dimension to count. */
  counted: boolean;
}

export interface DimensionStats {
  dimensionId: string;
  status: "scored" | "insufficient_data";
  n: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  rwg: number | null;
  consensus: "consensus" | "divided" | null;
  /** Mean coverage over all respondents, counted or not. */
  coverage: number;
}

export interface GapEntry {
  dimensionId: string;
  score: number;
  target: number;
  gap: number;
  priority: number;
  rank: number;
}

export interface Scorecard {
  engineVersion: string;
  questionnaire: string;
  version: string;
  respondentCount: number;
  dimensions: DimensionStats[];
  byFunction: { function: RespondentFunction; respondentCount: number; dimensions: DimensionStats[] }[];
  overall: {
    index: number | null;
    stage: { level: number; label: string } | null;
    weakest: { dimensionId: string; score: number } | null;
  };
  targets: Record<string, number>;
  targetSource: "best_practice" | "organization";
  gaps: GapEntry[];
}

export interface ScoreOptions {
  /** The organization's own ambition per dimension; missing dimensions use best practice. */
  targetProfile?: Record<string, number>;
}

/** One respondent's score on one dimension: the weighted mean of the levels they chose. */
export function respondentDimensionScore(
  version: QuestionnaireVersion,
  dimension: Dimension,
  response: RespondentResponse,
): RespondentDimensionScore {
  const questions = version.questions.filter((q) => q.dimension === dimension.id);
  return scoreDimension(version, dimension.id, questions, levelsOf(response));
}

function levelsOf(response: RespondentResponse): Map<string, number> {
  const levels = new Map<string, number>();
  for (const answer of response.answers) {
    if (typeof answer.value === "number") levels.set(answer.questionId, answer.value);
  }
  return levels;
}

function scoreDimension(
  version: QuestionnaireVersion,
  dimensionId: string,
  questions: QuestionnaireVersion["questions"],
  levels: Map<string, number>,
): RespondentDimensionScore {
  const items = questions
    .filter((q) => levels.has(q.id))
    .map((q) => ({ value: levels.get(q.id)!, weight: q.weight }));
  const coverage = questions.length === 0 ? 0 : items.length / questions.length;
  return {
    dimensionId,
    score: items.length > 0 ? weightedMean(items) : null,
    coverage,
    counted: items.length > 0 && coverage >= version.scoring.minimumCoverage,
  };
}

/** Every respondent's score on every dimension, computed once: [respondent][dimension]. */
function scoreRespondents(version: QuestionnaireVersion, responses: RespondentResponse[]) {
  const questionsOf = version.dimensions.map((d) => version.questions.filter((q) => q.dimension === d.id));
  return responses.map((response) => {
    const levels = levelsOf(response);
    return version.dimensions.map((d, i) => scoreDimension(version, d.id, questionsOf[i]!, levels));
  });
}

function dimensionStats(
  version: QuestionnaireVersion,
  dimensionId: string,
  perRespondent: RespondentDimensionScore[],
): DimensionStats {
  const scores = perRespondent.filter((s) => s.counted).map((s) => s.score!);
  const coverage = perRespondent.length === 0 ? 0 : mean(perRespondent.map((s) => s.coverage));
  if (scores.length === 0) {
    return {
      dimensionId,
      status: "insufficient_data",
      n: 0,
      mean: null,
      median: null,
      sd: null,
      min: null,
      max: null,
      rwg: null,
      consensus: null,
      coverage,
    };
  }
  const rwg = rwgUniform(scores);
  const { threshold, minimumRespondents } = version.scoring.consensus;
  return {
    dimensionId,
    status: "scored",
    n: scores.length,
    mean: mean(scores),
    median: median(scores),
    sd: Math.sqrt(sampleVariance(scores)),
    min: Math.min(...scores),
    max: Math.max(...scores),
    rwg,
    consensus: scores.length >= minimumRespondents && rwg >= threshold ? "consensus" : "divided",
    coverage,
  };
}

/** The stage an index has reached: the highest level whose number it reaches. */
export function stageOf(version: QuestionnaireVersion, index: number) {
  const level = Math.min(5, Math.max(1, Math.floor(index))) as 1 | 2 | 3 | 4 | 5;
  return { level, label: textIn(version.levels[level]) };
}

/**
 * Scores an assessment: statistics per dimension, per respondent function, the overall
 * index and stage, and the gaps against a target profile ranked by priority (gap × weight).
 * Input that does not fit the version throws a ScoringInputError.
 */
export function scoreAssessment(
  version: QuestionnaireVersion,
  responsesInput: unknown,
  options: ScoreOptions = {},
): Scorecard {
  const responses = parseResponses(version, responsesInput);
  const perRespondent = scoreRespondents(version, responses);
  const statsOver = (rows: RespondentDimensionScore[][]) =>
    version.dimensions.map((d, i) => dimensionStats(version, d.id, rows.map((row) => row[i]!)));
  const dimensions = statsOver(perRespondent);

  const functions = [...new Set(responses.map((r) => r.function))].sort();
  const byFunction = functions.map((fn) => {
    const rows = perRespondent.filter((_, r) => responses[r]!.function === fn);
    return { function: fn, respondentCount: rows.length, dimensions: statsOver(rows) };
  });

  const weightOf = new Map(version.dimensions.map((d) => [d.id, d.weight]));
  const scored = dimensions.filter((d) => d.status === "scored");
  const index =
    scored.length > 0
      ? roundTo(weightedMean(scored.map((d) => ({ value: d.mean!, weight: weightOf.get(d.dimensionId)! }))), 1)
      : null;
  const weakest = scored.reduce<DimensionStats | null>(
    (low, d) => (low === null || compareNumbers(d.mean!, low.mean!) < 0 ? d : low),
    null,
  );

  const targets = Object.fromEntries(
    version.dimensions.map((d) => [d.id, options.targetProfile?.[d.id] ?? d.target]),
  );
  const order = new Map(version.dimensions.map((d, i) => [d.id, i]));
  const gaps = scored
    .map((d) => {
      const target = targets[d.dimensionId]!;
      const gap = Math.max(0, target - d.mean!);
      return { dimensionId: d.dimensionId, score: d.mean!, target, gap, priority: gap * weightOf.get(d.dimensionId)!, rank: 0 };
    })
    .sort((a, b) => compareNumbers(b.priority, a.priority) || order.get(a.dimensionId)! - order.get(b.dimensionId)!)
    .map((entry, i) => ({ ...entry, rank: i + 1 }));

  return {
    engineVersion: SCORING_ENGINE_VERSION,
    questionnaire: version.questionnaire,
    version: version.version,
    respondentCount: responses.length,
    dimensions,
    byFunction,
    overall: {
      index,
      stage: index === null ? null : stageOf(version, index),
      weakest: weakest ? { dimensionId: weakest.dimensionId, score: weakest.mean! } : null,
    },
    targets,
    targetSource: options.targetProfile && Object.keys(options.targetProfile).length > 0 ? "organization" : "best_practice",
    gaps,
  };
}

/** The outcome of a questionnaire with outcome rules (the readiness check); first match wins. */
export function outcomeOf(version: QuestionnaireVersion, scorecard: Scorecard) {
  const rules = version.scoring.outcomes;
  if (!rules) return null;
  const means = new Map(scorecard.dimensions.map((d) => [d.dimensionId, d.mean]));
  for (const rule of rules) {
    if ("always" in rule.when) return { id: rule.id, label: textIn(rule.label), explanation: textIn(rule.explanation) };
    const value = means.get(rule.when.dimension);
    if (value === null || value === undefined) return null; // insufficient data: no outcome yet
    if (value < rule.when.below) {
      return { id: rule.id, label: textIn(rule.label), explanation: textIn(rule.explanation) };
    }
  }
  return null;
}
