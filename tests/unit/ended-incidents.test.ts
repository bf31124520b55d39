// Ended incidents leave the engine's live state once nothing refers to them (no unit, no timer, not
// waiting, not cut off), kept as a compact record: a long exercise's state, digest and snapshots are
// the size of what is open, not of every call it had. The live set depends only on the state, not on
// how the run was stepped, so a run stepped by the minute and one stepped by the hour agree on the
// digest wherever both stand; a snapshot taken with ended incidents resumes exactly; a command that
// names an ended incident is refused as while it was live.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import type { Actor } from '../../shared/commands.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { EngineSnapshot } from '../../server/engine/snapshot.ts';
import type { Engine } from '../../server/engine/types.ts';
import { createHash } from 'node:crypto';

const world = loadWorld({});
const controller: Actor = { role: 'controller', id: 'x1' };
const HOUR = 3_600_000;
const MIN = 60_000;
const config = engineConfigFor(world, { ...loadScenario('scenarios/normal-year.yaml', world), seed: 7 }, { seed: 7, mode: 'auto' });

/** A controller's call every 10 sim minutes (as the soak injects them), the engine stepped by `step`. */
function run(engine: Engine, from: number, to: number, step: number, fresh: boolean): DomainEvent[] {
  const events: DomainEvent[] = fresh ? engine.start() : [];
  for (let t = from; t <= to; t += step) {
    events.push(...engine.advanceTo(t));
    if (t % (10 * MIN) === 0) {
      const n = t / (10 * MIN);
      events.push(...engine.apply({ type: 'RECEIVE_CALL', location: [24.58 + (n % 10) * 0.006, 110.5 + ((n * 3) % 10) * 0.008], incidentType: 'building-fire', description: '' }, controller).events);
    }
  }
  return events;
}

describe('ended incidents leave the live engine state', () => {
  it('keeps the state the size of what is open: after 12 sim hours most incidents are ended and compact', () => {
    const engine = createEngine(config);
    const events = run(engine, 0, 12 * HOUR, MIN, true);
    const calls = events.filter((e) => e.type === 'CALL_RECEIVED').length;
    const state = JSON.parse(engine.canonicalState()) as { incidents: { id: string; status: string }[]; endedIncidents: [string, string][] };
    expect(calls).toBeGreaterThan(70);
    // Every call is either live or ended, never both, never lost.
    expect(state.incidents.length + state.endedIncidents.length).toBe(calls);
    expect(new Set([...state.incidents.map((i) => i.id), ...state.endedIncidents.map(([id]) => id)]).size).toBe(calls);
    // Ended ones are compact: id, machine value and context, true type, location.
    for (const r of state.endedIncidents) expect(r).toHaveLength(5);
    expect(state.endedIncidents.length).toBeGreaterThan(calls * 0.8);
    // What is live is open, or ended and still referred to by a unit, a timer or the waiting list.
    expect(engine.view().incidents.length).toBe(state.incidents.length);
  });

  it('agrees whatever the step: by the minute and by the hour, the same log and the same digest at each hour', () => {
    const fine = createEngine(config);
    const coarse = createEngine(config);
    const a: DomainEvent[] = [...fine.start()];
    const b: DomainEvent[] = [...coarse.start()];
    for (let h = 1; h <= 8; h++) {
      // The coarse run stops only where a command is given (every 10 min) and at the hour.
      a.push(...run(fine, (h - 1) * HOUR + MIN, h * HOUR, MIN, false));
      b.push(...run(coarse, (h - 1) * HOUR + 10 * MIN, h * HOUR, 10 * MIN, false));
      expect(JSON.stringify(b), `hour ${h}`).toBe(JSON.stringify(a));
      expect(coarse.digest(), `hour ${h}`).toBe(fine.digest());
    }
  });

  it('resumes exactly from a snapshot holding ended incidents', () => {
    const full = createEngine(config);
    run(full, 0, 6 * HOUR, MIN, true);
    const snap = JSON.parse(JSON.stringify(full.snapshot())) as EngineSnapshot;
    expect(snap.endedIncidents.length).toBeGreaterThan(20);
    const resumed = createEngine({ ...config, restore: snap });
    expect(resumed.digest()).toBe(full.digest());
    const rest = run(full, 6 * HOUR + MIN, 9 * HOUR, MIN, false);
    const again = run(resumed, 6 * HOUR + MIN, 9 * HOUR, MIN, false);
    expect(JSON.stringify(again)).toBe(JSON.stringify(rest));
    expect(resumed.digest()).toBe(full.digest());
  });

  it('digests the same with the native SHA-256 the server hands in (node:crypto) as with the engine\'s own', () => {
    const own = createEngine(config);
    const native = createEngine({ ...config, sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex') });
    run(own, 0, 3 * HOUR, MIN, true);
    run(native, 0, 3 * HOUR, MIN, true);
    // Non-ASCII text in the state (a caller's words in Chinese) hashes as UTF-8 in both.
    const call = { type: 'RECEIVE_CALL' as const, location: [24.6, 110.52] as [number, number], incidentType: 'building-fire' as const, description: '居民楼三楼起火，有人被困' };
    own.apply(call, controller);
    native.apply(call, controller);
    expect(own.canonicalState()).toContain('居民楼三楼起火');
    expect(native.digest()).toBe(own.digest());
    expect(native.snapshot().digest).toBe(own.snapshot().digest);
  });

  it('refuses a command naming an ended incident as it did while the incident was live', () => {
    const engine = createEngine(config);
    run(engine, 0, 6 * HOUR, MIN, true);
    const state = JSON.parse(engine.canonicalState()) as { endedIncidents: [string, string, { grade: number }][] };
    const closed = state.endedIncidents.find(([, status, ctx]) => status === 'closed' && ctx.grade === 1)!;
    expect(closed).toBeDefined();
    const id = closed[0];
    const refusal = (cmd: Parameters<Engine['apply']>[0]): string => {
      const r = engine.apply(cmd, controller).result;
      return r.ok ? 'accepted' : `${r.error.code}: ${r.error.message}`;
    };
    expect(refusal({ type: 'DISPATCH_RECOMMENDED', incidentId: id })).toBe(`not-allowed-in-state: cannot dispatch to incident ${id}: it is closed`);
    expect(refusal({ type: 'TRIAGE_CALL', incidentId: id, incidentType: 'building-fire' })).toBe(`not-allowed-in-state: incident ${id} is closed, already triaged`);
    expect(refusal({ type: 'RAISE_GRADE', incidentId: id, grade: 1, reason: '' })).toMatch(/^grade-not-higher: incident .* the grade only goes up/);
    expect(refusal({ type: 'RAISE_GRADE', incidentId: id, grade: 3, reason: '' })).toBe(`not-allowed-in-state: cannot raise the grade of incident ${id}: it is closed`);
    expect(refusal({ type: 'CLOSE_INCIDENT', incidentId: id })).toBe(`not-allowed-in-state: cannot close incident ${id}: it is closed (only an incident under control can be closed)`);
    expect(refusal({ type: 'CANCEL_INCIDENT', incidentId: id, reason: 'duplicate' })).toBe(`not-allowed-in-state: cannot cancel incident ${id}: it is closed`);
    expect(refusal({ type: 'REQUEST_REINFORCEMENT', incidentId: id, needs: [] })).toBe(`not-allowed-in-state: incident ${id} is closed; reinforcement is requested for an incident being worked`);
    // An evacuation may still be ordered for it (the order names the incident it came from).
    expect(refusal({ type: 'ORDER_EVACUATION', incidentId: id, note: 'after the fire', area: { kind: 'circle', center: [24.6, 110.5], radiusM: 200 } })).toBe('accepted');
    expect(refusal({ type: 'DISPATCH_RECOMMENDED', incidentId: 'INC-99999' })).toBe('not-found: no incident INC-99999');
  });
});
