// Schema of a batch variant (`sim batch … --variant v.yaml`): a small list of changes applied to the
// loaded world and scenario, run on the same seeds as the baseline and compared with it pair by pair.
import { z } from 'zod';
import { ForceKindSchema } from '../domain/forces.ts';
import { IncidentTypeSchema } from '../domain/incident-types.ts';
import { LatLonSchema } from '../geo.ts';
import { RunCardSchema } from './run-cards.ts';
import { UnitSpecSchema } from './region.ts';

const Id = z.string().min(1);
const TurnoutSeconds = z.number().min(0).max(3600);

export const VariantChangeSchema = z.union([
  z.object({
    /** A new station with its units; its jurisdiction is the one of the cell it stands in unless given. */
    addStation: z.object({
      id: Id, name: z.string().min(1), nameZh: z.string().min(1).optional(), kind: ForceKindSchema,
      location: LatLonSchema, jurisdictionId: Id.optional(), staffOnDuty: z.number().int().min(1),
      supervisingStationId: Id.optional(), units: z.array(UnitSpecSchema).min(1),
    }).strict(),
  }).strict(),
  z.object({ moveStation: z.object({ id: Id, location: LatLonSchema }).strict() }).strict(),
  /** Its units go with it; districts it was home or supervising station of get the nearest station of a national or professional kind. */
  z.object({ removeStation: z.object({ id: Id }).strict() }).strict(),
  z.object({ staffing: z.object({ station: Id, staffOnDuty: z.number().int().min(1).optional(), units: z.array(UnitSpecSchema).optional() }).strict() }).strict(),
  /** Turnout seconds of a force kind (day, night or both). */
  z.object({ turnout: z.object({ kind: ForceKindSchema, day: TurnoutSeconds.optional(), night: TurnoutSeconds.optional() }).strict() }).strict(),
  /** Replaces the run card of an incident type and grade. */
  z.object({ runCard: z.object({ type: IncidentTypeSchema, grade: z.number().int().min(1).max(5), card: RunCardSchema }).strict() }).strict(),
  /** Doctrine targets (seeds/doctrine.yaml `targets`). */
  z.object({ targets: z.object({ firstArrivalSeconds: z.number().positive().optional(), microArrivalSeconds: z.number().positive().optional(), callProcessingSeconds: z.number().positive().optional(), answerSeconds: z.number().positive().optional() }).strict() }).strict(),
  /** Background call rate: a multiplier on the scenario's, or calls per year. */
  z.object({ callRate: z.object({ scale: z.number().positive().optional(), callsPerYear: z.number().positive().optional() }).strict() }).strict(),
], { error: 'expected one change: addStation, moveStation, removeStation, staffing, turnout, runCard, targets or callRate' });
export type VariantChange = z.infer<typeof VariantChangeSchema>;

export const VariantSchema = z.object({
  name: z.string().min(1),
  nameZh: z.string().min(1).optional(),
  description: z.string().default(''),
  changes: z.array(VariantChangeSchema).min(1),
}).strict();
export type Variant = z.infer<typeof VariantSchema>;
