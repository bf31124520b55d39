// Briggs (1973) dispersion curves σy(x), σz(x) in metres for x metres downwind (DOMAIN.md §11),
// open country and urban, as tabulated by Griffiths (1994) and in ALOHA's documentation.
//   σ = a·x·(1 + b·x)^p
// Open country σy: b = 0.0001, p = -½ for all classes; urban σy: b = 0.0004, p = -½.
// Urban curves exist for A-B, C, D and E-F: A and B both take the A-B row, E and F the E-F row.
// A split class of the Pasquill table (A-B, B-C, C-D) averages the sigmas of its two classes.
import type { StabilityClass } from '../../shared/schemas/hazard.ts';
import { componentClasses, type PasquillClass } from './stability.ts';

export type Terrain = 'rural' | 'urban';

interface Curve { a: number; b: number; p: number }
interface Row { y: Curve; z: Curve }

const ruralY = (a: number): Curve => ({ a, b: 0.0001, p: -0.5 });
const urbanY = (a: number): Curve => ({ a, b: 0.0004, p: -0.5 });

export const BRIGGS_RURAL: Readonly<Record<StabilityClass, Row>> = {
  A: { y: ruralY(0.22), z: { a: 0.2, b: 0, p: 0 } },
  B: { y: ruralY(0.16), z: { a: 0.12, b: 0, p: 0 } },
  C: { y: ruralY(0.11), z: { a: 0.08, b: 0.0002, p: -0.5 } },
  D: { y: ruralY(0.08), z: { a: 0.06, b: 0.0015, p: -0.5 } },
  E: { y: ruralY(0.06), z: { a: 0.03, b: 0.0003, p: -1 } },
  F: { y: ruralY(0.04), z: { a: 0.016, b: 0.0003, p: -1 } },
};

const URBAN_AB: Row = { y: urbanY(0.32), z: { a: 0.24, b: 0.001, p: 0.5 } };
const URBAN_EF: Row = { y: urbanY(0.11), z: { a: 0.08, b: 0.0015, p: -0.5 } };
export const BRIGGS_URBAN: Readonly<Record<StabilityClass, Row>> = {
  A: URBAN_AB,
  B: URBAN_AB,
  C: { y: urbanY(0.22), z: { a: 0.2, b: 0, p: 0 } },
  D: { y: urbanY(0.16), z: { a: 0.14, b: 0.0003, p: -0.5 } },
  E: URBAN_EF,
  F: URBAN_EF,
};

const curve = (c: Curve, x: number): number => c.a * x * (c.p === 0 ? 1 : (1 + c.b * x) ** c.p);

export interface Sigmas { sigmaY: number; sigmaZ: number }

/** σy and σz at x metres downwind (x > 0). */
export function briggsSigmas(x: number, cls: PasquillClass, terrain: Terrain): Sigmas {
  const table = terrain === 'urban' ? BRIGGS_URBAN : BRIGGS_RURAL;
  const parts = componentClasses(cls);
  let sy = 0;
  let sz = 0;
  for (const c of parts) {
    sy += curve(table[c].y, x);
    sz += curve(table[c].z, x);
  }
  return { sigmaY: sy / parts.length, sigmaZ: sz / parts.length };
}
