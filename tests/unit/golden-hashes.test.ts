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
    1: '95dd430f8013389a0fd172deebb92281c9eaf392b2a9cdbc267e73955da437e8',
    2: '0eeed4e19dd3383e60b9364034cfa165b82a50923f94c3de50784cb6280f3882',
    3: '745c6c8186b9bd21affb22e272e533409d28749d19f59eb8d288a61c1b4e37fa',
  },
  tabletop: {
    1: 'a71877b9ab8a299531b301c2e838e98af3134c988d4d84baee4a8fdb0dd06bd0',
    2: 'f6f12b9a535219bc9b1ae94e49a20cd33f7df66700b690e6a0d1e2fe3510ca49',
    3: 'd906b49a64189eef2f101e94ae050443332265dbfc65b82cfcd44a71ea629c7a',
  },
  week: {
    1: '23b7817a882c95500d1341aceb027da15ff00255f19921d5a721bb697ff0239b',
    2: '9cd41d2240961d3e3e4fea0f1f4b8025f70f66d2514b74b7dcadaee6d2f83eba',
    3: 'e546ac90098280b48bc77bf4e7817d7794d8b7d36ddc49cd56cafca36139b68b',
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
