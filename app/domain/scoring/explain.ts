import { textIn, type QuestionnaireVersion } from "../questionnaire/schema.ts";
import { parseResponses } from "./input.ts";
import { respondentDimensionScore, scoreAssessment, type ScoreOptions } from "./score.ts";
import { oneDecimal } from "../format.ts";

const two = (value: number) => value.toFixed(2);

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * How one dimension's number came about, in plain language, from the same rules that
 * produced it: items and weights, who counted and why, the statistics, the gap. It never
 * lists a respondent's own score, and says nothing more than counts about a dimension whose
 * score is withheld for having too few respondents.
 */
export function explainScore(
  version: QuestionnaireVersion,
  responsesInput: unknown,
  dimensionId: string,
  options: ScoreOptions = {},
): string[] {
  const dimension = version.dimensions.find((d) => d.id === dimensionId);
  if (!dimension) throw new Error(`Unknown dimension "${dimensionId}"`);
  const responses = parseResponses(version, responsesInput);
  const scorecard = scoreAssessment(version, responses, options);
  const stats = scorecard.dimensions.find((d) => d.dimensionId === dimensionId)!;
  const questions = version.questions.filter((q) => q.dimension === dimensionId);
  const needed = Math.ceil(questions.length * version.scoring.minimumCoverage);
  const name = textIn(dimension.name);

  const lines = [
    `${name} has ${questions.length} questions with weights ${list(questions.map((q) => String(q.weight)))}.`,
    `A respondent's score is the weighted mean of the levels they chose; "don't know" and "not applicable" count neither in the sum nor in the weights.`,
    `A respondent counts for this dimension after choosing a level on at least ${Math.round(version.scoring.minimumCoverage * 100)} % of its questions (${needed} of ${questions.length}).`,
  ];
  const perRespondent = responses.map((r) => respondentDimensionScore(version, dimension, r));
  const counted = perRespondent.filter((s) => s.counted);
  const tooFew = perRespondent.length - counted.length;
  lines.push(
    `${counted.length} of ${perRespondent.length} respondents counted${tooFew > 0 ? `; ${tooFew} answered too few of its questions` : ""}.`,
  );
  if (stats.status === "insufficient_data") {
    lines.push(
      counted.length === 0
        ? `With no respondent counted, the dimension has insufficient data and no score.`
        : `Scores are shown only over at least ${scorecard.minimumGroupSize} respondents, so that nobody's answers can be told apart: this dimension has insufficient data and no score.`,
    );
    return lines;
  }
  lines.push(`Mean ${two(stats.mean!)}, median ${two(stats.median!)}, standard deviation ${two(stats.sd!)}.`);
  const { threshold, minimumRespondents } = version.scoring.consensus;
  lines.push(
    `Agreement rwg = 1 − variance / 2 = ${two(stats.rwg!)}: ${stats.consensus} (consensus needs at least ${minimumRespondents} respondents and rwg ≥ ${two(threshold)}).`,
  );
  const gap = scorecard.gaps.find((g) => g.dimensionId === dimensionId)!;
  const source = scorecard.targetSource === "organization" && options.targetProfile?.[dimensionId] !== undefined ? "the organization's target" : "the best-practice target";
  lines.push(
    `Against ${source} ${gap.target}, the gap is ${oneDecimal(gap.gap)}; weighted by ${dimension.weight} it gives priority ${two(gap.priority)}, rank ${gap.rank} of ${scorecard.gaps.length}.`,
  );
  return lines;
}
