import { effectiveMinimum, groupFunctions } from "./privacy.ts";
import type { QuestionnaireVersion } from "./questionnaire/schema.ts";
import type { RespondentFunction } from "./respondents.ts";
import type { StoredAnswerView } from "./scoring/distribution.ts";

export interface RawAnswer {
  /** A code for the respondent in this export (R1, R2, … or a stable R-…), never their name. */
  respondent: string;
  /** Null where fewer than the minimum group size share the function. */
  function: RespondentFunction | null;
  dimension: string;
  question: string;
  choice: StoredAnswerView["choice"];
  level: number | null;
  /** Null on a question fewer than the minimum group size answered. */
  comment: string | null;
}

/**
 * How respondents are named in an export: numbers drawn at random for this export (the
 * default), or codes the organization keeps from one export to the next, derived from a
 * secret so that they follow neither the respondent list nor each other.
 */
export type PseudonymScheme = { kind: "random"; random: () => number } | { kind: "stable"; codeOf: (respondentId: string) => string };

/** Respondent codes for one export: a shuffled numbering, or each respondent's stable code. */
export function assignPseudonyms(respondentIds: readonly string[], scheme: PseudonymScheme): Map<string, string> {
  if (scheme.kind === "stable") {
    const codes = respondentIds.map((id) => scheme.codeOf(id));
    // The shortest prefix (from 6 characters) that tells every respondent of the export apart.
    let length = 6;
    while (length < 64 && new Set(codes.map((c) => c.slice(0, length))).size < codes.length) length += 2;
    return new Map(respondentIds.map((id, i) => [id, `R-${codes[i]!.slice(0, length)}`]));
  }
  const order = [...respondentIds];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(scheme.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return new Map(order.map((id, i) => [id, `R${i + 1}`]));
}

const byCode = new Intl.Collator("en", { numeric: true });

/**
 * The raw answers of an assessment for export, one row per respondent and question, ordered by
 * the respondents' codes, then the questionnaire's order. A respondent's function is given only
 * where the function grouping of the results names it (every function named has at least the
 * minimum group size, and the people of the others together number 0 or at least as many), and a comment
 * only on a question at least that many people answered. Null when fewer than the minimum
 * group size have answered at all: then every row would stand for one of a few people.
 */
export function rawAnswersForExport(input: {
  version: QuestionnaireVersion;
  people: readonly { id: string; function: RespondentFunction }[];
  answers: readonly (StoredAnswerView & { respondentId: string })[];
  minimumGroupSize: number;
  scheme: PseudonymScheme;
}): RawAnswer[] | null {
  const minimum = effectiveMinimum(input.minimumGroupSize);
  const answering = new Set(input.answers.filter((a) => a.choice !== null).map((a) => a.respondentId));
  const people = input.people.filter((p) => answering.has(p.id));
  if (people.length < minimum) return null;
  const counts = new Map<RespondentFunction, number>();
  for (const p of people) counts.set(p.function, (counts.get(p.function) ?? 0) + 1);
  const shownFunctions = new Set(groupFunctions(counts, minimum).named);
  const functionOf = new Map(people.map((p) => [p.id, shownFunctions.has(p.function) ? p.function : null]));
  const codes = assignPseudonyms(
    people.map((p) => p.id),
    input.scheme,
  );
  const answeredBy = new Map<string, number>();
  for (const a of input.answers) if (a.choice !== null && functionOf.has(a.respondentId)) answeredBy.set(a.questionId, (answeredBy.get(a.questionId) ?? 0) + 1);
  const dimensionOf = new Map(input.version.questions.map((q) => [q.id, q.dimension]));
  const order = new Map(input.version.questions.map((q, i) => [q.id, i]));
  return input.answers
    .filter((a) => functionOf.has(a.respondentId))
    .map((a) => ({
      respondent: codes.get(a.respondentId)!,
      function: functionOf.get(a.respondentId)!,
      dimension: dimensionOf.get(a.questionId) ?? "",
      question: a.questionId,
      choice: a.choice,
      level: a.choice === "level" ? a.level : null,
      comment: (answeredBy.get(a.questionId) ?? 0) >= minimum ? a.comment : null,
    }))
    .sort((a, b) => byCode.compare(a.respondent, b.respondent) || (order.get(a.question) ?? 0) - (order.get(b.question) ?? 0));
}
