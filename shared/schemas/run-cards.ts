// Schema of seeds/run-cards.yaml: the 等级调派方案, one plan per incident type × grade.
import { z } from 'zod';
import { CapabilitySchema, TierSchema, TIERS } from '../domain/forces.ts';
import { INCIDENT_TYPES } from '../domain/incident-types.ts';

export const RunCardNeedSchema = z.object({
  capability: CapabilitySchema,
  vehicles: z.number().int().min(1),
  /** Which tiers may fill this need (default: all three). */
  tiers: z.array(TierSchema).min(1).default([...TIERS]),
  /** Aerial needs: minimum working height. */
  minAerialM: z.number().min(0).optional(),
});
export type RunCardNeed = z.infer<typeof RunCardNeedSchema>;

export const RunCardSchema = z.object({
  needs: z.array(RunCardNeedSchema).min(1),
  minFirefighters: z.number().int().min(0),
  minStations: z.number().int().min(1).default(1),
  /** A micro station covering the site is sent first (fires it can fight while it is small). */
  microFirst: z.boolean().default(false),
});
export type RunCard = z.infer<typeof RunCardSchema>;

const GradeKey = z.enum(['1', '2', '3', '4', '5']);
export const RunCardsFileSchema = z.object({
  cards: z.partialRecord(z.enum(INCIDENT_TYPES), z.partialRecord(GradeKey, RunCardSchema)),
}).superRefine((f, ctx) => {
  for (const t of INCIDENT_TYPES) {
    const byGrade = f.cards[t];
    if (!byGrade) { ctx.addIssue({ code: 'custom', path: ['cards', t], message: `missing run cards for incident type ${t}` }); continue; }
    for (const g of GradeKey.options) {
      if (!byGrade[g]) ctx.addIssue({ code: 'custom', path: ['cards', t, g], message: `missing run card for ${t} grade ${g}` });
    }
  }
});
export type RunCardsFile = z.infer<typeof RunCardsFileSchema>;
