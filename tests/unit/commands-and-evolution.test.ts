// Commands are validated at the edge with messages that name the field; the evolution model responds
// to the forces working on an incident the way a commander would expect.
import { describe, expect, it } from 'vitest';
import { CommandSchema } from '../../shared/commands.ts';
import { gradeOf, newTruth, reassess, sizeAt } from '../../server/engine/domain/evolution.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';

const MIN = 60_000;
const world = loadWorld({});
const fire = world.models.models['building-fire']!;

describe('command validation at the edge', () => {
  it('an unknown incident type is refused, naming the field and the known types', () => {
    const r = CommandSchema.safeParse({ type: 'RECEIVE_CALL', location: [24.6, 110.5], incidentType: 'alien-landing' });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(['incidentType']);
    expect(issue.message).toContain('unknown incident type "alien-landing"');
    expect(issue.message).toContain('building-fire');
  });

  it('an unknown command type and a missing unit list are refused', () => {
    expect(CommandSchema.safeParse({ type: 'LAUNCH_ROCKETS' }).success).toBe(false);
    const r = CommandSchema.safeParse({ type: 'DISPATCH_UNITS', incidentId: 'INC-00001', unitIds: [] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['unitIds']);
  });
});

describe('incident evolution', () => {
  it('an unfought fire grows exponentially and is capped at the model maximum', () => {
    const t = newTruth(fire, 0, 20, [], false);
    reassess(t, fire, 0, 0);
    const at10 = sizeAt(t, fire, 10 * MIN);
    expect(at10).toBeCloseTo(20 * Math.exp(fire.growthPerMin * 10), 5);
    expect(sizeAt(t, fire, 24 * 60 * MIN)).toBe(fire.maxSize);
  });

  it('enough water brings it under control, more water sooner; too little only slows the growth', () => {
    const controlWith = (output: number) => {
      const t = newTruth(fire, 0, 200, [], false); // demand 800 L/min
      return reassess(t, fire, 0, output);
    };
    const one = controlWith(900);
    const three = controlWith(2700);
    expect(one.controlAt).toBeDefined();
    expect(three.controlAt!).toBeLessThan(one.controlAt!);
    const weak = newTruth(fire, 0, 500, [], false);
    const next = reassess(weak, fire, 0, 900); // demand 2,000 L/min
    expect(next.controlAt).toBeUndefined();
    expect(weak.growth).toBeGreaterThan(0);
    expect(weak.growth).toBeLessThan(fire.growthPerMin);
    expect(next.checkAt).toBeGreaterThan(0);
  });

  it('control progress is kept when forces change mid-way', () => {
    const t = newTruth(fire, 0, 50, [], false);
    const first = reassess(t, fire, 0, 900).controlAt!;
    const half = first / 2;
    const again = reassess(t, fire, half, 900).controlAt!;
    expect(again).toBeCloseTo(first, -3);
  });

  it('the true grade follows the size and trapped thresholds, and a call can hide a higher grade', () => {
    expect(gradeOf(fire, 10, 0)).toBe(1);
    expect(gradeOf(fire, fire.gradeBySize[1]!, 0)).toBe(2);
    expect(gradeOf(fire, fire.gradeBySize[3]!, 0)).toBe(4);
    expect(gradeOf(fire, 10, fire.gradeByTrapped[2]!)).toBe(3);
    const highRise = world.models.models['high-rise-fire']!;
    expect(gradeOf(highRise, 5, 0)).toBe(2); // any high-rise fire is at least level 2 (DOMAIN.md §5)
  });
});
