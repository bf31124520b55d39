// Sim time on the board between server messages: the last ClockState plus the wall time elapsed since,
// times the speed, while the exercise runs and the link is live. The server's wall clock may differ
// from ours, so we keep the smallest (receivedAt − wallAt) seen: the message that travelled fastest.
// Frozen (never extrapolated) while disconnected: nothing on screen pretends to be live when it is not.
import type { ClockState } from '../../../shared/live.ts';

export interface ClockSync {
  clock: ClockState;
  /** Local wall ms minus server wall ms (estimate). */
  offsetMs: number;
}

export function syncClock(prev: ClockSync | undefined, clock: ClockState, receivedAt: number): ClockSync {
  const sample = receivedAt - clock.wallAt;
  // A large jump (server restarted, machine clock changed) replaces the estimate instead of keeping the minimum.
  const offsetMs = prev && Math.abs(prev.offsetMs - sample) < 5_000 ? Math.min(prev.offsetMs, sample) : sample;
  return { clock, offsetMs };
}

/** Sim ms at local wall time `now`; `frozenAt` (local ms) stops the clock where the link was lost. */
export function simNow(sync: ClockSync | undefined, now: number, frozenAt?: number): number {
  if (!sync) return 0;
  const { clock, offsetMs } = sync;
  if (clock.status !== 'running') return clock.simTime;
  const wall = Math.min(now, frozenAt ?? Infinity) - offsetMs;
  const t = clock.simTime + Math.max(0, wall - clock.wallAt) * clock.speed;
  return Math.min(t, clock.endsAt);
}

/** "HH:MM:SS" of elapsed sim time (days shown as d+). */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const hh = String(Math.floor((s % 86_400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d > 0 ? `${d}d+` : ''}${hh}:${mm}:${ss}`;
}

/** Local calendar time ("YYYY-MM-DD HH:MM:SS") of sim ms `t`, in the scenario's own offset. */
export function formatLocal(startIso: string | undefined, t: number): string {
  if (!startIso) return formatElapsed(t);
  const m = /([+-])(\d\d):?(\d\d)$/.exec(startIso);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const at = new Date(Date.parse(startIso) + t + offsetMin * 60_000);
  return at.toISOString().slice(0, 19).replace('T', ' ');
}
