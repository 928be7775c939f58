// An attacker's checks on everything an assessment's results put out (ADR 0017), written apart
// from the code under test: it recomputes by hand who counts where, and fails when any shown
// figure is over fewer people than the minimum group size, or when subtracting shown figures
// would give one that is.
import { expect } from "vitest";
import type { QuestionnaireVersion } from "#app/domain/questionnaire/schema.ts";
import { RESPONDENT_FUNCTION_LABELS, RESPONDENT_FUNCTION_SHORT_LABELS, RESPONDENT_FUNCTIONS, type RespondentFunction } from "#app/domain/respondents.ts";

export interface StoredAnswer {
  questionId: string;
  choice: "level" | "dont_know" | "not_applicable" | null;
  level: number | null;
  comment: string | null;
}

export interface AssessmentData {
  version: QuestionnaireVersion;
  respondents: { id: string; function: RespondentFunction; answers: StoredAnswer[] }[];
  minimumGroupSize: number;
}

/** Respondents with at least one answer (a level, "don't know" or "not applicable"): those the results count. */
export const answering = (data: AssessmentData) => data.respondents.filter((r) => r.answers.some((a) => a.choice !== null));

/** A respondent's score on a dimension, by the questionnaire's rule: a weighted mean of the levels, counted from the coverage threshold on. */
function dimensionScore(version: QuestionnaireVersion, dimensionId: string, answers: readonly StoredAnswer[]) {
  const questions = version.questions.filter((q) => q.dimension === dimensionId);
  let sum = 0;
  let weights = 0;
  let items = 0;
  for (const q of questions) {
    const a = answers.find((x) => x.questionId === q.id);
    if (a?.choice === "level" && a.level !== null) {
      sum += a.level * q.weight;
      weights += q.weight;
      items += 1;
    }
  }
  const counted = items > 0 && items / questions.length >= version.scoring.minimumCoverage;
  return counted ? sum / weights : null;
}

const scoresOf = (data: AssessmentData, people: AssessmentData["respondents"], dimensionId: string) =>
  people.map((r) => dimensionScore(data.version, dimensionId, r.answers)).filter((s): s is number => s !== null);
const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

const GROUP_LABELS = new Map<string, RespondentFunction | "other_functions">([
  ...RESPONDENT_FUNCTIONS.map((f) => [RESPONDENT_FUNCTION_LABELS[f], f] as const),
  ...RESPONDENT_FUNCTIONS.map((f) => [RESPONDENT_FUNCTION_SHORT_LABELS[f], f] as const),
  ["Other functions", "other_functions"],
  ["Others", "other_functions"],
]);

function keysDeep(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, keys));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      keysDeep(v, keys);
    }
  }
  return keys;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the card is checked as it is sent: JSON
type Json = any;

/**
 * The scorecard as the JSON export and the API send it: every total and group cell shown is
 * over at least m counted people and equals their mean, the groups hold at least m people each
 * and everyone between them, and per dimension the people in hidden cells number 0 or ≥ m.
 */
export function expectScorecardPrivate(card: Json, data: AssessmentData) {
  const m = data.minimumGroupSize;
  const people = answering(data);
  expect(card.minimumGroupSize).toBe(m);
  expect(card.respondentCount).toBe(people.length);
  const keys = keysDeep(card);
  for (const key of ["min", "max", "respondentId", "name", "email"]) expect(keys.has(key), `the scorecard carries "${key}"`).toBe(false);

  for (const d of data.version.dimensions) {
    const scores = scoresOf(data, people, d.id);
    const shown = card.dimensions.find((x: Json) => x.dimensionId === d.id);
    expect(shown.n).toBe(scores.length);
    if (scores.length < m) {
      for (const field of ["mean", "median", "sd", "rwg", "consensus", "coverage"]) expect(shown[field], `${d.id}.${field} over ${scores.length}`).toBeNull();
    } else {
      // Not over-hiding: a total over m or more people is shown.
      expect(shown.mean).toBeCloseTo(average(scores), 9);
    }
  }

  const groups: Json[] = card.byFunction;
  if (groups.length === 0) return;
  expect(groups.length).toBeGreaterThanOrEqual(2);
  const covered = groups.flatMap((g) => g.functions as RespondentFunction[]);
  expect(new Set(covered).size).toBe(covered.length);
  expect(new Set(covered)).toEqual(new Set(people.map((p) => p.function)));
  const members = groups.map((g) => people.filter((p) => g.functions.includes(p.function)));
  members.forEach((list, i) => {
    expect(groups[i].respondentCount).toBe(list.length);
    expect(list.length, `group ${groups[i].group}`).toBeGreaterThanOrEqual(m);
  });
  for (const d of data.version.dimensions) {
    const total = scoresOf(data, people, d.id).length;
    let shownCounted = 0;
    groups.forEach((g, i) => {
      const cell = g.dimensions.find((x: Json) => x.dimensionId === d.id);
      const scores = scoresOf(data, members[i]!, d.id);
      if (cell.mean === null) {
        for (const field of ["median", "sd", "rwg", "consensus", "coverage"]) expect(cell[field]).toBeNull();
        return;
      }
      expect(scores.length, `${g.group} on ${d.id}`).toBeGreaterThanOrEqual(m);
      expect(cell.mean).toBeCloseTo(average(scores), 9);
      shownCounted += scores.length;
    });
    // With the total shown, the total minus the shown groups is the hidden groups' figure.
    const hidden = total - shownCounted;
    if (total >= m) expect(hidden === 0 || hidden >= m, `${d.id}: total ${total} minus the shown groups leaves ${hidden}`).toBe(true);
  }
}

/** The results page's numbers: the scorecard's, with group labels naming groups of m or more. */
export function expectResultsViewPrivate(view: Json, card: Json, data: AssessmentData) {
  const m = data.minimumGroupSize;
  expect(view.respondentCount).toBe(answering(data).length);
  view.dimensions.forEach((row: Json, i: number) => {
    expect(row.score).toBe(card.dimensions[i].mean);
    expect(row.sd).toBe(card.dimensions[i].sd);
  });
  expect(view.functions).toHaveLength(card.byFunction.length);
  view.functions.forEach((f: Json, i: number) => {
    const [, label, count] = /^(.+) \((\d+)\)$/.exec(f.label)!;
    expect(GROUP_LABELS.get(label!)).toBe(card.byFunction[i].group);
    expect(Number(count)).toBeGreaterThanOrEqual(m);
    expect(f.scores).toEqual(card.byFunction[i].dimensions.map((d: Json) => d.mean));
  });
  const shownCells = card.byFunction.flatMap((g: Json) => g.dimensions.map((d: Json) => d.mean)).filter((v: number | null) => v !== null);
  for (const p of view.perception) {
    for (const side of [p.low, p.high]) expect(shownCells.map((v: number) => v.toFixed(1))).toContain(/(\d\.\d)$/.exec(side)![1]);
  }
  expectGroupLabelsPrivate(JSON.stringify(view), m);
}

/** No label of a group of fewer than m people, such as "Finance (1)", anywhere in the text. */
export function expectGroupLabelsPrivate(text: string, m: number) {
  for (const label of GROUP_LABELS.keys()) {
    for (const match of text.matchAll(new RegExp(`${label.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} \\((\\d+)\\)`, "g"))) {
      expect(Number(match[1]), `"${match[0]}"`).toBeGreaterThanOrEqual(m);
    }
  }
}

/** A dimension's questions: a distribution or comments only where m or more answered, comments in alphabetical order. */
export function expectDistributionsPrivate(questions: Json[], data: AssessmentData) {
  const m = data.minimumGroupSize;
  for (const q of questions) {
    // A comment left without an answer still comes from one of the people who reached the question.
    const rows = data.respondents.flatMap((r) => r.answers.filter((a) => a.questionId === q.questionId));
    const answered = rows.filter((a) => a.choice !== null);
    if (answered.length < m) {
      expect(q.levels, q.questionId).toBeNull();
      expect(q.mean).toBeNull();
      expect(q.dontKnow ?? null).toBeNull();
      expect(q.comments).toEqual([]);
      continue;
    }
    expect(q.levels).toEqual([1, 2, 3, 4, 5].map((level) => answered.filter((a) => a.choice === "level" && a.level === level).length));
    const written = rows.map((a) => a.comment?.trim() ?? "").filter((c) => c.length > 0);
    expect([...q.comments].sort()).toEqual([...written].sort());
    expect(q.comments).toEqual([...q.comments].sort(new Intl.Collator("en").compare));
  }
}

/**
 * Text the results put out (explanations, the PDF): every decimal number in it is a figure of
 * the checked scorecard (or a difference of two shown group figures), a weight or threshold of
 * the questionnaire, never anything else, such as one person's score.
 */
export function expectTextPrivate(text: string, card: Json, data: AssessmentData, extra: number[] = []) {
  const allowed = new Set<string>();
  const add = (v: number) => {
    for (const digits of [0, 1, 2]) allowed.add(v.toFixed(digits));
    allowed.add(String(v));
  };
  const walk = (value: unknown) => {
    if (typeof value === "number") add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(card);
  for (const g of card.byFunction) {
    for (const h of card.byFunction) {
      g.dimensions.forEach((d: Json, i: number) => {
        const e = h.dimensions[i];
        if (d.mean !== null && e.mean !== null) add(Math.abs(d.mean - e.mean));
      });
    }
  }
  const { version } = data;
  [...version.questions.map((q) => q.weight), ...version.dimensions.flatMap((d) => [d.weight, d.target]), version.scoring.minimumCoverage, version.scoring.consensus.threshold, ...extra].forEach(add);
  // Version numbers (1.0.0) and DOIs are not figures.
  const stripped = text.replace(/doi:\S+/g, " ").replace(/\d+\.\d+\.\d+/g, " ");
  for (const [number] of stripped.matchAll(/\d+\.\d+/g)) {
    expect(allowed.has(number), `"${number}" in: …${stripped.slice(Math.max(0, stripped.indexOf(number) - 80), stripped.indexOf(number) + 20)}…`).toBe(true);
  }
  expectGroupLabelsPrivate(text, data.minimumGroupSize);
}

/**
 * Raw answers (the CSV's rows, the API's data): refused below m people answering; otherwise one
 * code per person, a function only where m or more share it and the people without one number 0
 * or ≥ m, a comment only on a question m or more answered, and the answers themselves intact.
 */
export function expectRawAnswersPrivate(rows: Json[] | null, data: AssessmentData) {
  const m = data.minimumGroupSize;
  const people = answering(data);
  if (people.length < m) {
    expect(rows).toBeNull();
    return;
  }
  expect(rows).not.toBeNull();
  const byCode = new Map<string, Json[]>();
  for (const row of rows!) byCode.set(row.respondent, [...(byCode.get(row.respondent) ?? []), row]);
  expect(byCode.size).toBe(people.length);
  const signature = (answers: { question?: string; questionId?: string; choice: string | null; level: number | null }[]) =>
    answers.map((a) => `${a.question ?? a.questionId}:${a.choice}:${a.level ?? ""}`).sort().join("|");
  expect([...byCode.values()].map((list) => signature(list)).sort()).toEqual(people.map((p) => signature(p.answers)).sort());
  const functionOfCode = new Map([...byCode].map(([code, list]) => {
    expect(new Set(list.map((r) => r.function)).size).toBe(1);
    return [code, list[0].function as RespondentFunction | null];
  }));
  const counts = new Map<RespondentFunction | null, number>();
  for (const f of functionOfCode.values()) counts.set(f, (counts.get(f) ?? 0) + 1);
  for (const [f, n] of counts) {
    if (f === null) expect(n >= m, `${n} people without a function`).toBe(true);
    else {
      expect(n, f).toBe(people.filter((p) => p.function === f).length);
      expect(n, f).toBeGreaterThanOrEqual(m);
    }
  }
  for (const row of rows!) {
    if (row.comment === null || row.comment === "") continue;
    const answered = people.filter((p) => p.answers.some((a) => a.questionId === row.question && a.choice !== null)).length;
    expect(answered, `comment on ${row.question}`).toBeGreaterThanOrEqual(m);
  }
}
