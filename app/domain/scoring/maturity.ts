// The index and gap rules on their own, without the scoring engine's input schemas, so that the
// roadmap (and the pages that import it) can use them without loading zod.
import { compareNumbers, roundTo, weightedMean } from "./statistics.ts";

export interface GapEntry {
  dimensionId: string;
  score: number;
  target: number;
  gap: number;
  priority: number;
  rank: number;
}

/**
 * The maturity index: the weighted mean of the scored dimensions, kept within their range, to
 * one decimal; null when no dimension is scored.
 */
export function maturityIndex(scored: readonly { value: number; weight: number }[]): number | null {
  return scored.length > 0 ? roundTo(weightedMean(scored), 1) : null;
}

/**
 * The gaps of scored dimensions against their targets (never below 0), ranked by priority
 * (gap × weight), equal priorities in the order given.
 */
export function rankGaps(scored: readonly { dimensionId: string; score: number; target: number; weight: number }[]): GapEntry[] {
  return scored
    .map((d, order) => {
      const gap = Math.max(0, d.target - d.score);
      return { entry: { dimensionId: d.dimensionId, score: d.score, target: d.target, gap, priority: gap * d.weight, rank: 0 }, order };
    })
    .sort((a, b) => compareNumbers(b.entry.priority, a.entry.priority) || a.order - b.order)
    .map(({ entry }, i) => ({ ...entry, rank: i + 1 }));
}
