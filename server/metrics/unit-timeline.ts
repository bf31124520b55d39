// Unit timelines for the debrief: every status a unit went through, from when to when, as a fold of
// the board's own state (shared/board-state.ts) over the event log, so the report's Gantt shows exactly
// what the board showed at each moment.
import type { DomainEvent } from '../../shared/events.ts';
import { applyEvent, createBoardState, type BoardUnitSeed } from '../../shared/board-state.ts';
import type { UnitSegment } from '../../shared/charts/unit-gantt.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';
import type { Region } from '../../shared/schemas/region.ts';

export function unitSeeds(world: { region: Pick<Region, 'stations'> }): BoardUnitSeed[] {
  return world.region.stations.flatMap((s) => s.units.map((u) => ({ id: u.id, stationId: s.id, type: u.type, home: s.location })));
}

export interface UnitTimelineFold {
  add(e: DomainEvent): void;
  /** Segments of every unit that left its station at least once, closed at `endsAt`; ordered by unit then time. */
  result(endsAt: number): { units: string[]; segments: UnitSegment[] };
}

export function createUnitTimeline(seeds: readonly BoardUnitSeed[], mode: Mode = 'auto'): UnitTimelineFold {
  const state = createBoardState(seeds, mode);
  const open = new Map<string, UnitSegment>();
  const closed: UnitSegment[] = [];
  for (const s of seeds) open.set(s.id, { unitId: s.id, status: 'inStation', from: 0, to: 0 });
  const touched = new Set<string>();
  return {
    add(e) {
      applyEvent(state, e);
      if (!('unitId' in e) || typeof e.unitId !== 'string') return;
      const u = state.units[e.unitId];
      const cur = open.get(e.unitId);
      if (!u || !cur) return;
      if (u.status === cur.status && u.incidentId === cur.incidentId) return;
      if (e.t > cur.from) closed.push({ ...cur, to: e.t });
      open.set(e.unitId, { unitId: e.unitId, status: u.status, from: e.t, to: e.t, ...(u.incidentId ? { incidentId: u.incidentId } : {}) });
      if (u.status !== 'inStation') touched.add(e.unitId);
    },
    result(endsAt) {
      const all = [...closed, ...[...open.values()].filter((s) => endsAt > s.from).map((s) => ({ ...s, to: endsAt }))];
      const order = new Map(seeds.map((s, i) => [s.id, i]));
      const units = [...touched].sort((a, b) => order.get(a)! - order.get(b)!);
      const segments = all.filter((s) => touched.has(s.unitId)).sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)! || a.from - b.from);
      return { units, segments };
    },
  };
}
