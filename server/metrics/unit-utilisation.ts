// Unit utilisation and station concurrency, folded from the event log. A unit is busy (not available
// to a new dispatch) from its dispatch until it is available again: back in station, returning with
// the doctrine letting returning units be redispatched, or stood down before it arrived; out of
// service counts as busy. Utilisation is the busy share of the simulated time (the "workload" of
// queueing theory); concurrency is, per station, the share of time exactly k of its units were busy
// at once. A listener hears every change, so a coverage sampler can follow the available units.
import type { DomainEvent } from '../../shared/events.ts';
import type { Region } from '../../shared/schemas/region.ts';

export interface StationUtilisation {
  stationId: string;
  units: number;
  /** Mean busy share of the station's units, 0..1. */
  utilisation: number;
  /** concurrency[k] = share of time exactly k units were busy (length units + 1). */
  concurrency: number[];
}

export interface UtilisationResult {
  simulatedSeconds: number;
  /** Busy share by unit id. */
  byUnit: Record<string, number>;
  byStation: StationUtilisation[];
}

export interface UtilisationFold {
  add(e: DomainEvent): void;
  result(endMs: number): UtilisationResult;
  /** Units of each station available now. */
  availableAt(stationId: string): number;
  /** Called after every change of a unit's availability, with the event time. */
  onChange(listener: (t: number, stationId: string) => void): void;
}

interface UnitTrack {
  stationIdx: number;
  busy: boolean;
  arrived: boolean;
  since: number;
  busyMs: number;
}

export function createUtilisationFold(world: { region: Pick<Region, 'stations'> }): UtilisationFold {
  const stations = world.region.stations;
  const units = new Map<string, UnitTrack>();
  const busyCount = new Int32Array(stations.length);
  const lastChange = new Float64Array(stations.length);
  const hist: Float64Array[] = stations.map((s) => new Float64Array(s.units.length + 1));
  stations.forEach((s, i) => {
    for (const u of s.units) units.set(u.id, { stationIdx: i, busy: false, arrived: false, since: 0, busyMs: 0 });
  });
  const listeners: ((t: number, stationId: string) => void)[] = [];
  let startT = 0;
  let started = false;

  function set(id: string, busy: boolean, t: number): void {
    const u = units.get(id);
    if (!u || u.busy === busy) return;
    const s = u.stationIdx;
    hist[s]![busyCount[s]!]! += t - lastChange[s]!;
    lastChange[s] = t;
    if (busy) u.since = t;
    else u.busyMs += t - u.since;
    u.busy = busy;
    busyCount[s]! += busy ? 1 : -1;
    for (const l of listeners) l(t, stations[s]!.id);
  }

  return {
    add(e: DomainEvent): void {
      if (!started) {
        started = true;
        startT = e.t;
        lastChange.fill(e.t);
      }
      switch (e.type) {
        case 'UNIT_DISPATCHED': {
          const u = units.get(e.unitId);
          if (u) u.arrived = false;
          set(e.unitId, true, e.t);
          return;
        }
        case 'UNIT_ARRIVED': {
          const u = units.get(e.unitId);
          if (u) u.arrived = true;
          return;
        }
        case 'UNIT_RELEASED':
          if (!units.get(e.unitId)?.arrived) set(e.unitId, false, e.t);
          return;
        case 'UNIT_RETURNING':
          set(e.unitId, !e.available, e.t);
          return;
        case 'UNIT_IN_STATION':
        case 'UNIT_BACK_IN_SERVICE':
          set(e.unitId, false, e.t);
          return;
        case 'UNIT_OUT_OF_SERVICE':
          set(e.unitId, true, e.t);
          return;
        default:
          return;
      }
    },
    availableAt(stationId: string): number {
      const i = stations.findIndex((s) => s.id === stationId);
      return i < 0 ? 0 : stations[i]!.units.length - busyCount[i]!;
    },
    onChange(listener) {
      listeners.push(listener);
    },
    result(endMs: number): UtilisationResult {
      const span = Math.max(0, endMs - startT);
      const byUnit: Record<string, number> = {};
      const busyMsOf = new Map<string, number>();
      for (const [id, u] of units) {
        const ms = u.busyMs + (u.busy ? Math.max(0, endMs - u.since) : 0);
        busyMsOf.set(id, ms);
        byUnit[id] = span > 0 ? ms / span : 0;
      }
      const byStation = stations.map((s, i): StationUtilisation => {
        const h = Float64Array.from(hist[i]!);
        h[busyCount[i]!]! += Math.max(0, endMs - lastChange[i]!);
        const total = h.reduce((a, b) => a + b, 0);
        const busy = s.units.reduce((a, u) => a + (busyMsOf.get(u.id) ?? 0), 0);
        return {
          stationId: s.id,
          units: s.units.length,
          utilisation: span > 0 && s.units.length > 0 ? busy / (span * s.units.length) : 0,
          concurrency: [...h].map((v) => (total > 0 ? v / total : 0)),
        };
      });
      return { simulatedSeconds: span / 1000, byUnit, byStation };
    },
  };
}
