// Schema of seeds/incident-models.yaml: the hidden "true situation" of each incident type and how it
// evolves with time and with the forces on scene (see server/engine/evolution.ts for the model).
import { z } from 'zod';
import { CapabilitySchema } from '../domain/forces.ts';
import { INCIDENT_TYPES } from '../domain/incident-types.ts';

const Ascending5 = z.array(z.number().min(0)).length(5).refine((a) => a.every((v, i) => i === 0 || v >= a[i - 1]!), 'thresholds must not decrease');

export const IncidentModelSchema = z.object({
  /** What `size` measures: m² burning, vehicles involved, people affected… (shown to users). */
  sizeUnit: z.string().min(1),
  /** Capabilities whose output fights the incident (water and foam flow for fires, rescue units…). */
  primary: z.array(CapabilitySchema).min(1),
  /** Size at the time of the call: log-normal with this median and log-sigma. */
  initialSize: z.object({ median: z.number().positive(), sigma: z.number().min(0) }),
  /** Unchecked growth rate per minute (exponential); 0 for incidents that do not spread. */
  growthPerMin: z.number().min(0),
  maxSize: z.number().positive(),
  /** Output needed per unit of size: L/min per m² for fires, units per size unit otherwise. */
  demandPerSize: z.number().positive(),
  /** Time to bring under control once output ≥ demand: base + perSize × size, scaled by demand/output. */
  controlMinutes: z.object({ base: z.number().min(0), perSize: z.number().min(0) }),
  /** After control: overhaul and make-up before units are released. */
  overhaulMinutes: z.number().min(0),
  trapped: z.object({
    probability: z.number().min(0).max(1),
    mean: z.number().min(0), // mean number when there are any (1 + Poisson(mean − 1))
    survivalMinutes: z.number().positive(), // mean of an exponential deadline from the call
    capability: CapabilitySchema, // who can get them out
    minutesPerPerson: z.number().positive(),
  }),
  /** True grade from size and from trapped people: index k holds the threshold of grade k+1. */
  gradeBySize: Ascending5,
  gradeByTrapped: Ascending5,
  /** The caller sees this fraction of the true size (under-reporting drives size-up escalations). */
  callerSizeFactor: z.object({ median: z.number().positive(), sigma: z.number().min(0) }),
  /**
   * What a caller knows of the people trapped: each one is known with probability `knownShare`
   * (callers outside rarely know who is still inside), and a call with nobody trapped reports one with
   * probability `falseReportShare` ("someone may be in there"). The truth shows at the size-up.
   */
  callerTrapped: z.object({ knownShare: z.number().min(0).max(1), falseReportShare: z.number().min(0).max(1) }).default({ knownShare: 0.7, falseReportShare: 0.03 }),
  /** Share of these calls that turn out to be false or unfounded when units arrive. */
  unfoundedShare: z.number().min(0).max(1).default(0),
  /** What callers report it as (an automatic alarm sounds like a building fire). */
  reportedAs: z.enum(INCIDENT_TYPES).optional(),
});
export type IncidentModel = z.infer<typeof IncidentModelSchema>;

export const IncidentModelsFileSchema = z.object({
  models: z.record(z.enum(INCIDENT_TYPES), IncidentModelSchema),
}).superRefine((f, ctx) => {
  for (const t of INCIDENT_TYPES) if (!f.models[t]) ctx.addIssue({ code: 'custom', path: ['models', t], message: `missing model for incident type ${t}` });
});
export type IncidentModelsFile = z.infer<typeof IncidentModelsFileSchema>;
