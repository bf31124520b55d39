// Hazards over time, for the report's charts: a fold over HAZARD_STARTED, HAZARD_CHANGED and
// ZONES_UPDATED. A chemical release gives the area of its AEGL-3 / 2 / 1 threat zones (km², from the
// zone rings the log carries) and the people by their worst level at each update; a flood gives the
// water level, the flooded and boat-only areas, the people stranded and the roads closed. A hazard
// that has cleared drops to zero from then on. Areas are the shoelace formula on an equirectangular
// projection about each ring's mean latitude (the zones span kilometres: well under 0.1 % off).
import type { LatLon } from '../../shared/geo.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { ChemicalZonePoint, FloodPoint, HazardSeries } from '../../shared/charts/hazard-charts.ts';

/** Metres per degree of latitude on the sphere of the region's geometry (R = 6,371 km). */
const METRES_PER_DEG_LAT = 111_195;

/** Area of a closed ring of [lat, lon] points in km² (first point need not repeat at the end). */
export function ringAreaKm2(ring: readonly LatLon[]): number {
  if (ring.length < 3) return 0;
  const lat0 = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const kx = METRES_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    twice += a[1] * kx * (b[0] * METRES_PER_DEG_LAT) - b[1] * kx * (a[0] * METRES_PER_DEG_LAT);
  }
  return Math.abs(twice) / 2 / 1e6;
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

export function hazardTimelines(events: readonly DomainEvent[]): HazardSeries[] {
  const byId = new Map<string, HazardSeries>();
  for (const e of events) {
    if (e.type === 'HAZARD_STARTED') {
      byId.set(e.hazardId, e.kind === 'flood'
        ? { kind: 'flood', id: e.hazardId, startedAt: e.t, points: [] }
        : { kind: 'chemical-release', id: e.hazardId, startedAt: e.t, ...(e.substanceId ? { substanceId: e.substanceId } : {}), points: [] });
      continue;
    }
    if (e.type === 'HAZARD_CHANGED' && e.change === 'cleared') {
      const h = byId.get(e.hazardId);
      if (h) h.clearedAt = e.t;
      continue;
    }
    if (e.type !== 'ZONES_UPDATED') continue;
    const h = byId.get(e.hazardId);
    if (!h) continue;
    const z = e.zones;
    // A release that starts again after its zones cleared is no longer cleared.
    if (z.kind !== 'cleared') delete h.clearedAt;
    if (h.kind === 'chemical-release') {
      const area = (level: 1 | 2 | 3): number => (z.kind === 'chemical-release' ? round(z.threat.filter((x) => x.level === level).reduce((s, x) => s + ringAreaKm2(x.ring), 0)) : 0);
      const people = z.kind === 'chemical-release' ? z.peopleByLevel : { level1: 0, level2: 0, level3: 0 };
      const p: ChemicalZonePoint = { t: e.t, level3Km2: area(3), level2Km2: area(2), level1Km2: area(1), people: { ...people } };
      h.points.push(p);
      if (z.kind === 'cleared') h.clearedAt ??= e.t;
    } else {
      const last = h.points.at(-1);
      const p: FloodPoint = z.kind === 'flood'
        ? { t: e.t, levelM: z.levelM, floodedKm2: z.floodedAreaKm2, boatOnlyKm2: z.boatOnlyAreaKm2, stranded: z.stranded, closedRoadKm: z.closedRoadKm }
        : { t: e.t, levelM: last?.levelM ?? 0, floodedKm2: 0, boatOnlyKm2: 0, stranded: 0, closedRoadKm: 0 };
      h.points.push(p);
      if (z.kind === 'cleared') h.clearedAt ??= e.t;
    }
  }
  return [...byId.values()];
}
