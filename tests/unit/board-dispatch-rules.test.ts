// The board names the doctrine rule behind each recommended unit by reading the engine's reasons
// (client/src/dispatch-rule.ts); these checks run the real engine on the mini world so a change of
// the engine's wording shows up here, not as a wrong label on the board. Also the ETAs the board
// asks for a unit the commander adds (Engine.etas): the same figure a recommendation gives that unit.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/engine/engine.ts';
import { CommandSchema, type Actor, type CommandInput } from '../../shared/commands.ts';
import { ruleOf } from '../../client/src/dispatch-rule.ts';
import { SITE, STATION, miniScenario, miniWorld } from '../fixtures/mini-world.ts';

const controller: Actor = { role: 'controller' };
const commander: Actor = { role: 'commander' };

function engineWithCall(night = false) {
  const engine = createEngine({ world: miniWorld(), scenario: miniScenario({ night }) });
  engine.start();
  const apply = (c: CommandInput, by: Actor) => {
    const { result } = engine.apply(CommandSchema.parse(c), by);
    if (!result.ok) throw new Error(result.error.message);
    return result;
  };
  const incidentId = apply({ type: 'RECEIVE_CALL', location: SITE.districtANearB, incidentType: 'building-fire', size: 30, trapped: 0 }, controller).incidentId!;
  apply({ type: 'TRIAGE_CALL', incidentId, incidentType: 'building-fire', grade: 2 }, commander);
  return { engine, incidentId };
}

describe('doctrine rules read from the engine reasons', () => {
  it('names the home station, the nearest units and (at night) the strengthening', () => {
    for (const night of [false, true]) {
      const { engine, incidentId } = engineWithCall(night);
      const rec = engine.recommend(incidentId)!;
      const rules = rec.units.map((u) => ({ station: u.stationId, need: u.reason.need, ...ruleOf(u.reason) }));
      const home = rules.find((r) => r.need === 'home-station');
      expect(home, JSON.stringify(rules)).toMatchObject({ rule: 'homeStation', station: STATION.A });
      expect(home!.fills ?? '').toMatch(/^[a-z-]+$/);
      // Capability picks of the first echelon are "nearest" or "specialist first", never unnamed.
      for (const r of rules.filter((x) => x.need !== 'home-station' && x.need !== 'micro-first' && x.need !== 'strengthen' && x.need !== 'firefighters' && x.need !== 'stations')) {
        expect(['nearest', 'specialist', 'echelonNeighbour', 'echelonProvince']).toContain(r.rule);
      }
      expect(rules.some((r) => r.rule === 'night')).toBe(night && rules.some((r) => r.need === 'strengthen'));
    }
  });

  it('gives the ETA of any unit as a recommendation would', () => {
    const { engine, incidentId } = engineWithCall();
    const rec = engine.recommend(incidentId)!;
    const ids = rec.units.map((u) => u.unitId);
    const etas = engine.etas(incidentId, [...ids, 'no-such-unit'])!;
    expect(etas.map((e) => e.unitId)).toEqual(ids);
    for (const e of etas) {
      const r = rec.units.find((u) => u.unitId === e.unitId)!;
      expect(Math.abs(e.etaSec! - r.etaSec)).toBeLessThanOrEqual(1);
      expect(e.orderable).toBe(true);
    }
    expect(engine.etas('INC-nope', ids)).toBeUndefined();
  });
});
