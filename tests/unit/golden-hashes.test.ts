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
    1: '0ace40efd15baee1dd49bd4cfb7c6321afccf8440230cd79c80aa128e0933096',
    2: 'f43261abae8ff61f693ea7a3d97d0dd6cbbd37b96de31b63d1a454f0e1fe6aef',
    3: '8b374f0bdf2d183927713d692a3bb4f191366df4761fb20c0d20e29cf798dfe8',
  },
  tabletop: {
    1: 'aa47ddaf58b6663e38b3e5a85582f294b02331e755d1f8b53b88df9a2219b7db',
    2: 'd69b379fed7c2bebacb0afc06110fc061b46a795a5a4e8b76f4e41f005b86157',
    3: '42e075fb6a7e184ceefbbdc0d34126f7d880a03401305905920342cc4b27a6e9',
  },
  week: {
    1: '7d52555b92acf21f49c48375ea7171fab15208e987ec3d5e9b486a48f173eabf',
    2: 'fde2a64dd59434af0468e48727f6ec49340da71989cea599194f623e3c422e15',
    3: 'c3340c607e8d69659334dd1d7280bba3a7d1f2265f7a6faa7176d8bf6f900ce4',
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
