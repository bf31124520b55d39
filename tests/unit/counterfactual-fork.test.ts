// Counterfactual forks of a recorded drill (the tabletop played by a scripted commander for 2 h):
// a fork with nothing changed is the original, bit for bit; a fork with one more unit sent at
// T + 2 min shares every event up to T with the original and differs only from that command on.
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/events.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import { forkRun, ForkError } from '../../server/report/counterfactual-fork.ts';
import { compareRuns } from '../../server/report/run-comparison.ts';
import { COMMANDER, drillEngine, runCommanderScript } from '../drill-script.ts';

const MIN = 60_000;
const world = loadWorld({});
const scenario = loadScenario('scenarios/tabletop-highrise.yaml', world);
const config = engineConfigFor(world, scenario, { seed: 7 });
const original = runCommanderScript(drillEngine(world, scenario, 7), 120 * MIN);
const hash = (events: readonly DomainEvent[]): string => {
  const h = createLogHasher();
  events.forEach((e) => h.add(e));
  return h.hex();
};
// T: just after the first dispatch to the high-rise fire (its call rings at 5:00, the script answers at 6:00).
const T = 6 * MIN;

describe('counterfactual fork', () => {
  it('with nothing done differently, reproduces the original log bit for bit', () => {
    const fork = forkRun(config, original.events, { at: T, until: 120 * MIN });
    expect(fork.refused).toEqual([]);
    expect(fork.events.length).toBe(original.events.length);
    expect(hash(fork.events)).toBe(hash(original.events));
  });

  it('with one more unit sent at T + 2 min, equals the original up to T and diverges only after that command', () => {
    const fire = original.firstIncident!;
    const sent = new Set(original.events.flatMap((e) => (e.type === 'UNIT_DISPATCHED' ? [e.unitId] : [])));
    // An aerial (or any unit) the original never sent: certainly available at T + 2 min.
    const units = world.region.stations.flatMap((s) => s.units).filter((u) => !sent.has(u.id));
    const extra = (units.find((u) => u.type.startsWith('DG')) ?? units[0])!.id;
    const at = T + 2 * MIN;
    const fork = forkRun(config, original.events, {
      at: T, until: 120 * MIN,
      commands: [{ at, by: COMMANDER, command: { type: 'DISPATCH_UNITS', incidentId: fire, unitIds: [extra] } }],
    });
    expect(fork.refused).toEqual([]);
    const shared = original.events.filter((e) => e.t <= T);
    expect(fork.sharedSeq).toBe(shared.at(-1)!.seq);
    expect(hash(fork.events.slice(0, shared.length))).toBe(hash(shared));
    // Identical until the changed command, which is the first difference.
    const firstDiff = fork.events.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(original.events[i]));
    expect(firstDiff).toBeGreaterThanOrEqual(shared.length);
    expect(fork.events[firstDiff]).toMatchObject({ type: 'COMMAND_ACCEPTED', t: at, command: { type: 'DISPATCH_UNITS', unitIds: [extra] } });
    expect(hash(fork.events)).not.toBe(hash(original.events));
    expect(fork.events.some((e) => e.type === 'UNIT_DISPATCHED' && e.unitId === extra && e.incidentId === fire && e.t === at)).toBe(true);

    // Side by side: the high-rise fire (inj-1) is in both runs under the same incident id.
    const cmp = compareRuns(original.events, fork.events);
    const highRise = cmp.incidents.find((i) => i.key === 'inj-1')!;
    expect(highRise.a?.incidentId).toBe(fire);
    expect(highRise.b?.incidentId).toBe(fire);
    // The extra unit comes from further away than the first dispatch: the first arrival is the same.
    expect(highRise.a?.firstArrivalSec).toBe(highRise.b?.firstArrivalSec);
  });

  it('refuses a fork time past the recording and changed commands before T', () => {
    expect(() => forkRun(config, original.events, { at: 500 * MIN })).toThrow(ForkError);
    expect(() => forkRun(config, original.events, { at: T, commands: [{ at: T - MIN, by: COMMANDER, command: { type: 'SET_MODE', mode: 'auto' } }] })).toThrow(/before the fork time/);
  });
});
