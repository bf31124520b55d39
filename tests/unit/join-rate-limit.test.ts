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

describe('join: device tokens and repeated codes', () => {
  const CTL = 'AAAA-BBBB-CCCC-DDDD';
  const OBS = 'EEEE-FFFF-GGGG-HHHH';
  const OTHER_CTL = 'JJJJ-KKKK-MMMM-NNNN';
  const codes = new Map([
    [CTL, { exerciseId: 'ex-a', role: 'controller' as const }],
    [OBS, { exerciseId: 'ex-a', role: 'observer' as const }],
    [OTHER_CTL, { exerciseId: 'ex-b', role: 'controller' as const }],
  ]);
  const resolve = (code: string) => codes.get(code.toUpperCase());
  const wrong = (i: number): string => `WWWW-WWWW-WWWW-${String(i).padStart(4, '0')}`;
  /** A limiter whose address 10.0.0.1 is slowed (ten wrong codes), and a token the board got earlier. */
  function slowedWithToken(opts: Parameters<typeof createJoinRateLimiter>[0] = {}) {
    const clock = { t: 1_000_000 };
    const limiter = createJoinRateLimiter({ windowMs: 600_000, maxFailures: 10, maxGlobalFailures: 1000, slowMs: 1000, deviceTokenTtlMs: 60_000, maxDeviceFailures: 3, ...opts }, () => clock.t, 'test-secret');
    const first = limiter.join({ address: '10.0.0.1', code: CTL }, resolve);
    if (first.kind !== 'in') throw new Error('the right code did not get in');
    expect(first.exempt).toBe(false);
    for (let i = 0; i < 10; i++) expect(limiter.join({ address: '10.0.0.1', code: wrong(i) }, resolve).kind).toBe('wrong');
    return { clock, limiter, token: first.deviceToken };
  }

  it('a right code with its device token gets in at once while the address is slowed; without one it waits', () => {
    const { limiter, token } = slowedWithToken();
    // The clock does not move: an untrusted attempt waits its turn (1 s), a trusted one does not.
    expect(limiter.join({ address: '10.0.0.1', code: CTL }, resolve)).toEqual({ kind: 'wait', waitMs: 1000 });
    for (let i = 0; i < 5; i++) {
      const again = limiter.join({ address: '10.0.0.1', code: CTL, deviceToken: token }, resolve);
      expect(again).toMatchObject({ kind: 'in', exempt: true, access: { exerciseId: 'ex-a', role: 'controller' } });
    }
    // Guessers on the address are still slowed.
    expect(limiter.join({ address: '10.0.0.1', code: wrong(50) }, resolve).kind).toBe('wait');
  });

  it('a forged, altered, expired, other-exercise or other-role token gives no exemption', () => {
    const { clock, limiter, token } = slowedWithToken();
    const [payload, sig] = token.split('.') as [string, string];
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherPayload = Buffer.from(JSON.stringify({ ...claim, e: 'ex-b' })).toString('base64url');
    const foreign = createJoinRateLimiter({}, () => clock.t, 'another-server').join({ address: '10.9.9.9', code: CTL }, resolve);
    if (foreign.kind !== 'in') throw new Error('expected in');
    const refused = [
      `${otherPayload}.${sig}`, // payload altered, signature kept
      `${payload}.${sig.slice(0, -2)}AA`, // signature altered
      foreign.deviceToken, // signed by another server's secret
      'not-a-token',
    ];
    for (const deviceToken of refused) expect(limiter.join({ address: '10.0.0.1', code: CTL, deviceToken }, resolve).kind).toBe('wait');
    // A genuine token of ex-a's controller shown with the observer's code or another exercise's code.
    expect(limiter.join({ address: '10.0.0.1', code: OBS, deviceToken: token }, resolve).kind).toBe('wait');
    expect(limiter.join({ address: '10.0.0.1', code: OTHER_CTL, deviceToken: token }, resolve).kind).toBe('wait');
    // Expired: 60 s after it was issued it no longer exempts (the address is still slowed: window 600 s).
    clock.t += 60_000;
    expect(limiter.join({ address: '10.0.0.1', code: CTL, deviceToken: token }, resolve)).toMatchObject({ kind: 'in', exempt: false }); // its checked turn
    expect(limiter.join({ address: '10.0.0.1', code: CTL, deviceToken: token }, resolve).kind).toBe('wait');
  });

  it('wrong codes shown with a token count against the device: after three it no longer exempts', () => {
    const { clock, limiter, token } = slowedWithToken();
    // With the address slowed, a wrong code with a token gets the untrusted answer (wait): no oracle.
    for (let i = 0; i < 3; i++) expect(limiter.join({ address: '10.0.0.1', code: wrong(100 + i), deviceToken: token }, resolve).kind).toBe('wait');
    expect(limiter.join({ address: '10.0.0.1', code: CTL, deviceToken: token }, resolve).kind).toBe('wait');
    // A new right join (its checked turn) hands out a new device id, which is trusted again.
    clock.t += 1000;
    const fresh = limiter.join({ address: '10.0.0.1', code: CTL, deviceToken: token }, resolve);
    if (fresh.kind !== 'in') throw new Error('expected in');
    expect(fresh.exempt).toBe(false);
    expect(limiter.join({ address: '10.0.0.1', code: CTL, deviceToken: fresh.deviceToken }, resolve)).toMatchObject({ kind: 'in', exempt: true });
  });

  it('a right code of another role with a token is no guess (the device keeps its exemption)', () => {
    const { clock, limiter, token } = slowedWithToken();
    for (let i = 0; i < 5; i++) {
      clock.t += 1000; // each gets its checked turn and is let in as untrusted
      expect(limiter.join({ address: '10.0.0.1', code: OBS, deviceToken: token }, resolve)).toMatchObject({ kind: 'in', exempt: false, access: { role: 'observer' } });
    }
    expect(limiter.join({ address: '10.0.0.1', code: CTL, deviceToken: token }, resolve)).toMatchObject({ kind: 'in', exempt: true });
  });

  it('the same wrong code tried again is answered wrong without counting as a new guess', () => {
    const clock = { t: 1_000_000 };
    const limiter = createJoinRateLimiter({ windowMs: 60_000, maxFailures: 10, maxGlobalFailures: 50, slowMs: 1000 }, () => clock.t, 's');
    // A board reconnecting 100 times with one stale code (in any spelling of it) does not slow the address.
    for (let i = 0; i < 100; i++) expect(limiter.join({ address: '10.0.0.1', code: i % 2 ? 'wwww wwww wwww 0001' : 'WWWW-WWWW-WWWW-0001' }, resolve).kind).toBe('wrong');
    expect(limiter.join({ address: '10.0.0.1', code: CTL }, resolve).kind).toBe('in');
    // Distinct wrong codes do count: the stale code counted once, nine more make ten and slow it.
    for (let i = 0; i < 9; i++) expect(limiter.join({ address: '10.0.0.1', code: wrong(200 + i) }, resolve).kind).toBe('wrong');
    expect(limiter.join({ address: '10.0.0.1', code: CTL }, resolve).kind).toBe('wait');
    // A code wrong for one exercise is checked afresh for another (REST names the exercise).
    clock.t += 1000;
    expect(limiter.join({ address: '10.0.0.2', code: OTHER_CTL, exerciseId: 'ex-a' }, resolve).kind).toBe('wrong');
    expect(limiter.join({ address: '10.0.0.2', code: OTHER_CTL, exerciseId: 'ex-b' }, resolve).kind).toBe('in');
    // The memory lapses with the window.
    clock.t += 60_000;
    expect(limiter.join({ address: '10.0.0.3', code: OTHER_CTL, exerciseId: 'ex-a' }, resolve).kind).toBe('wrong');
  });
});
