import type { Answer } from "../scoring/input.ts";
import type { QuestionnaireVersion } from "./schema.ts";

export interface AnswerMigration {
  /** Answers carried over, under the new version's question ids. */
  kept: Answer[];
  /** Answers left behind, with the reason. */
  dropped: { questionId: string; reason: "reworded" | "removed" }[];
}

/**
 * Moves answers to the next version: only questions mapped "same" keep their answer, since
 * a reworded question may now be read differently. Everything else is reported as dropped.
 */
export function migrateAnswers(
  fromVersion: QuestionnaireVersion,
  toVersion: QuestionnaireVersion,
  answers: readonly Answer[],
): AnswerMigration {
  const mapping = toVersion.mapping;
  if (!mapping || mapping.from !== fromVersion.version || toVersion.questionnaire !== fromVersion.questionnaire) {
    throw new Error(
      `${toVersion.questionnaire}@${toVersion.version} does not map from ${fromVersion.questionnaire}@${fromVersion.version}`,
    );
  }
  const successor = new Map<string, { id: string; change: "same" | "reworded" }>();
  for (const [newId, entry] of Object.entries(mapping.questions)) {
    if ("from" in entry) successor.set(entry.from, { id: newId, change: entry.change });
  }
  const result: AnswerMigration = { kept: [], dropped: [] };
  for (const answer of answers) {
    const next = successor.get(answer.questionId);
    if (next?.change === "same") result.kept.push({ questionId: next.id, value: answer.value });
    else result.dropped.push({ questionId: answer.questionId, reason: next ? "reworded" : "removed" });
  }
  return result;
}
