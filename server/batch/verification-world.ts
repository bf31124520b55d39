// Verification worlds: tiny worlds built in code on which the real engine reproduces a queueing
// model. Stations stand on a line; every call needs one water unit; turnout, call handling, set-up,
// control and overhaul take no time. The engine is handed two ports of its own:
// - a travel model in which the drive to a call takes a negligible time that grows with distance (so
//   the home station goes first and the nearest next, as the engine's dispatch rules say) and the drive
//   back to a station takes the whole service time, exponential with mean 1/μ, drawn from a hash of the
//   drive (the place and the moment it starts). Doctrine keeps returning units unavailable, so a unit is
//   busy from its dispatch until it is back: its busy period is exactly one exponential service;
// - a call source of Poisson arrivals (rate λ) from a few atoms, each with its share of the rate.
// What is checked is then the engine's own queueing: who is dispatched, and when a waiting call is
// served as units come free.
import { RegionSchema } from '../../shared/schemas/region.ts';
import { UnitTypeCatalogueSchema } from '../../shared/schemas/unit-types.ts';
import { DoctrineSchema } from '../../shared/schemas/doctrine.ts';
import { RunCardsFileSchema } from '../../shared/schemas/run-cards.ts';
import { IncidentModelsFileSchema } from '../../shared/schemas/incident-models.ts';
import { CallProfileSchema, ScenarioSchema, type Scenario } from '../../shared/schemas/scenario.ts';
import { FORCE_KINDS } from '../../shared/domain/forces.ts';
import { INCIDENT_TYPES } from '../../shared/domain/incident-types.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { BackgroundCallSource, Course, TravelTimeModel, World } from '../engine/types.ts';

const SOUTH = 30;
const WEST = 120;
const CELL_LAT = 0.009; // ≈ 1 km
const CELL_LON = 0.0104; // ≈ 1 km at 30° N
const HOUR_MS = 3_600_000;
/** The shortest leg the engine schedules (kernel/course.ts `arrivalOf`). */
const LEG_MIN_S = 1;

/** x km east and y km north of the south-west corner. */
export const at = (x: number, y = 0.5): LatLon => [SOUTH + y * CELL_LAT, WEST + x * CELL_LON];

export interface VerificationStation {
  id: string;
  x: number;
  units: number;
}

export interface VerificationDistrict {
  id: string;
  /** Its home station (辖区站). */
  homeStationId: string;
  /** Columns of the 1-km strip it covers, [from, to). */
  columns: [number, number];
}

export interface VerificationAtom {
  /** Where its calls come from (km east on the strip). */
  x: number;
  /** Calls per hour. */
  ratePerHour: number;
}

export interface VerificationSpec {
  stations: VerificationStation[];
  districts: VerificationDistrict[];
  atoms: VerificationAtom[];
  /** Mean service time (busy period of a unit), minutes. */
  serviceMinutes: number;
  /** Calls to generate; the run lasts until they are all served. */
  calls: number;
}

export function verificationWorld(spec: VerificationSpec): World {
  const cols = Math.max(...spec.districts.map((d) => d.columns[1]));
  const districtOf = (c: number) => spec.districts.find((d) => c >= d.columns[0] && c < d.columns[1])!;
  const region = RegionSchema.parse({
    id: 'verification',
    name: 'Verification strip',
    nameZh: '验证用条带',
    fictional: true,
    note: 'a queueing-theory check built in code',
    utcOffsetHours: 8,
    jurisdictions: spec.districts.map((d) => ({ id: d.id, name: d.id, nameZh: d.id, kind: 'urban-district', homeStationId: d.homeStationId, population: 1000, center: at((d.columns[0] + d.columns[1]) / 2) })),
    stations: spec.stations.map((s) => ({
      id: s.id, name: s.id, nameZh: s.id, kind: 'class-1', jurisdictionId: districtOf(Math.floor(s.x)).id, location: at(s.x), staffOnDuty: 4 * s.units,
      units: Array.from({ length: s.units }, (_, k) => ({ id: `${s.id}-SG${k + 1}`, type: 'SG' })),
    })),
    grid: { south: SOUTH, west: WEST, cellLat: CELL_LAT, cellLon: CELL_LON, rows: 1, cols },
    cells: Array.from({ length: cols }, (_, c) => ({ r: 0, c, population: 1000, landUse: 'urban', jurisdictionId: districtOf(c).id })),
  });
  const turnout = Object.fromEntries(FORCE_KINDS.map((k) => [k, { day: 0, night: 0 }]));
  const never = 1e9;
  const model = {
    sizeUnit: 'calls', primary: ['water'], initialSize: { median: 1, sigma: 0 }, growthPerMin: 0, maxSize: 1, demandPerSize: 1,
    controlMinutes: { base: 0, perSize: 0 }, overhaulMinutes: 0,
    trapped: { probability: 0, mean: 0, survivalMinutes: 1, capability: 'water', minutesPerPerson: 1 },
    gradeBySize: [0, never, never, never, never], gradeByTrapped: [0, never, never, never, never],
    callerSizeFactor: { median: 1, sigma: 0 }, unfoundedShare: 0,
  };
  const card = { needs: [{ capability: 'water', vehicles: 1 }], minFirefighters: 0, minStations: 1, microFirst: false };
  return {
    region,
    unitTypes: UnitTypeCatalogueSchema.parse({ unitTypes: [{ code: 'SG', zh: '水罐消防车', en: 'Water tender', crew: 4, speedClass: 'medium', capabilities: ['water'], flowLpm: 900 }] }),
    doctrine: DoctrineSchema.parse({
      turnoutSeconds: turnout,
      night: { fromHour: 0, toHour: 0 }, // never night: no strengthened first dispatch
      waitingOrder: 'call-order', // the FCFS queue of the theory (its callers may still report people trapped)
      speedsKmh: { light: 50, medium: 45, heavy: 38, trailer: 35, 'on-foot': 5 },
      traffic: [],
      detourFactor: 1,
      callHandling: { answerSeconds: { min: 0, max: 0 }, processSeconds: { min: 0, max: 0 } },
      setupSeconds: 0,
      targets: { firstArrivalSeconds: 300, microArrivalSeconds: 180, callProcessingSeconds: 45, answerSeconds: 10 },
      dispatch: {
        microCoverageRadiusM: 1, specialistToleranceSeconds: 0, localEtaLimitSeconds: 1e9,
        strengthen: { nightExtraWaterUnits: 0, distantEtaSeconds: 1e9, distantExtraWaterUnits: 0 },
        returningDispatchable: false,
      },
    }),
    runCards: RunCardsFileSchema.parse({ cards: Object.fromEntries(INCIDENT_TYPES.map((t) => [t, Object.fromEntries([1, 2, 3, 4, 5].map((g) => [String(g), card]))])) }),
    models: IncidentModelsFileSchema.parse({ models: Object.fromEntries(INCIDENT_TYPES.map((t) => [t, model])) }),
    callProfile: CallProfileSchema.parse({ callsPerYearPer10k: 1, hourOfDay: new Array(24).fill(1), landUseWeight: { default: { perPerson: 1, perCell: 0 } }, typeMix: { default: Object.fromEntries(INCIDENT_TYPES.map((t) => [t, t === 'building-fire' ? 1 : 0])) } }),
  };
}

/** The scenario: auto mode, long enough for every call (the call source stops after `calls`). */
export function verificationScenario(spec: VerificationSpec): Scenario {
  const ratePerHour = spec.atoms.reduce((s, a) => s + a.ratePerHour, 0);
  const hours = Math.ceil((spec.calls / ratePerHour) * 1.2 + 24 + spec.serviceMinutes);
  return ScenarioSchema.parse({ name: 'verification', region: 'verification', start: '2026-01-01T12:00:00+08:00', duration: `${hours}h`, mode: 'auto', background: { enabled: true } });
}

/** A uniform in (0, 1) from the bits of a few numbers (splitmix64-style mixing of 32-bit halves). */
function hashUniform(a: number, b: number, c: number): number {
  const view = new DataView(new ArrayBuffer(24));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  view.setFloat64(16, c);
  let h = 0x9e3779b9;
  for (let i = 0; i < 24; i += 4) {
    h = Math.imul(h ^ view.getUint32(i), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 12;
  return ((h >>> 0) + 0.5) / 4294967296;
}

/**
 * Drives to calls take distance × 1e-6 s (ordering units by distance, a negligible time); a drive that
 * ends at a station takes an exponential service time with mean `serviceMinutes`.
 */
export function verificationTravel(world: World, serviceMinutes: number): TravelTimeModel {
  const homes = world.region.stations.map((s) => s.location);
  const meanS = serviceMinutes * 60;
  const seconds = (from: LatLon, to: LatLon, t: number): number => {
    // The engine makes every leg last at least a second (kernel/course.ts), so the drive to the call
    // already took one: the drive home takes the service time less that second, and the busy period
    // (dispatch to home) is the exponential service itself, as M/M/c has it (max(2 s, service), to be
    // exact: a difference of ~0.003 s on a mean of minutes).
    if (homes.some((h) => h[0] === to[0] && h[1] === to[1])) return Math.max(0, -meanS * Math.log(hashUniform(from[0] * 1e6 + from[1], to[0] * 1e6 + to[1], t)) - LEG_MIN_S);
    return haversineM(from, to) * 1e-6;
  };
  return {
    travel: (from, to, _c, t) => ({ seconds: seconds(from, to, t), distanceM: haversineM(from, to) }),
    minSeconds: () => 0,
    route(from, to, _c, t): Course {
      const s = seconds(from, to, t);
      return { seconds: s, distanceM: haversineM(from, to), path: [from, to], offsets: [0, s] };
    },
  };
}

/** Poisson calls from the atoms (each its share of the total rate), stopping after `calls`. A new source per run. */
export function verificationCalls(spec: VerificationSpec): BackgroundCallSource {
  const total = spec.atoms.reduce((s, a) => s + a.ratePerHour, 0);
  const meanGapMs = HOUR_MS / total;
  let made = 0;
  return {
    next(rng, after, until) {
      if (made >= spec.calls) return undefined;
      const t = after + rng.exp(meanGapMs);
      if (t >= until) return undefined;
      let u = rng.next() * total;
      let atom = spec.atoms[spec.atoms.length - 1]!;
      for (const a of spec.atoms) {
        if (u < a.ratePerHour) { atom = a; break; }
        u -= a.ratePerHour;
      }
      made++;
      return { at: t, location: at(atom.x), incidentType: 'building-fire' };
    },
  };
}
