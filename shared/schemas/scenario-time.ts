// Times in a drill script. An inject or a deadline is written as an offset from the start
// (`T+05:00`, `T+1h30m`, `90s`, `00:05:00`, seconds) or as an absolute local date-time
// (`2026-06-12T19:45:00+08:00`), which the scenario turns into an offset from its `start`.
import { z } from 'zod';
import { parseDurationMs } from './duration.ts';

/** A time as written: an offset from the start in ms, or an absolute ISO date-time (resolved against `start`). */
export type ScriptTime = { offsetMs: number } | { absolute: string };

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses `T+mm:ss`, `T+1h`, a plain duration, or an ISO date-time with offset; undefined when it is none of them. */
export function parseScriptTime(v: string | number): ScriptTime | undefined {
  if (typeof v === 'number') {
    const ms = parseDurationMs(v);
    return ms === undefined ? undefined : { offsetMs: ms };
  }
  const s = v.trim();
  if (ISO_DATE_TIME.test(s)) return Number.isNaN(Date.parse(s)) ? undefined : { absolute: s };
  const body = /^T\s*\+\s*(.+)$/i.exec(s)?.[1] ?? s;
  const ms = /^0+$/.test(body.trim()) ? 0 : parseDurationMs(body);
  return ms === undefined ? undefined : { offsetMs: ms };
}

export const SCRIPT_TIME_HINT = 'expected a time like "T+05:00", "T+1h30m", "45m", "00:05:00" or a date-time "2026-06-12T19:45:00+08:00"';

export const ScriptTimeSchema = z.union([z.string(), z.number()]).transform((v, ctx): ScriptTime => {
  const t = parseScriptTime(v);
  if (!t) {
    ctx.addIssue({ code: 'custom', message: `not a time: ${JSON.stringify(v)} (${SCRIPT_TIME_HINT})` });
    return z.NEVER;
  }
  return t;
});

/** Offset in ms of a script time from the scenario start (ISO 8601 with offset). */
export function offsetOf(t: ScriptTime, startIso: string): number {
  return 'offsetMs' in t ? t.offsetMs : Date.parse(t.absolute) - Date.parse(startIso);
}

/** `T+hh:mm:ss` as the MSEL and the console show an offset (negative offsets keep their sign). */
export function formatScriptTime(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const s = Math.round(Math.abs(ms) / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `T${sign}${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}
