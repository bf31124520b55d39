// Evaluates the drill script's condition language (shared/schemas/drill-condition.ts) against the
// facts folded from the event log (facts.ts). Pure and deterministic: the same facts give the same
// answer. Also says who made a fact true (for EXPECTED_ACTION_MET) and which incident it is about.
import type { ActorRole } from '../commands.ts';
import type { Capability } from '../domain/forces.ts';
import { haversineM, type LatLon } from '../geo.ts';
import type { Area, Condition, Fact, IncidentRef } from '../schemas/drill-condition.ts';
import type { DrillFacts, IncidentFacts } from './facts.ts';
import { inTeam } from './teams.ts';

/** What the evaluator needs of the world. */
export interface EvaluationWorld {
  /** Capabilities of a unit (its type's). */
  capabilities(unitId: string): readonly Capability[];
  /** The station (team) a unit belongs to. */
  station(unitId: string): string | undefined;
  /** A place name of the region as a point (areas are written with names or points). */
  place(name: string): LatLon | undefined;
}

/** The incident a reference points at now, if it exists yet. */
export function incidentOf(f: DrillFacts, ref: IncidentRef): string | undefined {
  if (ref === 'any') return undefined;
  if (typeof ref === 'string') return f.injectIncident[ref];
  return f.firstOfType[ref.firstOfType];
}

/** The incidents a reference can mean: one, or every incident for `any`. */
function candidates(f: DrillFacts, ref: IncidentRef): [string, IncidentFacts][] {
  if (ref === 'any') return Object.entries(f.incidents);
  const id = incidentOf(f, ref);
  const inc = id === undefined ? undefined : f.incidents[id];
  return inc ? [[id!, inc]] : [];
}

export function evaluate(c: Condition, f: DrillFacts, w: EvaluationWorld): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(x, f, w));
  if ('any' in c) return c.any.some((x) => evaluate(x, f, w));
  if ('not' in c) return !evaluate(c.not, f, w);
  return holds(c, f, w) !== undefined;
}

/** Who made the fact true and for which incident; undefined when it does not hold. */
export interface Witness { by: ActorRole; incidentId?: string }

/** Whether a fact holds, with its witness. */
export function holds(fact: Fact, f: DrillFacts, w: EvaluationWorld): Witness | undefined {
  const has = (unitId: string, cap?: Capability, team?: string) =>
    (cap === undefined || w.capabilities(unitId).includes(cap)) && (team === undefined || inTeam(w.station(unitId), team));
  // `fromStationNotAt`: the unit's station has sent no unit to that incident (so far).
  const committedTo = (ref: IncidentRef | undefined): ((unitId: string) => boolean) => {
    if (ref === undefined) return () => false;
    const busy = new Set(candidates(f, ref).flatMap(([, inc]) => inc.dispatched.map(([u]) => w.station(u))));
    return (unitId) => busy.has(w.station(unitId));
  };
  const some = (ref: IncidentRef, test: (inc: IncidentFacts) => ActorRole | undefined): Witness | undefined => {
    for (const [id, inc] of candidates(f, ref)) {
      const by = test(inc);
      if (by !== undefined) return { by, incidentId: id };
    }
    return undefined;
  };
  if ('dispatched' in fact) {
    const { incident, capability, team, count, fromStationNotAt } = fact.dispatched;
    const committed = committedTo(fromStationNotAt);
    return some(incident, (inc) => {
      const matching = inc.dispatched.filter(([u]) => has(u, capability, team) && !committed(u));
      return matching.length >= count ? matching[count - 1]![1] : undefined;
    });
  }
  if ('onScene' in fact) {
    const { incident, capability, team, count, fromStationNotAt } = fact.onScene;
    const committed = committedTo(fromStationNotAt);
    return some(incident, (inc) => {
      const matching = inc.arrived.filter((u) => has(u, capability, team) && !committed(u));
      if (matching.length < count) return undefined;
      const unit = matching[count - 1]!;
      return inc.dispatched.find(([u]) => u === unit)?.[1] ?? 'system';
    });
  }
  // The grade is met by whoever first set it to the level asked (a player's triage or raise, or the centre).
  if ('grade' in fact) return some(fact.grade.incident, (inc) => (inc.grade >= fact.grade.atLeast ? (inc.gradeSteps?.find(([g]) => g >= fact.grade.atLeast)?.[1] ?? 'system') : undefined));
  if ('underControl' in fact) return some(fact.underControl.incident, (inc) => (inc.underControl ? 'system' : undefined));
  if ('closed' in fact) return some(fact.closed.incident, (inc) => (inc.closed ? 'system' : undefined));
  if ('homeStationFirst' in fact) {
    return some(fact.homeStationFirst.incident, (inc) => {
      if (!inc.homeStationId || inc.firstDispatch.length === 0) return undefined;
      const home = inc.dispatched.find(([u]) => inc.firstDispatch.includes(u) && w.station(u) === inc.homeStationId);
      return home?.[1];
    });
  }
  if ('reinforcementRequested' in fact) return some(fact.reinforcementRequested.incident, (inc) => (inc.reinforcementRequested ? (inc.reinforcementBy ?? 'system') : undefined));
  if ('rescued' in fact) return some(fact.rescued.incident, (inc) => (inc.rescued >= fact.rescued.count ? 'system' : undefined));
  if ('died' in fact) return some(fact.died.incident, (inc) => (inc.died > 0 ? 'system' : undefined));
  if ('called' in fact) return some(fact.called.incident, () => 'system');
  if ('unitInArea' in fact) {
    const { area, capability, team } = fact.unitInArea;
    const hit = f.arrivals.find(([u, p]) => has(u, capability, team) && inArea(p, area, w));
    return hit ? { by: 'system' } : undefined;
  }
  if ('roadClosed' in fact) {
    const reason = fact.roadClosed.reason;
    return Object.values(f.closures).some((r) => reason === undefined || r === reason) ? { by: 'system' } : undefined;
  }
  if ('evacuationOrdered' in fact) {
    const ref = fact.evacuationOrdered.incident;
    // Credited to whoever gave the (first matching) order; facts kept before that was recorded say commander.
    const byOf = (k: number): ActorRole => f.evacuationsBy?.[k] ?? 'commander';
    if (ref === undefined || ref === 'any') return f.evacuations.length > 0 ? { by: byOf(0) } : undefined;
    const id = incidentOf(f, ref);
    const k = id === undefined ? -1 : f.evacuations.indexOf(id);
    return k >= 0 ? { by: byOf(k), incidentId: id } : undefined;
  }
  if ('injectFired' in fact) return f.fired.includes(fact.injectFired) ? { by: 'system' } : undefined;
  if ('expectedMet' in fact) return f.met.includes(fact.expectedMet) ? { by: 'system' } : undefined;
  return undefined;
}

/** The point lies in the area (a circle around a place or a point, or a polygon). */
export function inArea(p: LatLon, area: Area, w: Pick<EvaluationWorld, 'place'>): boolean {
  if ('circle' in area) {
    const c = typeof area.circle.center === 'string' ? w.place(area.circle.center) : area.circle.center;
    return c !== undefined && haversineM(p, c) <= area.circle.radiusM;
  }
  return pointInRing(p, area.polygon);
}

function pointInRing(p: LatLon, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [yi, xi] = ring[i]!;
    const [yj, xj] = ring[j]!;
    if ((yi > p[0]) !== (yj > p[0]) && p[1] < ((xj - xi) * (p[0] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The incident a condition names first (for `within` deadlines and MET events). */
export function firstIncidentRef(c: Condition): IncidentRef | undefined {
  if ('all' in c) return c.all.map(firstIncidentRef).find((r) => r !== undefined);
  if ('any' in c) return c.any.map(firstIncidentRef).find((r) => r !== undefined);
  if ('not' in c) return firstIncidentRef(c.not);
  const body = Object.values(c)[0] as { incident?: IncidentRef } | string;
  return typeof body === 'object' && body !== null ? body.incident : undefined;
}

/** Who met a condition (the witness of its first fact that holds), for EXPECTED_ACTION_MET. */
export function witness(c: Condition, f: DrillFacts, w: EvaluationWorld): Witness | undefined {
  if (!evaluate(c, f, w)) return undefined;
  if ('all' in c) {
    // The last fact to come true made the whole true; facts are checked in order, take the last that holds.
    const ws = c.all.map((x) => witness(x, f, w)).filter((x): x is Witness => x !== undefined);
    return ws[ws.length - 1] ?? { by: 'system' };
  }
  if ('any' in c) return c.any.map((x) => witness(x, f, w)).find((x) => x !== undefined) ?? { by: 'system' };
  if ('not' in c) return { by: 'system' };
  return holds(c, f, w) ?? { by: 'system' };
}
