// Schema of a target set (seeds/targets/*.yaml): response-time targets a batch of replications is
// judged against (China's 5-minute rule and call handling, NFPA 1710, NFPA 1720 by zone). Each target
// names a measure of an incident, the limit in seconds, the percentile at which it must hold, and
// which incidents it applies to.
import { z } from 'zod';
import { IncidentTypeSchema } from '../domain/incident-types.ts';
import { LAND_USES, JURISDICTION_KINDS } from './region.ts';

/** Per-incident measures a target can name (seconds); see server/metrics/incident-records.ts. */
export const TARGET_MEASURES = [
  'answering', // ring → answer
  'processing', // answer → first dispatch
  'callToDispatch', // call received → first dispatch
  'turnout', // first unit dispatched → en route
  'travel', // first-arriving unit en route → on scene
  'dispatchToFirstArrival', // first dispatch → first unit on scene
  'totalResponse', // call received → first unit on scene
  'assembly', // first dispatch → last unit of the first wave on scene
  'firstStationArrival', // first dispatch → first national/professional station unit on scene
  'firstMicroArrival', // first dispatch → first micro-station unit on scene
  'firstTownshipArrival', // first dispatch → first township-team unit on scene
  'firstEngineTravel', // en route → on scene of the first water unit to arrive
  'staffAssembly', // first dispatch → `staff` firefighters on scene
] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];

export const TargetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id of letters, digits and "-", e.g. first-engine-travel'),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  measure: z.enum(TARGET_MEASURES),
  /** For staffAssembly: how many firefighters must be on scene. */
  staff: z.number().int().positive().optional(),
  /** The limit, seconds. */
  seconds: z.number().positive(),
  /** The target holds when this percentile of the incidents it applies to is within the limit (90 = "90 % of the time"). */
  percentile: z.number().gt(0).max(100),
  /** Which incidents it applies to (all when omitted); every given condition must hold. */
  where: z.object({
    incidentTypes: z.array(IncidentTypeSchema).min(1).optional(),
    landUses: z.array(z.enum(LAND_USES)).min(1).optional(),
    jurisdictionKinds: z.array(z.enum(JURISDICTION_KINDS)).min(1).optional(),
    /** People per km² of the incident's 1-km cell: min inclusive, max exclusive. */
    minPeoplePerKm2: z.number().min(0).optional(),
    maxPeoplePerKm2: z.number().positive().optional(),
  }).strict().default({}),
  /** Where the figure comes from (std, seed, assumption…). */
  source: z.string().min(1),
}).strict().superRefine((t, ctx) => {
  if (t.measure === 'staffAssembly' && t.staff === undefined) ctx.addIssue({ code: 'custom', path: ['staff'], message: 'staffAssembly needs staff (the number of firefighters on scene)' });
  if (t.measure !== 'staffAssembly' && t.staff !== undefined) ctx.addIssue({ code: 'custom', path: ['staff'], message: `staff only applies to the staffAssembly measure (this target measures ${t.measure})` });
});
export type Target = z.infer<typeof TargetSchema>;

export const TargetSetSchema = z.object({
  name: z.string().min(1),
  nameZh: z.string().min(1),
  description: z.string().default(''),
  targets: z.array(TargetSchema).min(1).superRefine((ts, ctx) => {
    const seen = new Set<string>();
    ts.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate target id "${t.id}" (expected unique ids)` });
      seen.add(t.id);
    });
  }),
}).strict();
export type TargetSet = z.infer<typeof TargetSetSchema>;
