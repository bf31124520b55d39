// Device tokens ("device cookies", OWASP's answer to lockout by guessing): a board that joined with
// a right code is handed a token naming the exercise, the role and a random device id, with an
// expiry, signed with HMAC-SHA256 under the server's secret. When it joins again it shows the token
// with its code, and the join limiter checks that code at once instead of making it queue behind
// guesses from its address. The token proves only that this device once knew the code of that
// exercise and role; it opens nothing by itself (the code is always checked).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { JoinRole } from '../../shared/live.ts';

export interface DeviceClaim { exerciseId: string; role: JoinRole; deviceId: string; expiresAt: number }

export interface DeviceTokens {
  /** A token for this exercise and role; `deviceId` keeps the device's id (a refresh), else a new one. */
  issue(exerciseId: string, role: JoinRole, deviceId?: string): string;
  /** The claim of a token signed by this server and not expired, else undefined (forged, altered, expired, malformed). */
  verify(token: string): DeviceClaim | undefined;
}

/** Longest token the join schemas accept (one is about 150 characters). */
export const DEVICE_TOKEN_MAX = 512;

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

export function createDeviceTokens(secret: string, ttlMs: number, clock: () => number): DeviceTokens {
  const mac = (payload: string): Buffer => createHmac('sha256', secret).update(`device-token.v1|${payload}`).digest();
  return {
    issue(exerciseId, role, deviceId = randomBytes(16).toString('base64url')) {
      const payload = b64(JSON.stringify({ e: exerciseId, r: role, d: deviceId, x: clock() + ttlMs }));
      return `${payload}.${b64(mac(payload))}`;
    },
    verify(token) {
      if (token.length > DEVICE_TOKEN_MAX) return undefined;
      const [payload, sig, extra] = token.split('.');
      if (!payload || !sig || extra !== undefined) return undefined;
      const given = Buffer.from(sig, 'base64url');
      const want = mac(payload);
      if (given.length !== want.length || !timingSafeEqual(given, want)) return undefined;
      let claim: unknown;
      try {
        claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      const c = claim as { e?: unknown; r?: unknown; d?: unknown; x?: unknown };
      if (typeof c.e !== 'string' || typeof c.r !== 'string' || typeof c.d !== 'string' || typeof c.x !== 'number') return undefined;
      if (c.x <= clock()) return undefined;
      return { exerciseId: c.e, role: c.r as JoinRole, deviceId: c.d, expiresAt: c.x };
    },
  };
}
