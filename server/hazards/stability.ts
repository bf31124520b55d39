// Pasquill-Gifford stability class from the weather (Pasquill 1961, as tabulated by NOAA READY;
// DOMAIN.md §11). Day columns by insolation (strong / moderate / slight), night columns by low cloud
// (thin overcast or > 4/8 / ≤ 4/8); an overcast day or night, and the hour around sunrise and sunset,
// are D. Wind bands (m/s, at 10 m): < 2, [2, 3), [3, 5), [5, 6], > 6.
// The table has split classes (A-B, B-C, C-D); the dispersion curves then average the two classes'
// sigmas (Turner 1970, Workbook of Atmospheric Dispersion Estimates, note to table 3-1).
import type { Stability, StabilityClass } from '../../shared/schemas/hazard.ts';

export const SPLIT_CLASSES = ['A-B', 'B-C', 'C-D'] as const;
/** A Pasquill-Gifford class as the table gives it: a single class or a split one. */
export type PasquillClass = StabilityClass | (typeof SPLIT_CLASSES)[number];

// Rows: wind bands; columns: day strong, moderate, slight; night cloudy (> 4/8), clear (≤ 4/8).
const TABLE: readonly (readonly PasquillClass[])[] = [
  ['A', 'A-B', 'B', 'E', 'F'], // < 2 m/s
  ['A-B', 'B', 'C', 'E', 'F'], // 2-3
  ['B', 'B-C', 'C', 'D', 'E'], // 3-5
  ['C', 'C-D', 'D', 'D', 'D'], // 5-6
  ['C', 'D', 'D', 'D', 'D'], // > 6
];

function windBand(speedMS: number): number {
  if (speedMS < 2) return 0;
  if (speedMS < 3) return 1;
  if (speedMS < 5) return 2;
  if (speedMS <= 6) return 3;
  return 4;
}

/** The class for the given stability input and wind speed (explicit classes pass through). */
export function pasquillClass(stability: Stability, windSpeedMS: number): PasquillClass {
  if (typeof stability === 'string') return stability;
  if ('class' in stability) return stability.class;
  const row = TABLE[windBand(windSpeedMS)]!;
  switch (stability.period) {
    case 'twilight':
      return 'D';
    case 'day':
      if (stability.overcast || stability.insolation === undefined) return 'D';
      return row[stability.insolation === 'strong' ? 0 : stability.insolation === 'moderate' ? 1 : 2]!;
    case 'night':
      if (stability.cloudOktas === 8) return 'D'; // overcast night
      return row[stability.cloudOktas > 4 ? 3 : 4]!;
  }
}

/** The single classes a (possibly split) class stands for. */
export function componentClasses(cls: PasquillClass): StabilityClass[] {
  return cls.split('-') as StabilityClass[];
}

/** True for the stable classes (E, F) in which ALOHA warns that concentrations stay high far downwind. */
export function isStable(cls: PasquillClass): boolean {
  return componentClasses(cls).some((c) => c === 'E' || c === 'F');
}
