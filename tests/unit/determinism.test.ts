// Determinism: the same scenario + seed + commands give the same event log bit for bit, another seed
// another log, and replaying a log (scenario, seed and the accepted commands it records) rebuilds
// the same state.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { replay } from '../../server/engine/replay.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { Actor } from '../../shared/commands.ts';
import type { EngineConfig } from '../../server/engine/types.ts';

const world = loadWorld({});
const day = loadScenario('scenarios/normal-day.yaml', world);
const commander: Actor = { role: 'commander', id: 'c1' };

function runDay(seed: number): { hash: string; digest: string; events: number } {
  const scenario = { ...day, seed };
  const engine = createEngine({ world, scenario, background: createBackgroundCalls(world, scenario) });
  const hasher = createLogHasher();
  let events = 0;
  const take = (evs: DomainEvent[]) => { for (const e of evs) { hasher.add(e); events++; } };
  take(engine.start());
  for (let t = 0; t <= engine.endsAt; t += 3_600_000) take(engine.advanceTo(t));
  return { hash: hasher.hex(), digest: engine.digest(), events };
}

describe('determinism', () => {
  it('20 seeds run twice give identical log hashes and states, and 20 different hashes', () => {
    const hashes = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const a = runDay(seed);
      const b = runDay(seed);
      expect(b.hash).toBe(a.hash);
      expect(b.digest).toBe(a.digest);
      expect(a.events).toBeGreaterThan(20);
      hashes.add(a.hash);
    }
    expect(hashes.size).toBe(20);
  });

  it('replaying a commander-driven log reproduces every event and the final state', () => {
    const scenario = loadScenario('scenarios/tabletop-highrise.yaml', world);
    const config: EngineConfig = { world, scenario, background: createBackgroundCalls(world, scenario) };
    const engine = createEngine(config);
    const log: DomainEvent[] = [...engine.start()];
    const apply = (cmd: Parameters<typeof engine.apply>[0]) => {
      const r = engine.apply(cmd, commander);
      log.push(...r.events);
      return r.result;
    };
    let acted = 0;
    // A commander who triages and dispatches every call a minute after it rings, raises the grade
    // of any incident reported bigger than its grade, and sends one unit home early.
    for (let t = 0; t <= engine.endsAt; t += 60_000) {
      log.push(...engine.advanceTo(t));
      for (const inc of engine.view().incidents) {
        if (inc.status === 'callReceived' && t - inc.receivedAt >= 60_000) {
          expect(apply({ type: 'TRIAGE_CALL', incidentId: inc.id, incidentType: inc.type, grade: 1 }).ok).toBe(true);
          const r = apply({ type: 'DISPATCH_RECOMMENDED', incidentId: inc.id });
          if (r.ok) acted++;
        }
      }
      if (t === 40 * 60_000) {
        const busy = engine.view().units.find((u) => u.status === 'working');
        if (busy) expect(apply({ type: 'RELEASE_UNIT', unitId: busy.id }).ok).toBe(true);
        const idle = engine.view().units.find((u) => u.status === 'inStation');
        expect(apply({ type: 'SET_UNIT_OUT_OF_SERVICE', unitId: idle!.id, reason: 'pump failure' }).ok).toBe(true);
      }
    }
    expect(acted).toBeGreaterThan(0);
    const accepted = log.filter((e) => e.type === 'COMMAND_ACCEPTED').length;
    expect(accepted).toBeGreaterThan(3);

    const again = replay(config, log, engine.now);
    expect(again.events.length).toBe(log.length);
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(log));
    expect(again.engine.digest()).toBe(engine.digest());
  });

  it('a refused command is logged (COMMAND_REFUSED) and changes nothing else: the run goes on as without it, one seq later', () => {
    const scenario = { ...day, seed: 7 };
    const config: EngineConfig = { world, scenario, background: createBackgroundCalls(world, scenario) };
    const a = createEngine(config);
    const b = createEngine(config);
    const logA = [...a.start(), ...a.advanceTo(3_600_000)];
    b.start(); b.advanceTo(3_600_000);
    const r = a.apply({ type: 'DISPATCH_UNITS', incidentId: 'INC-99999', unitIds: ['nope'] }, commander);
    expect(r.result).toEqual({ ok: false, error: { code: 'not-found', message: 'no incident INC-99999', command: 'DISPATCH_UNITS' } });
    expect(r.events).toEqual([{ type: 'COMMAND_REFUSED', command: { type: 'DISPATCH_UNITS', incidentId: 'INC-99999', unitIds: ['nope'] }, by: commander, error: { code: 'not-found', message: 'no incident INC-99999' }, seq: logA.length + 1, t: 3_600_000 }]);
    logA.push(...r.events);
    const laterA = a.advanceTo(14 * 3_600_000);
    const laterB = b.advanceTo(14 * 3_600_000);
    expect(laterA.length).toBeGreaterThan(10);
    expect(laterA).toEqual(laterB.map((e) => ({ ...e, seq: e.seq + 1 })));
    logA.push(...laterA);
    // Replay applies the refused command again and gets the same refusal: the same log, the same state.
    const again = replay(config, logA, 14 * 3_600_000);
    expect(again.events).toEqual(logA);
    expect(again.engine.digest()).toBe(a.digest());
    // A log whose refusal the engine would now accept has diverged: replay says where.
    const forged = logA.map((e) => (e.seq === r.events[0]!.seq ? { ...e, command: { type: 'SET_MODE', mode: 'manual' } } as DomainEvent : e));
    expect(() => replay(config, forged)).toThrow(`replay diverged at seq ${r.events[0]!.seq}: SET_MODE was refused (no incident INC-99999) and is now accepted`);
  });

  it('no refusal is written once the simulation has ended (the log is closed)', () => {
    const scenario = { ...day, seed: 7 };
    const e = createEngine({ world, scenario });
    e.start();
    const all = e.advanceTo(e.endsAt);
    expect(all.at(-1)!.type).toBe('SIMULATION_ENDED');
    const r = e.apply({ type: 'SET_MODE', mode: 'manual' }, commander);
    expect(r.result.ok).toBe(false);
    expect(r.events).toEqual([]);
  });
});
