// Builds the whole report (model with its evaluation, and the base map) for a recorded log: from the
// database for an exercise (`sim report`, the board's debrief route) or from a headless run
// (`sim run --report`). The decision log's recommendations come from one replay of the log.
import { existsSync, readFileSync } from 'node:fs';
import type { DomainEvent } from '../../shared/events.ts';
import type { Mode, Scenario } from '../../shared/schemas/scenario.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import type { RegionMap } from '../../shared/map-data.ts';
import type { CoverageConfig } from '../../shared/schemas/coverage.ts';
import type { World } from '../engine/types.ts';
import { parseDataText } from '../files/read-data-file.ts';
import { engineConfigFor } from '../scenario/engine-config.ts';
import { buildRegionMap } from '../geo/region-map.ts';
import type { ExerciseStore } from '../store/exercise-store.ts';
import { evaluateDrill } from '../metrics/evaluation.ts';
import { recommendationsByReplay } from './decision-recommendations.ts';
import { buildReport, type ReportModel } from './report-model.ts';
import type { TargetSet } from './target-lines.ts';

export interface BuiltReport { model: ReportModel; map?: RegionMap }


export interface LogReportInput {
  world: World;
  scenario: Scenario;
  seed: number;
  mode: Mode;
  events: readonly DomainEvent[];
  coverageConfig: CoverageConfig;
  exerciseId?: string;
  targetSet?: TargetSet;
  /** The region's base map; built from the world's roads when absent. */
  map?: RegionMap;
  /** Participant id → the name they joined with (the exercise's sessions), shown instead of the id. */
  participants?: readonly { id: string; name: string }[];
}

export function reportFromLog(input: LogReportInput): BuiltReport {
  const { world, scenario, events } = input;
  const recommendations = recommendationsByReplay(engineConfigFor(world, scenario, { seed: input.seed, mode: input.mode }), events);
  const participantNames = input.participants ? new Map(input.participants.map((p) => [p.id, p.name])) : undefined;
  const evaluation = evaluateDrill({ scenario, events, recommendations, ...(participantNames ? { participantNames } : {}) });
  const model = buildReport({
    world, scenario: { ...scenario, seed: input.seed, mode: input.mode }, events, coverageConfig: input.coverageConfig, evaluation,
    ...(input.exerciseId ? { exerciseId: input.exerciseId } : {}), ...(input.targetSet ? { targetSet: input.targetSet } : {}),
  });
  const map = input.map ?? (world.roads ? buildRegionMap(world, world.roads) : undefined);
  return { model, ...(map ? { map } : {}) };
}

export class UnknownExerciseError extends Error {}

/** The stored exercise's scenario text, seed, mode and log, reported. */
export function reportFromStore(store: ExerciseStore, exerciseId: string, worldOf: (regionId: string) => World, coverageConfig: CoverageConfig, opts: { targetSet?: TargetSet; map?: RegionMap } = {}): BuiltReport {
  const r = store.get(exerciseId);
  if (!r) throw new UnknownExerciseError(`no exercise ${exerciseId} in this database (sim report lists none? see GET /api/exercises)`);
  // Exercises of the exercise server keep their scenario text; the terminal feed's name the file it played.
  const text = r.scenarioSource || (existsSync(r.scenarioId) ? readFileSync(r.scenarioId, 'utf8') : undefined);
  if (text === undefined) throw new UnknownExerciseError(`exercise ${exerciseId} has no stored scenario text and ${r.scenarioId} is not a file; it cannot be replayed for the decision log`);
  const scenario = parseDataText(text, r.scenarioSource ? `${r.scenarioId}.yaml` : r.scenarioId, ScenarioSchema).data;
  const world = worldOf(r.regionId);
  const events = store.events.read(exerciseId);
  return reportFromLog({ world, scenario, seed: r.seed, mode: r.mode as Mode, events, coverageConfig, exerciseId, participants: store.sessionsOf(exerciseId), ...opts });
}
