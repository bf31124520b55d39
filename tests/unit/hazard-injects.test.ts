// Hazard injects go through the drill script like every other inject: at a time, `after` another
// inject, held until the controller fires it, contingent on a condition, or written during the drill
// (ADD_INJECT). Each one's INJECT_FIRED comes first, then what the hazard does (HAZARD_CHANGED).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hazard-injects-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const world = loadWorld({});
const MIN = 60_000;
const of = <T extends DomainEvent['type']>(events: DomainEvent[], type: T): EventOf<T>[] => events.filter((e): e is EventOf<T> => e.type === type);

const SCENARIO = `name: hazard inject timings
region: demo-county
start: 2026-07-20T10:00:00+08:00
duration: 2h
mode: auto
background: { enabled: false }
weather:
  - { at: 0, wind: { fromDeg: 90, speedMS: 3 }, stability: D }
hazards:
  - kind: chemical-release
    id: cl2
    at: 5m
    substance: chlorine
    source: { kind: continuous, rateKgS: 1 }
    site: { kind: fixed, location: [24.60, 110.55] }
injects:
  - { id: turn, at: 20m, kind: hazard, hazard: { action: wind-shift, wind: { fromDeg: 180, speedMS: 3 } } }
  - { id: turn-back, after: turn, delay: 10m, kind: hazard, hazard: { action: wind-shift, wind: { fromDeg: 0, speedMS: 4 } } }
  - { id: sealed, held: true, kind: hazard, hazard: { action: release-stop, hazardId: cl2 } }
  - id: no-call-shift
    at: 50m
    kind: hazard
    hazard: { action: wind-shift, wind: { fromDeg: 270, speedMS: 5 } }
    contingency: { when: { injectFired: sealed } }
`;

describe('hazard injects through the drill script', () => {
  const file = path.join(dir, 'timings.yaml');
  fs.writeFileSync(file, SCENARIO);
  const engine = createEngine(engineConfigFor(world, loadScenario(file, world)));
  const events: DomainEvent[] = [...engine.start(), ...engine.advanceTo(40 * MIN)];
  const controller = { role: 'controller' as const };
  const r = engine.apply({ type: 'FIRE_INJECT', injectId: 'sealed' }, controller);
  events.push(...r.events);
  events.push(...engine.advanceTo(45 * MIN));
  const r2 = engine.apply({ type: 'ADD_INJECT', inject: { id: 'restart', held: true, kind: 'hazard', hazard: { action: 'release-start', hazardId: 'cl2' } } }, controller);
  events.push(...r2.events);
  events.push(...engine.apply({ type: 'FIRE_INJECT', injectId: 'restart' }, controller).events);
  events.push(...engine.advanceTo(engine.endsAt));
  const changes = of(events, 'HAZARD_CHANGED');

  it('a timed hazard inject turns the wind at its time, after its INJECT_FIRED', () => {
    const fired = of(events, 'INJECT_FIRED').find((e) => e.injectId === 'turn')!;
    expect(fired.t).toBe(20 * MIN);
    const wind = changes.find((e) => e.change === 'wind' && e.wind?.fromDeg === 180)!;
    expect(wind.t).toBe(20 * MIN);
    expect(wind.seq).toBeGreaterThan(fired.seq);
  });

  it('an `after` hazard inject fires its delay after the one it follows', () => {
    expect(of(events, 'INJECT_FIRED').find((e) => e.injectId === 'turn-back')!.t).toBe(30 * MIN);
    expect(changes.find((e) => e.change === 'wind' && e.wind?.fromDeg === 0)!.t).toBe(30 * MIN);
  });

  it('a held hazard inject acts only when the controller fires it, and one written during the drill too', () => {
    expect(r.result.ok && r2.result.ok).toBe(true);
    const stops = changes.filter((e) => e.change === 'release-stopped');
    expect(stops.map((e) => e.t)).toEqual([40 * MIN]);
    expect(of(events, 'INJECT_FIRED').find((e) => e.injectId === 'sealed')!.early).toBe(true);
    expect(changes.filter((e) => e.change === 'release-started').map((e) => e.t)).toEqual([45 * MIN]);
  });

  it('a contingency hazard inject fires when its condition holds (the leak was sealed)', () => {
    expect(of(events, 'INJECT_FIRED').find((e) => e.injectId === 'no-call-shift')!.t).toBe(50 * MIN);
    expect(changes.find((e) => e.change === 'wind' && e.wind?.fromDeg === 270)!.t).toBe(50 * MIN);
  });
});

describe("a hazard's start written like an inject's time", () => {
  const write = (name: string, at: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, SCENARIO.replace('    at: 5m\n', `    at: ${at}\n`).replace(/injects:[\s\S]*$/, ''));
    return file;
  };

  it('T+05:00 and the date-time 10:07 start the release at 5 and 7 minutes', () => {
    for (const [at, min] of [['T+05:00', 5], ['"2026-07-20T10:07:00+08:00"', 7]] as const) {
      const engine = createEngine(engineConfigFor(world, loadScenario(write(`at-${min}.yaml`, at), world)));
      const events = [...engine.start(), ...engine.advanceTo(10 * MIN)];
      expect(of(events, 'HAZARD_STARTED').map((e) => e.t)).toEqual([min * MIN]);
    }
  });

  it('a time before the start or not a time is refused at its line', () => {
    expect(() => loadScenario(write('before.yaml', '"2026-07-20T09:00:00+08:00"'), world)).toThrow(/:12:\d+.*hazards\.0\.at.*starts before the scenario's start/s);
    expect(() => loadScenario(write('bad.yaml', 'T+soon'), world)).toThrow(/:12:\d+.*hazards\.0\.at.*not a time: "T\+soon"/s);
  });
});
