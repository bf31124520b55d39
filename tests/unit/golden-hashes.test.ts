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
    1: '9d7b2f676940b66b63bb87baff6ffe642b799e4b752c14c3518c9d34d8f3ee25',
    2: 'c4c52230d63885dcd2e6a8a2ee310f5340391ad187425a04c445998cd513ec93',
    3: 'be54879d75218f20ab54117ab44b0756fb6399add7e4ce409ef2f5a01aa17a93',
  },
  tabletop: {
    1: '79340158261134bc7a78539e0f6615aba212384b6dea5905ba30e18ae44e8f68',
    2: '9516d947c98c08aea8797fa3863e37a9ac8e459f4dbe6398d3ce622debc432e6',
    3: 'e64529723c461bf50c61de026b392104882c9de44653ff05c4e8394b6879f5fa',
  },
  week: {
    1: 'c06504ec686bc2c661d63de8806ab6f418913fc665f03febd44f9dbe2a2e1de3',
    2: '2b90b992ece253e566c860b7a82dbedd8b1f617ab3a1b9980dd88f093d3383e3',
    3: '5ab96a019f35d4efea59dc7cd7f67096dcb27351bc7ff7a10e2680cee9839307',
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
