// The condition language on a crafted log, folded with foldFact and read with holds/witness (what the
// engine writes into EXPECTED_ACTION_MET): who is credited with a fact, and the second incident's
// units "from a station not at the first" (fromStationNotAt). Every answer worked out by hand below.
//
// Stations and units (the world below):
//   st-city   city-SG (engine), city-JY (rescue)
//   st-east   east-JY (rescue)
//   st-river  river-JY (rescue)
//   st-north  north-JY (rescue)
// Log (t in s):
//   10  inj-1 fires: INC-1 (the tower fire) is called
//   20  INC-1 graded 2 by the system (the centre's triage)
//   30  city-SG → INC-1 (commander)       st-city is now at the fire
//   40  INC-1 raised 2 → 3 by the commander
//   50  east-JY → INC-1 (commander)       st-east is now at the fire
//   60  INC-1 graded 1 again (a re-triage lower than 3: the grade stays 3, no step)
//   70  inj-2 fires: INC-2 (the bridge crash) is called, graded 4 by the controller at triage
//   80  city-JY → INC-2 (commander)       rescue, but st-city is at the fire
//   90  river-JY → INC-2 (controller)     rescue from a station not at the fire
//  100  north-JY → INC-2 (commander)      a second one
//  110  north-JY arrives at INC-2; city-JY arrives at INC-2
//  120  reinforcement for INC-1 asked by the commander, again by the controller
//  130  evacuation for INC-2 ordered by the controller
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/events.ts';
import type { Capability } from '../../shared/domain/forces.ts';
import { emptyFacts, foldFact, type DrillFacts } from '../../shared/drill/facts.ts';
import { evaluate, holds, witness, type EvaluationWorld } from '../../shared/drill/evaluate.ts';
import { ConditionSchema, type Condition, type Fact } from '../../shared/schemas/drill-condition.ts';

const STATION: Record<string, string> = { 'city-SG': 'st-city', 'city-JY': 'st-city', 'east-JY': 'st-east', 'river-JY': 'st-river', 'north-JY': 'st-north' };
const world: EvaluationWorld = {
  capabilities: (u): Capability[] => (u.endsWith('-JY') ? ['rescue'] : ['water']),
  station: (u) => STATION[u],
  place: () => undefined,
};

let seq = 0;
const ev = (t: number, e: Record<string, unknown>): DomainEvent => ({ seq: ++seq, t: t * 1000, ...e }) as unknown as DomainEvent;
const call = (t: number, id: string, type: string): DomainEvent =>
  ev(t, { type: 'CALL_RECEIVED', incidentId: id, source: 'inject', location: [24.6, 110.5], reportedType: type, description: '', reportedSize: 1, reportedTrapped: 0, reportedGrade: 1, truth: { size: 1, trapped: 0, deadlinesMin: [], unfounded: false } });
const sent = (t: number, unitId: string, incidentId: string, by: string): DomainEvent => ev(t, { type: 'UNIT_DISPATCHED', unitId, incidentId, reason: 'manual', etaSec: 300, by });

const LOG: DomainEvent[] = [
  ev(10, { type: 'INJECT_FIRED', injectId: 'inj-1', early: false, incidentId: 'INC-1' }), call(10, 'INC-1', 'high-rise-fire'),
  ev(20, { type: 'INCIDENT_GRADED', incidentId: 'INC-1', grade: 2, by: 'system' }),
  sent(30, 'city-SG', 'INC-1', 'commander'),
  ev(40, { type: 'GRADE_RAISED', incidentId: 'INC-1', from: 2, to: 3, by: 'commander', reason: 'vertical spread' }),
  sent(50, 'east-JY', 'INC-1', 'commander'),
  ev(60, { type: 'INCIDENT_GRADED', incidentId: 'INC-1', grade: 1, by: 'controller' }),
  ev(70, { type: 'INJECT_FIRED', injectId: 'inj-2', early: false, incidentId: 'INC-2' }), call(70, 'INC-2', 'traffic-accident'),
  ev(70, { type: 'INCIDENT_GRADED', incidentId: 'INC-2', grade: 4, by: 'controller' }),
  sent(80, 'city-JY', 'INC-2', 'commander'),
  sent(90, 'river-JY', 'INC-2', 'controller'),
  sent(100, 'north-JY', 'INC-2', 'commander'),
  ev(110, { type: 'UNIT_ARRIVED', unitId: 'north-JY', incidentId: 'INC-2' }),
  ev(110, { type: 'UNIT_ARRIVED', unitId: 'city-JY', incidentId: 'INC-2' }),
  ev(120, { type: 'REINFORCEMENT_REQUESTED', incidentId: 'INC-1', needs: [], by: 'commander' }),
  ev(120, { type: 'REINFORCEMENT_REQUESTED', incidentId: 'INC-1', needs: [], by: 'controller' }),
  ev(130, { type: 'EVACUATION_ORDERED', incidentId: 'INC-2', note: '', by: 'controller' }),
];

/** The facts after every event up to time `t` (s). */
function factsAt(t: number): DrillFacts {
  const f = emptyFacts();
  for (const e of LOG) if (e.t <= t * 1000) foldFact(f, e);
  return f;
}
const fact = (x: unknown): Fact => ConditionSchema.parse(x) as Fact;
const cond = (x: unknown): Condition => ConditionSchema.parse(x);

describe('who a fact credits', () => {
  it('a grade to whoever first set it to the level asked', () => {
    const f = factsAt(200);
    // Level 2 was the centre's triage at 20 s; level 3 the commander's raise at 40 s; INC-2's 4 the controller's triage.
    expect(holds(fact({ grade: { incident: 'inj-1', atLeast: 2 } }), f, world)).toEqual({ by: 'system', incidentId: 'INC-1' });
    expect(holds(fact({ grade: { incident: 'inj-1', atLeast: 3 } }), f, world)).toEqual({ by: 'commander', incidentId: 'INC-1' });
    expect(holds(fact({ grade: { incident: 'inj-1', atLeast: 4 } }), f, world)).toBeUndefined();
    // The lower re-triage at 60 s changed nothing: the grade is 3, its steps 2 (system) and 3 (commander).
    expect(f.incidents['INC-1']).toMatchObject({ grade: 3, gradeSteps: [[2, 'system'], [3, 'commander']] });
    expect(holds(fact({ grade: { incident: 'inj-2', atLeast: 2 } }), f, world)).toEqual({ by: 'controller', incidentId: 'INC-2' });
  });

  it('a reinforcement request and an evacuation order to whoever gave them', () => {
    const f = factsAt(200);
    // The commander asked first (the controller's second request at the same second does not take it over).
    expect(holds(fact({ reinforcementRequested: { incident: 'inj-1' } }), f, world)).toEqual({ by: 'commander', incidentId: 'INC-1' });
    expect(holds(fact({ evacuationOrdered: { incident: 'inj-2' } }), f, world)).toEqual({ by: 'controller', incidentId: 'INC-2' });
    expect(holds(fact({ evacuationOrdered: {} }), f, world)).toEqual({ by: 'controller' });
  });

  it('facts kept before the credit was recorded (a snapshot of an older server) still answer', () => {
    const f = factsAt(200);
    delete f.incidents['INC-1']!.gradeSteps;
    delete f.incidents['INC-1']!.reinforcementBy;
    delete f.evacuationsBy;
    expect(holds(fact({ grade: { incident: 'inj-1', atLeast: 3 } }), f, world)).toEqual({ by: 'system', incidentId: 'INC-1' });
    expect(holds(fact({ reinforcementRequested: { incident: 'inj-1' } }), f, world)?.by).toBe('system');
    expect(holds(fact({ evacuationOrdered: { incident: 'inj-2' } }), f, world)?.by).toBe('commander');
  });
});

describe('a unit from a station not at another incident (fromStationNotAt)', () => {
  const notAtFire = { incident: 'inj-2', capability: 'rescue', fromStationNotAt: 'inj-1' };

  it('leaves out every unit of a station that has sent a unit to that incident', () => {
    // At 80 s only city-JY went to the crash; st-city has city-SG at the fire: not met (without the
    // clause it is, by the commander).
    expect(holds(fact({ dispatched: notAtFire }), factsAt(80), world)).toBeUndefined();
    expect(holds(fact({ dispatched: { incident: 'inj-2', capability: 'rescue' } }), factsAt(80), world)).toEqual({ by: 'commander', incidentId: 'INC-2' });
    // At 90 s river-JY (st-river, nothing at the fire) was sent by the controller: met, credited to the controller.
    expect(holds(fact({ dispatched: notAtFire }), factsAt(90), world)).toEqual({ by: 'controller', incidentId: 'INC-2' });
    // Two such units: river-JY and north-JY (100 s, commander); city-JY never counts, east-JY went to the fire.
    expect(holds(fact({ dispatched: { ...notAtFire, count: 2 } }), factsAt(90), world)).toBeUndefined();
    expect(holds(fact({ dispatched: { ...notAtFire, count: 2 } }), factsAt(100), world)).toEqual({ by: 'commander', incidentId: 'INC-2' });
    expect(holds(fact({ dispatched: { ...notAtFire, count: 3 } }), factsAt(200), world)).toBeUndefined();
  });

  it('on scene: the unit that arrived from a free station, credited to whoever sent it', () => {
    // At 110 s north-JY (free station, sent by the commander) and city-JY (st-city, at the fire) arrived.
    expect(holds(fact({ onScene: notAtFire }), factsAt(110), world)).toEqual({ by: 'commander', incidentId: 'INC-2' });
    expect(holds(fact({ onScene: { ...notAtFire, count: 2 } }), factsAt(110), world)).toBeUndefined();
    // Without the clause both count.
    expect(holds(fact({ onScene: { incident: 'inj-2', capability: 'rescue', count: 2 } }), factsAt(110), world)).toBeDefined();
  });

  it('before the other incident is called, every station is free', () => {
    // fromStationNotAt names inj-2 (not called before 70 s); at 50 s east-JY went to the fire: it counts.
    expect(holds(fact({ dispatched: { incident: 'inj-1', capability: 'rescue', fromStationNotAt: 'inj-2' } }), factsAt(50), world)).toEqual({ by: 'commander', incidentId: 'INC-1' });
  });

  it('combines with all/any/not like any fact, and witness takes the last fact to come true', () => {
    const both = cond({ all: [{ grade: { incident: 'inj-1', atLeast: 3 } }, { dispatched: notAtFire }] });
    expect(evaluate(both, factsAt(80), world)).toBe(false);
    expect(witness(both, factsAt(90), world)).toEqual({ by: 'controller', incidentId: 'INC-2' });
  });

  it('takes one incident, not "any"', () => {
    const r = ConditionSchema.safeParse({ dispatched: { incident: 'inj-2', fromStationNotAt: 'any' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['dispatched.fromStationNotAt: expected one incident (an inject id or { firstOfType: … }), not "any"']);
  });
});
