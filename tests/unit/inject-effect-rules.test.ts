// The rules by which injects change the world are data (seeds/inject-effects.yaml), not code: a
// crew injury's withdrawal threshold and what dry hydrants make a fire need follow the file, bad
// values are reported at their line with the field path, and a world without the rules refuses to
// play the injects that need them instead of guessing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadDataFile } from '../../server/files/read-data-file.ts';
import { DataFileError } from '../../server/files/data-file-error.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { InjectEffectRulesSchema } from '../../shared/schemas/inject-effects.ts';
import { ScenarioSchema, type ScenarioInput } from '../../shared/schemas/scenario.ts';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { Engine, World } from '../../server/engine/types.ts';
import { makeSeedsDir } from '../fixtures/import-fixtures.ts';

const world = loadWorld({});
const rules = world.injectEffects!;
const MIN = 60_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inject-effects-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const scenario = (extra: Partial<ScenarioInput>) => ScenarioSchema.parse({
  name: 'effect rules', region: 'demo-county', seed: 4, start: '2026-06-01T10:00:00+08:00', duration: '2h', mode: 'auto', background: { enabled: false }, ...extra,
});
function run(engine: Engine, until: number): DomainEvent[] {
  const log = engine.start();
  for (let t = MIN; t <= until; t += MIN) log.push(...engine.advanceTo(t));
  return log;
}
const of = <T extends DomainEvent['type']>(log: DomainEvent[], type: T) => log.filter((e): e is EventOf<T> => e.type === type);
const typeOf = (unitId: string) => world.region.stations.flatMap((s) => s.units).find((u) => u.id === unitId)?.type;

describe('seeds/inject-effects.yaml', () => {
  it('holds the rules the drills played with before they were data: withdrawn under half the type crew, long-distance water for fires', () => {
    expect(rules.crewInjury).toMatchObject({ withdrawBelowShareOfTypeCrew: 0.5, minCrew: 1 });
    expect(rules.dryHydrants.needs).toEqual([{ capability: 'long-distance-water', vehicles: 1, tiers: ['national', 'professional', 'township'] }]);
    expect(rules.dryHydrants.fireTypes).toContain('building-fire');
  });

  it('reports bad values at their line and column with the field path, all in one pass', () => {
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, [
      'crewInjury:',
      '  withdrawBelowShareOfTypeCrew: 1.5',
      '  minCrew: 1',
      '  source: test',
      'dryHydrants:',
      '  fireTypes: [building-fire, castle-fire]',
      '  needs: [{ capability: long-distance-water, vehicles: 0 }]',
      '  source: test',
      '',
    ].join('\n'));
    let err: unknown;
    try { loadDataFile(file, InjectEffectRulesSchema); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(DataFileError);
    const lines = (err as DataFileError).issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^2:33: crewInjury\.withdrawBelowShareOfTypeCrew: .*(<=|at most) ?1/),
      expect.stringMatching(/^6:30: dryHydrants\.fireTypes\.1: .*building-fire/),
      expect.stringMatching(/^7:56: dryHydrants\.needs\.0\.vehicles: .*(>=|at least) ?1/),
    ]);
  });

  it('is part of the world: a seeds folder without it fails to load, naming the file', () => {
    const seeds = makeSeedsDir(path.join(tmp, 'missing'), process.cwd());
    fs.rmSync(path.join(seeds, 'inject-effects.yaml'));
    fs.symlinkSync(path.resolve('seeds/regions/demo-county'), path.join(seeds, 'regions', 'demo-county'), 'dir');
    expect(() => loadWorld({ seedsDir: seeds, roads: false })).toThrow(/inject-effects\.yaml/);
  });
});

describe('the engine follows the rules it is given', () => {
  const fire = { id: 'fire', at: 'T+05:00', kind: 'call', type: 'building-fire', location: 'Chengdong New District', reportedGrade: 1, truth: { trapped: 4 } } as const;
  const hurt = { id: 'hurt', at: 'T+25:00', kind: 'crew-injury', unit: 'qs-chengdong-SG-1', injured: 1 } as const;
  const withRules = (r: Partial<NonNullable<World['injectEffects']>>): World => ({ ...world, injectEffects: { ...rules, ...r } });
  const withdrawnAt = (log: DomainEvent[]) => of(log, 'UNIT_OUT_OF_SERVICE').filter((e) => e.unitId === 'qs-chengdong-SG-1').map((e) => e.t);

  it('crew injury: one of four hurt keeps the unit at work under the shipped rule (3 ≥ ceil(4 × 0.5) = 2), withdraws it at share 1 (3 < 4)', () => {
    const s = scenario({ injects: [fire, hurt] });
    expect(withdrawnAt(run(createEngine({ world, scenario: s }), 30 * MIN))).toEqual([]);
    const strict = withRules({ crewInjury: { ...rules.crewInjury, withdrawBelowShareOfTypeCrew: 1 } });
    expect(withdrawnAt(run(createEngine({ world: strict, scenario: s }), 30 * MIN))).toEqual([25 * MIN]);
    // minCrew raises the floor the same way: 3 left < minCrew 4.
    const floor = withRules({ crewInjury: { ...rules.crewInjury, minCrew: 4 } });
    expect(withdrawnAt(run(createEngine({ world: floor, scenario: s }), 30 * MIN))).toEqual([25 * MIN]);
  });

  it('dry hydrants: the fire types and the needs are the file\'s', () => {
    const power = { id: 'cut', at: 'T+01:00', kind: 'power-outage', lasts: '1h', hydrantsArea: { circle: { center: 'Qingshui Old Town', radiusM: 800 } } } as const;
    const dark = { id: 'dark', at: 'T+10:00', kind: 'call', type: 'building-fire', location: 'Qingshui Old Town', reportedGrade: 1 } as const;
    const s = scenario({ injects: [power, dark] });
    const supply = (w: World) => {
      const log = run(createEngine({ world: w, scenario: s }), 30 * MIN);
      const id = of(log, 'INJECT_FIRED').find((e) => e.injectId === 'dark')!.incidentId!;
      return of(log, 'UNIT_DISPATCHED').filter((e) => e.incidentId === id && typeOf(e.unitId) === 'YCGS').length;
    };
    expect(supply(world)).toBe(1);
    expect(supply(withRules({ dryHydrants: { ...rules.dryHydrants, fireTypes: ['forest-fire'] } }))).toBe(0);
    expect(supply(withRules({ dryHydrants: { ...rules.dryHydrants, needs: [{ capability: 'long-distance-water', vehicles: 2, tiers: ['national', 'professional', 'township'] }] } }))).toBe(2);
  });

  it('a world without the rules refuses the injects that need them, at build time and when written during the drill', () => {
    const bare: World = { ...world };
    delete bare.injectEffects;
    expect(() => createEngine({ world: bare, scenario: scenario({ injects: [fire, hurt] }) })).toThrow(/inject hurt \(crew-injury\): the world has no inject-effect rules \(seeds\/inject-effects\.yaml/);
    const engine = createEngine({ world: bare, scenario: scenario({ injects: [fire] }) });
    engine.start();
    const added = engine.apply({ type: 'ADD_INJECT', inject: { ...hurt, at: 'T+30:00' } }, { role: 'controller', id: 'trainer' });
    expect(added.result).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/crew-injury inject cannot be played: the world has no inject-effect rules/) } });
  });
});
