// Units joining and leaving incidents: the recommendation for an incident (run card against the
// units as they are now), dispatch orders and the shortfall they leave, and release from an
// incident. Each change goes out as an event; the drive itself is driving.ts's. A released unit
// that can take orders again is told upward as `unitFreed`.
// Imports: the kernel, driving, incident-progress and the dispatch policy.
import type { LatLon } from '../../../shared/geo.ts';
import type { Grade } from '../../../shared/domain/grades.ts';
import type { Actor } from '../../../shared/commands.ts';
import type { RunCard } from '../../../shared/schemas/run-cards.ts';
import type { Recommendation, RecommendedUnit } from '../../../shared/recommendation.ts';
import { recommendUnits, type UnitLive } from './dispatch/recommend.ts';
import type { UnitInfo } from '../kernel/world-index.ts';
import { incidentGrade, leaveIncident, unitStatus, type IncidentState, type UnitState } from '../kernel/state.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { driveTo, reportStopped, setOff, standingLeg, travelSeconds, travelSecondsWithin, turnoutSeconds } from './driving.ts';
import { reassessIncident } from './incident-progress.ts';

/** What the dispatch policy may ask about units, as they are now (one per simulation). */
const liveOf = new WeakMap<Simulation, UnitLive>();
function live(sim: Simulation): UnitLive {
  let l = liveOf.get(sim);
  if (!l) {
    // A unit's live state by its dense number: asked ~70 times a recommendation, no id hashed.
    const units = sim.unitsByN;
    l = {
      status: (u: UnitInfo) => unitStatus(units[u.n]!),
      orderable: (u: UnitInfo) => sim.stationOrderable(u.station.id),
      travelSeconds: (u: UnitInfo, to: LatLon, t: number) => travelSeconds(sim, units[u.n]!, to, t),
      travelSecondsWithin: (u: UnitInfo, to: LatLon, t: number, maxSeconds: number) => travelSecondsWithin(sim, units[u.n]!, to, t, maxSeconds),
      minTravelSeconds: (u: UnitInfo, to: LatLon) => sim.travel.minSeconds?.(sim.unitPosition(units[u.n]!), to, u.type.speedClass) ?? 0,
      minSecondsPerMetre: (u: UnitInfo) => sim.travel.minSecondsPerMetre?.(u.type.speedClass),
      crew: (u: UnitInfo) => sim.models.crewOf(u.id) ?? u.type.crew,
      // Only with a model that may send units elsewhere (a chemical release's staging points): the
      // search then groups and bounds units by where each goes. Models are registered before the
      // first recommendation, which builds this.
      ...(sim.models.approaching ? { approachPoint: (u: UnitInfo, to: LatLon) => sim.models.approachPoint(u.type.capabilities, to) } : {}),
    };
    liveOf.set(sim, l);
  }
  return l;
}

/** The scene has reported (size-up) and nobody is trapped there any more. */
export function nobodyLeftToRescue(inc: IncidentState): boolean {
  return inc.sizedUp && inc.knownTrapped === 0;
}

/** Units that can only rescue (doctrine `releaseWhenRescueDone`: every capability listed). */
export function rescueOnly(sim: Simulation, u: UnitState): boolean {
  const only = sim.index.world.doctrine.releaseWhenRescueDone;
  return u.info.type.capabilities.every((c) => only.includes(c));
}

/**
 * What the run card of the incident's current grade still needs. A reinforcement passes its own
 * card: explicit needs on top of what is assigned (`countAssigned: false`), or the next grade's
 * card against what is assigned; it is never a first dispatch (no micro-first, home-station or
 * strengthening rules).
 */
export function recommend(sim: Simulation, inc: IncidentState, reinforcement?: { card: RunCard; countAssigned: boolean }): Recommendation {
  const grade = (incidentGrade(inc) || inc.reportedGrade) as Grade;
  const base = reinforcement?.card ?? sim.index.card(inc.type, grade);
  // A hazard around the incident (models' extraNeeds) adds needs the card lacks, with its reason.
  const extra = sim.models.extraNeeds(inc);
  const added = extra?.needs.filter((n) => !base.needs.some((b) => b.capability === n.capability && b.vehicles >= n.vehicles)) ?? [];
  const merged = added.length > 0 ? { ...base, needs: [...base.needs.filter((b) => !added.some((n) => n.capability === b.capability)), ...added] } : base;
  // Nobody left to rescue here: boats and other rescue-only capabilities are not asked for any more.
  const rescueOnly = sim.index.world.doctrine.releaseWhenRescueDone;
  const card = nobodyLeftToRescue(inc) ? { ...merged, needs: merged.needs.filter((n) => !rescueOnly.includes(n.capability)) } : merged;
  return recommendUnits(sim.index, live(sim), {
    now: sim.now,
    night: sim.isNight(),
    incidentId: inc.id,
    grade,
    location: inc.location,
    homeStationId: inc.homeStationId,
    supervisingStationId: inc.supervisingStationId,
    assigned: inc.units,
    countAssigned: reinforcement?.countAssigned ?? true,
    firstDispatch: !reinforcement && !inc.dispatchedOnce,
    card,
    ...(added.length > 0 ? { needReasons: Object.fromEntries(added.map((n) => [n.capability, extra!.reason])) } : {}),
  });
}

export function dispatchUnits(sim: Simulation, inc: IncidentState, recs: readonly RecommendedUnit[], by: Actor['role']): void {
  for (const r of recs) {
    const u = sim.units.get(r.unitId)!;
    const fromStation = unitStatus(u) === 'inStation';
    sim.stepUnit(u, sim.dispatchEvent);
    sim.stepIncident(inc, { type: 'DISPATCH' });
    u.incidentId = inc.id;
    inc.units.push(u.info.id);
    inc.dispatchedOnce = true;
    sim.emit({ type: 'UNIT_DISPATCHED', unitId: u.info.id, incidentId: inc.id, reason: r.reason, etaSec: r.etaSec, by });
    if (fromStation) {
      u.timerVersion++;
      sim.schedule(sim.now + turnoutSeconds(sim, u) * 1000, { kind: 'unit', unitId: u.info.id, version: u.timerVersion, step: 'turnout' });
    } else {
      setOff(sim, u, inc);
    }
  }
}

/** Dispatch a recommendation and report what it could not fill. */
export function dispatchRecommendation(sim: Simulation, inc: IncidentState, rec: Recommendation, by: Actor['role']): void {
  dispatchUnits(sim, inc, rec.units, by);
  if (rec.unmet.length > 0) {
    sim.emit({ type: 'DISPATCH_SHORTFALL', incidentId: inc.id, unmet: rec.unmet });
    // The automatic centre keeps the shortfall on its list and fills it as units come free.
    if (sim.mode === 'auto') sim.waiting.set(inc.id, rec.unmet);
  } else {
    sim.waiting.delete(inc.id);
  }
}

/** Release a unit from its incident (recall on the way, or release from the scene). */
export function releaseUnit(sim: Simulation, u: UnitState, reason: 'incident-closed' | 'commander' | 'recalled' | 'incident-cancelled' | 'rescue-done'): void {
  const inc = u.incidentId ? sim.incidents.get(u.incidentId) : undefined;
  const status = unitStatus(u);
  const wasWorking = status === 'working';
  if (!sim.stepUnit(u, { type: 'RELEASE' })) return;
  u.incidentId = undefined;
  if (inc) leaveIncident(inc, u.info.id);
  const why = status === 'turningOut' || status === 'enRoute' ? (reason === 'commander' ? 'recalled' : reason) : reason;
  sim.emit({ type: 'UNIT_RELEASED', unitId: u.info.id, incidentId: inc?.id ?? '', reason: why });
  if (status === 'turningOut') {
    u.timerVersion++;
    sim.emit({ type: 'UNIT_IN_STATION', unitId: u.info.id });
  } else {
    const leg = driveTo(sim, u, u.info.station.location, 'home');
    const available = unitStatus(u) === 'availableOnRoad' || sim.index.world.doctrine.dispatch.returningDispatchable;
    sim.emit({ type: 'UNIT_RETURNING', unitId: u.info.id, leg: leg ?? standingLeg(sim, u), available });
    if (!leg) reportStopped(sim, u);
  }
  if (inc && wasWorking) reassessIncident(sim, inc);
  if (sim.canDispatchUnit(u)) sim.happen.unitFreed(u);
}
