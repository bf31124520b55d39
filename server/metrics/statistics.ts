// Estimates over replications: mean, sample standard deviation and a 95 % confidence interval from
// Student's t, for one metric (one value per replication) or for the paired difference of two
// configurations run on the same seeds. The t quantile is computed from the t distribution itself
// (regularised incomplete beta, inverted by bisection), not read from a short table, so any number of
// replications gets its exact interval.

/** One metric over n replications. sd and ci95 are null below two replications. */
export interface Estimate {
  mean: number | null;
  sd: number | null;
  ci95: [number, number] | null;
  n: number;
}

/** A paired difference (variant − baseline, replication by replication on the same seed). */
export interface Difference extends Estimate {
  /** The 95 % interval excludes 0. */
  significant: boolean;
}

// ---- special functions ------------------------------------------------------------------------

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with df degrees of freedom (p in (0, 1)), by bisection on the cdf. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be within (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// ---- estimates --------------------------------------------------------------------------------

const tCache = new Map<number, number>();
/** t_{0.975, df}: the half-width factor of a two-sided 95 % interval. */
export function t975(df: number): number {
  let v = tCache.get(df);
  if (v === undefined) tCache.set(df, (v = studentTQuantile(0.975, df)));
  return v;
}

/** Mean, sample sd (n − 1) and the 95 % Student-t interval of the mean. Non-finite values are skipped. */
export function estimate(values: readonly (number | null | undefined)[]): Estimate {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: null, sd: null, ci95: null, n: 0 };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n < 2) return { mean, sd: null, ci95: null, n };
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = (t975(n - 1) * sd) / Math.sqrt(n);
  return { mean, sd, ci95: [mean - half, mean + half], n };
}

/**
 * Paired difference variant − baseline over replications run on the same seeds (index i of both
 * arrays is the same seed). Pairs with a missing value on either side are left out.
 */
export function pairedDifference(baseline: readonly (number | null | undefined)[], variant: readonly (number | null | undefined)[]): Difference {
  if (baseline.length !== variant.length) throw new RangeError(`paired samples differ in length: ${baseline.length} and ${variant.length}`);
  const diffs: number[] = [];
  for (let i = 0; i < baseline.length; i++) {
    const a = baseline[i];
    const b = variant[i];
    if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) diffs.push(b - a);
  }
  const e = estimate(diffs);
  return { ...e, significant: e.ci95 !== null && (e.ci95[0] > 0 || e.ci95[1] < 0) };
}

/**
 * Unpaired (Welch) difference of means variant − baseline: what the same comparison costs without
 * common seeds. Degrees of freedom by Welch–Satterthwaite.
 */
export function unpairedDifference(baseline: readonly number[], variant: readonly number[]): Difference {
  const a = estimate(baseline);
  const b = estimate(variant);
  if (a.mean === null || b.mean === null) return { mean: null, sd: null, ci95: null, n: 0, significant: false };
  const mean = b.mean - a.mean;
  if (a.sd === null || b.sd === null) return { mean, sd: null, ci95: null, n: a.n + b.n, significant: false };
  const va = a.sd ** 2 / a.n;
  const vb = b.sd ** 2 / b.n;
  const se = Math.sqrt(va + vb);
  const df = se === 0 ? a.n + b.n - 2 : (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = t975(df) * se;
  return { mean, sd: se, ci95: [mean - half, mean + half], n: a.n + b.n, significant: mean - half > 0 || mean + half < 0 };
}

/** Half the width of a 95 % interval (0 when there is none). */
export const halfWidth = (e: Estimate): number => (e.ci95 ? (e.ci95[1] - e.ci95[0]) / 2 : 0);
