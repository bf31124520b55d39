// Schema of a scenario file (scenarios/*.yaml): metadata, region, duration, seed, background load and
// scripted calls. The scenario issue extends it with injects, hazards and evaluation.
import { z } from 'zod';
import { IncidentTypeSchema } from '../domain/incident-types.ts';
import { GradeSchema } from '../domain/grades.ts';
import { LatLonSchema } from '../geo.ts';
import { DurationSchema } from './duration.ts';

export const MODES = ['auto', 'manual'] as const;
export type Mode = (typeof MODES)[number];

export const ScriptedCallSchema = z.object({
  /** Inject id the controller uses to fire it early or skip it; default `inj-<n>` (n = position in the file, from 1). */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, ".", "_" or "-", e.g. inj-fire-1').optional(),
  /** Offset from the scenario start. */
  at: DurationSchema,
  type: IncidentTypeSchema,
  /** Where: [lat, lon], or the name of a place in the region (a cell's place or a station id). */
  location: z.union([LatLonSchema, z.string().min(1)]),
  description: z.string().default(''),
  /** Hidden truth, when the script wants it fixed rather than drawn from the model. */
  size: z.number().positive().optional(),
  trapped: z.number().int().min(0).optional(),
  /** Grade the caller's report suggests; otherwise derived from what the caller sees. */
  reportedGrade: GradeSchema.optional(),
});
export type ScriptedCall = z.infer<typeof ScriptedCallSchema>;

export const ScenarioSchema = z.object({
  name: z.string().min(1),
  nameZh: z.string().optional(),
  description: z.string().default(''),
  region: z.string().min(1),
  seed: z.number().int().min(0).default(1),
  /** Local calendar time of the scenario start (ISO 8601 with offset); sets hour of day and night. */
  start: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time, e.g. 2026-06-01T08:00:00+08:00'),
  duration: DurationSchema,
  mode: z.enum(MODES).default('auto'),
  background: z.object({
    enabled: z.boolean().default(true),
    /** Calls per year; default from seeds/call-profile.yaml and the region's population. */
    callsPerYear: z.number().positive().optional(),
    /** Multiplier on the call rate (e.g. 10 for a metropolitan load test). */
    scale: z.number().positive().default(1),
  }).default({ enabled: true, scale: 1 }),
  calls: z.array(ScriptedCallSchema).default([]).superRefine((calls, ctx) => {
    // Inject ids are unique, counting the default ids of calls without one.
    const seen = new Map<string, number>();
    calls.forEach((c, i) => {
      const id = c.id ?? `inj-${i + 1}`;
      const first = seen.get(id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, c.id ? 'id' : 'at'], message: `inject id "${id}" is already used by scripted call ${first + 1} (expected unique ids)` });
      else seen.set(id, i);
    });
  }),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** Background call profile (seeds/call-profile.yaml): rate, hour-of-day shape, land-use weights and type mix. */
export const CallProfileSchema = z.object({
  callsPerYearPer10k: z.number().positive(),
  hourOfDay: z.array(z.number().min(0)).length(24),
  /** Weight of a cell = population × perPerson + perCell, by land use. */
  landUseWeight: z.record(z.string(), z.object({ perPerson: z.number().min(0), perCell: z.number().min(0) })),
  /** Incident type mix by land use (relative weights). */
  typeMix: z.record(z.string(), z.record(IncidentTypeSchema, z.number().min(0))),
});
export type CallProfile = z.infer<typeof CallProfileSchema>;
