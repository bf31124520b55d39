// Gaussian dispersion of a passive gas over flat ground (pure functions; x downwind, y crosswind,
// z up, metres; the source at the origin, `heightM` above ground).
//
// Continuous release, Gaussian plume with ground reflection (DOMAIN.md §11; Turner 1970 eq. 3.1):
//   C(x,y,z) = Q / (2π u σy σz) · exp(−y²/2σy²) · [exp(−(z−H)²/2σz²) + exp(−(z+H)²/2σz²)]
// Instantaneous release, 3-D Gaussian puff with ground reflection (Turner 1970 eq. 3.2 with the
// image source; Seinfeld & Pandis, Atmospheric Chemistry and Physics, §18.4), centre at x = u t:
//   C(x,y,z,t) = M / ((2π)^{3/2} σx σy σz) · exp(−(x−ut)²/2σx²) · exp(−y²/2σy²)
//                · [exp(−(z−H)²/2σz²) + exp(−(z+H)²/2σz²)],   σx = σy,
// with the sigmas of the Briggs curves taken at the puff's travel distance u t (plume sigmas for a
// puff overstate its spread: the usual screening approximation). The peak a fixed point sees as the
// puff passes is the value at t = x/u (the exp term = 1).
// Q in kg/s, M in kg, u in m/s; concentrations in mg/m³. Below MIN_WIND_MS the formulas blow up
// (1/u): the wind is taken as MIN_WIND_MS and the zone says so (server/hazards/warnings.ts).
import { briggsSigmas, type Sigmas, type Terrain } from './dispersion.ts';
import type { PasquillClass } from './stability.ts';

export const MIN_WIND_MS = 1;
const MG_PER_KG = 1e6;
const TWO_PI_3_2 = (2 * Math.PI) ** 1.5;

export type Emission = { kind: 'continuous'; rateKgS: number } | { kind: 'instantaneous'; massKg: number };

/** One dispersion case: what is released, how high, in which wind and stability, over what ground. */
export interface DispersionCase {
  emission: Emission;
  heightM: number;
  windMS: number;
  stability: PasquillClass;
  terrain: Terrain;
}

/** What the threat zones need of a dispersion model (the Gaussian one below; a dense-gas one could follow). */
export interface DispersionModel {
  readonly case: DispersionCase;
  /** The wind speed the formulas use (the case's, at least MIN_WIND_MS). */
  readonly windMS: number;
  sigmas(x: number): Sigmas;
  /** Ground-level concentration on the centreline, mg/m³: the steady plume, or the puff's peak as it passes. */
  centrelineMgM3(x: number): number;
  /** Ground-level (peak) concentration at (x, y), mg/m³. */
  groundMgM3(x: number, y: number): number;
}

/** Reflection factor [exp(−(z−H)²/2σz²) + exp(−(z+H)²/2σz²)]. */
function reflection(z: number, h: number, sz: number): number {
  const s2 = 2 * sz * sz;
  return Math.exp(-((z - h) ** 2) / s2) + Math.exp(-((z + h) ** 2) / s2);
}

/** Continuous plume C(x,y,z), mg/m³ (0 upwind). */
export function plumeMgM3(c: DispersionCase & { emission: { kind: 'continuous' } }, x: number, y: number, z: number): number {
  if (x <= 0) return 0;
  const u = Math.max(c.windMS, MIN_WIND_MS);
  const { sigmaY, sigmaZ } = briggsSigmas(x, c.stability, c.terrain);
  const q = c.emission.rateKgS * MG_PER_KG;
  return (q / (2 * Math.PI * u * sigmaY * sigmaZ)) * Math.exp(-(y * y) / (2 * sigmaY * sigmaY)) * reflection(z, c.heightM, sigmaZ);
}

/** Puff C(x,y,z,t), mg/m³, t seconds after the release (0 before it, or where the puff has not travelled). */
export function puffMgM3(c: DispersionCase & { emission: { kind: 'instantaneous' } }, x: number, y: number, z: number, tS: number): number {
  const u = Math.max(c.windMS, MIN_WIND_MS);
  const travel = u * tS;
  if (tS <= 0 || travel <= 0) return 0;
  const { sigmaY, sigmaZ } = briggsSigmas(travel, c.stability, c.terrain);
  const sigmaX = sigmaY;
  const m = c.emission.massKg * MG_PER_KG;
  return (
    (m / (TWO_PI_3_2 * sigmaX * sigmaY * sigmaZ)) *
    Math.exp(-((x - travel) ** 2) / (2 * sigmaX * sigmaX)) *
    Math.exp(-(y * y) / (2 * sigmaY * sigmaY)) *
    reflection(z, c.heightM, sigmaZ)
  );
}

/** The Gaussian plume (continuous) or puff (instantaneous) model of one case. */
export function gaussianDispersion(c: DispersionCase): DispersionModel {
  const u = Math.max(c.windMS, MIN_WIND_MS);
  const sigmas = (x: number): Sigmas => briggsSigmas(x, c.stability, c.terrain);
  const centrelineMgM3 = (x: number): number => {
    if (x <= 0) return 0;
    const { sigmaY, sigmaZ } = sigmas(x);
    const ground = reflection(0, c.heightM, sigmaZ); // = 2·exp(−H²/2σz²)
    if (c.emission.kind === 'continuous') return ((c.emission.rateKgS * MG_PER_KG) / (2 * Math.PI * u * sigmaY * sigmaZ)) * ground;
    return ((c.emission.massKg * MG_PER_KG) / (TWO_PI_3_2 * sigmaY * sigmaY * sigmaZ)) * ground;
  };
  return {
    case: c,
    windMS: u,
    sigmas,
    centrelineMgM3,
    groundMgM3(x, y) {
      if (x <= 0) return 0;
      const { sigmaY } = sigmas(x);
      return centrelineMgM3(x) * Math.exp(-(y * y) / (2 * sigmaY * sigmaY));
    },
  };
}
