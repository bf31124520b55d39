// Golden log hashes: the SHA-256 of the whole event log (server/metrics/log-hash.ts, the hash
// `sim run --json` prints) for three scenarios × three seeds, driven the way `sim run` drives them
// (start, then advance an hour at a time to the end).
//
// CHANGE THESE ONLY IN A COMMIT THAT CHANGES THE LOG ON PURPOSE AND SAYS WHY IN ITS MESSAGE.
// A refactor, a speed-up or a renaming inside the engine must leave every hash here unchanged; if
// one moves, the engine's behaviour moved with it.
//
// - normal day: scenarios/normal-day.yaml, automatic mode, background calls and two scripted calls.
// - tabletop: scenarios/tabletop-highrise.yaml, manual mode, its two scripted calls fire; driven by
//   the small fixed commander script below (triage + dispatch recommended a minute after each call
//   rings, one release and one unit out of service at 40 min), so commands are covered too.
// - week: scenarios/normal-year.yaml stopped after 7 days (`sim run … --until 7d`).
//
// `GOLDEN_PRINT=1 npx vitest run tests/unit/golden-hashes.test.ts` prints the hashes a run gives.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import type { Actor } from '../../shared/commands.ts';
import type { Engine } from '../../server/engine/types.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const world = loadWorld({});
const commander: Actor = { role: 'commander', id: 'golden-commander' };

const GOLDEN: Record<string, Record<number, string>> = {
  'normal-day': {
    1: 'ed2852b56099000d2217623131567e69f64f7100b00279a8df769a72dbaa14e7',
    2: 'bcd52686707e86dc8efe0e213b316507d826ddd5b10205ca09dba32a6f5030c9',
    3: '70aab8c5ab15a69397f9db43fb4fd441fc8aebd057a219f01a0b5158db21f3e1',
  },
  tabletop: {
    1: '5941a504b72aacfeee57d4c01a4a3f61aec96b9e3459b3f2614f2adf003f800e',
    2: '6933a6629677cd5b14466d672363b1c67d8dd40040f7ea164fc5626b58286ac6',
    3: 'da272bc2b52c752caa6ee3960553d1034738e89f797c4a76809a1237bf02f4f0',
  },
  week: {
    1: '31fffaea483dc4a2ebb4c2808975b69f6c997f8a329ebf43d1e04f1210a37d12',
    2: 'e86b61bc31120623e4d8df22c5fbd0aecd370b22871b06c1f8d4984f59c2fb69',
    3: 'cda820d67b9832446c6e827d5fcb7417a454b7dd7345528c4f85bec3676c3a1e',
  },
};

function engineFor(file: string, seed: number): Engine {
  const scenario: Scenario = { ...loadScenario(file, world), seed };
  return createEngine({
    world,
    scenario,
    ...(scenario.background.enabled ? { background: createBackgroundCalls(world, scenario) } : {}),
  });
}

/** As `sim run` does: start, then advance an hour at a time to `until` (or the scenario's end). */
function hashHeadless(engine: Engine, until = Number.POSITIVE_INFINITY): string {
  const hasher = createLogHasher();
  const take = (events: ReturnType<Engine['start']>): void => events.forEach((e) => hasher.add(e));
  const end = Math.min(until, engine.endsAt);
  take(engine.start());
  for (let t = Math.min(engine.now + HOUR_MS, end); ; t = Math.min(t + HOUR_MS, end)) {
    take(engine.advanceTo(t));
    if (t >= end) break;
  }
  return hasher.hex();
}

/** The tabletop with a fixed commander script, advanced a minute at a time. */
function hashTabletop(seed: number): string {
  const engine = engineFor('scenarios/tabletop-highrise.yaml', seed);
  const hasher = createLogHasher();
  const take = (events: ReturnType<Engine['start']>): void => events.forEach((e) => hasher.add(e));
  take(engine.start());
  for (let t = 0; t <= engine.endsAt; t += MINUTE_MS) {
    take(engine.advanceTo(t));
    for (const inc of engine.view().incidents) {
      if (inc.status === 'callReceived' && t - inc.receivedAt >= MINUTE_MS) {
        take(engine.apply({ type: 'TRIAGE_CALL', incidentId: inc.id, incidentType: inc.type, grade: 1 }, commander).events);
        take(engine.apply({ type: 'DISPATCH_RECOMMENDED', incidentId: inc.id }, commander).events);
      }
    }
    if (t === 40 * MINUTE_MS) {
      const busy = engine.view().units.find((u) => u.status === 'working');
      if (busy) take(engine.apply({ type: 'RELEASE_UNIT', unitId: busy.id }, commander).events);
      const idle = engine.view().units.find((u) => u.status === 'inStation');
      if (idle) take(engine.apply({ type: 'SET_UNIT_OUT_OF_SERVICE', unitId: idle.id, reason: 'pump failure' }, commander).events);
    }
  }
  return hasher.hex();
}

const RUNS: Record<string, (seed: number) => string> = {
  'normal-day': (seed) => hashHeadless(engineFor('scenarios/normal-day.yaml', seed)),
  tabletop: hashTabletop,
  week: (seed) => hashHeadless(engineFor('scenarios/normal-year.yaml', seed), 7 * 24 * HOUR_MS),
};

describe('golden log hashes (change only with a commit that changes the log on purpose and says why)', () => {
  for (const [name, run] of Object.entries(RUNS)) {
    for (const seed of [1, 2, 3]) {
      it(`${name}, seed ${seed}`, () => {
        const hash = run(seed);
        // GOLDEN_PRINT=1 prints the hashes of this run, for a commit that changes the log on purpose.
        if (process.env.GOLDEN_PRINT) process.stdout.write(`golden ${name} ${seed} ${hash}\n`);
        expect(hash).toBe(GOLDEN[name]![seed]);
      });
    }
  }
});
