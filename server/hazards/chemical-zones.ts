// The zones of a chemical release at one moment, from its substance, source, wind and stability:
// - threat zones: footprints of the three levels of concern (AEGL-3 / 2 / 1, 60 min, or the ERPG /
//   PAC the substance file names), as polygons oriented by the wind, with length and width;
// - hot / warm / cold zones: HOT = inside the AEGL-3 (level 3) footprint or the ERG isolation circle
//   (entry only in full protection: gas-tight suits, breathing apparatus); WARM = inside the level 2
//   footprint and not hot (protective equipment; the decontamination corridor sits at its upwind
//   edge); COLD = everything outside the warm zone (command post, staging; approach from upwind).
//   The level 1 footprint is where the public is warned / sheltered, not a responder zone;
// - the ERG initial isolation circle and downwind protective-action square (erg-zones.ts);
// - the model's limits as warnings.
// Wind shifts re-orient everything at once (no transition: the zones of the new wind replace the
// old ones instantly; the gas already downwind of the old direction is not tracked).
import type { LatLon } from '../../shared/geo.ts';
import type { ErgContainer, ReleaseSource, Stability, Wind } from '../../shared/schemas/hazard.ts';
import type { Substance, SubstanceCatalogue } from '../../shared/schemas/substances.ts';
import type { Terrain } from './dispersion.ts';
import { ergZones, type ErgZones } from './erg-zones.ts';
import { gaussianDispersion, MIN_WIND_MS, type DispersionModel } from './gaussian.ts';
import { localFrame, type LocalFrame } from './local-frame.ts';
import { isStable, pasquillClass, SPLIT_CLASSES, type PasquillClass } from './stability.ts';
import { footprint, type Footprint } from './threat-zones.ts';
import { ppmToMgM3 } from './units.ts';
import { NEAR_SOURCE_M, UNRELIABLE_WIND_MS, type HazardWarning } from './warnings.ts';

export type ConcernLevel = 1 | 2 | 3;

export interface ThreatZone {
  level: ConcernLevel;
  /** AEGL-3, ERPG-2, … and the threshold. */
  basis: string;
  ppm: number;
  mgM3: number;
  /** Downwind distance to the end of the footprint, m (the zone's length from the source). */
  lengthM: number;
  startM: number;
  /** Full width (twice the largest half-width), m, and where the widest point is. */
  widthM: number;
  widestAtM: number;
  ring: LatLon[];
  /** The footprint in the local frame (x downwind, y crosswind), for tests and point-in-zone checks. */
  footprint: Footprint;
}

export interface ChemicalScene {
  substance: Substance;
  ergWindClasses: SubstanceCatalogue['ergWindClasses'];
  source: ReleaseSource;
  origin: LatLon;
  wind: Wind;
  /** A stability input of the scenario (explicit or table inputs) or a class already derived. */
  stability: Stability | PasquillClass;
  terrain: Terrain;
  spill: 'small' | 'large';
  container?: ErgContainer;
  /** ERG day or night column. */
  night: boolean;
  /** The stretch of the plume the gas occupies now (travel-time truncation); omitted: all of it. */
  window?: { fromM: number; toM: number };
  maxRangeM?: number;
}

export interface ChemicalZones {
  stability: PasquillClass;
  terrain: Terrain;
  windFromDeg: number;
  windMS: number;
  /** The wind the formulas used (at least MIN_WIND_MS). */
  modelWindMS: number;
  downwindDeg: number;
  /** Level 3, 2, 1 in that order; a level no ground concentration reaches is absent. */
  threat: ThreatZone[];
  erg: ErgZones;
  hot: LatLon[][];
  warm: LatLon[][];
  warnings: HazardWarning[];
  frame: LocalFrame;
  model: DispersionModel;
}

function isPasquill(s: Stability | PasquillClass): s is PasquillClass {
  return typeof s === 'string' && (s.length === 1 || (SPLIT_CLASSES as readonly string[]).includes(s));
}

export function chemicalZones(scene: ChemicalScene): ChemicalZones {
  const { substance: sub, wind } = scene;
  const cls = isPasquill(scene.stability) ? scene.stability : pasquillClass(scene.stability, wind.speedMS);
  const model = gaussianDispersion({
    emission: scene.source.kind === 'continuous' ? { kind: 'continuous', rateKgS: scene.source.rateKgS } : { kind: 'instantaneous', massKg: scene.source.massKg },
    heightM: scene.source.heightM,
    windMS: wind.speedMS,
    stability: cls,
    terrain: scene.terrain,
  });
  const frame = localFrame(scene.origin, wind.fromDeg);
  const warnings: HazardWarning[] = [];
  if (wind.speedMS < UNRELIABLE_WIND_MS) {
    warnings.push({
      code: 'low-wind',
      message: `wind ${wind.speedMS} m/s is below ${UNRELIABLE_WIND_MS} m/s: the Gaussian model is unreliable (the gas meanders and pools)${wind.speedMS < MIN_WIND_MS ? `; computed with ${MIN_WIND_MS} m/s` : ''}`,
    });
  }
  warnings.push({ code: 'near-source', message: `within ${NEAR_SOURCE_M} m of the source concentrations are patchy and not reliable` });
  if (sub.denseGas) warnings.push({ code: 'dense-gas', message: `${sub.name} is heavier than air: its cloud slumps and spreads sideways near the ground, unlike a Gaussian plume (zones may be wider and shorter)` });
  warnings.push({ code: 'no-terrain-steering', message: 'flat ground assumed: valleys, buildings and slopes do not steer the gas' });
  if (isStable(cls)) warnings.push({ code: 'stable-class', message: `stability ${cls} (stable air): concentrations stay high far downwind and the model is least reliable` });

  const threat: ThreatZone[] = [];
  for (const level of [3, 2, 1] as const) {
    const loc = sub.concern[`level${level}`];
    const mgM3 = ppmToMgM3(loc.ppm, sub.molecularWeight);
    const fp = footprint(model, mgM3, { ...(scene.maxRangeM === undefined ? {} : { maxRangeM: scene.maxRangeM }), ...(scene.window ? { window: scene.window } : {}) });
    if (!fp) continue;
    threat.push({
      level,
      basis: loc.basis,
      ppm: loc.ppm,
      mgM3,
      lengthM: fp.endM,
      startM: fp.startM,
      widthM: 2 * fp.maxHalfWidthM,
      widestAtM: fp.maxHalfWidthAtM,
      ring: fp.outline.map(([x, y]) => frame.toLatLon(x, y)),
      footprint: fp,
    });
  }
  const erg = ergZones(frame, { substance: sub, spill: scene.spill, ...(scene.container ? { container: scene.container } : {}), windMS: wind.speedMS, night: scene.night, windClasses: scene.ergWindClasses }, warnings);
  const ring = (level: ConcernLevel): LatLon[][] => threat.filter((z) => z.level === level).map((z) => z.ring);
  return {
    stability: cls,
    terrain: scene.terrain,
    windFromDeg: wind.fromDeg,
    windMS: wind.speedMS,
    modelWindMS: model.windMS,
    downwindDeg: frame.downwindDeg,
    threat,
    erg,
    hot: [erg.isolation.ring, ...ring(3)],
    warm: ring(2),
    warnings,
    frame,
    model,
  };
}

/** Whether a point lies inside a footprint (local-frame test against the analytic half-width). */
export function insideFootprint(zones: ChemicalZones, zone: ThreatZone, p: LatLon): boolean {
  const [x, y] = zones.frame.toLocal(p);
  if (x < zone.startM || x > zone.lengthM) return false;
  const c = zones.model.groundMgM3(x, y);
  return c >= zone.mgM3;
}
