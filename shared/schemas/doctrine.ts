// Schema of seeds/doctrine.yaml: turnout times, speeds, time targets and dispatch parameters.
// Defaults come from DOMAIN.md §5-§6; every figure is editable by users.
import { z } from 'zod';
import { CapabilitySchema, FORCE_KINDS, SPEED_CLASSES, type Capability } from '../domain/forces.ts';

const DayNight = z.object({ day: z.number().min(0), night: z.number().min(0) });

/** Road classes of a road network (the router's speed table is keyed by them). */
export const ROAD_CLASSES = ['expressway', 'arterial', 'local', 'rural', 'mountain', 'ramp'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local clock time HH:MM, e.g. 07:30');

/**
 * A time of day when traffic is slower or faster: road speeds × factor on the listed road classes
 * (all classes when omitted). `from` > `to` wraps past midnight. Overlapping periods multiply.
 */
export const TrafficPeriodSchema = z.object({
  name: z.string().min(1),
  from: ClockTime,
  to: ClockTime,
  factor: z.number().positive().max(3),
  roadClasses: z.array(z.enum(ROAD_CLASSES)).min(1).optional(),
});
export type TrafficPeriod = z.infer<typeof TrafficPeriodSchema>;

/** Defaults when doctrine.yaml says nothing (assumption): rush hours slow urban roads, night roads are freer. */
export const DEFAULT_TRAFFIC_PERIODS: TrafficPeriod[] = [
  { name: 'morning rush', from: '07:30', to: '09:00', factor: 0.8, roadClasses: ['arterial', 'local'] },
  { name: 'evening rush', from: '17:00', to: '19:00', factor: 0.8, roadClasses: ['arterial', 'local'] },
  { name: 'night', from: '22:00', to: '06:00', factor: 1.1 },
];
/**
 * Default of `releaseWhenRescueDone` (assumption, usual practice): boats and water-rescue teams,
 * search teams. A unit is released only if every capability it has is in the list.
 */
export const DEFAULT_RESCUE_ONLY: Capability[] = ['water-rescue', 'search'];
const Range = z.object({ min: z.number().min(0), max: z.number().min(0) }).refine((r) => r.max >= r.min, 'max must be ≥ min');

export const DoctrineSchema = z.object({
  /** Seconds from dispatch order to wheels rolling, per force kind, day and night. */
  turnoutSeconds: z.record(z.enum(FORCE_KINDS), DayNight).refine(
    (r) => FORCE_KINDS.every((k) => k in r),
    { message: `turnoutSeconds needs every force kind: ${FORCE_KINDS.join(', ')}` },
  ),
  /** Local hours counted as night (turnout is slower, first dispatch is strengthened). */
  night: z.object({ fromHour: z.number().int().min(0).max(23), toHour: z.number().int().min(0).max(23) }),
  /** Average road speeds by speed class, km/h, before detour. */
  speedsKmh: z.record(z.enum(SPEED_CLASSES), z.number().positive()).refine(
    (r) => SPEED_CLASSES.every((k) => k in r),
    { message: `speedsKmh needs every speed class: ${SPEED_CLASSES.join(', ')}` },
  ),
  /**
   * Road speed factors by time of day, applied by the road travel model (a drive keeps the factors
   * of the time it sets off). An empty list turns them off.
   */
  traffic: z.array(TrafficPeriodSchema).default(DEFAULT_TRAFFIC_PERIODS),
  /** Great-circle distance × detourFactor ≈ road distance, for worlds without a road network. */
  detourFactor: z.number().min(1).max(3),
  /** Automatic call taker: ring → answer, answer → first dispatch (seconds, uniform in range). */
  callHandling: z.object({ answerSeconds: Range, processSeconds: Range }),
  /** Arrival → water on fire / work begins. */
  setupSeconds: z.number().min(0),
  targets: z.object({
    firstArrivalSeconds: z.number().positive(), // 5-minute rule: dispatch → first unit on scene
    microArrivalSeconds: z.number().positive(), // micro stations: 3 minutes on scene
    callProcessingSeconds: z.number().positive(), // answer → dispatch, ~45 s
    answerSeconds: z.number().positive(),
  }),
  dispatch: z.object({
    /** A micro station covers sites within this radius and goes first. */
    microCoverageRadiusM: z.number().positive(),
    /** A specialist is preferred over a nearer generic unit if it arrives no later than this. */
    specialistToleranceSeconds: z.number().min(0),
    /** Local units slower than this are passed over for a neighbouring jurisdiction's, if faster. */
    localEtaLimitSeconds: z.number().positive(),
    /** Extra water units at night and for sites whose first unit is further than distantEtaSeconds. */
    strengthen: z.object({ nightExtraWaterUnits: z.number().int().min(0), distantEtaSeconds: z.number().positive(), distantExtraWaterUnits: z.number().int().min(0) }),
    /** Returning units (after work) may be redispatched on the road. */
    returningDispatchable: z.boolean(),
  }),
  /**
   * Capabilities that only serve a rescue: once nobody is left to rescue at an incident, units
   * whose every capability is listed here are released to the next rescue (the automatic centre
   * does it; on the board the recommendation stops asking for them there).
   */
  releaseWhenRescueDone: z.array(CapabilitySchema).default(DEFAULT_RESCUE_ONLY),
  /**
   * The order in which the automatic centre serves incidents waiting for units: `lives-first`
   * (救人第一: callers reporting people trapped and not sheltering safely first, each group oldest
   * first) or `call-order` (oldest first: a first-come-first-served queue, as queueing theory assumes).
   */
  waitingOrder: z.enum(['lives-first', 'call-order']).default('lives-first'),
});
export type Doctrine = z.infer<typeof DoctrineSchema>;
