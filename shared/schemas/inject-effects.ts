// Schema of seeds/inject-effects.yaml: the rules by which a drill's injects change the world, kept
// as data (the injects model, server/engine/models/injects.ts, reads them from the world):
// - a crew injury withdraws a unit once too few of its crew are left to work its equipment;
// - a power cut that leaves an area's hydrants without pressure makes fires there need water
//   brought in (远程供水 long-distance water supply, DOMAIN.md §7 and §8 断电).
import { z } from 'zod';
import { IncidentTypeSchema } from '../domain/incident-types.ts';
import { RunCardNeedSchema } from './run-cards.ts';

export const InjectEffectRulesSchema = z.strictObject({
  crewInjury: z.strictObject({
    /**
     * The unit is withdrawn (out of service) when fewer than this share of its type's crew are
     * left (rounded up); 0.5: under half the crew.
     */
    withdrawBelowShareOfTypeCrew: z.number().gt(0).max(1),
    /** …and in any case when fewer than this many are left. */
    minCrew: z.number().int().min(1).max(20),
    source: z.string().min(3),
  }),
  dryHydrants: z.strictObject({
    /** Incidents that need fire-fighting water from the hydrants (where dry hydrants matter). */
    fireTypes: z.array(IncidentTypeSchema).min(1),
    /** What such an incident needs on top of its run card while the hydrants around it are dry. */
    needs: z.array(RunCardNeedSchema.strict()).min(1),
    source: z.string().min(3),
  }),
}).superRefine((r, ctx) => {
  r.dryHydrants.fireTypes.forEach((t, i) => {
    if (r.dryHydrants.fireTypes.indexOf(t) !== i) ctx.addIssue({ code: 'custom', path: ['dryHydrants', 'fireTypes', i], message: `"${t}" is listed twice (expected each incident type once)` });
  });
});
export type InjectEffectRules = z.infer<typeof InjectEffectRulesSchema>;

/** Units with fewer than this many of their crew left are withdrawn. */
export function crewToKeepWorking(rules: InjectEffectRules['crewInjury'], typeCrew: number): number {
  return Math.max(rules.minCrew, Math.ceil(typeCrew * rules.withdrawBelowShareOfTypeCrew));
}
