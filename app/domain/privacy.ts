import { privacyMessages } from "../messages/privacy.ts";
import { RESPONDENT_FUNCTION_LABELS, RESPONDENT_FUNCTION_SHORT_LABELS, RESPONDENT_FUNCTIONS, type RespondentFunction } from "./respondents.ts";

/**
 * Respondent privacy (docs/decisions/0017-respondent-privacy.md): no figure is shown over fewer
 * people than an organization's minimum group size, which may be raised but never set below
 * this floor, and no hidden group can be worked out by subtracting shown figures.
 */
export const MINIMUM_GROUP_SIZE_FLOOR = 3;
export const MINIMUM_GROUP_SIZE_CEILING = 50;

/** The group of respondents whose functions are each too small to show alone. */
export const OTHER_FUNCTIONS = "other_functions";
export type FunctionGroupId = RespondentFunction | typeof OTHER_FUNCTIONS;

export const FUNCTION_GROUP_LABELS: Record<FunctionGroupId, string> = { ...RESPONDENT_FUNCTION_LABELS, [OTHER_FUNCTIONS]: privacyMessages.otherFunctions };
export const FUNCTION_GROUP_SHORT_LABELS: Record<FunctionGroupId, string> = { ...RESPONDENT_FUNCTION_SHORT_LABELS, [OTHER_FUNCTIONS]: privacyMessages.otherFunctionsShort };

/** The minimum group size the rules apply: an organization's setting, never below the floor. */
export function effectiveMinimum(minimumGroupSize: number | undefined): number {
  return Math.max(MINIMUM_GROUP_SIZE_FLOOR, Math.floor(minimumGroupSize ?? MINIMUM_GROUP_SIZE_FLOOR));
}

export interface FunctionGrouping {
  /** Functions shown as their own group, largest first. */
  named: RespondentFunction[];
  /** Functions whose people are counted together as "Other functions" (empty when none). */
  combined: RespondentFunction[];
}

const functionOrder = new Map(RESPONDENT_FUNCTIONS.map((f, i) => [f, i]));
const bySizeThenOrder = (counts: ReadonlyMap<RespondentFunction, number>) => (a: RespondentFunction, b: RespondentFunction) =>
  counts.get(b)! - counts.get(a)! || functionOrder.get(a)! - functionOrder.get(b)!;

/**
 * How respondents may be broken down by function: every shown group has at least `minimum`
 * people, and the people combined into "Other functions" number 0 or at least `minimum`,
 * because the total minus the named groups would otherwise reveal them. While the combined
 * group is too small, the smallest named group joins it. The people of the function "other"
 * are always combined. With fewer than two groups left, a breakdown would only repeat the
 * total (see `isBreakdown`).
 */
export function groupFunctions(counts: ReadonlyMap<RespondentFunction, number>, minimum: number): FunctionGrouping {
  const present = [...counts.keys()].filter((f) => counts.get(f)! > 0).sort(bySizeThenOrder(counts));
  const named = present.filter((f) => f !== "other" && counts.get(f)! >= minimum);
  const combined = present.filter((f) => !named.includes(f));
  let combinedCount = combined.reduce((sum, f) => sum + counts.get(f)!, 0);
  while (combinedCount > 0 && combinedCount < minimum && named.length > 0) {
    const smallest = named.pop()!;
    combined.push(smallest);
    combinedCount += counts.get(smallest)!;
  }
  return { named, combined: combined.sort((a, b) => functionOrder.get(a)! - functionOrder.get(b)!) };
}

/** Whether a grouping breaks respondents down at all: two groups or more. */
export function isBreakdown(grouping: FunctionGrouping): boolean {
  return grouping.named.length + (grouping.combined.length > 0 ? 1 : 0) >= 2;
}

export type Withheld = "too_few" | "complementary";

/**
 * Which of one dimension's group cells may show a figure. `counted[i]` is how many people of
 * group i count for the dimension; the groups together hold everyone. A cell needs at least
 * `minimum` people, and the people in hidden cells must together number 0 or at least
 * `minimum`, so that the dimension's total minus the shown cells reveals nothing: while they
 * are too few, the smallest shown cell is hidden too.
 */
export function cellsToShow(counted: readonly number[], minimum: number): (Withheld | null)[] {
  const withheld: (Withheld | null)[] = counted.map((n) => (n < minimum ? "too_few" : null));
  let hidden = counted.reduce((sum, n, i) => sum + (withheld[i] ? n : 0), 0);
  while (hidden > 0 && hidden < minimum) {
    let smallest = -1;
    counted.forEach((n, i) => {
      if (withheld[i] === null && (smallest < 0 || n < counted[smallest]!)) smallest = i;
    });
    if (smallest < 0) break;
    withheld[smallest] = "complementary";
    hidden += counted[smallest]!;
  }
  return withheld;
}
