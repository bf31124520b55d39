// AIDR 7-3 flood hazard class of a place from its depth and velocity (thresholds from
// seeds/flood-hazard.yaml): the first class H1 … H5 whose depth, depth × velocity and velocity
// limits all hold (limits inclusive: a depth of exactly 0.3 m is still H1; 1e-9 of slack so that a
// product like 0.2 × 1.5 = 0.30000000000000004 stays on its boundary), else H6.
import { FLOOD_HAZARD_CLASSES, type FloodHazardClass, type FloodHazardRules } from '../../shared/schemas/flood-hazard.ts';

const EPS = 1e-9;

/** Index 0 … 5 for H1 … H6. */
export function hazardClassIndex(depthM: number, velocityMS: number, rules: FloodHazardRules): number {
  const dv = depthM * velocityMS;
  const limits = rules.classes.limits;
  for (let i = 0; i < limits.length; i++) {
    const l = limits[i]!;
    if (depthM <= l.maxDepthM + EPS && dv <= l.maxDvM2S + EPS && velocityMS <= l.maxVelocityMS + EPS) return i;
  }
  return limits.length;
}

export function hazardClass(depthM: number, velocityMS: number, rules: FloodHazardRules): FloodHazardClass {
  return FLOOD_HAZARD_CLASSES[hazardClassIndex(depthM, velocityMS, rules)]!;
}
