// Calibration of the shipped seeds: escalation converges (each grade's run card can hold the
// incident at the next threshold), and a normal year of the demo county looks like the seed
// cities: a plausible number of incidents and about 4 vehicles and 8-15 people per dispatch.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { createRunSummary } from '../../server/metrics/summary.ts';
import { INCIDENT_TYPES } from '../../shared/domain/incident-types.ts';
import type { Capability } from '../../shared/domain/forces.ts';

const world = loadWorld({});

/** Median output of the region's non-micro units with a capability (L/min for flows, else 1). */
function typicalOutput(cap: Capability): number {
  const flow = new Set<Capability>(['water', 'foam', 'forest', 'long-distance-water']);
  const types = new Map(world.unitTypes.unitTypes.map((t) => [t.code, t]));
  const outs: number[] = [];
  for (const s of world.region.stations) {
    if (s.kind === 'micro') continue;
    for (const u of s.units) {
      const t = types.get(u.type)!;
      if (t.capabilities.includes(cap)) outs.push(flow.has(cap) ? t.flowLpm : 1);
    }
  }
  outs.sort((a, b) => a - b);
  return outs[Math.floor(outs.length / 2)] ?? 0;
}

describe('calibration of the demo county', () => {
  it('every growing incident type: the grade-k run card meets the demand at the grade-(k+1) threshold', () => {
    const checked: string[] = [];
    for (const type of INCIDENT_TYPES) {
      const model = world.models.models[type]!;
      if (model.growthPerMin === 0) continue;
      for (let g = 1; g <= 4; g++) {
        const card = world.runCards.cards[type]![String(g) as '1']!;
        const output = card.needs.filter((n) => model.primary.includes(n.capability)).reduce((s, n) => s + n.vehicles * typicalOutput(n.capability), 0);
        const threshold = Math.min(model.gradeBySize[g]!, model.maxSize);
        expect(output, `${type} grade ${g}: card output ${output} vs demand ${threshold * model.demandPerSize} at the grade-${g + 1} threshold`).toBeGreaterThanOrEqual(threshold * model.demandPerSize * 0.9);
        checked.push(`${type}/${g}`);
      }
    }
    expect(checked.length).toBeGreaterThan(30);
  });

  it('a normal year: ~1,800 incidents, ~4 vehicles and 8-15 people per dispatch, escalations rare, nothing stuck', () => {
    const scenario = loadScenario('scenarios/normal-year.yaml', world);
    const engine = createEngine({ world, scenario, background: createBackgroundCalls(world, scenario) });
    const summary = createRunSummary(world);
    for (const e of engine.start()) summary.add(e);
    for (let t = 0; t <= engine.endsAt; t += 86_400_000) for (const e of engine.advanceTo(t)) summary.add(e);
    const r = summary.result();
    expect(r.incidents).toBeGreaterThan(1650);
    expect(r.incidents).toBeLessThan(1950);
    expect(r.vehiclesPerDispatch).toBeGreaterThan(3.2);
    expect(r.vehiclesPerDispatch).toBeLessThan(5);
    expect(r.personnelPerDispatch).toBeGreaterThanOrEqual(8);
    expect(r.personnelPerDispatch).toBeLessThanOrEqual(15);
    expect(r.escalations).toBeLessThan(r.incidents * 0.05);
    expect(r.firstArrivalWithin5min).toBeGreaterThan(0.5);
    expect(r.openAtEnd).toBeLessThan(5);
  });
});
