// How an objective of a drill is rated P / S / M / U (HSEEP) from its expected actions: each action
// met on time counts 1, late ½, missed 0; the objective's share of credit is compared with the
// thresholds, and a missed critical action caps the rating at M. Optional in a scenario objective
// (`rating:`); the defaults below apply when it is absent.
import { z } from 'zod';

export const ObjectiveRatingSchema = z.strictObject({
  /** Least share of credit (0..1) for P, S and M; below M the objective is U. */
  P: z.number().min(0).max(1).default(1),
  S: z.number().min(0).max(1).default(0.75),
  M: z.number().min(0).max(1).default(0.25),
  /** Expected-action ids that must not be missed: missing one makes the objective M at best. */
  critical: z.array(z.string().min(1)).default([]),
  /** Credit of an action met after its deadline. */
  lateCredit: z.number().min(0).max(1).default(0.5),
}).refine((r) => r.P >= r.S && r.S >= r.M, 'expected thresholds P ≥ S ≥ M');
export type ObjectiveRating = z.infer<typeof ObjectiveRatingSchema>;

export const DEFAULT_OBJECTIVE_RATING: ObjectiveRating = { P: 1, S: 0.75, M: 0.25, critical: [], lateCredit: 0.5 };
