// The join rate limiter on a stepped clock: wrong codes slow an address down (one checked attempt a
// second) without locking out a right code; guesses spread over many addresses slow everyone the
// same way; the window passing lifts it.
import { describe, expect, it } from 'vitest';
import { createJoinRateLimiter } from '../../server/api/rate-limit.ts';

function limiterAt(opts: Parameters<typeof createJoinRateLimiter>[0] = {}) {
  const clock = { t: 1_000_000 };
  return { clock, limiter: createJoinRateLimiter({ windowMs: 60_000, maxFailures: 10, maxGlobalFailures: 50, slowMs: 1000, ...opts }, () => clock.t) };
}

/** A guess: admitted (then wrong) or refused unchecked. */
const guess = (l: ReturnType<typeof createJoinRateLimiter>, address: string): 'checked' | 'refused' => {
  if (l.attempt(address) > 0) return 'refused';
  l.failed(address);
  return 'checked';
};

describe('join rate limit', () => {
  it('ten wrong codes slow the address to one checked attempt a second; a right code still gets in', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 10; i++) expect(guess(limiter, '10.0.0.1')).toBe('checked');
    // Slowed: the next attempt right away is refused unchecked, and says how long to wait.
    expect(limiter.attempt('10.0.0.1')).toBe(1000);
    clock.t += 400;
    expect(limiter.attempt('10.0.0.1')).toBe(600);
    // The guesser cannot use up the right code's turn: a second later it is checked (and right).
    clock.t += 600;
    expect(limiter.attempt('10.0.0.1')).toBe(0);
    // Guessing runs at one a second at most: 30 tries over 30 s, one every 100 ms, get 30 checks.
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      clock.t += 100;
      if (guess(limiter, '10.0.0.1') === 'checked') checked++;
    }
    expect(checked).toBe(30);
    // Another address is not held back by this one.
    expect(limiter.attempt('10.0.0.2')).toBe(0);
  });

  it('guesses spread over many addresses slow every address once the total passes its budget', () => {
    const { clock, limiter } = limiterAt();
    for (let a = 0; a < 50; a++) expect(guess(limiter, `127.0.0.${a + 2}`)).toBe('checked');
    // Each address has one wrong code only, but the total is 50: everyone is slowed.
    expect(guess(limiter, '127.0.0.200')).toBe('checked'); // its first attempt in this second
    expect(limiter.attempt('127.0.0.200')).toBe(1000);
    clock.t += 1000;
    expect(limiter.attempt('127.0.0.200')).toBe(0);
    // The window passes: back to normal.
    clock.t += 60_000;
    for (let i = 0; i < 5; i++) expect(limiter.attempt('127.0.0.200')).toBe(0);
  });

  it('counts attempts of any kind: at most maxAttempts a window per address', () => {
    const { clock, limiter } = limiterAt({ maxAttempts: 3 });
    for (let i = 0; i < 3; i++) expect(limiter.attempt('10.0.0.9')).toBe(0);
    expect(limiter.attempt('10.0.0.9')).toBe(60_000);
    expect(limiter.check('10.0.0.9')).toBe(0); // a REST request with its code is not a new join
    clock.t += 60_000;
    expect(limiter.attempt('10.0.0.9')).toBe(0);
  });
});
