// Durations as users write them in scenario files: "90s", "45m", "24h", "365d", "1h30m", "00:05:00", or seconds.
import { z } from 'zod';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parse a duration to milliseconds; returns undefined when the text is not a duration. */
export function parseDurationMs(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.round(v * 1000) : undefined;
  const s = v.trim();
  const clock = /^(\d+):(\d{1,2}):(\d{1,2})$/.exec(s) ?? /^()(\d+):(\d{1,2})$/.exec(s);
  if (clock) return ((Number(clock[1] || 0) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000;
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== s.replace(/\s+/g, '')) return undefined;
  return Math.round(parts.reduce((acc, p) => acc + Number(p[1]) * UNIT_MS[p[2]!]!, 0));
}

export const DurationSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDurationMs(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(v)} (expected e.g. "90s", "45m", "24h", "365d", "00:05:00" or seconds)` });
    return z.NEVER;
  }
  return ms;
});
