// The run summary: one streaming fold over the event log. It keeps counters, one sample per incident
// and segment, and a small scratch record per open incident (dropped when the incident closes), never
// the log itself, so a simulated year of tens of thousands of incidents fits in a few megabytes.
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { Grade } from '../../shared/domain/grades.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import type { Region } from '../../shared/schemas/region.ts';
import type { UnitTypeCatalogue } from '../../shared/schemas/unit-types.ts';
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import { percentileOfSorted } from './percentiles.ts';
import { SEGMENT_KEYS, segmentValues, type SegmentKey } from './time-segments.ts';
import { trackIncidents, type TrackedIncident } from './open-incidents.ts';

export type GradeKey = `${Grade}` | 'ungraded';
export const GRADE_KEYS: readonly GradeKey[] = ['1', '2', '3', '4', '5', 'ungraded'];

export type CancelReason = Extract<DomainEvent, { type: 'INCIDENT_CANCELLED' }>['reason'];

export interface SegmentStats {
  count: number;
  /** Seconds; null when no incident reached both ends of the segment. */
  p50: number | null;
  p90: number | null;
}

export interface RunSummary {
  seed: number | null;
  scenario: string | null;
  region: string | null;
  events: number;
  simulatedSeconds: number;
  /** Incidents (calls received), all of them, open or ended. */
  incidents: number;
  /** Closed or cancelled. */
  ended: number;
  openAtEnd: number;
  /** By the type as triaged (the caller's report until then). */
  byType: Partial<Record<IncidentType, number>>;
  /** By the final grade: the last INCIDENT_GRADED or GRADE_RAISED. */
  byGrade: Partial<Record<GradeKey, number>>;
  byTypeAndGrade: Partial<Record<IncidentType, Partial<Record<GradeKey, number>>>>;
  /** Incidents with at least one unit dispatched. */
  dispatches: number;
  /** Vehicle-times (车次) and personnel-times (人次) over all dispatches, reinforcements included. */
  unitsDispatched: number;
  personnelDispatched: number;
  vehiclesPerDispatch: number | null;
  personnelPerDispatch: number | null;
  segments: Record<SegmentKey, SegmentStats>;
  firstArrivalTargetSeconds: number;
  /** Incidents with a first arrival, the denominator of firstArrivalWithin5min. */
  incidentsWithArrival: number;
  /** Share (0..1) of incidents with an arrival whose dispatch → first arrival met the target. */
  firstArrivalWithin5min: number | null;
  escalations: number;
  incidentsEscalated: number;
  shortfalls: number;
  incidentsWithShortfall: number;
  rescued: number;
  dead: number;
  cancellations: number;
  cancellationsByReason: Partial<Record<CancelReason, number>>;
  /** Cancelled as a false alarm or unfounded, or triaged as a false alarm. */
  falseAlarms: number;
}

export interface RunSummaryFold {
  add(event: DomainEvent): void;
  /** The summary so far; open incidents count with what they reached. `now` extends the simulated time. */
  result(now?: number): RunSummary;
}

/** Scratch of one open incident. */
interface OpenIncident extends TrackedIncident {
  dispatched: boolean;
  escalated: boolean;
  shortfall: boolean;
  falseAlarm: boolean;
}

/**
 * What the fold needs besides the log: the roster with its crews and the first-arrival target,
 * as the shared data files give them (a loaded world has these fields; metrics knows nothing of
 * the engine).
 */
export interface SummaryInputs {
  region: Pick<Region, 'stations'>;
  unitTypes: Pick<UnitTypeCatalogue, 'unitTypes'>;
  doctrine: { targets: Pick<Doctrine['targets'], 'firstArrivalSeconds'> };
}

function crewByUnit(world: SummaryInputs): Map<string, number> {
  const crewByType = new Map(world.unitTypes.unitTypes.map((t) => [t.code, t.crew]));
  const out = new Map<string, number>();
  for (const station of world.region.stations) {
    for (const unit of station.units) out.set(unit.id, crewByType.get(unit.type) ?? 0);
  }
  return out;
}

const bump = <K extends string>(r: Partial<Record<K, number>>, k: K, by = 1): void => {
  r[k] = (r[k] ?? 0) + by;
};

export function createRunSummary(world: SummaryInputs): RunSummaryFold {
  const crew = crewByUnit(world);
  const target = world.doctrine.targets.firstArrivalSeconds;

  let seed: number | null = null;
  let scenario: string | null = null;
  let region: string | null = null;
  let events = 0;
  let maxT = 0;
  let incidents = 0;
  const ended = { count: 0, byType: {} as Partial<Record<IncidentType, number>>, byGrade: {} as Partial<Record<GradeKey, number>>, byTypeAndGrade: {} as RunSummary['byTypeAndGrade'] };
  let dispatches = 0;
  let unitsDispatched = 0;
  let personnelDispatched = 0;
  /** Each segment's samples, in SEGMENT_KEYS order (by position: see segmentValues). */
  const samples = SEGMENT_KEYS.map(() => [] as number[]);
  /** Scratch for one incident's segments. */
  const segs: (number | undefined)[] = new Array<number | undefined>(SEGMENT_KEYS.length);
  const DISPATCH_TO_FIRST_ARRIVAL = SEGMENT_KEYS.indexOf('dispatchToFirstArrival');
  let withArrival = 0;
  let withinTarget = 0;
  let escalations = 0;
  let incidentsEscalated = 0;
  let shortfalls = 0;
  let incidentsWithShortfall = 0;
  let rescued = 0;
  let dead = 0;
  let cancellations = 0;
  const cancellationsByReason: Partial<Record<CancelReason, number>> = {};
  let falseAlarmsEnded = 0;

  /** Adds an incident's final figures into the totals given. */
  function tally(inc: OpenIncident, into: { samples: number[][]; counts: typeof ended }): { arrival: boolean; within: boolean } {
    const g: GradeKey = inc.grade === undefined ? 'ungraded' : `${inc.grade}`;
    into.counts.count++;
    bump(into.counts.byType, inc.type);
    bump(into.counts.byGrade, g);
    bump((into.counts.byTypeAndGrade[inc.type] ??= {}), g);
    segmentValues(inc.times, undefined, segs);
    for (let i = 0; i < segs.length; i++) {
      const v = segs[i];
      if (v !== undefined) into.samples[i]!.push(v);
    }
    const d = segs[DISPATCH_TO_FIRST_ARRIVAL];
    return { arrival: d !== undefined, within: d !== undefined && d <= target };
  }

  function end(inc: OpenIncident): void {
    if (inc.type === 'false-alarm') inc.falseAlarm = true;
    const { arrival, within } = tally(inc, { samples, counts: ended });
    if (arrival) withArrival++;
    if (within) withinTarget++;
    if (inc.falseAlarm) falseAlarmsEnded++;
  }

  const incidentsOpen = trackIncidents<OpenIncident>({
    start(base) {
      incidents++;
      // Fields named one by one, not `{ ...base, … }`: V8 gives every object built by a spread followed
      // by more fields a hidden class of its own, so each later `inc.x` was a megamorphic lookup. This
      // line halved the fold's time (0.29 -> 0.18 s of CPU for a metropolitan year).
      return { times: base.times, type: base.type, grade: base.grade, dispatched: false, escalated: false, shortfall: false, falseAlarm: false };
    },
    before(inc, e, type) {
      switch (type) {
        case 'GRADE_RAISED':
          if (!inc.escalated) incidentsEscalated++;
          inc.escalated = true;
          break;
        case 'DISPATCH_SHORTFALL':
          if (!inc.shortfall) incidentsWithShortfall++;
          inc.shortfall = true;
          break;
        case 'UNIT_DISPATCHED':
          if (!inc.dispatched) dispatches++;
          inc.dispatched = true;
          unitsDispatched++;
          personnelDispatched += crew.get((e as EventOf<'UNIT_DISPATCHED'>).unitId) ?? 0;
          break;
        case 'INCIDENT_CANCELLED': {
          const { reason } = e as EventOf<'INCIDENT_CANCELLED'>;
          if (reason === 'false-alarm' || reason === 'unfounded') inc.falseAlarm = true;
          break;
        }
        default:
          break;
      }
    },
    end,
  });
  const open = incidentsOpen.open;

  function add(e: DomainEvent): void {
    events++;
    const { t, type } = e;
    if (t > maxT) maxT = t;
    switch (type) {
      case 'SIMULATION_STARTED':
        seed = e.seed;
        scenario = e.scenario;
        region = e.region;
        return;
      case 'GRADE_RAISED':
        escalations++;
        break;
      case 'DISPATCH_SHORTFALL':
        shortfalls++;
        break;
      case 'PERSON_RESCUED':
        rescued++;
        break;
      case 'PERSON_DIED':
        dead++;
        break;
      case 'INCIDENT_CANCELLED':
        cancellations++;
        bump(cancellationsByReason, e.reason);
        break;
      default:
        break;
    }
    incidentsOpen.add(e, type);
  }

  function result(now?: number): RunSummary {
    // Open incidents count with what they reached, without disturbing the running totals.
    const counts = { count: 0, byType: { ...ended.byType }, byGrade: { ...ended.byGrade }, byTypeAndGrade: structuredClone(ended.byTypeAndGrade) };
    const all = samples.map((s) => [...s]);
    let arrivals = withArrival;
    let within = withinTarget;
    let falseAlarms = falseAlarmsEnded;
    for (const inc of open.values()) {
      const r = tally(inc, { samples: all, counts });
      if (r.arrival) arrivals++;
      if (r.within) within++;
      if (inc.falseAlarm || inc.type === 'false-alarm') falseAlarms++;
    }
    const segments = Object.fromEntries(
      SEGMENT_KEYS.map((k, i) => {
        const s = Float64Array.from(all[i]!).sort();
        return [k, { count: s.length, p50: percentileOfSorted(s, 50) ?? null, p90: percentileOfSorted(s, 90) ?? null }];
      }),
    ) as Record<SegmentKey, SegmentStats>;
    return {
      seed,
      scenario,
      region,
      events,
      simulatedSeconds: Math.max(maxT, now ?? 0) / 1000,
      incidents,
      ended: ended.count,
      openAtEnd: open.size,
      byType: counts.byType,
      byGrade: counts.byGrade,
      byTypeAndGrade: counts.byTypeAndGrade,
      dispatches,
      unitsDispatched,
      personnelDispatched,
      vehiclesPerDispatch: dispatches === 0 ? null : unitsDispatched / dispatches,
      personnelPerDispatch: dispatches === 0 ? null : personnelDispatched / dispatches,
      segments,
      firstArrivalTargetSeconds: target,
      incidentsWithArrival: arrivals,
      firstArrivalWithin5min: arrivals === 0 ? null : within / arrivals,
      escalations,
      incidentsEscalated,
      shortfalls,
      incidentsWithShortfall,
      rescued,
      dead,
      cancellations,
      cancellationsByReason,
      falseAlarms,
    };
  }

  return { add, result };
}
