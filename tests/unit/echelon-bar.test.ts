// The unit search asks a candidate for its ETA only when it could change the doctrine's pick
// (echelons.ts etaThatMatters): a neighbouring jurisdiction's unit while no local unit is within the
// local limit, the province's while there is no local or neighbouring candidate. This checks the
// claim the search relies on: candidates offered in any order, each dropped when its ETA is above the
// bar of that moment, give the same pick (unit, ETA and note) as all of them offered.
import { describe, expect, it } from 'vitest';
import { etaThatMatters, noBests, offer, pickByEchelon } from '../../server/engine/domain/dispatch/echelons.ts';
import type { UnitInfo } from '../../server/engine/kernel/world-index.ts';
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import { prng } from '../fixtures/prng.ts';

const dispatch = { localEtaLimitSeconds: 1500, specialistToleranceSeconds: 600 } as Doctrine['dispatch'];

/** Seeded: the same cases on every run. */
const rng = prng;

const unit = (id: string, echelon: 1 | 2 | 3, specialist: boolean): UnitInfo =>
  ({ id, n: 0, echelon, isMicro: false, specialistFor: new Set(specialist ? ['rescue'] : []) }) as unknown as UnitInfo;

function pick(cands: { u: UnitInfo; eta: number }[], barred: boolean) {
  const bests = noBests();
  for (const { u, eta } of cands) {
    const spec = u.echelon === 1 && u.specialistFor.has('rescue');
    if (barred && eta > etaThatMatters(bests, u.echelon, spec, dispatch)) continue;
    offer(bests, u, eta, spec);
  }
  const p = pickByEchelon(bests, dispatch, 'rescue');
  return p && { unit: p.unit.id, eta: p.eta, note: p.note };
}

describe('the bar that matters for each echelon', () => {
  it('hand-worked cases', () => {
    const local = unit('L', 1, false);
    const neighbour = unit('N', 2, false);
    const province = unit('P', 3, false);
    const b = noBests();
    // Nothing found yet: every echelon must be asked (no bar).
    expect(etaThatMatters(b, neighbour.echelon, false, dispatch)).toBe(Infinity);
    expect(etaThatMatters(b, province.echelon, false, dispatch)).toBe(Infinity);
    // A local unit at 20 min (1200 s ≤ 1500 s limit) goes whatever the neighbours and the province do.
    offer(b, local, 1200, false);
    expect(etaThatMatters(b, neighbour.echelon, false, dispatch)).toBe(-Infinity);
    expect(etaThatMatters(b, province.echelon, false, dispatch)).toBe(-Infinity);
    // A local unit at 30 min (1800 s > 1500 s): a neighbour matters only if it is there sooner.
    const far = noBests();
    offer(far, local, 1800, false);
    expect(etaThatMatters(far, neighbour.echelon, false, dispatch)).toBe(1800);
    offer(far, neighbour, 1700, false);
    expect(etaThatMatters(far, neighbour.echelon, false, dispatch)).toBe(1700);
  });

  it('dropping candidates above the bar never changes the pick (2,000 random searches)', () => {
    const r = rng(9);
    for (let c = 0; c < 2_000; c++) {
      const n = 1 + Math.floor(r() * 8);
      const cands = Array.from({ length: n }, (_, i) => {
        const echelon = (1 + Math.floor(r() * 3)) as 1 | 2 | 3;
        // ETAs on a coarse grid around the local limit, so ties and the limit itself come up.
        return { u: unit(`U${i}`, echelon, echelon === 1 && r() < 0.3), eta: 300 * Math.floor(r() * 10) };
      });
      expect(pick(cands, true)).toEqual(pick(cands, false));
    }
  });
});
