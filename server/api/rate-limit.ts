// Join attempts (a code typed at the board, or sent with a REST request), limited so that codes
// cannot be guessed in bulk while a right code is never locked out:
//  - per address: after `maxFailures` wrong codes in a window, the address is slowed: one attempt is
//    checked per `slowMs`, attempts in between are refused unchecked (so guessing runs at most
//    1/slowMs), and a right code gets through on its next checked attempt (at most slowMs later);
//  - everywhere: after `maxGlobalFailures` wrong codes in a window from all addresses together
//    (guesses spread over many addresses), every address is slowed the same way;
//  - per address, at most `maxAttempts` attempts of any kind per window.
// Slowing an address also slows a right code typed there (eight guessers on one address could keep
// it out), so `join` adds two exemptions:
//  - a device token (device-tokens.ts) handed to a board that joined with a right code earlier: with
//    a valid token its code is checked at once, and let in when it opens the token's exercise and
//    role. Otherwise the attempt is treated as untrusted (the answer, wrong or wait, is the one an
//    attempt without a token gets) and a wrong code is a failure of that device: after
//    `maxDeviceFailures` its token no longer exempts, so a stolen token buys at most that many
//    unslowed guesses, and only at the code of its own exercise and role;
//  - a code already found wrong (per exercise, within the window) is answered wrong again from
//    memory: the same wrong code retried (a board reconnecting with a stale code, a user pressing
//    Enter twice) is not a new guess, so it neither counts nor waits.
// Fixed windows, in memory (enough for one machine), on an injected clock (tests step it).
import { createHash, randomBytes } from 'node:crypto';
import type { JoinRole } from '../../shared/live.ts';
import { createDeviceTokens, type DeviceTokens } from './device-tokens.ts';
import { normalizeJoinCode } from './join-codes.ts';

export interface JoinRateLimitOptions {
  windowMs?: number;
  maxFailures?: number;
  maxGlobalFailures?: number;
  maxAttempts?: number;
  /** While slowed: one checked attempt per this many ms. */
  slowMs?: number;
  /** How long a device token is valid (default 7 days). */
  deviceTokenTtlMs?: number;
  /** Wrong codes shown with one device's token before the token no longer exempts (default 3). */
  maxDeviceFailures?: number;
}

/** What a join code opens (the exercise manager's Access). */
export interface JoinAccess { exerciseId: string; role: JoinRole; jurisdictionId?: string }

export interface JoinRequest {
  address: string;
  code: string;
  deviceToken?: string | undefined;
  /** REST: the exercise the code must open (a code of another exercise is wrong here). */
  exerciseId?: string;
  /** False: not counted toward maxAttempts (a code sent with each REST request is not a new join). Default true. */
  counted?: boolean;
}

export type JoinDecision<A extends JoinAccess> =
  | { kind: 'in'; access: A; deviceToken: string; exempt: boolean }
  | { kind: 'wait'; waitMs: number }
  | { kind: 'wrong' };

interface Window { start: number; attempts: number; failures: number; lastChecked: number }

export interface JoinRateLimiter {
  /** Counts an attempt; returns the ms to wait (the code must not be checked), else 0. */
  attempt(address: string): number;
  /** Like attempt, without counting it toward maxAttempts (a code sent with each REST request is not a new join). */
  check(address: string): number;
  /** Records that the attempt just admitted used a wrong code. */
  failed(address: string): void;
  /**
   * One join attempt, start to end: exemptions, limits, the code checked by `resolve` (which may
   * throw, e.g. when the database cannot be read: nothing is counted as wrong then), failures counted.
   */
  join<A extends JoinAccess>(req: JoinRequest, resolve: (code: string) => A | undefined): JoinDecision<A>;
}

/**
 * `secret` signs device tokens (the server passes its stored secret so tokens outlive a restart;
 * default: a random one, good for this process only).
 */
export function createJoinRateLimiter(opts: JoinRateLimitOptions = {}, clock: () => number = Date.now, secret: string = randomBytes(32).toString('hex')): JoinRateLimiter {
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

  const failed = (address: string): void => {
    current(address).failures++;
    global.failures++;
  };

  const tokens: DeviceTokens = createDeviceTokens(secret, opts.deviceTokenTtlMs ?? 7 * 24 * 3_600_000, clock);
  const maxDeviceFailures = opts.maxDeviceFailures ?? 3;
  /** Wrong codes shown with a device's token: device id → count, until the token expires. */
  const deviceFailures = new Map<string, { count: number; until: number }>();
  /** Codes found wrong: hash of exercise|code → when that memory lapses. */
  const wrongCodes = new Map<string, number>();
  const prune = <V>(m: Map<string, V>, lapsed: (v: V) => boolean): void => {
    if (m.size <= 10_000) return;
    for (const [k, v] of m) if (lapsed(v)) m.delete(k);
    if (m.size > 10_000) m.clear(); // still full of live entries: forget (costs only the exemptions)
  };
  const codeKey = (req: JoinRequest): string =>
    createHash('sha256').update(`${req.exerciseId ?? '*'}|${normalizeJoinCode(req.code) ?? req.code}`).digest('base64url');

  return {
    attempt: (address) => admit(address, true),
    check: (address) => admit(address, false),
    failed,
    join<A extends JoinAccess>(req: JoinRequest, resolve: (code: string) => A | undefined): JoinDecision<A> {
      const key = codeKey(req);
      const t = clock();
      const wrongUntil = wrongCodes.get(key);
      if (wrongUntil !== undefined && wrongUntil > t) return { kind: 'wrong' };
      const opens = (a: A | undefined): a is A => a !== undefined && (req.exerciseId === undefined || a.exerciseId === req.exerciseId);

      let known: { access: A | undefined } | undefined;
      const claim = req.deviceToken ? tokens.verify(req.deviceToken) : undefined;
      if (claim && (deviceFailures.get(claim.deviceId)?.count ?? 0) < maxDeviceFailures) {
        const access = resolve(req.code);
        if (opens(access) && access.exerciseId === claim.exerciseId && access.role === claim.role) {
          return { kind: 'in', access, deviceToken: tokens.issue(access.exerciseId, access.role, claim.deviceId), exempt: true };
        }
        // Not this device's exercise and role: a wrong code counts against the device (a right code
        // of another role is no guess); either way it then goes the untrusted way.
        if (!opens(access)) {
          const f = deviceFailures.get(claim.deviceId) ?? { count: 0, until: claim.expiresAt };
          f.count++;
          deviceFailures.set(claim.deviceId, f);
          prune(deviceFailures, (v) => v.until <= t);
        }
        known = { access };
      }

      const waitMs = admit(req.address, req.counted ?? true);
      if (waitMs > 0) return { kind: 'wait', waitMs };
      const access = known ? known.access : resolve(req.code);
      if (!opens(access)) {
        failed(req.address);
        wrongCodes.set(key, t + windowMs);
        prune(wrongCodes, (until) => until <= t);
        return { kind: 'wrong' };
      }
      return { kind: 'in', access, deviceToken: tokens.issue(access.exerciseId, access.role), exempt: false };
    },
  };
}
