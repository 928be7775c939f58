import type { QuestionnaireVersion } from "../questionnaire/schema.ts";

export interface StoredAnswerView {
  questionId: string;
  choice: "level" | "dont_know" | "not_applicable" | null;
  level: number | null;
  comment: string | null;
}

export interface QuestionDistribution {
  questionId: string;
  /** How many chose each level, 1 to 5. */
  levels: [number, number, number, number, number];
  dontKnow: number;
  notApplicable: number;
  /** Mean of the levels chosen; null when nobody chose a level. */
  mean: number | null;
  comments: string[];
}

/** How the answers to each question of a dimension spread over the levels, with the comments. */
export function questionDistributions(
  version: QuestionnaireVersion,
  dimensionId: string,
  answers: readonly StoredAnswerView[],
): QuestionDistribution[] {
  return version.questions
    .filter((q) => q.dimension === dimensionId)
    .map((q) => {
      const mine = answers.filter((a) => a.questionId === q.id);
      const levels: QuestionDistribution["levels"] = [0, 0, 0, 0, 0];
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
        levels,
        dontKnow: mine.filter((a) => a.choice === "dont_know").length,
        notApplicable: mine.filter((a) => a.choice === "not_applicable").length,
        mean: count > 0 ? sum / count : null,
        comments: mine.map((a) => a.comment?.trim() ?? "").filter((c) => c.length > 0),
      };
    });
}
