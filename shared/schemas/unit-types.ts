// Schema of the unit-type catalogue (seeds/unit-types.yaml): vehicle codes, crews, speed classes and
// what each type can do. Flow figures drive the incident-evolution model.
import { z } from 'zod';
import { CapabilitySchema, SpeedClassSchema } from '../domain/forces.ts';

export const UnitTypeSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9-]*$/, 'a code in capitals, e.g. SG, DG-32, MICRO'),
  zh: z.string().min(1),
  en: z.string().min(1),
  crew: z.number().int().min(1).max(20),
  speedClass: SpeedClassSchema,
  capabilities: z.array(CapabilitySchema).min(1),
  /** Water / foam delivered on the fire ground, L/min (0 when it carries none). */
  flowLpm: z.number().min(0).default(0),
  /** Working height of aerial appliances, metres. */
  aerialHeightM: z.number().min(0).optional(),
  /** Drainage pump output, m³/h (pumping units: how fast they lower flood water where they work). */
  pumpM3H: z.number().positive().optional(),
  /** A specialist vehicle (hazmat, water rescue, search…): preferred for its capability (专业优先). */
  specialist: z.boolean().default(false),
});
export type UnitType = z.infer<typeof UnitTypeSchema>;

export const UnitTypeCatalogueSchema = z
  .object({ unitTypes: z.array(UnitTypeSchema).min(1) })
  .superRefine((cat, ctx) => {
    const seen = new Set<string>();
    cat.unitTypes.forEach((t, i) => {
      if (seen.has(t.code)) ctx.addIssue({ code: 'custom', path: ['unitTypes', i, 'code'], message: `duplicate unit type code ${t.code}` });
      seen.add(t.code);
    });
  });
export type UnitTypeCatalogue = z.infer<typeof UnitTypeCatalogueSchema>;
