import { effectiveMinimum } from "../privacy.ts";
import type { QuestionnaireVersion } from "../questionnaire/schema.ts";

export interface StoredAnswerView {
  questionId: string;
  choice: "level" | "dont_know" | "not_applicable" | null;
  level: number | null;
  comment: string | null;
}

export interface QuestionDistribution {
  questionId: string;
  /** How many people answered the question (a level, "don't know" or "not applicable"). */
  answered: number;
  /** True when fewer than the minimum group size answered: nothing below is shown then. */
  withheld: boolean;
  /** How many chose each level, 1 to 5; null when withheld. */
  levels: [number, number, number, number, number] | null;
  dontKnow: number | null;
  notApplicable: number | null;
  /** Mean of the levels chosen; null when nobody chose a level or when withheld. */
  mean: number | null;
  /** The comments, without their writers and in alphabetical order, never in respondent order. */
  comments: string[];
}

const byText = new Intl.Collator("en");

/**
 * How the answers to each question of a dimension spread over the levels, with the comments.
 * A question answered by fewer than the minimum group size shows only how many answered.
 */
export function questionDistributions(
  version: QuestionnaireVersion,
  dimensionId: string,
  answers: readonly StoredAnswerView[],
  minimumGroupSize: number,
): QuestionDistribution[] {
  const minimum = effectiveMinimum(minimumGroupSize);
  return version.questions
    .filter((q) => q.dimension === dimensionId)
    .map((q) => {
      const rows = answers.filter((a) => a.questionId === q.id);
      const mine = rows.filter((a) => a.choice !== null);
      if (mine.length < minimum) {
        return { questionId: q.id, answered: mine.length, withheld: true, levels: null, dontKnow: null, notApplicable: null, mean: null, comments: [] };
      }
      const levels: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      let sum = 0;
      let count = 0;
      for (const a of mine) {
        if (a.choice === "level" && a.level !== null) {
          levels[a.level - 1]! += 1;
          sum += a.level;
          count += 1;
        }
      }
      return {
        questionId: q.id,
        answered: mine.length,
        withheld: false,
        levels,
        dontKnow: mine.filter((a) => a.choice === "dont_know").length,
        notApplicable: mine.filter((a) => a.choice === "not_applicable").length,
        mean: count > 0 ? sum / count : null,
        comments: rows
          .map((a) => a.comment?.trim() ?? "")
          .filter((c) => c.length > 0)
          .sort(byText.compare),
      };
    });
}
