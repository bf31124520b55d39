// Percentiles over samples of durations. Response-time standards (NFPA 1710/1225, 建标152) are stated
// "at the 90th percentile"; fire-data tools compute that by nearest rank (a value that really
// occurred), so nearest rank is the default here and linear interpolation is available for charts.

export type PercentileMethod = 'nearest-rank' | 'linear';

/** Ascending numeric copy (Array#sort compares strings by default). */
export function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * The p-th percentile (p in 0..100) of values already sorted ascending; undefined for no values.
 * - nearest-rank: the smallest value with at least p % of the samples at or below it (rank ⌈p/100·n⌉).
 * - linear: interpolates between closest ranks (Excel PERCENTILE.INC, numpy's default).
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number, method: PercentileMethod = 'nearest-rank'): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (method === 'nearest-rank') {
    const rank = Math.max(1, Math.ceil((p / 100) * n));
    return sorted[rank - 1];
  }
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

/** The p-th percentile (0..100) of unsorted values; undefined for no values. */
export function percentile(values: readonly number[], p: number, method: PercentileMethod = 'nearest-rank'): number | undefined {
  return percentileOfSorted(sortedAscending(values), p, method);
}

export const p50 = (values: readonly number[], method?: PercentileMethod): number | undefined => percentile(values, 50, method);
export const p90 = (values: readonly number[], method?: PercentileMethod): number | undefined => percentile(values, 90, method);
export const p99 = (values: readonly number[], method?: PercentileMethod): number | undefined => percentile(values, 99, method);

export interface Distribution {
  count: number;
  /** null (not undefined) when there are no samples, so JSON output keeps the key. */
  mean: number | null;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/** Count, mean, min, p50, p90, p99 and max of values in one sort. */
export function describe(values: readonly number[], method: PercentileMethod = 'nearest-rank'): Distribution {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  if (n === 0) return { count: 0, mean: null, min: null, p50: null, p90: null, p99: null, max: null };
  let sum = 0;
  for (const v of s) sum += v;
  return {
    count: n,
    mean: sum / n,
    min: s[0]!,
    p50: percentileOfSorted(s, 50, method)!,
    p90: percentileOfSorted(s, 90, method)!,
    p99: percentileOfSorted(s, 99, method)!,
    max: s[n - 1]!,
  };
}
