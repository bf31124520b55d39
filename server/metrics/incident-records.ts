// One compact record per incident of a run, folded from the event log: what the breakdowns (tier,
// station, jurisdiction, type, grade, hour, day/night) and the target sets (China, NFPA 1710 / 1720)
// are computed from. Beside the standard time segments it keeps the arrival of the first unit of each
// force class (station, micro station, township team), the travel of the first engine to arrive and
// the crew arriving over time (for "N firefighters on scene within T"). Records are plain JSON so a
// worker thread or another machine can send them back.
import type { DomainEvent } from '../../shared/events.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import { KIND_TIER, type ForceKind, type Tier } from '../../shared/domain/forces.ts';
import type { Region } from '../../shared/schemas/region.ts';
import type { UnitTypeCatalogue } from '../../shared/schemas/unit-types.ts';
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import { segmentsOf, type TimeSegments } from './time-segments.ts';
import { trackIncidents, type TrackedIncident } from './open-incidents.ts';
import { isNightHour, localHourAt, localMsOfDayAtStart } from '../../shared/local-time.ts';
import type { GradeKey } from './summary.ts';

/** Force classes whose first arrival is timed (DOMAIN.md §6: 5 min stations, 3 min micro, township target). */
export const STATION_KINDS: ReadonlySet<ForceKind> = new Set(['special-service', 'class-1', 'class-2', 'small', 'city-fulltime', 'enterprise', 'forest']);
export const MICRO_KINDS: ReadonlySet<ForceKind> = new Set(['micro']);
export const TOWNSHIP_KINDS: ReadonlySet<ForceKind> = new Set(['township-1', 'township-2']);

/** Measures beyond the standard segments, seconds. */
export interface DerivedTimes {
  /** First dispatch → first arrival of a national or professional station unit (the 5-minute rule). */
  firstStationArrival?: number;
  /** First dispatch → first arrival of a micro-station unit (3 minutes). */
  firstMicroArrival?: number;
  /** First dispatch → first arrival of a township-team unit. */
  firstTownshipArrival?: number;
  /** En route → on scene of the first unit with the water capability to arrive (NFPA's first engine). */
  firstEngineTravel?: number;
  /** Call received → first dispatch (answering + processing). */
  callToDispatch?: number;
}

export interface IncidentRecord {
  id: string;
  type: IncidentType;
  grade: GradeKey;
  /** Local hour of the call, 0..23, and whether it fell in the doctrine's night. */
  hour: number;
  night: boolean;
  jurisdictionId: string | null;
  homeStationId: string | null;
  /** Land use and people per km² of the 1-km cell of the incident (null outside the grid). */
  landUse: string | null;
  peoplePerKm2: number | null;
  /** Tier and station of the first unit to arrive. */
  firstTier: Tier | null;
  firstStationId: string | null;
  segments: TimeSegments;
  derived: DerivedTimes;
  /** [seconds after the first dispatch, crew] of each unit arrival, in order. */
  crewArrivals: [number, number][];
  cancelled: boolean;
}

interface UnitInfo {
  stationId: string;
  kind: ForceKind;
  crew: number;
  water: boolean;
}

interface Open extends TrackedIncident {
  jurisdictionId: string | null;
  homeStationId: string | null;
  location: [number, number];
  derived: DerivedTimes;
  crewArrivals: [number, number][];
  firstArrivalUnit?: string;
}

/** What the fold reads of the world: stations and units, the population grid, the night hours. */
export interface RecordInputs {
  region: Pick<Region, 'stations' | 'cells' | 'grid' | 'utcOffsetHours'>;
  unitTypes: Pick<UnitTypeCatalogue, 'unitTypes'>;
  doctrine: Pick<Doctrine, 'night'>;
}

export interface IncidentRecordFold {
  add(e: DomainEvent): void;
  /** Records of every incident so far: ended ones, then open ones with what they reached. */
  records(): IncidentRecord[];
}

export function unitInfoOf(world: Pick<RecordInputs, 'region' | 'unitTypes'>): Map<string, UnitInfo> {
  const types = new Map(world.unitTypes.unitTypes.map((t) => [t.code, t]));
  const out = new Map<string, UnitInfo>();
  for (const s of world.region.stations) {
    for (const u of s.units) {
      const t = types.get(u.type);
      out.set(u.id, { stationId: s.id, kind: s.kind, crew: t?.crew ?? 0, water: t?.capabilities.includes('water') ?? false });
    }
  }
  return out;
}

export function createIncidentRecordFold(world: RecordInputs): IncidentRecordFold {
  const units = unitInfoOf(world);
  const stationKind = new Map(world.region.stations.map((s) => [s.id, s.kind]));
  const { grid, utcOffsetHours } = world.region;
  const cellAt = new Map(world.region.cells.map((c) => [c.r * grid.cols + c.c, c]));
  const kmPerRow = grid.cellLat * 111.195;
  const kmPerCol = grid.cellLon * 111.195 * Math.cos(((grid.south + (grid.rows * grid.cellLat) / 2) * Math.PI) / 180);
  const cellKm2 = kmPerRow * kmPerCol;
  let localStartMs = 0;
  const done: IncidentRecord[] = [];

  function record(inc: Open): IncidentRecord {
    const hour = localHourAt(localStartMs, inc.times.receivedAt);
    const r = Math.floor((inc.location[0] - grid.south) / grid.cellLat);
    const c = Math.floor((inc.location[1] - grid.west) / grid.cellLon);
    const cell = r >= 0 && c >= 0 && r < grid.rows && c < grid.cols ? cellAt.get(r * grid.cols + c) : undefined;
    const first = inc.firstArrivalUnit === undefined ? undefined : units.get(inc.firstArrivalUnit);
    const segments = segmentsOf(inc.times);
    const derived = { ...inc.derived };
    if (inc.times.firstDispatchAt !== undefined) derived.callToDispatch = (inc.times.firstDispatchAt - inc.times.receivedAt) / 1000;
    return {
      id: inc.times.incidentId,
      type: inc.type,
      grade: inc.grade === undefined ? 'ungraded' : `${inc.grade}`,
      hour,
      night: isNightHour(hour, world.doctrine.night),
      jurisdictionId: inc.jurisdictionId,
      homeStationId: inc.homeStationId,
      landUse: cell?.landUse ?? null,
      peoplePerKm2: cell ? cell.population / cellKm2 : null,
      firstTier: first ? KIND_TIER[first.kind] : null,
      firstStationId: first?.stationId ?? null,
      segments,
      derived,
      crewArrivals: inc.crewArrivals,
      cancelled: inc.times.ending === 'cancelled',
    };
  }

  function onArrival(inc: Open, unitId: string, t: number): void {
    const u = units.get(unitId);
    const times = inc.times;
    const ut = times.units.get(unitId);
    if (!u || !ut || ut.arrivedAt !== t || times.firstDispatchAt === undefined) return;
    const since = (t - times.firstDispatchAt) / 1000;
    inc.crewArrivals.push([since, u.crew]);
    inc.firstArrivalUnit ??= unitId;
    const d = inc.derived;
    if (STATION_KINDS.has(u.kind)) d.firstStationArrival ??= since;
    if (MICRO_KINDS.has(u.kind)) d.firstMicroArrival ??= since;
    if (TOWNSHIP_KINDS.has(u.kind)) d.firstTownshipArrival ??= since;
    if (u.water && d.firstEngineTravel === undefined && ut.enRouteAt !== undefined) d.firstEngineTravel = (t - ut.enRouteAt) / 1000;
  }

  const incidents = trackIncidents<Open>({
    start: (base, call) => ({ ...base, jurisdictionId: null, homeStationId: null, location: [call.location[0], call.location[1]], derived: {}, crewArrivals: [] }),
    before(inc, e) {
      if (e.type !== 'INCIDENT_TRIAGED') return;
      inc.jurisdictionId = e.jurisdictionId;
      inc.homeStationId = stationKind.has(e.homeStationId) ? e.homeStationId : null;
      inc.location = [e.location[0], e.location[1]];
    },
    after(inc, e) {
      if (e.type === 'UNIT_ARRIVED') onArrival(inc, e.unitId, e.t);
    },
    end: (inc) => done.push(record(inc)),
  });

  return {
    add(e: DomainEvent): void {
      if (e.type === 'SIMULATION_STARTED') localStartMs = localMsOfDayAtStart(e.startIso, utcOffsetHours);
      else incidents.add(e);
    },
    records(): IncidentRecord[] {
      return [...done, ...[...incidents.open.values()].map(record)];
    },
  };
}

/** Seconds after the first dispatch until at least `staff` firefighters had arrived (undefined: never). */
export function staffAssembledSeconds(rec: Pick<IncidentRecord, 'crewArrivals'>, staff: number): number | undefined {
  let crew = 0;
  for (const [s, n] of rec.crewArrivals) {
    crew += n;
    if (crew >= staff) return s;
  }
  return undefined;
}
