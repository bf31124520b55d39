// Model-based tests of the unit and incident lifecycles (XState v5 + xstate/graph).
//
// The machines are the model; the system under test is what the engine really steps: the memoised
// stepper of memo-transition.ts. Every path that getShortestPaths / getSimplePaths generates is
// replayed on the stepper, and in every state we check what a dispatcher would notice (can this
// unit be sent? what does a recall do? can the grade go down?). Coverage is measured: every state
// node is visited and every transition of the machine is exercised.
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type AnyTransitionDefinition, type EventObject } from 'xstate';
import { createTestModel, getShortestPaths, getSimplePaths, getStateNodes, serializeSnapshot, type StatePath, type TestParam } from 'xstate/graph';
import { unitMachine, unitEventKey, type UnitMachineEvent } from '../../server/engine/kernel/machines/unit-machine.ts';
import { incidentMachine, incidentEventKey, type IncidentMachineEvent } from '../../server/engine/kernel/machines/incident-machine.ts';
import { memoStepper, type Stepper } from '../../server/engine/kernel/machines/memo-transition.ts';
import { INCIDENT_STATUSES, UNIT_STATUSES, type IncidentStatus, type UnitStatus } from '../../server/engine/types.ts';
import { GRADES, type Grade } from '../../shared/domain/grades.ts';

// ---- events ------------------------------------------------------------------------------------

const UNIT_EVENTS: UnitMachineEvent[] = [
  { type: 'DISPATCH', returningDispatchable: false },
  { type: 'DISPATCH', returningDispatchable: true },
  { type: 'TURNOUT_DONE' },
  { type: 'ARRIVE' },
  { type: 'START_WORK' },
  { type: 'RELEASE' },
  { type: 'REACH_STATION' },
  { type: 'OUT_OF_SERVICE' },
  { type: 'BACK_IN_SERVICE', atStation: true },
  { type: 'BACK_IN_SERVICE', atStation: false },
];

const PLAIN_INCIDENT_EVENTS = ['TRIAGE', 'DISPATCH', 'UNIT_EN_ROUTE', 'UNIT_ARRIVED', 'UNITS_WITHDRAWN', 'CONTROLLED', 'CLOSE', 'CANCEL', 'FALSE_ALARM'] as const;
type PlainIncidentEvent = (typeof PLAIN_INCIDENT_EVENTS)[number];

function incidentEvents(maxGrade: Grade = 5): IncidentMachineEvent[] {
  const grades = GRADES.filter((g) => g <= maxGrade);
  return [
    ...PLAIN_INCIDENT_EVENTS.map((type) => ({ type })),
    ...grades.map((grade) => ({ type: 'GRADE' as const, grade })),
    ...grades.map((grade) => ({ type: 'RAISE_GRADE' as const, grade })),
  ];
}
const INCIDENT_EVENTS = incidentEvents();

// ---- what a dispatcher expects (the rule book, independent of the machine definitions) ----------

/** Unit: where each event takes a unit in each status; an event not listed is refused. */
const UNIT_RULES: Record<UnitStatus, Partial<Record<string, UnitStatus>>> = {
  inStation: { 'DISPATCH': 'turningOut', 'DISPATCH+r': 'turningOut', OUT_OF_SERVICE: 'outOfService' },
  // Recalled while turning out: it never left, so it is simply back in the station.
  turningOut: { TURNOUT_DONE: 'enRoute', RELEASE: 'inStation', OUT_OF_SERVICE: 'outOfService' },
  // Recalled on the way: available on the road, and can be sent elsewhere at once.
  enRoute: { ARRIVE: 'onScene', RELEASE: 'availableOnRoad', OUT_OF_SERVICE: 'outOfService' },
  onScene: { START_WORK: 'working', RELEASE: 'returning', OUT_OF_SERVICE: 'outOfService' },
  working: { RELEASE: 'returning', OUT_OF_SERVICE: 'outOfService' },
  // Returning from a job: redispatchable on the road only if the doctrine says so.
  returning: { REACH_STATION: 'inStation', 'DISPATCH+r': 'enRoute', OUT_OF_SERVICE: 'outOfService' },
  availableOnRoad: { 'DISPATCH': 'enRoute', 'DISPATCH+r': 'enRoute', REACH_STATION: 'inStation', OUT_OF_SERVICE: 'outOfService' },
  // Out of service: nothing but coming back into service.
  outOfService: { 'BACK_IN_SERVICE+s': 'inStation', BACK_IN_SERVICE: 'availableOnRoad' },
};

/** Statuses in which a dispatch order is accepted, without / with returningDispatchable. */
const DISPATCHABLE = {
  plain: new Set<UnitStatus>(['inStation', 'availableOnRoad']),
  returningDispatchable: new Set<UnitStatus>(['inStation', 'availableOnRoad', 'returning']),
};

/** Incident: where each plain event takes it; the same status = absorbed (ignored), absent = refused. */
const INCIDENT_RULES: Record<IncidentStatus, Partial<Record<PlainIncidentEvent, IncidentStatus>>> = {
  callReceived: { TRIAGE: 'triaged', CANCEL: 'cancelled', FALSE_ALARM: 'falseAlarm' },
  triaged: { CANCEL: 'cancelled', FALSE_ALARM: 'falseAlarm' },
  graded: { DISPATCH: 'dispatching', CANCEL: 'cancelled', FALSE_ALARM: 'falseAlarm' },
  dispatching: { DISPATCH: 'dispatching', UNIT_EN_ROUTE: 'unitsEnRoute', UNITS_WITHDRAWN: 'graded', CANCEL: 'cancelled', FALSE_ALARM: 'falseAlarm' },
  unitsEnRoute: { DISPATCH: 'unitsEnRoute', UNIT_EN_ROUTE: 'unitsEnRoute', UNIT_ARRIVED: 'onScene', UNITS_WITHDRAWN: 'graded', CANCEL: 'cancelled', FALSE_ALARM: 'falseAlarm' },
  onScene: { DISPATCH: 'onScene', UNIT_EN_ROUTE: 'onScene', UNIT_ARRIVED: 'onScene', UNITS_WITHDRAWN: 'graded', CONTROLLED: 'underControl', FALSE_ALARM: 'falseAlarm' },
  underControl: { UNIT_EN_ROUTE: 'underControl', UNIT_ARRIVED: 'underControl', CLOSE: 'closed' },
  closed: {},
  cancelled: {},
  falseAlarm: {},
};
/** Where more units can still be sent, and where the grade can be raised. */
const OPEN_FOR_DISPATCH = new Set<IncidentStatus>(['graded', 'dispatching', 'unitsEnRoute', 'onScene']);
const FINAL = new Set<IncidentStatus>(['closed', 'cancelled', 'falseAlarm']);

// ---- coverage ----------------------------------------------------------------------------------

/** Every transition definition of a machine, named `state --EVENT[#i]--> target`. */
function transitionsOf(machine: AnyStateMachine): Map<AnyTransitionDefinition, string> {
  const all = new Map<AnyTransitionDefinition, string>();
  for (const node of getStateNodes(machine.root)) {
    for (const [eventType, defs] of node.transitions) {
      defs.forEach((t, i) => {
        const target = t.target?.map((n) => n.key).join(',') ?? '(none)';
        all.set(t, `${node.key} --${eventType}${defs.length > 1 ? `#${i}` : ''}--> ${target}`);
      });
    }
  }
  return all;
}
/** A transition with neither target nor actions: the event is absorbed (forbidden) in that state. */
const isAbsorbing = (t: AnyTransitionDefinition) => t.target === undefined && t.actions.length === 0;

class Coverage {
  readonly states = new Set<string>();
  readonly taken = new Set<AnyTransitionDefinition>();
  readonly probed = new Set<AnyTransitionDefinition>();
  readonly all: Map<AnyTransitionDefinition, string>;
  constructor(readonly machine: AnyStateMachine) {
    this.all = transitionsOf(machine);
  }
  visit(s: AnyMachineSnapshot): void { this.states.add(String(s.value)); }
  take(from: AnyMachineSnapshot, e: EventObject): void { for (const t of this.machine.getTransitionData(from, e)) this.taken.add(t); }
  probe(from: AnyMachineSnapshot, e: EventObject): void { for (const t of this.machine.getTransitionData(from, e)) this.probed.add(t); }
  /** Transitions that move the machine (target or actions) that no path took. */
  untaken(): string[] { return [...this.all].filter(([t]) => !isAbsorbing(t) && !this.taken.has(t)).map(([, name]) => name); }
  /** Transitions taken on a path, plus absorbing ones exercised in a state (an absorbed event moves nothing). */
  covered(): number { return [...this.all.keys()].filter((t) => this.taken.has(t) || (isAbsorbing(t) && this.probed.has(t))).length; }
  /** Absorbing transitions never exercised. */
  unprobed(): string[] { return [...this.all].filter(([t]) => isAbsorbing(t) && !this.probed.has(t) && !this.taken.has(t)).map(([, name]) => name); }
}

// ---- running a generated path on the memoised stepper ------------------------------------------

/** Cheap checks for hot loops (hundreds of thousands of them): collect failures, throw once. */
class Checks {
  readonly failures: string[] = [];
  that(ok: boolean, message: () => string): void { if (!ok) this.failures.push(message()); }
  same(a: unknown, b: unknown, message: () => string): void {
    if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) this.failures.push(`${message()}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  }
  throwIfAny(): void { if (this.failures.length > 0) throw new Error(this.failures.slice(0, 20).join('\n')); }
}

/**
 * Test parameters that replay a path on the stepper: each event executor steps the stepper; each
 * state check compares the stepper with the model, then runs the dispatcher's checks (once per
 * distinct snapshot: the stepper returns one object per (value, context)). A failure throws, and
 * TestModel adds the path to the message.
 */
function replayOnStepper<E extends EventObject>(
  stepper: Stepper<E>,
  coverage: Coverage,
  statuses: readonly string[],
  eventTypes: readonly string[],
  check: (c: Checks, sut: AnyMachineSnapshot) => void,
): { reset(): void; params: TestParam<AnyMachineSnapshot, E> } {
  let sut = stepper.initial;
  let previous: AnyMachineSnapshot | undefined;
  const checked = new WeakSet<AnyMachineSnapshot>();
  const exec = (step: { event: EventObject }) => {
    const e = step.event as E;
    coverage.take(sut, e);
    previous = sut;
    sut = stepper.step(sut, e).next;
  };
  const stateCheck = (model: AnyMachineSnapshot) => {
    const c = new Checks();
    c.same(sut.value, model.value, () => 'stepper value vs model');
    c.same(sut.context, model.context, () => 'stepper context vs model');
    c.same(sut.status, model.status, () => 'stepper status vs model');
    coverage.visit(sut);
    if (previous) c.that(gradeOrZero(sut) >= gradeOrZero(previous), () => `grade went down from ${gradeOrZero(previous!)} to ${gradeOrZero(sut)}`);
    if (!checked.has(sut)) { checked.add(sut); check(c, sut); }
    c.throwIfAny();
  };
  // One executor serves every event type (TestParam types each executor by its event type only).
  const params = {
    states: Object.fromEntries(statuses.map((s) => [s, stateCheck])),
    events: Object.fromEntries(eventTypes.map((t) => [t, exec])),
  } as unknown as TestParam<AnyMachineSnapshot, E>;
  return { reset() { sut = stepper.initial; previous = undefined; }, params };
}

/** The incident's grade (0 before grading); units have no grade (0). */
const gradeOrZero = (s: AnyMachineSnapshot) => (s.context as { grade?: number } | undefined)?.grade ?? 0;
const gradeOf = gradeOrZero;

// ---- unit machine ------------------------------------------------------------------------------

describe('unit machine (model-based)', () => {
  const stepper = memoStepper<UnitMachineEvent>(unitMachine, unitEventKey);

  /** The dispatcher's rule book, checked in one state against the real stepper. */
  const checkUnitState = (coverage: Coverage) => (c: Checks, sut: AnyMachineSnapshot) => {
    const status = sut.value as UnitStatus;
    c.that(UNIT_STATUSES.includes(status), () => `unknown status ${status}`);
    for (const e of UNIT_EVENTS) {
      coverage.probe(sut, e);
      const r = stepper.step(sut, e);
      const key = unitEventKey(e);
      const expected = UNIT_RULES[status][key];
      if (expected) {
        c.that(r.accepted, () => `${status} should accept ${key}`);
        c.same(r.next.value, expected, () => `${status} --${key}-->`);
      } else {
        c.that(!r.accepted, () => `${status} should refuse ${key}`);
        c.that(r.next === sut, () => `${status} + ${key} (refused) should change nothing`);
      }
    }
    const plain = stepper.step(sut, { type: 'DISPATCH', returningDispatchable: false }).accepted;
    const withReturning = stepper.step(sut, { type: 'DISPATCH', returningDispatchable: true }).accepted;
    c.that(plain === DISPATCHABLE.plain.has(status), () => `${status}: dispatchable (returning units not dispatchable) should be ${DISPATCHABLE.plain.has(status)}`);
    c.that(withReturning === DISPATCHABLE.returningDispatchable.has(status), () => `${status}: dispatchable (returning units dispatchable) should be ${DISPATCHABLE.returningDispatchable.has(status)}`);
  };

  it('every shortest path (one per transition) and every simple path holds the dispatch rules in every state', async () => {
    const coverage = new Coverage(unitMachine);
    const model = createTestModel(unitMachine, { events: UNIT_EVENTS });
    const shortest = model.getShortestPaths();
    const simple = model.getSimplePaths({ serializeState: (s) => serializeSnapshot(s) });
    expect(shortest.length).toBeGreaterThanOrEqual(UNIT_STATUSES.length);
    expect(simple.length).toBeGreaterThan(shortest.length);
    const run = replayOnStepper(stepper, coverage, UNIT_STATUSES, [...new Set(UNIT_EVENTS.map((e) => e.type))], checkUnitState(coverage));
    for (const path of [...shortest, ...simple]) {
      run.reset();
      await path.test(run.params);
    }
    expect(coverage.states.size).toBe(getStateNodes(unitMachine.root).length);
    expect([...coverage.states].sort()).toEqual([...UNIT_STATUSES].sort());
    expect(coverage.untaken()).toEqual([]);
    expect(coverage.unprobed()).toEqual([]);
    expect(coverage.covered()).toBe(coverage.all.size);
  });

  it('a unit out of service cannot be dispatched, and comes back in the station or on the road', () => {
    const oos = stepper.step(stepper.initial, { type: 'OUT_OF_SERVICE' }).next;
    expect(oos.value).toBe('outOfService');
    for (const returningDispatchable of [false, true]) {
      const r = stepper.step(oos, { type: 'DISPATCH', returningDispatchable });
      expect(r.accepted).toBe(false);
      expect(r.next.value).toBe('outOfService');
    }
    expect(stepper.step(oos, { type: 'BACK_IN_SERVICE', atStation: true }).next.value).toBe('inStation');
    expect(stepper.step(oos, { type: 'BACK_IN_SERVICE', atStation: false }).next.value).toBe('availableOnRoad');
  });

  it('a unit turning out that is recalled is back in the station; one recalled en route is available on the road and can be sent again', () => {
    const turningOut = stepper.step(stepper.initial, { type: 'DISPATCH', returningDispatchable: false }).next;
    expect(turningOut.value).toBe('turningOut');
    expect(stepper.step(turningOut, { type: 'RELEASE' }).next.value).toBe('inStation');

    const enRoute = stepper.step(turningOut, { type: 'TURNOUT_DONE' }).next;
    const onRoad = stepper.step(enRoute, { type: 'RELEASE' }).next;
    expect(onRoad.value).toBe('availableOnRoad');
    const again = stepper.step(onRoad, { type: 'DISPATCH', returningDispatchable: false });
    expect(again.accepted).toBe(true);
    // No second turnout: it is already on the road.
    expect(again.next.value).toBe('enRoute');
  });

  it('a returning unit is dispatchable only when the doctrine says returningDispatchable', () => {
    let s = stepper.initial;
    for (const e of [{ type: 'DISPATCH', returningDispatchable: false }, { type: 'TURNOUT_DONE' }, { type: 'ARRIVE' }, { type: 'START_WORK' }, { type: 'RELEASE' }] as UnitMachineEvent[]) {
      s = stepper.step(s, e).next;
    }
    expect(s.value).toBe('returning');
    expect(stepper.step(s, { type: 'DISPATCH', returningDispatchable: false }).accepted).toBe(false);
    const r = stepper.step(s, { type: 'DISPATCH', returningDispatchable: true });
    expect(r.accepted).toBe(true);
    expect(r.next.value).toBe('enRoute');
  });
});

// ---- incident machine --------------------------------------------------------------------------

describe('incident machine (model-based)', () => {
  const stepper = memoStepper<IncidentMachineEvent>(incidentMachine, incidentEventKey);

  const checkIncidentState = (coverage: Coverage) => (c: Checks, sut: AnyMachineSnapshot) => {
    const status = sut.value as IncidentStatus;
    const grade = gradeOf(sut);
    c.that(INCIDENT_STATUSES.includes(status), () => `unknown status ${status}`);
    // A graded incident has a grade; before grading it has none.
    if (status === 'callReceived' || status === 'triaged') c.same(grade, 0, () => `${status} grade`);
    if (OPEN_FOR_DISPATCH.has(status) || status === 'underControl' || status === 'closed') c.that(GRADES.includes(grade as Grade), () => `${status} has no grade`);
    // Closed, cancelled and false alarm are final.
    c.same(sut.status, FINAL.has(status) ? 'done' : 'active', () => `${status} status`);

    for (const e of INCIDENT_EVENTS) {
      coverage.probe(sut, e);
      const r = stepper.step(sut, e);
      const what = () => `${status}(grade ${grade}) + ${incidentEventKey(e)}`;
      if (e.type === 'RAISE_GRADE') {
        // The grade only goes up, and only while the incident is being worked.
        const accept = OPEN_FOR_DISPATCH.has(status) && e.grade > grade;
        c.same(r.accepted, accept, () => `${what()} accepted`);
        c.same(r.next.value, status, () => `${what()} status`);
        c.same(gradeOf(r.next), accept ? e.grade : grade, () => `${what()} grade`);
        if (!accept) c.that(r.next === sut, () => `${what()} (refused) should change nothing`);
      } else if (e.type === 'GRADE') {
        const accept = status === 'triaged';
        c.same(r.accepted, accept, () => `${what()} accepted`);
        c.same(r.next.value, accept ? 'graded' : status, () => `${what()} status`);
        c.same(gradeOf(r.next), accept ? e.grade : grade, () => `${what()} grade`);
      } else {
        const expected = INCIDENT_RULES[status][e.type];
        c.same(r.accepted, expected !== undefined && expected !== status, () => `${what()} accepted`);
        c.same(r.next.value, expected ?? status, () => `${what()} status`);
        c.same(gradeOf(r.next), grade, () => `${what()} keeps the grade`);
      }
    }
    // More units can be sent exactly while the incident is open (as the command handlers assume):
    // the incident stays open; elsewhere a dispatch is refused and changes nothing.
    const afterDispatch = stepper.step(sut, { type: 'DISPATCH' }).next;
    if (OPEN_FOR_DISPATCH.has(status)) c.that(OPEN_FOR_DISPATCH.has(afterDispatch.value as IncidentStatus), () => `${status} + DISPATCH leaves the open states`);
    else c.that(afterDispatch === sut, () => `${status} + DISPATCH should change nothing`);
  };

  it('every shortest path (one per transition) and every simple path holds the grading rules in every state', async () => {
    const coverage = new Coverage(incidentMachine);
    // Shortest paths over all five grades; simple paths over grades 1-3 (lower, equal and higher
    // raises all occur; with five grades the simple paths number ~19,000).
    const shortest = createTestModel(incidentMachine, { events: INCIDENT_EVENTS }).getShortestPaths();
    const simple = createTestModel(incidentMachine, { events: incidentEvents(3) }).getSimplePaths({ serializeState: (s) => serializeSnapshot(s) });
    expect(shortest.length).toBeGreaterThanOrEqual(INCIDENT_STATUSES.length);
    expect(simple.length).toBeGreaterThan(shortest.length);
    const eventTypes = [...new Set(INCIDENT_EVENTS.map((e) => e.type))];
    const run = replayOnStepper(stepper, coverage, INCIDENT_STATUSES, eventTypes, checkIncidentState(coverage));
    for (const path of [...shortest, ...simple]) {
      run.reset();
      await path.test(run.params);
    }
    expect(coverage.states.size).toBe(getStateNodes(incidentMachine.root).length);
    expect([...coverage.states].sort()).toEqual([...INCIDENT_STATUSES].sort());
    expect(coverage.untaken()).toEqual([]);
    expect(coverage.unprobed()).toEqual([]);
    expect(coverage.covered()).toBe(coverage.all.size);
  });

  it('RAISE_GRADE to a lower or equal grade is accepted in no state; to a higher one only while graded, dispatching, en route or on scene', () => {
    const seen = new Map<string, AnyMachineSnapshot>();
    for (const path of getShortestPaths(incidentMachine, { events: INCIDENT_EVENTS })) seen.set(serializeSnapshot(path.state), path.state);
    const statuses = new Set([...seen.values()].map((s) => s.value as IncidentStatus));
    expect([...statuses].sort()).toEqual([...INCIDENT_STATUSES].sort());
    const acceptedIn = new Set<IncidentStatus>();
    for (const s of seen.values()) {
      const g = gradeOf(s);
      for (const to of GRADES) {
        const ok = s.can({ type: 'RAISE_GRADE', grade: to });
        if (to <= g) expect(ok, `${String(s.value)} ${g} → ${to}`).toBe(false);
        if (ok) acceptedIn.add(s.value as IncidentStatus);
      }
    }
    expect([...acceptedIn].sort()).toEqual([...OPEN_FOR_DISPATCH].sort());
  });

  it('closed, cancelled and false alarm are final: no event changes them', () => {
    const finals = getShortestPaths(incidentMachine, { events: INCIDENT_EVENTS }).map((p) => p.state).filter((s) => FINAL.has(s.value as IncidentStatus));
    expect(new Set(finals.map((s) => s.value))).toEqual(FINAL);
    for (const s of finals) {
      expect(s.status).toBe('done');
      for (const e of INCIDENT_EVENTS) {
        expect(s.can(e)).toBe(false);
        const [next] = transition(incidentMachine, s, e);
        expect(next.value).toBe(s.value);
        expect(next.context).toEqual(s.context);
      }
    }
  });
});

// ---- the memo against XState ---------------------------------------------------------------------

/**
 * Replays paths on XState's transition() and on a fresh memoStepper side by side: value, context
 * and status must agree after every step, and in every snapshot reached every event must give the
 * same answer (this is what justifies the memo).
 */
function checkMemoAgainstXState<E extends EventObject>(
  machine: AnyStateMachine,
  keyOf: (e: E) => string,
  paths: StatePath<AnyMachineSnapshot, E>[],
  events: readonly E[],
): { steps: number; snapshots: number; failures: string[] } {
  const c = new Checks();
  const stepper = memoStepper<E>(machine, keyOf);
  const [init] = initialTransition(machine);
  const same = (memo: AnyMachineSnapshot, xs: AnyMachineSnapshot, where: () => string) => {
    c.same(memo.value, xs.value, () => `${where()}: value`);
    c.same(memo.context, xs.context, () => `${where()}: context`);
    c.same(memo.status, xs.status, () => `${where()}: status`);
  };
  same(stepper.initial, init, () => 'initial');
  const shared = new Map<string, AnyMachineSnapshot>([[serializeSnapshot(stepper.initial), stepper.initial]]);
  const probed = new Set<string>();
  let steps = 0;
  for (const path of paths) {
    let xs: AnyMachineSnapshot = init;
    let memo = stepper.initial;
    const name = () => path.steps.map((s) => keyOf(s.event as E)).join(' → ');
    // Generated steps are (event → state reached); the first is the machine's init.
    for (const step of path.steps.slice(1)) {
      const e = step.event;
      const where = () => `${name()} at ${keyOf(e)}`;
      const r = stepper.step(memo, e);
      c.that(stepper.step(memo, e) === r, () => `${where()}: the memo answers with the same object twice`);
      xs = transition(machine, xs, e)[0] as AnyMachineSnapshot;
      memo = r.next;
      steps++;
      same(memo, xs, where);
      same(memo, step.state, () => `${where()} (generated path)`);
      // One object per distinct (value, context): the memo's cache keys stay small.
      const key = serializeSnapshot(memo);
      const known = shared.get(key);
      if (known) c.that(memo === known, () => `${where()}: a second object for ${key}`);
      else shared.set(key, memo);
      if (probed.has(key)) continue;
      probed.add(key);
      // In every snapshot reached, every event: memo and XState agree, refusals change nothing.
      for (const other of events) {
        const m = stepper.step(memo, other);
        const [x] = transition(machine, memo, other);
        same(m.next, x as AnyMachineSnapshot, () => `${key} + ${keyOf(other)}`);
        c.same(m.accepted, memo.can(other), () => `${key} + ${keyOf(other)}: accepted vs can()`);
        if (!m.accepted) c.that(m.next === memo, () => `${key} + ${keyOf(other)}: refused but changed`);
      }
    }
    same(memo, path.state, () => `${name()}: end of path`);
  }
  return { steps, snapshots: shared.size, failures: c.failures };
}

describe('memoStepper gives the same snapshots as XState transition()', () => {
  it('unit machine: along every shortest and simple path', () => {
    const paths = [...getShortestPaths(unitMachine, { events: UNIT_EVENTS }), ...getSimplePaths(unitMachine, { events: UNIT_EVENTS })];
    const { steps, snapshots, failures } = checkMemoAgainstXState<UnitMachineEvent>(unitMachine, unitEventKey, paths, UNIT_EVENTS);
    expect(failures).toEqual([]);
    expect(steps).toBeGreaterThan(paths.length);
    expect(snapshots).toBe(UNIT_STATUSES.length);
  });

  it('incident machine: along every shortest path (grades 1-5) and every simple path (grades 1-4)', () => {
    const paths = [
      ...getShortestPaths(incidentMachine, { events: INCIDENT_EVENTS }),
      ...getSimplePaths(incidentMachine, { events: incidentEvents(4) }),
    ];
    const { steps, snapshots, failures } = checkMemoAgainstXState<IncidentMachineEvent>(incidentMachine, incidentEventKey, paths, INCIDENT_EVENTS);
    expect(failures).toEqual([]);
    expect(steps).toBeGreaterThan(paths.length);
    // callReceived, triaged, cancelled and falseAlarm before grading (grade 0), then graded,
    // dispatching, unitsEnRoute, onScene, underControl, closed, cancelled, falseAlarm × 5 grades.
    expect(snapshots).toBe(4 + 8 * 5);
  });
});
