// Metrics folds on a small hand-built event log whose figures can be worked out by hand.
import { describe, expect, it } from 'vitest';
import type { DomainEvent, Leg } from '../../shared/events.ts';
import type { World } from '../../server/engine/types.ts';
import { describe as describeValues, percentile, p50, p90, p99 } from '../../server/metrics/percentiles.ts';
import { segmentsFromLog } from '../../server/metrics/time-segments.ts';
import { createRunSummary } from '../../server/metrics/summary.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import { formatDurationMs, formatEventLine, formatSeconds, formatSimClock, formatSummary } from '../../server/metrics/format-summary.ts';

type Draft = DomainEvent extends infer E ? (E extends DomainEvent ? Omit<E, 'seq' | 't'> : never) : never;

/** A log builder: events at given seconds, numbered in order. */
function logOf(...items: [number, Draft][]): DomainEvent[] {
  return items.map(([sec, d], i) => ({ ...d, seq: i + 1, t: sec * 1000 }) as DomainEvent);
}

const world = {
  region: {
    stations: [
      { id: 'S1', units: [{ id: 'SG1', type: 'SG' }, { id: 'JY1', type: 'JY' }, { id: 'SG2', type: 'SG' }] },
      { id: 'S2', units: [{ id: 'SG3', type: 'SG' }, { id: 'SG4', type: 'SG' }, { id: 'SG5', type: 'SG' }] },
    ],
  },
  unitTypes: { unitTypes: [{ code: 'SG', crew: 6 }, { code: 'JY', crew: 5 }] },
  doctrine: { targets: { firstArrivalSeconds: 300 } },
} as unknown as World;

const at: [number, number] = [30, 120];
const leg = { from: at, to: at, departAt: 0, arriveAt: 0, distanceM: 1000 };
const reason = { need: 'water', echelon: 1, note: '' } as const;
const call = (incidentId: string, reportedType: 'building-fire' | 'vehicle-fire' | 'small-outdoor-fire' | 'social-assistance'): Draft => ({
  type: 'CALL_RECEIVED', incidentId, source: 'background', location: at, reportedType, description: '', reportedSize: 1, reportedTrapped: 0,
  reportedGrade: 1, truth: { size: 1, trapped: 0, deadlinesMin: [], unfounded: false },
});
const dispatch = (incidentId: string, unitId: string): Draft => ({ type: 'UNIT_DISPATCHED', incidentId, unitId, reason, etaSec: 240, by: 'system' });
const enRoute = (incidentId: string, unitId: string): Draft => ({ type: 'UNIT_EN_ROUTE', incidentId, unitId, leg });
const arrived = (incidentId: string, unitId: string): Draft => ({ type: 'UNIT_ARRIVED', incidentId, unitId });

/**
 * A: building fire, three units in the first wave (SG2 50 s after the first), raised to grade 2 with a
 *    reinforcement, first arrival 4:00 after dispatch (within 5 min), two rescued.
 * B: vehicle fire, one unit, first arrival 7:30 after dispatch (late).
 * C: small outdoor fire cancelled as a false alarm while the unit is on its way (no arrival).
 * D: social assistance cancelled by the caller before any dispatch.
 */
const LOG = logOf(
  [0, { type: 'SIMULATION_STARTED', seed: 7, scenario: 'hand-built', region: 'demo', mode: 'auto', startIso: '2026-06-01T08:00:00+08:00' }],
  [0, call('A', 'building-fire')],
  [10, { type: 'CALL_ANSWERED', incidentId: 'A' }],
  [30, { type: 'INCIDENT_TRIAGED', incidentId: 'A', incidentType: 'building-fire', location: at, jurisdictionId: 'J1', homeStationId: 'S1', by: 'system' }],
  [30, { type: 'INCIDENT_GRADED', incidentId: 'A', grade: 1, by: 'system' }],
  [50, dispatch('A', 'SG1')],
  [50, dispatch('A', 'JY1')],
  [50, { type: 'DISPATCH_SHORTFALL', incidentId: 'A', unmet: [{ capability: 'aerial', missing: 1 }] }],
  [100, dispatch('A', 'SG2')],
  [110, enRoute('A', 'SG1')],
  [120, enRoute('A', 'JY1')],
  [160, enRoute('A', 'SG2')],
  [290, arrived('A', 'SG1')],
  [300, arrived('A', 'JY1')],
  [400, arrived('A', 'SG2')],
  [500, { type: 'GRADE_RAISED', incidentId: 'A', from: 1, to: 2, by: 'commander', reason: 'spread to the second floor' }],
  [500, dispatch('A', 'SG3')],
  [560, enRoute('A', 'SG3')],
  [900, arrived('A', 'SG3')],
  [1000, call('B', 'vehicle-fire')],
  [1005, { type: 'CALL_ANSWERED', incidentId: 'B' }],
  [1010, { type: 'INCIDENT_GRADED', incidentId: 'B', grade: 1, by: 'system' }],
  [1050, dispatch('B', 'SG4')],
  [1100, { type: 'PERSON_RESCUED', incidentId: 'A', remaining: 1 }],
  [1110, enRoute('B', 'SG4')],
  [1150, { type: 'PERSON_RESCUED', incidentId: 'A', remaining: 0 }],
  [1200, { type: 'INCIDENT_UNDER_CONTROL', incidentId: 'A', size: 3 }],
  [1500, arrived('B', 'SG4')],
  [2000, { type: 'INCIDENT_UNDER_CONTROL', incidentId: 'B', size: 1 }],
  [2000, call('C', 'small-outdoor-fire')],
  [2020, { type: 'CALL_ANSWERED', incidentId: 'C' }],
  [2030, { type: 'INCIDENT_GRADED', incidentId: 'C', grade: 1, by: 'system' }],
  [2060, dispatch('C', 'SG5')],
  [2120, enRoute('C', 'SG5')],
  [2200, { type: 'INCIDENT_CANCELLED', incidentId: 'C', reason: 'false-alarm' }],
  [2200, { type: 'UNIT_RELEASED', incidentId: 'C', unitId: 'SG5', reason: 'incident-cancelled' }],
  [2500, { type: 'INCIDENT_CLOSED', incidentId: 'B', finalSize: 1, rescued: 0, dead: 0 }],
  [3000, call('D', 'social-assistance')],
  [3008, { type: 'CALL_ANSWERED', incidentId: 'D' }],
  [3030, { type: 'INCIDENT_CANCELLED', incidentId: 'D', reason: 'cancelled-by-caller' }],
  [3600, { type: 'INCIDENT_CLOSED', incidentId: 'A', finalSize: 3, rescued: 2, dead: 0 }],
  [3600, { type: 'UNIT_RELEASED', incidentId: 'A', unitId: 'SG1', reason: 'incident-closed' }],
  [3600, { type: 'SIMULATION_ENDED' }],
);

describe('percentiles', () => {
  it('uses nearest rank by default: a value that occurred', () => {
    const v = [40, 15, 50, 35, 20];
    expect(percentile(v, 30)).toBe(20);
    expect(percentile(v, 40)).toBe(20);
    expect(p50(v)).toBe(35);
    expect(p90(v)).toBe(50);
    expect(percentile(v, 0)).toBe(15);
    expect(percentile(v, 100)).toBe(50);
  });
  it('interpolates linearly on request', () => {
    expect(p50([1, 2, 3, 4], 'linear')).toBe(2.5);
    expect(p90([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 'linear')).toBeCloseTo(9.1, 10);
    expect(p99([5], 'linear')).toBe(5);
  });
  it('has no percentile of nothing and refuses p outside 0..100', () => {
    expect(p50([])).toBeUndefined();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(describeValues([])).toMatchObject({ count: 0, p50: null, mean: null });
    expect(describeValues([3, 1, 2])).toMatchObject({ count: 3, mean: 2, min: 1, p50: 2, max: 3 });
  });
});

describe('time segments', () => {
  const segs = segmentsFromLog(LOG);

  it('measures every segment of an incident that ran its course', () => {
    expect(segs.get('A')).toEqual({
      answering: 10,
      processing: 40,
      turnout: 60, // SG1, the first dispatched: 50 → 110
      travel: 180, // SG1, the first to arrive: 110 → 290
      dispatchToFirstArrival: 240,
      totalResponse: 290,
      assembly: 350, // SG2 (dispatched 50 s after the first) arrives at 400; SG3 is a later echelon
      underControl: 1200,
      totalEvent: 3600,
    });
  });

  it('counts a manual drill\'s call as answered when the player triages it (no CALL_ANSWERED there)', () => {
    // Call at 0, the commander triages at 25 s and dispatches at 40 s: answering 25 s, processing 15 s.
    const manual = segmentsFromLog(logOf(
      [0, call('M', 'building-fire')],
      [25, { type: 'INCIDENT_TRIAGED', incidentId: 'M', incidentType: 'building-fire', location: at, jurisdictionId: 'J1', homeStationId: 'S1', by: 'commander' }],
      [25, { type: 'INCIDENT_GRADED', incidentId: 'M', grade: 1, by: 'commander' }],
      [40, dispatch('M', 'SG1')],
    ));
    expect(manual.get('M')).toMatchObject({ answering: 25, processing: 15 });
  });

  it('has no arrival segments for an incident cancelled before any arrival', () => {
    expect(segs.get('C')).toEqual({ answering: 20, processing: 40, turnout: 60, totalEvent: 200 });
    expect(segs.get('D')).toEqual({ answering: 8, totalEvent: 30 });
  });

  it('leaves a first-wave unit stood down before arriving out of the assembly', () => {
    const log = logOf(
      [0, call('E', 'building-fire')],
      [5, dispatch('E', 'SG1')],
      [5, dispatch('E', 'SG2')],
      [65, enRoute('E', 'SG1')],
      [65, enRoute('E', 'SG2')],
      [200, arrived('E', 'SG1')],
    );
    expect(segmentsFromLog(log).get('E')?.assembly).toBeUndefined(); // SG2 still on its way
    const released = [...log, ...logOf([210, { type: 'UNIT_RELEASED', incidentId: 'E', unitId: 'SG2', reason: 'commander' }])];
    expect(segmentsFromLog(released).get('E')?.assembly).toBe(195);
  });
});

describe('run summary', () => {
  const fold = createRunSummary(world);
  for (const e of LOG) fold.add(e);
  const s = fold.result();

  it('counts incidents by type and by final grade', () => {
    expect(s).toMatchObject({ seed: 7, scenario: 'hand-built', events: LOG.length, simulatedSeconds: 3600, incidents: 4, ended: 4, openAtEnd: 0 });
    expect(s.byType).toEqual({ 'building-fire': 1, 'vehicle-fire': 1, 'small-outdoor-fire': 1, 'social-assistance': 1 });
    expect(s.byGrade).toEqual({ 1: 2, 2: 1, ungraded: 1 });
    expect(s.byTypeAndGrade['building-fire']).toEqual({ 2: 1 });
  });

  it('gives vehicles and firefighters per dispatch, reinforcements included', () => {
    expect(s.dispatches).toBe(3); // A, B, C; D had none
    expect(s.unitsDispatched).toBe(6);
    expect(s.vehiclesPerDispatch).toBe(2);
    expect(s.personnelDispatched).toBe(6 + 5 + 6 + 6 + 6 + 6);
    expect(s.personnelPerDispatch).toBeCloseTo(35 / 3, 10);
  });

  it('gives p50 and p90 of each segment by nearest rank', () => {
    expect(s.segments.answering).toEqual({ count: 4, p50: 8, p90: 20 }); // 5, 8, 10, 20
    expect(s.segments.processing).toEqual({ count: 3, p50: 40, p90: 45 }); // 40, 40, 45
    expect(s.segments.dispatchToFirstArrival).toEqual({ count: 2, p50: 240, p90: 450 });
    expect(s.segments.totalEvent).toEqual({ count: 4, p50: 200, p90: 3600 }); // 30, 200, 1500, 3600
    expect(s.segments.assembly).toEqual({ count: 2, p50: 350, p90: 450 });
  });

  it('shares first arrivals within the 5-minute target among incidents with an arrival', () => {
    expect(s.incidentsWithArrival).toBe(2);
    expect(s.firstArrivalWithin5min).toBe(0.5);
  });

  it('counts escalations, shortfalls, rescues and cancellations', () => {
    expect(s).toMatchObject({ escalations: 1, incidentsEscalated: 1, shortfalls: 1, incidentsWithShortfall: 1, rescued: 2, dead: 0 });
    expect(s).toMatchObject({ cancellations: 2, falseAlarms: 1, cancellationsByReason: { 'false-alarm': 1, 'cancelled-by-caller': 1 } });
  });

  it('counts incidents still open at the end with what they reached, without consuming them', () => {
    const f = createRunSummary(world);
    for (const e of LOG.filter((e) => !(e.type === 'INCIDENT_CLOSED' && e.incidentId === 'A'))) f.add(e);
    const first = f.result(7200_000);
    expect(first).toMatchObject({ incidents: 4, ended: 3, openAtEnd: 1, simulatedSeconds: 7200, firstArrivalWithin5min: 0.5 });
    expect(first.segments.totalEvent.count).toBe(3);
    expect(first.segments.underControl.count).toBe(2);
    expect(f.result(7200_000)).toEqual(first);
  });

  it('ignores events of incidents it never saw or that already ended', () => {
    const f = createRunSummary(world);
    for (const e of LOG) f.add(e);
    f.add({ seq: 999, t: 4000_000, type: 'UNIT_DISPATCHED', incidentId: 'A', unitId: 'SG1', reason, etaSec: 1, by: 'system' });
    f.add({ seq: 1000, t: 4000_000, type: 'UNIT_DISPATCHED', incidentId: 'Z', unitId: 'SG1', reason, etaSec: 1, by: 'system' });
    expect(f.result()).toMatchObject({ dispatches: 3, unitsDispatched: 6, events: LOG.length + 2 });
  });
});

describe('log hash', () => {
  /** A routed drive: its path and times go into the hash as float64s (its canonical bytes: tests/unit/log-hash.test.ts). */
  const routed: DomainEvent = {
    seq: LOG.length + 1, t: 5000_000, type: 'UNIT_RETURNING', unitId: 'SG1', available: true,
    leg: { from: [24.6, 110.5], to: [24.61, 110.52], departAt: 5000_000, arriveAt: 5300_000, distanceM: 2300, path: [[24.6, 110.5], [24.605, 110.51], [24.61, 110.52]], times: [5000_000, 5150_000, 5300_000] },
  };

  it('is a SHA-256, stable and sensitive to any change', () => {
    const log = [...LOG, routed];
    const h = createLogHasher();
    for (const e of log) h.add(e);
    const expected = h.hex();
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    const again = createLogHasher();
    again.addAll(log);
    expect(again.hex()).toBe(expected);
    expect(h.hex()).toBe(expected);
    expect(h.count).toBe(log.length);
    const other = createLogHasher();
    for (const e of log) other.add(e.seq === 3 ? { ...e, t: e.t + 1 } : e);
    expect(other.hex()).not.toBe(expected);
    // A path vertex moved by 1e-9°: another hash.
    const moved = createLogHasher();
    for (const e of LOG) moved.add(e);
    moved.add({ ...routed, leg: { ...(routed as { leg: Leg }).leg, path: [[24.6, 110.5], [24.605000001, 110.51], [24.61, 110.52]] } } as DomainEvent);
    expect(moved.hex()).not.toBe(expected);
  });
});

describe('text report', () => {
  const fold = createRunSummary(world);
  for (const e of LOG) fold.add(e);
  const text = formatSummary(fold.result());

  it('shows segments in m:ss, the 5-minute share and the type × grade table', () => {
    expect(formatSeconds(59.6)).toBe('1:00');
    expect(formatSeconds(3725)).toBe('1:02:05');
    expect(formatSeconds(null)).toBe('—');
    expect(formatDurationMs(365 * 86_400_000)).toBe('365d');
    expect(formatDurationMs(5_400_000)).toBe('1h30m');
    expect(text).toContain('50.0 %');
    expect(text).toMatch(/调派至首车到场 Dispatch → first arrival\s+2\s+4:00\s+7:30/);
    expect(text).toMatch(/建筑火灾 Building fire\s+0\s+1\s+0\s+0\s+0\s+0\s+1/);
    expect(text).toContain('2.00 vehicles, 11.67 firefighters');
    expect(text).toContain('1 grade raises on 1 incidents');
  });

  it('prints one readable line per event on the scenario clock', () => {
    expect(formatSimClock(90_000, '2026-06-01T08:00:00+08:00')).toBe('08:01:30');
    expect(formatSimClock(90_000)).toBe('00:01:30');
    expect(formatSimClock(86_400_000 + 5_000, '2026-06-01T08:00:00+08:00')).toBe('+1d 08:00:05');
    const line = formatEventLine(LOG[15]!, '2026-06-01T08:00:00+08:00');
    expect(line).toMatch(/^08:08:20 {2}GRADE_RAISED\s+A\s+一级 → 二级 Level 2: spread/);
  });
});
