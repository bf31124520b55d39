// ERG initial isolation and protective-action zones (first 30 minutes, before any model output):
// the isolation zone is a circle of `isolateM` around the spill; the protective-action zone is a
// square downwind whose side is the protective distance, the spill at the middle of its upwind side
// (ERG 2016, "Introduction to the Table of Initial Isolation and Protective Action Distances").
// Small or large spill, day or night; large chlorine and ammonia spills by container and wind class
// (Table 3). Figures come from seeds/substances.yaml with the edition they were taken from.
import type { LatLon } from '../../shared/geo.ts';
import type { ErgContainer } from '../../shared/schemas/hazard.ts';
import type { ErgDistances, Substance, SubstanceCatalogue } from '../../shared/schemas/substances.ts';
import { circleRing, type LocalFrame } from './local-frame.ts';
import type { HazardWarning } from './warnings.ts';

export type ErgWindClass = 'low' | 'moderate' | 'high';

export interface ErgZones {
  edition: string;
  guide: number;
  isolation: { center: LatLon; radiusM: number; ring: LatLon[] };
  /** Null when the guide gives no protective-action distance. */
  protectiveAction: { distanceM: number; ring: LatLon[] } | null;
  /** Which ERG row the figures come from, for the board and the log. */
  basis: string;
}

export function ergWindClass(windMS: number, classes: SubstanceCatalogue['ergWindClasses']): ErgWindClass {
  const kmh = windMS * 3.6;
  if (kmh < classes.lowBelowKmh) return 'low';
  if (kmh > classes.highAboveKmh) return 'high';
  return 'moderate';
}

export interface ErgInput {
  substance: Substance;
  spill: 'small' | 'large';
  container?: ErgContainer;
  windMS: number;
  night: boolean;
  windClasses: SubstanceCatalogue['ergWindClasses'];
}

export function ergZones(frame: LocalFrame, input: ErgInput, warnings: HazardWarning[]): ErgZones {
  const { substance: s, spill, night } = input;
  const erg = s.erg;
  const period = night ? 'night' : 'day';
  let isolateM: number;
  let protectKm: number | undefined;
  let basis: string;
  const fromRow = (d: ErgDistances): void => {
    isolateM = d.isolateM;
    protectKm = night ? d.protectNightKm : d.protectDayKm;
  };
  if (spill === 'small') {
    fromRow(erg.small);
    basis = `${erg.edition} guide ${erg.guide}, small spill, ${period}`;
  } else if (erg.large) {
    fromRow(erg.large);
    basis = `${erg.edition} guide ${erg.guide}, large spill, ${period}`;
  } else {
    const rows = erg.largeByContainer ?? {};
    const wanted = input.container ?? 'highway-tank-truck';
    let container = wanted;
    let row = rows[wanted];
    if (!row) {
      const [firstKey, firstRow] = Object.entries(rows)[0]!;
      container = firstKey as ErgContainer;
      row = firstRow;
      warnings.push({ code: 'erg-container-substituted', message: `${erg.edition} Table 3 figures for ${s.name} from a ${wanted} are not in the data; the ${container} row is used` });
    }
    const wind = ergWindClass(input.windMS, input.windClasses);
    isolateM = row.isolateM;
    protectKm = (night ? row.nightKm : row.dayKm)[wind];
    basis = `${erg.edition} Table 3, ${s.name}, ${container}, ${period}, ${wind} wind`;
  }
  if (protectKm === undefined) {
    warnings.push({ code: 'erg-no-protective-distance', message: `${erg.edition} guide ${erg.guide}: no protective-action distance for ${s.name} in the data (isolation only)` });
  }
  const radiusM = isolateM!;
  const isolation = { center: frame.origin, radiusM, ring: circleRing(frame, radiusM) };
  let protectiveAction: ErgZones['protectiveAction'] = null;
  if (protectKm !== undefined) {
    const d = protectKm * 1000;
    protectiveAction = { distanceM: d, ring: [frame.toLatLon(0, d / 2), frame.toLatLon(d, d / 2), frame.toLatLon(d, -d / 2), frame.toLatLon(0, -d / 2)] };
  }
  return { edition: erg.edition, guide: erg.guide, isolation, protectiveAction, basis: basis! };
}
