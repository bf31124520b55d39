// Concentration units: ppm (by volume) ↔ mg/m³ for an ideal gas at 25 °C and 1 atm, where one mole
// occupies 24.45 L (DOMAIN.md §11): ppm = mg/m³ × 24.45 / MW.
export const MOLAR_VOLUME_L_25C = 24.45;

export function mgM3ToPpm(mgM3: number, molecularWeight: number): number {
  return (mgM3 * MOLAR_VOLUME_L_25C) / molecularWeight;
}

export function ppmToMgM3(ppm: number, molecularWeight: number): number {
  return (ppm * molecularWeight) / MOLAR_VOLUME_L_25C;
}
