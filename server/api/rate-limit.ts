// Join attempts per client address: at most `maxFailures` wrong codes per window, after which every
// attempt from that address is refused until the window has passed, and at most `maxAttempts`
// attempts of any kind (a right code included) per window. Fixed windows, in memory: enough for one
// machine, and a wrong guess costs the guesser a whole window.

export interface JoinRateLimitOptions {
  windowMs?: number;
  maxFailures?: number;
  maxAttempts?: number;
}

interface Window { start: number; attempts: number; failures: number }

export interface JoinRateLimiter {
  /** Counts an attempt; returns the ms to wait when the address is over its budget, else 0. */
  attempt(address: string): number;
  /** Like attempt, without counting it (a code sent with each REST request is not a new join). */
  check(address: string): number;
  /** Records that the attempt just counted used a wrong code. */
  failed(address: string): void;
}

export function createJoinRateLimiter(opts: JoinRateLimitOptions = {}, clock: () => number = Date.now): JoinRateLimiter {
  const windowMs = opts.windowMs ?? 60_000;
  const maxFailures = opts.maxFailures ?? 10;
  const maxAttempts = opts.maxAttempts ?? 300;
  const windows = new Map<string, Window>();
  const current = (address: string): Window => {
    const t = clock();
    let w = windows.get(address);
    if (!w || t - w.start >= windowMs) {
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
      w = { start: t, attempts: 0, failures: 0 };
      windows.set(address, w);
    }
    return w;
  };
  return {
    attempt(address) {
      const w = current(address);
      if (w.failures >= maxFailures || w.attempts >= maxAttempts) return Math.max(1, w.start + windowMs - clock());
      w.attempts++;
      return 0;
    },
    check(address) {
      const w = current(address);
      return w.failures >= maxFailures ? Math.max(1, w.start + windowMs - clock()) : 0;
    },
    failed(address) {
      current(address).failures++;
    },
  };
}
