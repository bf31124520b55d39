// What each unit brings to an incident at work (world-index.ts atWork): read from a table per
// incident model instead of the unit's capabilities at every change of an incident's units. The
// table must give what the unit's capabilities give, for every unit and model, also for units that
// join the world later (a reinforcement station written during a drill).
import { describe, expect, it } from 'vitest';
import { addStationToIndex, indexWorld, type UnitInfo, type WorldIndex } from '../../server/engine/kernel/world-index.ts';
import type { IncidentModel } from '../../shared/schemas/incident-models.ts';
import { miniWorld } from '../fixtures/mini-world.ts';

/** The plain rule: the best output over the model's primary capabilities; a rescuer if it has the capability for the trapped. */
function plain(index: WorldIndex, u: UnitInfo, model: IncidentModel): { output: number; rescues: number } {
  let best = 0;
  for (const c of model.primary) best = Math.max(best, index.output(u, c));
  return { output: best, rescues: u.type.capabilities.includes(model.trapped.capability) ? 1 : 0 };
}

function expectPlain(index: WorldIndex): number {
  let checked = 0;
  for (const model of Object.values(index.world.models.models)) {
    const rates = index.atWork(model!);
    expect(rates.output.length).toBe(index.unitIds.length);
    for (const u of index.units.values()) {
      expect({ output: rates.output[u.n], rescues: rates.rescues[u.n] }, `${u.id} at a ${model!.primary.join('/')} incident`).toEqual(plain(index, u, model!));
      checked++;
    }
  }
  return checked;
}

describe('what a unit brings to an incident at work', () => {
  it('is what its capabilities give, for every unit and incident model, before and after a station joins', () => {
    const index = indexWorld(miniWorld());
    const models = Object.keys(index.world.models.models).length;
    expect(expectPlain(index)).toBe(models * index.unitIds.length);
    // Some model must see a unit bring something and another nothing (else the test shows little).
    const outputs = Object.values(index.world.models.models).flatMap((m) => [...index.atWork(m!).output]);
    expect(outputs.some((x) => x > 0) && outputs.some((x) => x === 0)).toBe(true);
    const first = index.world.region.stations[0]!;
    const joined = addStationToIndex(index, { ...first, id: 'joined', units: first.units.map((s) => ({ ...s, id: `joined-${s.id}` })) });
    expect(joined.length).toBeGreaterThan(0);
    expect(expectPlain(index)).toBe(models * index.unitIds.length);
  });
});
