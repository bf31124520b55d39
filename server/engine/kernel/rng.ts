// Seeded PRNG (sfc32, 128-bit state). Its state is plain numbers so it can live inside the engine
// state, be hashed, and be restored; no Math.random anywhere in the engine.
import type { Rng } from './ports.ts';

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

export function createRng(seed: number, state?: readonly number[]): Rng {
  let a: number, b: number, c: number, d: number;
  if (state && state.length === 4) {
    [a, b, c, d] = state as [number, number, number, number];
  } else {
    const sm = splitmix32(seed >>> 0);
    a = sm(); b = sm(); c = sm(); d = sm();
    for (let i = 0; i < 12; i++) nextU32(); // warm up
  }

  function nextU32(): number {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }

  const next = (): number => nextU32() / 4294967296;

  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    exp: (mean) => -mean * Math.log(1 - next()),
    normal() {
      // Box-Muller without caching the second value, so the state words alone define the stream.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) { k++; p *= next(); }
      return k;
    },
    getState: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
  };
  return rng;
}
