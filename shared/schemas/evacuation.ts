// Schema of the evacuation rules (seeds/evacuation.yaml): an area's evacuation time from its people
// and the crews working there (server/hazards/evacuation.ts).
import { z } from 'zod';

export const EvacuationRulesSchema = z
  .object({
    /** Set-up before the first people leave (announcements, transport), minutes. */
    setupMin: z.number().min(0).max(600),
    /** People one firefighter moves out per hour. */
    peoplePerHourPerFirefighter: z.number().positive().max(10_000),
    /** Firefighters counted at least (police and township staff help when no crew is there). */
    minFirefighters: z.number().int().min(1).max(10_000),
    /** How often the controller is told the people still inside an evacuation under way (EVACUATION_PROGRESS), minutes. */
    progressEveryMin: z.number().positive().max(600).default(5),
    source: z.string().min(3),
  })
  .strict();
export type EvacuationRules = z.infer<typeof EvacuationRulesSchema>;
