// The run card's needs as a recommendation fills them: which units fit a need, the needs in the order
// they are filled (scarcest capability first, so a rescue unit is not used up on a water need another
// engine could fill), and the count still open of each.
import type { RunCard, RunCardNeed } from '../../../../shared/schemas/run-cards.ts';
import { haversineM, LOWER_BOUND_RADIUS_M, type LatLon } from '../../../../shared/geo.ts';
import type { UnitInfo, WorldIndex } from '../../kernel/world-index.ts';
import { sortShort } from '../../kernel/sort-short.ts';

/** A need of the card and how many of its vehicles are still to find. */
export interface OpenNeed {
  need: RunCardNeed;
  /** Position on the card (ties of scarcity keep the card's order). */
  order: number;
  left: number;
  /** Units in the world with the capability: fewer means filled earlier. */
  scarcity: number;
}

/** A unit that can fill the need: not a micro station's, the capability, a tier the need accepts, tall enough. */
export function fits(u: UnitInfo, need: RunCardNeed): boolean {
  return !u.isMicro && u.type.capabilities.includes(need.capability) && need.tiers.includes(u.stationTier) &&
    (need.minAerialM === undefined || (u.type.aerialHeightM ?? 0) >= need.minAerialM);
}

/**
 * Metres of one degree of latitude on a sphere a little smaller than haversineM's: a great-circle
 * distance is at least the radius times the latitude apart, so this times the latitude apart is a
 * lower bound of haversineM.
 */
const MIN_METRES_PER_DEGREE_LAT = (LOWER_BOUND_RADIUS_M * Math.PI) / 180;

/**
 * A micro station's unit covers the site: within the doctrine's coverage radius of its station, the
 * one place it is sent (as the first response, recommend.ts microFirst; run-card needs never take it).
 * Most micro stations are further than the radius in latitude alone: they are told apart without the
 * haversine (asked of every micro unit for ~12,000 first dispatches a metropolitan year), with the
 * same answer.
 */
export const microCovers = (u: UnitInfo, site: LatLon, radiusM: number): boolean => {
  const at = u.station.location;
  if (Math.abs(site[0] - at[0]) * MIN_METRES_PER_DEGREE_LAT > radiusM) return false;
  return haversineM(at, site) <= radiusM;
};

/** A fire engine (water), not a micro station's: the pool for strengthening and the minimums. */
export const isWater = (u: UnitInfo): boolean => !u.isMicro && u.type.capabilities.includes('water');

/** Scarcest capability first; ties keep the card's order. */
const fillingOrder = (a: OpenNeed, b: OpenNeed): number => a.scarcity - b.scarcity || a.order - b.order;

/**
 * The card's needs in filling order, none filled yet. Built by a loop into an array literal, not by
 * `map`: every list of needs then has the same elements kind, empty or not, so the recommendation's
 * loops over it stay on one map (a card without needs met after they were optimized deoptimized
 * them), and no closure is made per call.
 */
export function openNeeds(index: WorldIndex, card: RunCard): OpenNeed[] {
  const needs: OpenNeed[] = [];
  const cardNeeds = card.needs;
  for (let order = 0; order < cardNeeds.length; order++) {
    const need = cardNeeds[order]!;
    needs.push({ need, order, left: need.vehicles, scarcity: index.unitsWith.get(need.capability)?.length ?? 0 });
  }
  return sortShort(needs, fillingOrder);
}

/** Counts a unit already at the incident against the first open need it fits. */
export function fillFirstNeed(needs: readonly OpenNeed[], u: UnitInfo): void {
  for (let i = 0; i < needs.length; i++) {
    const n = needs[i]!;
    if (n.left > 0 && fits(u, n.need)) { n.left--; return; }
  }
}
