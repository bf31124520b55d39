// Golden log hashes: the SHA-256 of the whole event log (server/metrics/log-hash.ts, the hash
// `sim run --json` prints) for three scenarios × three seeds, driven the way `sim run` drives them
// (start, then advance an hour at a time to the end).
//
// CHANGE THESE ONLY IN A COMMIT THAT CHANGES THE LOG ON PURPOSE AND SAYS WHY IN ITS MESSAGE.
// A refactor, a speed-up or a renaming inside the engine must leave every hash here unchanged; if
// one moves, the engine's behaviour moved with it. (The one other reason they moved: the hash's own
// canonical form changed, from JSON text to version 4, with the logs unchanged: the commit that did
// it says how that was checked.)
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
    1: '1e002cf378c6101e02fe7ccdebcb7304d865d299c289fbc3849cf087f8aee21b',
    2: 'fde4c56edbec7ead32d53c460157d8c63fcbd48a0c2ba589f1e8a7da1b73346b',
    3: '3430bb8cc64e58b1ccc0c26e3bef73de8dcc76504ef3343fad473aea0e099f65',
  },
  tabletop: {
    1: '225b7078add271ea291b42cf00bb5fd78f6e633b4d275b073a89ddc70ca12719',
    2: '91fadcf2aac56451793de6a756994631e987267d5af0facd59f02b4ee6d9c9ba',
    3: '0c3bbaa6d5db1f8fd25d090143a33fca42c2d724906e69a83a1a5f71b652ff37',
  },
  week: {
    1: '75f7386077cf640078c16fb2c673d1f69d558d312a542e3627bc2f5c67b2f0e0',
    2: '7373e2ddb12902b07f0f0962f10a5e2e2748b40770ea2b1af03007fbf7d61faa',
    3: 'cc1799f3e71b5707caa24422469e5a9c5359f799d435e503af36a045c65ffd14',
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
  const take = (events: ReturnType<Engine['start']>): void => hasher.addAll(events);
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
  const take = (events: ReturnType<Engine['start']>): void => hasher.addAll(events);
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
