// Join attempts (a code typed at the board, or sent with a REST request), limited so that codes
// cannot be guessed in bulk while a right code is never locked out:
//  - per address: after `maxFailures` wrong codes in a window, the address is slowed: one attempt is
//    checked per `slowMs`, attempts in between are refused unchecked (so guessing runs at most
//    1/slowMs), and a right code gets through on its next checked attempt (at most slowMs later);
//  - everywhere: after `maxGlobalFailures` wrong codes in a window from all addresses together
//    (guesses spread over many addresses), every address is slowed the same way;
//  - per address, at most `maxAttempts` attempts of any kind per window.
// Fixed windows, in memory (enough for one machine), on an injected clock (tests step it).

export interface JoinRateLimitOptions {
  windowMs?: number;
  maxFailures?: number;
  maxGlobalFailures?: number;
  maxAttempts?: number;
  /** While slowed: one checked attempt per this many ms. */
  slowMs?: number;
}

interface Window { start: number; attempts: number; failures: number; lastChecked: number }

export interface JoinRateLimiter {
  /** Counts an attempt; returns the ms to wait (the code must not be checked), else 0. */
  attempt(address: string): number;
  /** Like attempt, without counting it toward maxAttempts (a code sent with each REST request is not a new join). */
  check(address: string): number;
  /** Records that the attempt just admitted used a wrong code. */
  failed(address: string): void;
}

export function createJoinRateLimiter(opts: JoinRateLimitOptions = {}, clock: () => number = Date.now): JoinRateLimiter {
  const windowMs = opts.windowMs ?? 60_000;
  const maxFailures = opts.maxFailures ?? 10;
  const maxGlobalFailures = opts.maxGlobalFailures ?? 100;
  const maxAttempts = opts.maxAttempts ?? 300;
  const slowMs = opts.slowMs ?? 1000;
  const windows = new Map<string, Window>();
  let global = { start: clock(), failures: 0 };

  const current = (address: string): Window => {
    const t = clock();
    if (t - global.start >= windowMs) global = { start: t, failures: 0 };
    let w = windows.get(address);
    if (!w || t - w.start >= windowMs) {
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
      w = { start: t, attempts: 0, failures: 0, lastChecked: -Infinity };
      windows.set(address, w);
    }
    return w;
  };

  const admit = (address: string, counted: boolean): number => {
    const w = current(address);
    const t = clock();
    if (counted && w.attempts >= maxAttempts) return Math.max(1, w.start + windowMs - t);
    const slowed = w.failures >= maxFailures || global.failures >= maxGlobalFailures;
    if (slowed && t - w.lastChecked < slowMs) return Math.max(1, w.lastChecked + slowMs - t);
    w.lastChecked = t;
    if (counted) w.attempts++;
    return 0;
  };

  return {
    attempt: (address) => admit(address, true),
    check: (address) => admit(address, false),
    failed(address) {
      current(address).failures++;
      global.failures++;
    },
  };
}
