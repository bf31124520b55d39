// Seeded PRNG (sfc32, 128-bit state). Its state is plain numbers so it can live inside the engine
// state, be hashed, and be restored; no Math.random anywhere in the engine.
// Common random numbers: every purpose draws from its own stream, seeded by a hash of (seed,
// purpose, id) (`deriveRng`), so a change that makes one purpose draw more or less (another station,
// another run card) leaves every other purpose's numbers where they were.
import type { Rng } from './ports.ts';

/** cyrb128: a 128-bit string hash (four 32-bit words), well mixed for seeding. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * The stream of one purpose (and one thing, e.g. an incident id) under a run's seed: the same
 * (seed, purpose, id) always gives the same numbers, different ones independent streams.
 */
export function deriveRng(seed: number, purpose: string, id = ''): Rng {
  const words = cyrb128(`${seed >>> 0}\u0000${purpose}\u0000${id}`);
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[3] = 1; // sfc32 needs a non-zero state
  const rng = createRng(0, words);
  for (let i = 0; i < 12; i++) rng.next(); // warm up, as a seeded stream does
  return rng;
}

/** The engine's stream purposes (models may add their own names). */
export const STREAM = {
  /** When and where background calls ring, and what they are: one stream for the whole run. */
  backgroundArrivals: 'background-arrivals',
  /** A call's hidden truth and what the caller reports: one stream per call (its place in its source, or its incident id). */
  callDetails: 'call-details',
  /** How long a call rings before it is answered: one stream per call. */
  answerTime: 'answer-time',
  /** How long the automatic centre takes to process an answered call: one stream per call. */
  processTime: 'process-time',
  /** Reserved for models of how incidents and hazards evolve (none draws yet). */
  evolution: 'evolution',
} as const;

/** Checks PRNG state words read from a snapshot. */
export function isRngState(words: unknown): words is number[] {
  return Array.isArray(words) && words.length === 4 && words.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32);
}

/** splitmix32: spreads a small integer seed over the four state words. */
function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 as a class: one object per stream and no closures (streams are derived per call). */
class Sfc32 implements Rng {
  constructor(private a: number, private b: number, private c: number, private d: number) {}

  private nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number { return this.nextU32() / 4294967296; }
  int(n: number): number { return Math.floor(this.next() * n); }
  exp(mean: number): number { return -mean * Math.log(1 - this.next()); }
  normal(): number {
    // Box-Muller without caching the second value, so the state words alone define the stream.
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  logNormal(median: number, sigma: number): number { return median * Math.exp(sigma * this.normal()); }
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) { k++; p *= this.next(); }
    return k;
  }
  getState(): number[] { return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0]; }
}

export function createRng(seed: number, state?: readonly number[]): Rng {
  if (state && state.length === 4) return new Sfc32(state[0]!, state[1]!, state[2]!, state[3]!);
  const sm = splitmix32(seed >>> 0);
  const rng = new Sfc32(sm(), sm(), sm(), sm());
  for (let i = 0; i < 12; i++) rng.next(); // warm up
  return rng;
}
