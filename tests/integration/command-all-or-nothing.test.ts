// A command whose handler throws half-way (after the engine has begun recording it) changes nothing:
// the answer is a refusal that says why, the stored log and the state are what they were, the next
// command applies normally, and after a restart the exercise is recovered from its log exactly.
// Real SQLite file, the real host; the throw is injected by wrapping the engine's apply.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { openDatabase } from '../../server/store/open-database.ts';
import { createExerciseStore } from '../../server/store/exercise-store.ts';
import { exerciseEngineConfig, newExerciseEngine, rebuildFromLog, stateDigest } from '../../server/api/exercise-engine.ts';
import { DEFAULT_TIMING, ExerciseHost } from '../../server/api/exercise-host.ts';
import { ApiError } from '../../server/api/errors.ts';
import type { Engine } from '../../server/engine/types.ts';
import type { Actor, Command } from '../../shared/commands.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';

const world = loadWorld({});
const commander: Actor = { role: 'commander', id: 'c1', name: 'Li' };
const PLAZA: [number, number] = [24.6225, 110.54195];

/** The engine, except that a call described as "boom" is half-applied and then throws. */
function throwing(engine: Engine): Engine {
  return new Proxy(engine, {
    get(target, prop, receiver) {
      if (prop !== 'apply') return Reflect.get(target, prop, receiver);
      return (command: Command, by: Actor) => {
        if (command.type === 'RECEIVE_CALL' && command.description === 'boom') {
          target.apply(command, by); // COMMAND_ACCEPTED and its effects are in the engine now…
          throw new RangeError('Invalid array length'); // …then the handler fails
        }
        return target.apply(command, by);
      };
    },
  });
}

const hashOf = (events: readonly { seq: number }[]): string => {
  const h = createLogHasher();
  for (const e of events) h.add(e as never);
  return h.hex();
};

describe('command application is all or nothing', () => {
  it('a handler that throws leaves the log and state untouched, the exercise goes on, and a restart recovers it', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'all-or-nothing-')), 'x.db'));
    const store = createExerciseStore(db);
    const scenario = loadScenario('scenarios/tabletop-highrise.yaml', world);
    const config = exerciseEngineConfig(world, scenario, 1, 'manual');
    const { engine, first } = newExerciseEngine(config);
    const id = store.create({ prefix: 'ex', name: 'throw', scenarioId: 'tabletop-highrise', scenarioSource: readFileSync('scenarios/tabletop-highrise.yaml', 'utf8'), regionId: world.region.id, seed: 1, mode: 'manual', speed: 1, isDemo: false }, [], first);
    const lines: string[] = [];
    const deps = () => ({ record: store.get(id)!, world, config, store, out: { to: () => ({ emit() {} }) }, timing: { ...DEFAULT_TIMING, heartbeatMs: 600_000 }, log: (l: string) => { lines.push(l); } });
    const host = ExerciseHost.created(deps(), throwing(engine), first);
    try {
      const ok = host.command({ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: 'first' }, commander);
      expect(ok).toMatchObject({ ok: true, incidentId: 'INC-00001' });
      const logBefore = hashOf(store.events.read(id));
      const digestBefore = host.checkpoint!.digest;

      let thrown: unknown;
      try {
        host.command({ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: 'boom' }, commander);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ApiError);
      expect(thrown).toMatchObject({ code: 'invalid', message: 'RECEIVE_CALL could not be applied (Invalid array length); nothing changed' });
      expect(hashOf(store.events.read(id))).toBe(logBefore);
      expect(host.seq).toBe(store.events.lastSeq(id));
      expect(lines.some((l) => l.includes('RECEIVE_CALL failed inside the engine'))).toBe(true);

      // The next command applies on the state from before the throw: its call is INC-00002, not 3.
      const next = host.command({ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'vehicle-fire', description: 'second' }, commander);
      expect(next).toMatchObject({ ok: true, incidentId: 'INC-00002', seqFrom: ok.ok ? ok.seqTo + 1 : -1 });
      const log = store.events.read(id);
      expect(log.filter((e) => e.type === 'COMMAND_ACCEPTED').map((e) => e.type === 'COMMAND_ACCEPTED' && e.command.type === 'RECEIVE_CALL' && e.command.description)).toEqual(['first', 'second']);
      // The whole log replays to the state the host reports.
      expect(stateDigest(rebuildFromLog(config, log).engine)).toBe(host.checkpoint!.digest);
      expect(host.checkpoint!.digest).not.toBe(digestBefore);
    } finally {
      host.close();
    }

    // After a restart: recovered from its log, and it takes commands.
    const back = ExerciseHost.fromLog(deps());
    try {
      expect(back.status).toBe('created');
      expect(back.seq).toBe(store.events.lastSeq(id));
      expect(back.command({ type: 'TRIAGE_CALL', incidentId: 'INC-00002', incidentType: 'vehicle-fire', grade: 1 }, commander)).toMatchObject({ ok: true });
    } finally {
      back.close();
      db.close();
    }
  });
});
