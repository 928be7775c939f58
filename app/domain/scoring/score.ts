import type { Dimension, QuestionnaireVersion } from "../questionnaire/schema.ts";
import { textIn } from "../questionnaire/schema.ts";
import { cellsToShow, effectiveMinimum, groupFunctions, isBreakdown, OTHER_FUNCTIONS, type FunctionGroupId, type Withheld } from "../privacy.ts";
import { RESPONDENT_FUNCTIONS, type RespondentFunction } from "../respondents.ts";
import { parseResponses, type RespondentResponse } from "./input.ts";
import { maturityIndex, rankGaps, type GapEntry } from "./maturity.ts";
import { compareNumbers, mean, median, rwgUniform, sampleVariance, weightedMean } from "./statistics.ts";

/**
 * Stored with every results snapshot, so a score can be traced to the rules that made it.
 * 1.1.0: figures over fewer people than the minimum group size are withheld, small functions
 * are combined, and the lowest and highest respondent scores are no longer kept.
 */
export const SCORING_ENGINE_VERSION = "1.1.0";

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
  /**
   * Why there is no score: fewer people counted than the minimum group size ("too_few", which
   * includes nobody), or hidden so that a smaller hidden group cannot be worked out by
   * subtracting shown figures ("complementary"). Null when scored.
   */
  withheld: Withheld | null;
  /** How many respondents count for the dimension. */
  n: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  rwg: number | null;
  consensus: "consensus" | "divided" | null;
  /** Mean coverage over all respondents of the group, counted or not; null when withheld. */
  coverage: number | null;
}

/** The people of one or more respondent functions, scored together. */
export interface FunctionGroup {
  group: FunctionGroupId;
  /** The functions in the group: one, or those combined into "Other functions". */
  functions: RespondentFunction[];
  respondentCount: number;
  dimensions: DimensionStats[];
}

export type { GapEntry } from "./maturity.ts";

export type Scorecard = {
  engineVersion: string;
  questionnaire: string;
  version: string;
  respondentCount: number;
  /** No figure in this scorecard is computed from fewer respondents than this. */
  minimumGroupSize: number;
  dimensions: DimensionStats[];
  /** The breakdown by function; empty when fewer than two groups of the minimum size can be shown. */
  byFunction: FunctionGroup[];
  /** Functions too small to show alone: combined into "Other functions", or, without a breakdown, not shown at all. */
  combinedFunctions: RespondentFunction[];
  overall: {
    index: number | null;
    stage: { level: number; label: string } | null;
    weakest: { dimensionId: string; score: number } | null;
  };
  targets: Record<string, number>;
  targetSource: "best_practice" | "organization";
  gaps: GapEntry[];
};

export interface ScoreOptions {
  /** The organization's own ambition per dimension; missing dimensions use best practice. */
  targetProfile?: Record<string, number>;
  /** The organization's minimum group size; never taken below MINIMUM_GROUP_SIZE_FLOOR. */
  minimumGroupSize?: number;
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

function withheldStats(dimensionId: string, n: number, withheld: Withheld): DimensionStats {
  return { dimensionId, status: "insufficient_data", withheld, n, mean: null, median: null, sd: null, rwg: null, consensus: null, coverage: null };
}

/** A dimension's statistics over a group of respondents, or withheld when fewer than `minimum` count. */
function dimensionStats(
  version: QuestionnaireVersion,
  dimensionId: string,
  perRespondent: RespondentDimensionScore[],
  minimum: number,
): DimensionStats {
  const scores = perRespondent.filter((s) => s.counted).map((s) => s.score!);
  if (scores.length < minimum) return withheldStats(dimensionId, scores.length, "too_few");
  const rwg = rwgUniform(scores);
  const { threshold, minimumRespondents } = version.scoring.consensus;
  return {
    dimensionId,
    status: "scored",
    withheld: null,
    n: scores.length,
    mean: mean(scores),
    median: median(scores),
    sd: Math.sqrt(sampleVariance(scores)),
    rwg,
    consensus: scores.length >= minimumRespondents && rwg >= threshold ? "consensus" : "divided",
    coverage: mean(perRespondent.map((s) => s.coverage)),
  };
}

/**
 * The breakdown by function: the groups `groupFunctions` allows, each dimension's cells
 * withheld as `cellsToShow` decides, so that no figure is over fewer than `minimum` people
 * and no hidden cell follows from the dimension's total minus the shown ones.
 */
function functionBreakdown(
  version: QuestionnaireVersion,
  responses: RespondentResponse[],
  perRespondent: RespondentDimensionScore[][],
  minimum: number,
): Pick<Scorecard, "byFunction" | "combinedFunctions"> {
  const counts = new Map<RespondentFunction, number>();
  for (const r of responses) counts.set(r.function, (counts.get(r.function) ?? 0) + 1);
  const grouping = groupFunctions(counts, minimum);
  // Without a breakdown, every function present is left unshown; with one function there is nothing to break down.
  if (!isBreakdown(grouping)) return { byFunction: [], combinedFunctions: counts.size > 1 ? RESPONDENT_FUNCTIONS.filter((f) => counts.has(f)) : [] };
  const groups = [
    ...grouping.named.map((fn) => ({ group: fn as FunctionGroupId, functions: [fn] })),
    ...(grouping.combined.length > 0 ? [{ group: OTHER_FUNCTIONS as FunctionGroupId, functions: grouping.combined }] : []),
  ];
  const rowsOf = groups.map((g) => perRespondent.filter((_, r) => g.functions.includes(responses[r]!.function)));
  const cells = groups.map((_, g) => version.dimensions.map((d, i) => dimensionStats(version, d.id, rowsOf[g]!.map((row) => row[i]!), minimum)));
  version.dimensions.forEach((d, i) => {
    const counted = rowsOf.map((rows) => rows.filter((row) => row[i]!.counted).length);
    cellsToShow(counted, minimum).forEach((withheld, g) => {
      if (withheld) cells[g]![i] = withheldStats(d.id, counted[g]!, withheld);
    });
  });
  return {
    byFunction: groups.map((g, i) => ({ ...g, respondentCount: rowsOf[i]!.length, dimensions: cells[i]! })),
    combinedFunctions: grouping.combined,
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
 * Every figure is over at least the minimum group size of respondents (ADR 0017): what would
 * be over fewer is withheld, and the index, stage and gaps use the scored dimensions only.
 * Input that does not fit the version throws a ScoringInputError.
 */
export function scoreAssessment(
  version: QuestionnaireVersion,
  responsesInput: unknown,
  options: ScoreOptions = {},
): Scorecard {
  const responses = parseResponses(version, responsesInput);
  const minimum = effectiveMinimum(options.minimumGroupSize);
  const perRespondent = scoreRespondents(version, responses);
  const dimensions = version.dimensions.map((d, i) => dimensionStats(version, d.id, perRespondent.map((row) => row[i]!), minimum));

  const weightOf = new Map(version.dimensions.map((d) => [d.id, d.weight]));
  const scored = dimensions.filter((d) => d.status === "scored");
  const index = maturityIndex(scored.map((d) => ({ value: d.mean!, weight: weightOf.get(d.dimensionId)! })));
  const weakest = scored.reduce<DimensionStats | null>(
    (low, d) => (low === null || compareNumbers(d.mean!, low.mean!) < 0 ? d : low),
    null,
  );

  const targets = Object.fromEntries(
    version.dimensions.map((d) => [d.id, options.targetProfile?.[d.id] ?? d.target]),
  );
  const gaps = rankGaps(scored.map((d) => ({ dimensionId: d.dimensionId, score: d.mean!, target: targets[d.dimensionId]!, weight: weightOf.get(d.dimensionId)! })));

  return {
    engineVersion: SCORING_ENGINE_VERSION,
    questionnaire: version.questionnaire,
    version: version.version,
    respondentCount: responses.length,
    minimumGroupSize: minimum,
    dimensions,
    ...functionBreakdown(version, responses, perRespondent, minimum),
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
