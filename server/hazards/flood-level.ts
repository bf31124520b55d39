// Water level over time, metres above the river datum (the river's normal level), from the
// scenario's flood definition:
// - gauge: linear between readings; before the first reading, the first level; after the last one
//   the river recedes towards its normal level (0) at `recessionMPerH` (a level at or below 0 stays).
// - rain: a linear reservoir (the simplest lumped catchment model, e.g. Chow, Maidment & Mays,
//   Applied Hydrology §8): dh/dt = (k·i(t) − h) / T, with i the rain intensity (mm/h, a step
//   function), k = `riseMPerMmH` the steady-state rise per mm/h and T = `recessionHours`. Over a
//   step of constant i it has the exact solution h(t) = k·i + (h0 − k·i)·exp(−(t − t0)/T): the level
//   rises towards k·i while it rains and recedes exponentially once the rain stops. This is a drill
//   device, not a hydrological forecast: k and T are set per scenario to give the rise wanted.
// Pure: a function of the definition and the sim time (ms since the scenario start).
import type { WaterLevel } from '../../shared/schemas/hazard.ts';

const MS_PER_H = 3_600_000;

export function waterLevelAt(level: WaterLevel, tMs: number): number {
  return level.kind === 'gauge' ? gaugeLevelAt(level, tMs) : rainLevelAt(level, tMs);
}

function gaugeLevelAt(level: Extract<WaterLevel, { kind: 'gauge' }>, tMs: number): number {
  const r = level.readings;
  const first = r[0]!;
  if (tMs <= first.at) return first.levelM;
  for (let i = 1; i < r.length; i++) {
    const b = r[i]!;
    if (tMs <= b.at) {
      const a = r[i - 1]!;
      return a.levelM + ((b.levelM - a.levelM) * (tMs - a.at)) / (b.at - a.at);
    }
  }
  const last = r[r.length - 1]!;
  if (last.levelM <= 0) return last.levelM;
  return Math.max(0, last.levelM - (level.recessionMPerH * (tMs - last.at)) / MS_PER_H);
}

function rainLevelAt(level: Extract<WaterLevel, { kind: 'rain' }>, tMs: number): number {
  const k = level.riseMPerMmH;
  const T = level.recessionHours * MS_PER_H;
  let h = 0;
  const pts = level.rain;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (tMs <= p.at) break;
    const end = Math.min(tMs, pts[i + 1]?.at ?? Number.POSITIVE_INFINITY);
    const steady = k * p.intensityMmH;
    h = steady + (h - steady) * Math.exp(-(end - p.at) / T);
  }
  return h;
}
