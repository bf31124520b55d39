// Schema of the flood rules (seeds/flood-hazard.yaml): the AIDR 7-3 hazard classes H1-H6 as
// thresholds, the depths that close roads and make an area boat-only, the share of people stranded
// by class, and how the 1-km elevation grid is refined.
import { z } from 'zod';
import { RunCardNeedSchema } from './run-cards.ts';
import { CapabilitySchema } from '../domain/forces.ts';

const Source = z.string().min(3);

export const FLOOD_HAZARD_CLASSES = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'] as const;
export type FloodHazardClass = (typeof FLOOD_HAZARD_CLASSES)[number];

/** A class holds while depth ≤ maxDepthM, depth × velocity ≤ maxDvM2S and velocity ≤ maxVelocityMS (the last class has no limits). */
export const FloodClassLimitSchema = z
  .object({
    class: z.enum(FLOOD_HAZARD_CLASSES),
    maxDepthM: z.number().positive(),
    maxDvM2S: z.number().positive(),
    maxVelocityMS: z.number().positive(),
    meaning: z.string().min(1),
  })
  .strict();
export type FloodClassLimit = z.infer<typeof FloodClassLimitSchema>;

export const FloodHazardRulesSchema = z
  .object({
    classes: z
      .object({
        /** H1 … H5 in order; beyond H5 is H6. */
        limits: z.array(FloodClassLimitSchema).length(5),
        beyond: z.literal('H6'),
        source: Source,
      })
      .strict()
      .superRefine((c, ctx) => {
        c.limits.forEach((l, i) => {
          if (l.class !== FLOOD_HAZARD_CLASSES[i]) ctx.addIssue({ code: 'custom', path: ['limits', i, 'class'], message: `expected ${FLOOD_HAZARD_CLASSES[i]} (classes in order H1 … H5)` });
          const prev = c.limits[i - 1];
          if (prev && (l.maxDepthM < prev.maxDepthM || l.maxDvM2S < prev.maxDvM2S || l.maxVelocityMS < prev.maxVelocityMS)) {
            ctx.addIssue({ code: 'custom', path: ['limits', i], message: 'limits must not decrease from one class to the next' });
          }
        });
      }),
    /** A bathtub fill has no flow velocity: the velocity assumed on flooded ground for the classes (0 = still water). */
    assumedVelocityMS: z.number().min(0).max(10),
    /** Roads close where the water is deeper than this (m), unless the hazard sets its own. */
    roadClosureDepthM: z.number().positive(),
    /** Deeper than this only boats reach (most vehicles are carried away), m. */
    boatOnlyDepthM: z.number().positive(),
    vehicleSource: Source,
    /** Share of the people in flooded ground who are stranded and need rescue, by hazard class. */
    strandedShare: z.record(z.enum(FLOOD_HAZARD_CLASSES), z.number().min(0).max(1)),
    strandedSource: Source,
    /**
     * Classes whose ground puts stranded people's lives at risk: their rescue calls carry trapped
     * people with survival deadlines (the flood-rescue incident model). Elsewhere buildings are safe
     * refuges and the stranded wait for the boats without a deadline.
     */
    lifeThreat: z
      .object({ classes: z.array(z.enum(FLOOD_HAZARD_CLASSES)), source: Source })
      .strict()
      .default({ classes: ['H5', 'H6'], source: 'AIDR Handbook 7, Guideline 7-3 (2017): buildings are vulnerable from H5 (DOMAIN.md §11)' }),
    /** People in one rescue call from stranded people (a household, a car), and at most this many calls per flood update. */
    strandedPeoplePerCall: z.number().int().min(1).max(50),
    maxStrandedCallsPerUpdate: z.number().int().min(0).max(100),
    /** How often the engine re-evaluates a flood's level (minutes of sim time). */
    updateEveryMin: z.number().positive().max(120),
    /** What an incident in flooded ground needs on top of its run card (water rescue and boats, drainage). */
    responseNeeds: z.array(RunCardNeedSchema).min(1),
    /** Units that go through flood water by boat: flood road closures do not bind them. */
    boatCapabilities: z.array(CapabilitySchema).min(1).default(['water-rescue']),
    /**
     * Drainage: a unit with this capability working at an incident in flooded ground lowers the water
     * there by its pump's output (unit type `pumpM3H`) spread over `areaM2` of ground around it.
     */
    drainage: z
      .object({ capability: CapabilitySchema, areaM2: z.number().positive(), source: Source })
      .strict()
      .default({ capability: 'pumping', areaM2: 62_500, source: 'drill assumption of this simulator: one 250 m sub-cell' }),
    /** Each 1-km cell is split into refine × refine sub-cells with interpolated ground heights. */
    refine: z.number().int().min(1).max(16),
  })
  .strict();
export type FloodHazardRules = z.infer<typeof FloodHazardRulesSchema>;
