export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Sample variance (n − 1); 0 for a single value, which cannot disagree with itself. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1);
}

/**
 * Within-group agreement rwg against a uniform null on a 5-point scale, whose expected
 * variance is (5² − 1) / 12 = 2; truncated to [0, 1].
 */
export function rwgUniform(values: readonly number[]): number {
  return Math.min(1, Math.max(0, 1 - sampleVariance(values) / 2));
}

/** Kept within the values' range, which float rounding could otherwise leave by one ulp. */
export function weightedMean(items: readonly { value: number; weight: number }[]): number {
  const totalWeight = items.reduce((sum, item) => sum + item.weight, 0);
  const raw = items.reduce((sum, item) => sum + item.value * item.weight, 0) / totalWeight;
  const values = items.map((item) => item.value);
  return Math.min(Math.max(raw, Math.min(...values)), Math.max(...values));
}

/**
 * Compares two computed numbers, treating differences below float noise as ties, so equal
 * values reached by summing in another order still sort the same way.
 */
export function compareNumbers(a: number, b: number): number {
  return Math.abs(a - b) < 1e-9 ? 0 : a - b;
}

/** Rounds to `decimals`, immune to the noise that puts a true 3.25 at 3.2499999999999996. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor + 1e-9) / factor;
}
