// Engine snapshots: the whole simulation state as plain JSON (clock, sequence, PRNG words, the
// queue with its tie-break counter, units, incidents with their machine states, the compact records
// of ended incidents nothing refers to any more, closures, the waiting list, and every registered
// model's state), so a long exercise can resume from a snapshot
// instead of replaying its whole log. Restoring refuses (throws) when the snapshot does not fit the
// engine's configuration or does not reproduce the state it was taken from (its digest, a SHA-256
// of the canonical state), never diverges. The canonical state (canonicalState) is the one
// serialisation of the state that digests and comparisons use; a snapshot stores its hash only.
import type { Mode } from '../../shared/schemas/scenario.ts';
import type { Recommendation } from '../../shared/recommendation.ts';
import type { Simulation } from './kernel/simulation.ts';
import { incidentStepper, unitStepper } from './kernel/simulation.ts';
import { createRng, isRngState } from './kernel/rng.ts';
import { unitStatus, type IncidentState, type Timer, type UnitState } from './kernel/state.ts';
import type { Closure } from './kernel/closure.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import type { LatLon } from '../../shared/geo.ts';
import { refreshModel } from './domain/road-closures.ts';

// 4: ended incidents nothing refers to any more are kept compactly (endedIncidents), not with the open ones.
export const SNAPSHOT_FORMAT = 4;

const streamStates = (sim: Simulation): [string, number[]][] => [...sim.streams].map(([purpose, rng]) => [purpose, rng.getState()]);

/** Incident ids in call order (INC-00009 before INC-00010 before INC-100000). */
const byIncidentId = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Ended incidents' compact records in id order: the order they left the live state in depends on
 * how the run was stepped, the set does not.
 */
const endedRecords = (sim: Simulation): EndedRecord[] =>
  [...sim.endedIncidents.keys()].sort(byIncidentId).map((id) => {
    const r = sim.endedIncidents.get(id)!;
    return [id, r.snap.value, r.snap.context ?? null, r.trueType, r.location];
  });

/** An ended incident as a snapshot stores it: id, final machine value and context, true type, location. */
export type EndedRecord = [id: string, value: unknown, context: unknown, trueType: IncidentType, location: LatLon];

/** What must match between the engine that took a snapshot and the one restoring it. */
export interface SnapshotFingerprint {
  scenario: string;
  region: string;
  seed: number;
  endsAt: number;
  startLocalMs: number;
  units: string[];
  injects: [id: string, at: number][];
  background: boolean;
  roads: boolean;
  /** Registered models, in registration order. */
  models: string[];
}

/** JSON with non-finite numbers and -0 spelt out ({ $num: 'Infinity' }), so a JSON round trip is exact. */
export type Encoded = unknown;

export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  fingerprint: SnapshotFingerprint;
  started: boolean;
  now: number;
  seq: number;
  mode: Mode;
  ended: boolean;
  /** PRNG stream states by purpose, in the order the streams were first used. */
  streams: [purpose: string, words: number[]][];
  incidentCounter: number;
  closureCounter: number;
  queue: { nextOrder: number; items: [at: number, order: number, payload: Encoded][] };
  units: { id: string; value: unknown; context: unknown; rest: Encoded }[];
  incidents: { value: unknown; context: unknown; rest: Encoded }[];
  /** Ended incidents nothing refers to any more (Simulation.endedIncidents), in id order. */
  endedIncidents: EndedRecord[];
  waiting: [incidentId: string, unmet: Encoded][];
  closures: Encoded[];
  /** Each registered model's state, in registration order. */
  models: [id: string, state: Encoded][];
  /** The engine's digest() (SHA-256 of its canonical state) when the snapshot was taken; restoring must reproduce it. */
  digest: string;
}

export function encode(v: unknown, path = '$'): Encoded {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $num: 'NaN' };
    if (v === Infinity) return { $num: 'Infinity' };
    if (v === -Infinity) return { $num: '-Infinity' };
    if (Object.is(v, -0)) return { $num: '-0' };
    return v;
  }
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x, i) => encode(x, `${path}[${i}]`));
  // An object of a class stores the plain form it gives, as JSON would (a road course kept as road
  // nodes gives its path written out: road-course.ts).
  if (typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return encode((v as { toJSON(): unknown }).toJSON(), path);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encode(x, `${path}.${k}`);
    return out;
  }
  throw new Error(`engine snapshot: cannot store ${path} (${Object.prototype.toString.call(v)})`);
}

export function decode(v: Encoded): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$num === 'string' && Object.keys(o).length === 1) return Number(o.$num);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decode(x);
    return out;
  }
  return v;
}

/**
 * The whole state as one canonical JSON string: equal strings ⇔ equal states. Units in id order,
 * incidents in arrival order, the queue in firing order, models in registration order.
 */
export function canonicalState(sim: Simulation): string {
  return JSON.stringify({
    now: sim.now, seq: sim.seq, mode: sim.mode, ended: sim.ended, streams: streamStates(sim), incidentCounter: sim.incidentCounter,
    units: [...sim.units.values()].map((u) => [u.info.id, unitStatus(u), u.incidentId ?? null, u.position, u.leg ?? null, u.timerVersion, u.destination ?? null, u.trafficAt ?? null]),
    incidents: [...sim.incidents.values()].map(({ snap, ...rest }) => ({ status: snap.value, grade: (snap.context as { grade: number }).grade, ...rest })),
    endedIncidents: endedRecords(sim),
    queue: sim.queue.ordered().map((q) => [q.at, q.order, q.payload]),
    waiting: [...sim.waiting],
    closures: [...sim.closures.values()],
    closureCounter: sim.closureCounter,
    models: sim.models.states(),
  });
}

export function takeSnapshot(sim: Simulation, started: boolean, fingerprint: SnapshotFingerprint, digest: string): EngineSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    fingerprint,
    started,
    now: sim.now,
    seq: sim.seq,
    mode: sim.mode,
    ended: sim.ended,
    streams: streamStates(sim),
    incidentCounter: sim.incidentCounter,
    closureCounter: sim.closureCounter,
    queue: { nextOrder: sim.queue.scheduledCount, items: sim.queue.ordered().map((q) => [q.at, q.order, encode(q.payload, `queue[${q.order}]`)]) },
    units: [...sim.units.values()].map(({ info, snap, ...rest }) => ({ id: info.id, value: snap.value, context: snap.context ?? null, rest: encode(rest, `unit ${info.id}`) })),
    incidents: [...sim.incidents.values()].map(({ snap, ...rest }) => ({ value: snap.value, context: snap.context ?? null, rest: encode(rest, `incident ${rest.id}`) })),
    endedIncidents: endedRecords(sim),
    waiting: [...sim.waiting].map(([id, unmet]) => [id, encode(unmet, `waiting ${id}`)]),
    closures: [...sim.closures.values()].map((c) => encode(c, `closure ${c.id}`)),
    models: sim.models.states().map(([id, state]) => [id, encode(state, `model ${id}`)]),
    digest,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Puts the snapshot's state into a freshly built simulation (models registered, nothing started).
 * Throws, naming what does not fit, when the snapshot belongs to another configuration.
 */
export function restoreInto(sim: Simulation, s: EngineSnapshot, fingerprint: SnapshotFingerprint): void {
  if (s.format !== SNAPSHOT_FORMAT) throw new Error(`engine snapshot: format ${String(s.format)} is not ${SNAPSHOT_FORMAT}`);
  for (const k of Object.keys(fingerprint) as (keyof SnapshotFingerprint)[]) {
    if (!same(s.fingerprint[k], fingerprint[k])) throw new Error(`engine snapshot: taken with another ${k} (${JSON.stringify(s.fingerprint[k])}, this engine has ${JSON.stringify(fingerprint[k])})`);
  }
  sim.now = s.now;
  sim.seq = s.seq;
  sim.mode = s.mode;
  sim.ended = s.ended;
  sim.incidentCounter = s.incidentCounter;
  sim.closureCounter = s.closureCounter;
  sim.streams.clear();
  for (const [purpose, words] of s.streams) {
    if (!isRngState(words)) throw new Error(`engine snapshot: bad PRNG state of stream ${purpose}`);
    sim.streams.set(purpose, createRng(sim.seed, words));
  }
  sim.loadQueue(s.queue.items.map(([at, order, payload]) => ({ at, order, payload: decode(payload) as Timer })), s.queue.nextOrder);

  if (s.units.length !== sim.units.size) throw new Error(`engine snapshot: ${s.units.length} units, this world has ${sim.units.size}`);
  for (const su of s.units) {
    const u = sim.units.get(su.id);
    if (!u) throw new Error(`engine snapshot: unit ${su.id} is not in this world`);
    const rest = decode(su.rest) as Omit<UnitState, 'info' | 'snap'>;
    for (const k of ['incidentId', 'leg', 'course', 'destination', 'trafficAt'] as const) delete u[k];
    Object.assign(u, rest, { snap: unitStepper.restore(su.value, su.context === null ? undefined : su.context) });
  }
  sim.incidents.clear();
  for (const si of s.incidents) {
    const rest = decode(si.rest) as Omit<IncidentState, 'snap'>;
    sim.incidents.set(rest.id, { ...rest, snap: incidentStepper.restore(si.value, si.context) });
  }
  sim.endedIncidents.clear();
  for (const [id, value, context, trueType, location] of s.endedIncidents) {
    sim.endedIncidents.set(id, { id, snap: incidentStepper.restore(value, context), trueType, location });
  }
  sim.waiting.clear();
  for (const [id, unmet] of s.waiting) sim.waiting.set(id, decode(unmet) as Recommendation['unmet']);
  sim.closures.clear();
  for (const c of s.closures) { const closure = decode(c) as Closure; sim.closures.set(closure.id, closure); }
  refreshModel(sim);
  for (const [id, state] of s.models) sim.models.setState(id, decode(state));
}
