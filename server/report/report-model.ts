// The after-action report as data: one fold pass set over the event log (summary, incident rows,
// unit timelines, the drill timeline, coverage over time, hazards over time) plus the evaluation, with what the charts
// need. The HTML, PDF, CSV and JSON outputs and the board's debrief page are all drawn from this.
import type { DomainEvent } from '../../shared/events.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import type { CoverageConfig } from '../../shared/schemas/coverage.ts';
import type { TargetLine } from '../../shared/charts/chart-types.ts';
import type { UnitSegment } from '../../shared/charts/unit-gantt.ts';
import type { CoveragePoint } from '../../shared/charts/coverage-over-time.ts';
import type { HazardSeries } from '../../shared/charts/hazard-charts.ts';
import type { World } from '../engine/types.ts';
import { createRunSummary, type RunSummary } from '../metrics/summary.ts';
import { createLogHasher } from '../metrics/log-hash.ts';
import { isNightHour, localHourAt, localMsOfDayAtStart } from '../../shared/local-time.ts';
import { incidentRowsFromLog, type IncidentRow } from '../metrics/incident-rows.ts';
import { createUnitTimeline, unitSeeds } from '../metrics/unit-timeline.ts';
import { drillTimeline, type TimelineEntry } from '../metrics/drill-timeline.ts';
import type { Evaluation } from '../metrics/evaluation-types.ts';
import { coverageOverTime } from './coverage-over-time.ts';
import { hazardTimelines } from './hazard-timeline.ts';
import type { ForkComparison } from './run-comparison.ts';
import { targetLines, type TargetSet } from './target-lines.ts';

export interface ReportMeta {
  exerciseId?: string;
  scenarioName: string;
  scenarioNameZh?: string;
  description?: string;
  regionId: string;
  regionName: string;
  regionNameZh: string;
  fictionalRegion: boolean;
  seed: number;
  mode: string;
  startIso: string;
  utcOffsetHours: number;
  /** Scenario length and how far the log goes (sim ms). */
  duration: number;
  simulatedTo: number;
  ended: boolean;
  events: number;
  logHash: string;
  targetSet: TargetSet;
}

export interface ReportModel {
  meta: ReportMeta;
  summary: RunSummary;
  targets: TargetLine[];
  incidents: IncidentRow[];
  units: { units: string[]; segments: UnitSegment[] };
  timeline: TimelineEntry[];
  coverage: { points: CoveragePoint[]; minutes: { station: number; micro: number; township: number } };
  /** Chemical releases and floods over time (empty when the drill had no hazard). */
  hazards: HazardSeries[];
  evaluation?: Evaluation;
  /** A counterfactual fork's report: the original side by side with it. */
  comparison?: ForkComparison;
}

export interface ReportInput {
  world: World;
  scenario: Scenario;
  events: readonly DomainEvent[];
  coverageConfig: CoverageConfig;
  exerciseId?: string;
  targetSet?: TargetSet;
  evaluation?: Evaluation;
  /** Put background calls in the timeline too (default: scripted and player calls only). */
  backgroundInTimeline?: boolean;
}

export function buildReport(input: ReportInput): ReportModel {
  const { world, scenario, events } = input;
  const summary = createRunSummary(world);
  const hasher = createLogHasher();
  const units = createUnitTimeline(unitSeeds(world), scenario.mode);
  let started: Extract<DomainEvent, { type: 'SIMULATION_STARTED' }> | undefined;
  let ended = false;
  hasher.addAll(events);
  for (const e of events) {
    summary.add(e);
    units.add(e);
    if (e.type === 'SIMULATION_STARTED') started = e;
    if (e.type === 'SIMULATION_ENDED') ended = true;
  }
  const simulatedTo = events.at(-1)?.t ?? 0;
  const coverageConfig = input.coverageConfig;
  const night = isNight(scenario.start, world.region.utcOffsetHours, world.doctrine);
  return {
    meta: {
      ...(input.exerciseId ? { exerciseId: input.exerciseId } : {}),
      scenarioName: scenario.name,
      ...(scenario.nameZh ? { scenarioNameZh: scenario.nameZh } : {}),
      ...(scenario.description ? { description: scenario.description } : {}),
      regionId: world.region.id, regionName: world.region.name, regionNameZh: world.region.nameZh, fictionalRegion: world.region.fictional,
      seed: started?.seed ?? scenario.seed, mode: started?.mode ?? scenario.mode, startIso: scenario.start, utcOffsetHours: world.region.utcOffsetHours,
      duration: scenario.duration, simulatedTo, ended, events: events.length, logHash: hasher.hex(), targetSet: input.targetSet ?? 'county',
    },
    summary: summary.result(simulatedTo),
    targets: targetLines(world, coverageConfig, input.targetSet),
    incidents: incidentRowsFromLog(events),
    units: units.result(ended ? simulatedTo : Math.max(simulatedTo, 0)),
    timeline: drillTimeline(events, { backgroundCalls: input.backgroundInTimeline ?? false }),
    coverage: {
      points: coverageOverTime(world, events, { config: coverageConfig, timeOfDay: night ? 'night' : 'day', minStepMs: 60_000 }),
      minutes: { station: coverageConfig.measures.station.targetMinutes, micro: coverageConfig.measures.micro.targetMinutes, township: coverageConfig.measures.township.targetMinutes },
    },
    hazards: hazardTimelines(events),
    ...(input.evaluation ? { evaluation: input.evaluation } : {}),
  };
}

/** Night turnout applies when the drill starts in the doctrine's night hours. */
function isNight(startIso: string, utcOffsetHours: number, doctrine: World['doctrine']): boolean {
  return isNightHour(localHourAt(localMsOfDayAtStart(startIso, utcOffsetHours), 0), doctrine.night);
}
