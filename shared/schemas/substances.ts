// Schema of the substance catalogue (seeds/substances.yaml): what the plume model and the ERG
// first-response zones need of each chemical, every figure with the source it came from.
import { z } from 'zod';
import { ERG_CONTAINERS } from './hazard.ts';
import { RunCardNeedSchema } from './run-cards.ts';
import { CapabilitySchema } from '../domain/forces.ts';
import { IncidentTypeSchema } from '../domain/incident-types.ts';

const Source = z.string().min(3);

/** A level of concern: a concentration in ppm, which guideline it is (AEGL first, then ERPG, then PAC/TEEL) and where it is from. */
export const ConcernLevelSchema = z
  .object({
    ppm: z.number().positive(),
    basis: z.enum(['AEGL-1', 'AEGL-2', 'AEGL-3', 'ERPG-1', 'ERPG-2', 'ERPG-3', 'PAC-1', 'PAC-2', 'PAC-3', 'TEEL-1', 'TEEL-2', 'TEEL-3']),
    /** Exposure duration the value is for (60 min for the threat zones). */
    durationMin: z.number().positive().default(60),
    source: Source,
  })
  .strict();
export type ConcernLevel = z.infer<typeof ConcernLevelSchema>;

/** Initial isolation (circle, m) and protective action downwind (square side, km) for day and night. */
export const ErgDistancesSchema = z
  .object({
    isolateM: z.number().positive(),
    /** Omitted: the guide gives no protective-action distance (only isolation). */
    protectDayKm: z.number().positive().optional(),
    protectNightKm: z.number().positive().optional(),
  })
  .strict();
export type ErgDistances = z.infer<typeof ErgDistancesSchema>;

/** ERG Table 3 rows (large spills by container and wind): day / night protective distance per wind class. */
export const ErgContainerRowSchema = z
  .object({
    isolateM: z.number().positive(),
    dayKm: z.object({ low: z.number().positive(), moderate: z.number().positive(), high: z.number().positive() }).strict(),
    nightKm: z.object({ low: z.number().positive(), moderate: z.number().positive(), high: z.number().positive() }).strict(),
  })
  .strict();
export type ErgContainerRow = z.infer<typeof ErgContainerRowSchema>;

export const ErgEntrySchema = z
  .object({
    /** The ERG edition the figures come from, e.g. ERG2016 (values change between editions). */
    edition: z.string().regex(/^ERG\d{4}$/, 'expected an edition tag like ERG2016'),
    guide: z.number().int().min(111).max(175),
    small: ErgDistancesSchema,
    /** Large spill (Table 1), when the edition gives one row for it. */
    large: ErgDistancesSchema.optional(),
    /** Large spill by container (Table 3), for the materials the edition lists there. */
    largeByContainer: z.partialRecord(z.enum(ERG_CONTAINERS), ErgContainerRowSchema).optional(),
    source: Source,
  })
  .strict()
  .refine((e) => e.large !== undefined || e.largeByContainer !== undefined, { message: 'give large or largeByContainer (a large spill needs distances)', path: ['large'] });
export type ErgEntry = z.infer<typeof ErgEntrySchema>;

export const SubstanceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'expected a lower-case id, e.g. chlorine'),
    name: z.string().min(1),
    nameZh: z.string().min(1),
    cas: z.string().regex(/^\d{2,7}-\d{2}-\d$/, 'expected a CAS number, e.g. 7782-50-5'),
    un: z.number().int().min(1000).max(3600),
    /** g/mol: converts mg/m³ to ppm (ppm = mg/m³ × 24.45 / MW at 25 °C, 1 atm). */
    molecularWeight: z.number().positive(),
    /** Released as a cloud heavier than air: the Gaussian model is flagged as unreliable for it. */
    denseGas: z.boolean(),
    /** Lower flammable limit in ppm (vol.), when the substance burns. */
    lflPpm: z.number().positive().optional(),
    lflSource: Source.optional(),
    concern: z.object({ level1: ConcernLevelSchema, level2: ConcernLevelSchema, level3: ConcernLevelSchema }).strict(),
    erg: ErgEntrySchema,
    note: z.string().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const { level1, level2, level3 } = s.concern;
    if (!(level1.ppm < level2.ppm && level2.ppm < level3.ppm)) ctx.addIssue({ code: 'custom', path: ['concern'], message: 'levels of concern must rise: level1 < level2 < level3 (ppm)' });
    if (s.lflPpm !== undefined && s.lflSource === undefined) ctx.addIssue({ code: 'custom', path: ['lflSource'], message: 'missing required field "lflSource" (the source of lflPpm)' });
  });
export type Substance = z.infer<typeof SubstanceSchema>;

/** ERG Table 3 wind classes (km/h): low below `lowBelowKmh`, high above `highAboveKmh`, moderate between. */
export const ErgWindClassesSchema = z
  .object({
    lowBelowKmh: z.number().positive(),
    highAboveKmh: z.number().positive(),
    source: Source,
  })
  .strict();

export const SubstanceCatalogueSchema = z
  .object({
    ergWindClasses: ErgWindClassesSchema,
    /** What an incident inside a release's zones needs on top of its run card (hazmat, decontamination). */
    responseNeeds: z.array(RunCardNeedSchema).min(1),
    /** Crews that may enter the hot and warm zones (gas-tight suits, breathing apparatus): road closures of a plume do not bind them. */
    protectedCapabilities: z.array(CapabilitySchema).min(1).default(['hazmat', 'decon']),
    /** Unprotected crews sent into the hot or warm zone stop this far outside it, upwind or crosswind (m). */
    stagingMarginM: z.number().min(0).max(5000).default(200),
    /**
     * People in the level 2 and level 3 footprints who are not evacuated become casualties at these
     * hourly shares; a casualty call stands for `peoplePerCall` of them (at most `maxCallsPerUpdate`
     * per exposure step of `stepMin`).
     */
    exposure: z
      .object({
        level2PerHour: z.number().min(0).max(1),
        level3PerHour: z.number().min(0).max(1),
        peoplePerCall: z.number().int().min(1).max(100),
        maxCallsPerUpdate: z.number().int().min(0).max(100),
        stepMin: z.number().positive().max(60),
        /** The incident type of a casualty call (reported as grade 1). */
        callType: IncidentTypeSchema.default('hazmat'),
        source: Source,
      })
      .strict()
      .default({ level2PerHour: 0.005, level3PerHour: 0.05, peoplePerCall: 5, maxCallsPerUpdate: 2, stepMin: 5, callType: 'hazmat', source: 'drill assumption of this simulator' }),
    substances: z.array(SubstanceSchema).min(1),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const seen = new Set<string>();
    cat.substances.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['substances', i, 'id'], message: `duplicate substance id ${s.id}` });
      seen.add(s.id);
    });
  });
export type SubstanceCatalogue = z.infer<typeof SubstanceCatalogueSchema>;
