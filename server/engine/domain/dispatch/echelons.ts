// 梯次增援 and 专业优先: from the nearest candidate of each echelon, the one unit the doctrine sends.
// Local units first (a specialist if it arrives within the tolerance of the nearest local unit),
// a neighbouring jurisdiction's when local units are exhausted or too far, the province's when both
// are exhausted. Each pick carries the note the dispatcher reads.
import type { Capability } from '../../../../shared/domain/forces.ts';
import type { Doctrine } from '../../../../shared/schemas/doctrine.ts';
import type { UnitInfo } from '../../kernel/world-index.ts';

/** A unit the recommendation takes, its ETA (seconds, turnout included) and why. */
export interface Pick { unit: UnitInfo; eta: number; note: string }

/** The nearest candidate of each echelon (and the nearest local specialist), with its ETA; Infinity when none. */
export interface EchelonBests {
  local?: UnitInfo; localEta: number;
  specialist?: UnitInfo; specialistEta: number;
  neighbour?: UnitInfo; neighbourEta: number;
  province?: UnitInfo; provinceEta: number;
}

export const noBests = (): EchelonBests => ({ localEta: Infinity, specialistEta: Infinity, neighbourEta: Infinity, provinceEta: Infinity });

/** An ETA as m:ss for notes. */
export const fmtEta = (s: number): string => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** Unit u with ETA e beats the best so far (b, be): sooner, or as soon with the smaller id. */
export const better = (u: UnitInfo, e: number, b: UnitInfo | undefined, be: number): boolean => !b || e < be || (e === be && u.id < b.id);

/** Counts candidate u with ETA e in the echelon bests. */
export function offer(bests: EchelonBests, u: UnitInfo, e: number, isSpecialist: boolean): void {
  if (u.echelon === 1) {
    if (better(u, e, bests.local, bests.localEta)) { bests.local = u; bests.localEta = e; }
    if (isSpecialist && better(u, e, bests.specialist, bests.specialistEta)) { bests.specialist = u; bests.specialistEta = e; }
  } else if (u.echelon === 2) {
    if (better(u, e, bests.neighbour, bests.neighbourEta)) { bests.neighbour = u; bests.neighbourEta = e; }
  } else if (better(u, e, bests.province, bests.provinceEta)) { bests.province = u; bests.provinceEta = e; }
}

/** The ETA a candidate of the echelon must reach (ties included) to change the bests. */
export function etaToBeat(bests: EchelonBests, echelon: UnitInfo['echelon'], isSpecialist: boolean): number {
  // Every field is read on every call: a read only some calls reach has no type feedback when the
  // search is first optimised, and reaching it later threw the compiled scan away (V8 bails out of
  // code at a read it has never seen run, then compiles the scan, with all it inlines, again).
  const { localEta, specialistEta, neighbourEta, provinceEta } = bests;
  if (echelon === 1) return Math.max(localEta, isSpecialist ? specialistEta : -Infinity);
  return echelon === 2 ? neighbourEta : provinceEta;
}

/**
 * The ETA a candidate of the echelon must reach (ties included) to change the doctrine's pick, not
 * only the bests: etaToBeat, lowered where pickByEchelon cannot take that echelon. -Infinity: nothing
 * such a unit could offer changes the pick. The bests only get better as a search goes on, so a bar
 * set from them now is never below the one the finished search would set.
 * - A neighbouring jurisdiction's unit goes only when the nearest local unit is beyond the local ETA
 *   limit, and then only if it arrives sooner than that local unit.
 * - The province's goes only when there is no local and no neighbouring candidate at all.
 */
export function etaThatMatters(bests: EchelonBests, echelon: UnitInfo['echelon'], isSpecialist: boolean, dispatch: Doctrine['dispatch']): number {
  const beat = etaToBeat(bests, echelon, isSpecialist);
  // Read on every call, as in etaToBeat.
  const { local, localEta, neighbour } = bests;
  const localLimit = dispatch.localEtaLimitSeconds;
  if (echelon === 1) return beat;
  if (echelon === 2) {
    if (local === undefined) return beat;
    return localEta <= localLimit ? -Infinity : Math.min(beat, localEta);
  }
  return local !== undefined || neighbour !== undefined ? -Infinity : beat;
}

/** The doctrine's pick among the bests (specialist preference for `cap`), or undefined when there is no candidate. */
export function pickByEchelon(bests: EchelonBests, dispatch: Doctrine['dispatch'], cap: Capability | undefined): Pick | undefined {
  const { local, localEta: le, specialist: spec, specialistEta: se, neighbour: neigh, neighbourEta: ne, province: prov, provinceEta: pe } = bests;
  if (local && (le <= dispatch.localEtaLimitSeconds || !neigh || ne >= le)) {
    if (spec && spec !== local && se <= le + dispatch.specialistToleranceSeconds) {
      return { unit: spec, eta: se, note: `specialist for ${cap} (专业优先), ETA ${fmtEta(se)} vs nearest ${fmtEta(le)}` };
    }
    return { unit: local, eta: le, note: `nearest available (ETA ${fmtEta(le)})` };
  }
  if (neigh) {
    const why = local ? `local units too far (nearest local ETA ${fmtEta(le)})` : 'local units exhausted';
    return { unit: neigh, eta: ne, note: `neighbouring jurisdiction: ${why} (ETA ${fmtEta(ne)})` };
  }
  if (prov) return { unit: prov, eta: pe, note: `provincial reinforcement: local and neighbouring units exhausted (ETA ${fmtEta(pe)})` };
  return undefined;
}
