// What a caller says about trapped people is a report, not the truth (issue 13: it used to equal the
// hidden count on every call). Over four weeks of the demo county's background calls, with the
// shipped caller figures (each trapped person known with probability 0.7, a false "someone is inside"
// on 3 % of calls with nobody trapped), some reports miss people and the hidden truth still decides
// the size-up; a count the scenario fixes is reported as scripted.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import type { EventOf } from '../../shared/events.ts';

const world = loadWorld({ roads: false });

describe("the caller's report of trapped people", () => {
  it('differs from the hidden count on some calls, never reports more than one where nobody is trapped, and the size-up tells the truth', () => {
    const scenario = { ...loadScenario('scenarios/normal-day.yaml', world), duration: 28 * 86_400_000, calls: [] };
    const engine = createEngine(engineConfigFor(world, scenario, { seed: 1 }));
    const events = [...engine.start(), ...engine.advanceTo(engine.endsAt)];
    const calls = events.filter((e): e is EventOf<'CALL_RECEIVED'> => e.type === 'CALL_RECEIVED');
    const withTrapped = calls.filter((c) => c.truth.trapped > 0);
    expect(withTrapped.length).toBeGreaterThan(10);
    // A caller never knows of more people than are trapped; with 0.7 each, some reports fall short.
    for (const c of withTrapped) expect(c.reportedTrapped).toBeLessThanOrEqual(c.truth.trapped);
    expect(withTrapped.filter((c) => c.reportedTrapped < c.truth.trapped).length).toBeGreaterThan(0);
    for (const c of calls.filter((x) => x.truth.trapped === 0)) expect(c.reportedTrapped).toBeLessThanOrEqual(1);
    const sizeUps = events.filter((e): e is EventOf<'SIZE_UP_REPORTED'> => e.type === 'SIZE_UP_REPORTED');
    for (const s of sizeUps) {
      const call = calls.find((c) => c.incidentId === s.incidentId)!;
      expect(s.trapped).toBeLessThanOrEqual(call.truth.trapped); // the truth, less anyone already out or dead
    }
  });

  it('reports a trapped count the scenario fixes as scripted', () => {
    const scenario = loadScenario('scenarios/tabletop-highrise.yaml', world);
    const engine = createEngine(engineConfigFor(world, { ...scenario, mode: 'auto' }, { seed: 1 }));
    const events = [...engine.start(), ...engine.advanceTo(scenario.calls[0]!.at + 1)];
    const call = events.find((e): e is EventOf<'CALL_RECEIVED'> => e.type === 'CALL_RECEIVED')!;
    expect(scenario.calls[0]!.trapped).toBeGreaterThan(0);
    expect(call.reportedTrapped).toBe(scenario.calls[0]!.trapped);
  });
});
