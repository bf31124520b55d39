// Per-incident response-time segments, as fire-data tools define them (DOMAIN.md §6), read from the
// event log only. An IncidentTimes record holds the few timestamps the segments need; it is fed one
// event at a time (so a streaming fold can drop it when the incident ends) and the segments are a
// pure function of it. All segments are in seconds; event `t` is sim ms.
import type { DomainEvent, EventOf } from '../../shared/events.ts';

export const SEGMENT_KEYS = [
  'answering',
  'processing',
  'turnout',
  'travel',
  'dispatchToFirstArrival',
  'totalResponse',
  'assembly',
  'underControl',
  'totalEvent',
] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

/** Segments of one incident in seconds; a key is absent when the incident never reached both ends. */
export type TimeSegments = Partial<Record<SegmentKey, number>>;

export const SEGMENT_INFO: Record<SegmentKey, { zh: string; en: string; span: string }> = {
  answering: { zh: '接警', en: 'Answering', span: 'call received → answered' },
  processing: { zh: '处警', en: 'Processing', span: 'answered → first dispatch' },
  turnout: { zh: '出动', en: 'Turnout', span: 'first unit dispatched → en route' },
  travel: { zh: '行驶', en: 'Travel', span: 'first-arriving unit en route → on scene' },
  dispatchToFirstArrival: { zh: '调派至首车到场', en: 'Dispatch → first arrival', span: 'first dispatch → first arrival (5-minute rule)' },
  totalResponse: { zh: '总响应', en: 'Total response', span: 'call received → first arrival' },
  assembly: { zh: '首批力量集结', en: 'First-alarm assembly', span: 'first dispatch → last unit of the first wave on scene' },
  underControl: { zh: '控制', en: 'Under control', span: 'call received → under control' },
  totalEvent: { zh: '事件总时长', en: 'Total event', span: 'call received → closed or cancelled' },
};

/** Units dispatched within this long after the first one form the first wave (the full first alarm). */
export const FIRST_WAVE_WINDOW_MS = 60_000;

export interface UnitTimes {
  dispatchedAt: number;
  enRouteAt?: number;
  arrivedAt?: number;
  /** Stood down (released, recalled, out of service) before arriving: it leaves the first wave. */
  droppedAt?: number;
}

/** The timestamps (sim ms) of one incident that the segments are computed from. */
export interface IncidentTimes {
  incidentId: string;
  receivedAt: number;
  answeredAt?: number;
  firstDispatchAt?: number;
  firstDispatchedUnitId?: string;
  firstArrivalAt?: number;
  firstArrivalUnitId?: string;
  underControlAt?: number;
  endedAt?: number;
  ending?: 'closed' | 'cancelled';
  /** Units of this incident by id, at their first dispatch to it. */
  units: Map<string, UnitTimes>;
}

export function startIncidentTimes(call: EventOf<'CALL_RECEIVED'>): IncidentTimes {
  // Every field from the start (unset ones undefined), so that all records share one hidden class
  // whatever order an incident reaches its marks in, and reading them stays a monomorphic load.
  return {
    incidentId: call.incidentId, receivedAt: call.t, answeredAt: undefined, firstDispatchAt: undefined, firstDispatchedUnitId: undefined,
    firstArrivalAt: undefined, firstArrivalUnitId: undefined, underControlAt: undefined, endedAt: undefined, ending: undefined, units: new Map(),
  };
}

/**
 * Folds one event of this incident into its times (mutates `times`). Events of other incidents and
 * events after the incident ended are ignored. Returns true when the event ended the incident.
 */
export function recordIncidentEvent(times: IncidentTimes, e: DomainEvent): boolean {
  if (!('incidentId' in e) || e.incidentId !== times.incidentId || times.endedAt !== undefined) return false;
  return recordOwnEvent(times, e);
}

/**
 * recordIncidentEvent for a caller that has already matched the event to this open incident (its
 * `incidentId` is `times.incidentId` and the incident has not ended): the same, without the checks.
 * A caller that has read the event's type already passes it as `type`: events come in some twenty
 * shapes, so every read of `e.type` is a megamorphic lookup, and a fold reading it once per event
 * instead of in every function it passes through spares a few of them per event.
 */
export function recordOwnEvent(times: IncidentTimes, e: DomainEvent, type: DomainEvent['type'] = e.type): boolean {
  // Each case reads the fields of its own kind of event (one shape per site: monomorphic loads).
  switch (type) {
    case 'CALL_ANSWERED':
      times.answeredAt ??= e.t;
      break;
    case 'INCIDENT_TRIAGED':
      // In manual mode nobody emits CALL_ANSWERED: the player takes the call by triaging it. (The
      // automatic centre answers first and triages later, so there the answer stays the mark.)
      times.answeredAt ??= e.t;
      break;
    case 'UNIT_DISPATCHED': {
      const d = e as EventOf<'UNIT_DISPATCHED'>;
      if (times.firstDispatchAt === undefined) {
        times.firstDispatchAt = d.t;
        times.firstDispatchedUnitId = d.unitId;
      }
      // A unit sent again after being stood down keeps its first dispatch but rejoins the incident.
      const u = times.units.get(d.unitId);
      if (u !== undefined) u.droppedAt = undefined;
      else times.units.set(d.unitId, { dispatchedAt: d.t, enRouteAt: undefined, arrivedAt: undefined, droppedAt: undefined });
      break;
    }
    case 'UNIT_EN_ROUTE': {
      const r = e as EventOf<'UNIT_EN_ROUTE'>;
      const u = times.units.get(r.unitId);
      if (u) u.enRouteAt ??= r.t;
      break;
    }
    case 'UNIT_ARRIVED': {
      const a = e as EventOf<'UNIT_ARRIVED'>;
      const u = times.units.get(a.unitId);
      if (u) u.arrivedAt ??= a.t;
      if (times.firstArrivalAt === undefined) {
        times.firstArrivalAt = a.t;
        times.firstArrivalUnitId = a.unitId;
      }
      break;
    }
    case 'UNIT_RELEASED':
    case 'UNIT_OUT_OF_SERVICE': {
      const r = e as EventOf<'UNIT_RELEASED' | 'UNIT_OUT_OF_SERVICE'>;
      const u = times.units.get(r.unitId);
      if (u && u.arrivedAt === undefined) u.droppedAt ??= r.t;
      break;
    }
    case 'INCIDENT_UNDER_CONTROL':
      times.underControlAt ??= e.t;
      break;
    case 'INCIDENT_CLOSED':
    case 'INCIDENT_CANCELLED':
      times.endedAt = e.t;
      times.ending = type === 'INCIDENT_CLOSED' ? 'closed' : 'cancelled';
      return true;
    default:
      break;
  }
  return false;
}

const seconds = (from: number | undefined, to: number | undefined): number | undefined =>
  from === undefined || to === undefined ? undefined : (to - from) / 1000;

/**
 * First-wave assembly: from the first dispatch to the arrival of the last unit dispatched within
 * FIRST_WAVE_WINDOW_MS of it. Units stood down before arriving leave the wave; while the incident is
 * open, a wave unit still on its way leaves the segment undefined.
 */
function assemblySeconds(times: IncidentTimes, windowMs: number): number | undefined {
  const first = times.firstDispatchAt;
  if (first === undefined) return undefined;
  let lastArrival: number | undefined;
  for (const u of times.units.values()) {
    if (u.dispatchedAt - first > windowMs) continue;
    if (u.arrivedAt !== undefined) lastArrival = Math.max(lastArrival ?? u.arrivedAt, u.arrivedAt);
    else if (u.droppedAt === undefined && times.endedAt === undefined) return undefined;
  }
  return seconds(first, lastArrival);
}

/** Each segment's position in SEGMENT_KEYS. */
const AT = Object.fromEntries(SEGMENT_KEYS.map((k, i) => [k, i])) as Record<SegmentKey, number>;

/**
 * The segments of one incident in SEGMENT_KEYS order (undefined where it has not reached both ends),
 * from what has happened so far, written into `out`. For a fold over many incidents: positions
 * instead of names spare it a lookup by a varying key per segment (a megamorphic access each).
 */
export function segmentValues(times: IncidentTimes, windowMs: number = FIRST_WAVE_WINDOW_MS, out: (number | undefined)[] = new Array<number | undefined>(SEGMENT_KEYS.length)): (number | undefined)[] {
  const firstUnit = times.firstDispatchedUnitId === undefined ? undefined : times.units.get(times.firstDispatchedUnitId);
  const firstArriving = times.firstArrivalUnitId === undefined ? undefined : times.units.get(times.firstArrivalUnitId);
  out[AT.answering] = seconds(times.receivedAt, times.answeredAt);
  out[AT.processing] = seconds(times.answeredAt, times.firstDispatchAt);
  out[AT.turnout] = seconds(firstUnit?.dispatchedAt, firstUnit?.enRouteAt);
  out[AT.travel] = seconds(firstArriving?.enRouteAt, firstArriving?.arrivedAt);
  out[AT.dispatchToFirstArrival] = seconds(times.firstDispatchAt, times.firstArrivalAt);
  out[AT.totalResponse] = seconds(times.receivedAt, times.firstArrivalAt);
  out[AT.assembly] = assemblySeconds(times, windowMs);
  out[AT.underControl] = seconds(times.receivedAt, times.underControlAt);
  out[AT.totalEvent] = seconds(times.receivedAt, times.endedAt);
  return out;
}

/** The segments of one incident, from what has happened so far. Pure. */
export function segmentsOf(times: IncidentTimes, windowMs: number = FIRST_WAVE_WINDOW_MS): TimeSegments {
  const values = segmentValues(times, windowMs);
  const out: TimeSegments = {};
  for (let i = 0; i < SEGMENT_KEYS.length; i++) {
    const v = values[i];
    if (v !== undefined) out[SEGMENT_KEYS[i]!] = v;
  }
  return out;
}

/** Times of every incident in a whole log, in order of the calls. Pure (for reports and tests). */
export function incidentTimesFromLog(events: Iterable<DomainEvent>): Map<string, IncidentTimes> {
  const byId = new Map<string, IncidentTimes>();
  for (const e of events) {
    if (e.type === 'CALL_RECEIVED') {
      if (!byId.has(e.incidentId)) byId.set(e.incidentId, startIncidentTimes(e));
      continue;
    }
    if (!('incidentId' in e) || e.incidentId === undefined) continue;
    const times = byId.get(e.incidentId);
    if (times) recordIncidentEvent(times, e);
  }
  return byId;
}

/** Segments of every incident in a whole log, keyed by incident id. Pure. */
export function segmentsFromLog(events: Iterable<DomainEvent>, windowMs: number = FIRST_WAVE_WINDOW_MS): Map<string, TimeSegments> {
  const out = new Map<string, TimeSegments>();
  for (const [id, times] of incidentTimesFromLog(events)) out.set(id, segmentsOf(times, windowMs));
  return out;
}
