// Runs a verification world (verification-world.ts) through the real engine and measures what
// queueing theory predicts: the probability that a call waits for a unit, the mean wait, and each
// unit's workload (busy share). The first and last 1 % of the calls are left out of the wait figures
// (the run starts empty and stops at the last call); workloads run from the start to the last call.
import { createEngine } from '../engine/engine.ts';
import { createUtilisationFold } from '../metrics/unit-utilisation.ts';
import { erlangC, hypercubeWorkloads, type HypercubeDemand } from './queueing-theory.ts';
import { verificationCalls, verificationScenario, verificationTravel, verificationWorld, type VerificationSpec } from './verification-world.ts';

export interface VerificationOutcome {
  calls: number;
  /** Calls in the wait figures (the middle 98 %). */
  measured: number;
  pWait: number;
  meanWaitMinutes: number;
  /** Standard errors of both from 20 batch means (the calls are correlated; batches of ~2,500 nearly are not). */
  pWaitSE: number;
  meanWaitSE: number;
  /** Busy share of each unit, in station order. */
  workloads: number[];
  /**
   * Every call in order of arrival (all of them, none left out): when it rang, how long it waited for
   * its unit and how long that unit was then busy (dispatch to back in station), in ms.
   */
  path: { arrivals: number[]; waits: number[]; busy: number[] };
}

export function runVerification(spec: VerificationSpec, seed = 1): VerificationOutcome {
  const world = verificationWorld(spec);
  const scenario = verificationScenario(spec);
  const engine = createEngine({ world, scenario, seed, background: verificationCalls(spec), travel: verificationTravel(world, spec.serviceMinutes) });
  const util = createUtilisationFold(world);
  const received = new Map<string, number>();
  const waits: number[] = [];
  // The path of every call, by its place in the order of arrival.
  const order = new Map<string, number>();
  const arrivals: number[] = [];
  const pathWaits: number[] = [];
  const busy: number[] = [];
  const onTrip = new Map<string, { call: number; since: number }>();
  let calls = 0;
  let lastCallAt = 0;
  const step = 24 * 3_600_000;
  const take = (events: ReturnType<typeof engine.start>): boolean => {
    for (const e of events) {
      if (e.type === 'CALL_RECEIVED') {
        if (calls === spec.calls) return true;
        calls++;
        lastCallAt = e.t;
        received.set(e.incidentId, e.t);
        order.set(e.incidentId, arrivals.length);
        arrivals.push(e.t);
      } else if (e.type === 'UNIT_DISPATCHED') {
        const t0 = received.get(e.incidentId);
        if (t0 !== undefined) {
          waits.push(e.t - t0);
          received.delete(e.incidentId);
        }
        const call = order.get(e.incidentId)!;
        pathWaits[call] = e.t - arrivals[call]!;
        onTrip.set(e.unitId, { call, since: e.t });
      } else if (e.type === 'UNIT_IN_STATION') {
        const trip = onTrip.get(e.unitId);
        if (trip) busy[trip.call] = e.t - trip.since;
        onTrip.delete(e.unitId);
      }
      util.add(e);
      if (calls === spec.calls && e.t > lastCallAt) return true;
    }
    return false;
  };
  let done = take(engine.start());
  for (let t = step; !done && t < engine.endsAt + step; t += step) done = take(engine.advanceTo(t));
  // waits are in the order of dispatch; keep the middle 98 % of calls by their order of arrival instead.
  const skip = Math.floor(calls * 0.01);
  const kept = waitsInArrivalOrder(waits.length, skip)(waits);
  const r = util.result(lastCallAt);
  const se = (xs: number[]): number => {
    const b = 20;
    const size = Math.floor(xs.length / b);
    const means = Array.from({ length: b }, (_, i) => xs.slice(i * size, (i + 1) * size).reduce((a, v) => a + v, 0) / size);
    const m = means.reduce((a, v) => a + v, 0) / b;
    return Math.sqrt(means.reduce((a, v) => a + (v - m) ** 2, 0) / (b - 1) / b);
  };
  return {
    calls,
    measured: kept.length,
    pWaitSE: se(kept.map((w) => (w > 0 ? 1 : 0))),
    meanWaitSE: se(kept) / 60_000,
    pWait: kept.filter((w) => w > 0).length / kept.length,
    meanWaitMinutes: kept.reduce((a, b) => a + b, 0) / kept.length / 60_000,
    workloads: world.region.stations.flatMap((s) => s.units.map((u) => r.byUnit[u.id]!)),
    path: { arrivals, waits: pathWaits, busy },
  };
}

/** Waits were pushed as calls were dispatched: a FCFS queue dispatches in arrival order, so dropping `skip` at each end drops the first and last arrivals. */
function waitsInArrivalOrder(n: number, skip: number): (w: number[]) => number[] {
  return (w) => w.slice(skip, Math.max(skip, n - skip));
}

export interface ErlangCCheck {
  simulated: { pWait: number; meanWaitMinutes: number; calls: number; pWaitSE: number; meanWaitSE: number };
  theory: { pWait: number; meanWaitMinutes: number; utilisation: number };
}

/** M/M/c: one station with c units, Poisson calls at λ per hour, exponential service of mean S minutes. */
export function checkErlangC(lambdaPerHour: number, serviceMinutes: number, units: number, calls: number, seed = 1): ErlangCCheck {
  const sim = runVerification({
    stations: [{ id: 'station', x: 0.2, units }],
    districts: [{ id: 'district', homeStationId: 'station', columns: [0, 1] }],
    atoms: [{ x: 0.8, ratePerHour: lambdaPerHour }],
    serviceMinutes,
    calls,
  }, seed);
  const th = erlangC(lambdaPerHour / 60, 1 / serviceMinutes, units); // per minute
  return {
    simulated: { pWait: sim.pWait, meanWaitMinutes: sim.meanWaitMinutes, calls: sim.calls, pWaitSE: sim.pWaitSE, meanWaitSE: sim.meanWaitSE },
    theory: { pWait: th.pWait, meanWaitMinutes: th.meanWait, utilisation: th.utilisation },
  };
}

/**
 * Larson & Odoni's three-unit, ten-atom example (Urban Operations Research §5.4.3 and §5.5.3): λ = 1.5
 * and μ = 1 per mean service time. Its atoms merge into four preference classes: unit 1's area holds
 * half the demand (0.75), split between atoms whose first backup is unit 2 (atoms 1 and 2) and atom 4
 * whose first backup is unit 3; unit 1 is the first backup of every call in the areas of units 2 and 3.
 * The split rates below (0.50 / 0.25 / 0.35 / 0.40) are ours: the book gives them in a figure we
 * could not read; with them the exact hypercube gives the book's workloads 0.5574 / 0.4734 / 0.4693.
 */
export const LARSON_ODONI_EXAMPLE: HypercubeDemand[] = [
  { rate: 0.5, preference: [0, 1, 2] },
  { rate: 0.25, preference: [0, 2, 1] },
  { rate: 0.35, preference: [1, 0, 2] },
  { rate: 0.4, preference: [2, 0, 1] },
];

export interface HypercubeCheck {
  simulated: { workloads: number[]; calls: number };
  theory: { workloads: number[] };
}

/**
 * The example as a world: stations of units 3, 1, 2 at 0.2, 2 and 3.8 km on a strip; districts 3 | 1 | 2
 * by columns [0,1) [1,3) [3,4); atoms at 2.4 km (area 1, unit 2 nearer than 3), 1.6 km (area 1, unit 3
 * nearer), 3.5 km (area 2, then unit 1) and 0.5 km (area 3, then unit 1). The engine sends the home
 * station first and the nearest free unit next, which is the preference of each class.
 */
export function checkHypercube(calls: number, serviceMinutes = 60, seed = 1): HypercubeCheck {
  const perHour = 60 / serviceMinutes; // service times per hour: λ = 1.5 per service time
  const sim = runVerification({
    stations: [{ id: 'unit-1', x: 2, units: 1 }, { id: 'unit-2', x: 3.8, units: 1 }, { id: 'unit-3', x: 0.2, units: 1 }],
    districts: [{ id: 'area-3', homeStationId: 'unit-3', columns: [0, 1] }, { id: 'area-1', homeStationId: 'unit-1', columns: [1, 3] }, { id: 'area-2', homeStationId: 'unit-2', columns: [3, 4] }],
    atoms: [
      { x: 2.4, ratePerHour: 0.5 * perHour },
      { x: 1.6, ratePerHour: 0.25 * perHour },
      { x: 3.5, ratePerHour: 0.35 * perHour },
      { x: 0.5, ratePerHour: 0.4 * perHour },
    ],
    serviceMinutes,
    calls,
  }, seed);
  return { simulated: { workloads: sim.workloads, calls: sim.calls }, theory: { workloads: hypercubeWorkloads(LARSON_ODONI_EXAMPLE, 1, 3) } };
}
