// What the panel tests share: the demo county's real map data (stations, unit types, run cards), a
// board state built with the shared fold from hand-written events, and a LiveActions that records
// the commands a panel sends and answers like the server (ok, or a refusal).
import type { ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { buildRegionMap } from '../../server/geo/region-map.ts';
import { applyEvent, createBoardState, type BoardState } from '../../shared/board-state.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { CommandInput, CommandResult } from '../../shared/commands.ts';
import type { ClockState, ControlAction, JoinRole } from '../../shared/live.ts';
import type { Recommendation } from '../../shared/recommendation.ts';
import type { RegionMap } from '../../shared/map-data.ts';
import type { LatLon } from '../../shared/geo.ts';
import { BoardProvider } from '../../client/src/board-context.tsx';
import { initI18n } from '../../client/src/i18n/i18n.ts';
import type { LiveActions } from '../../client/src/live/connection.ts';
import { rightsOf } from '../../client/src/roles.ts';

await initI18n('en');

const world = loadWorld({});
export const MAP: RegionMap = buildRegionMap(world, loadRoadNetwork('seeds', world.region));
export const OLD_TOWN: LatLon = [24.6126, 110.5567];

/** An event before it gets its seq (distributes over the union, unlike Omit). */
export type Unsequenced = DomainEvent extends infer E ? (E extends DomainEvent ? Omit<E, 'seq'> : never) : never;

export function demoBoard(events: Unsequenced[] = []): BoardState {
  const units = MAP.stations.flatMap((s) => s.units.map((u) => ({ id: u.id, stationId: s.id, type: u.type, home: s.location })));
  const board = createBoardState(units, 'manual');
  events.forEach((e, i) => applyEvent(board, { ...e, seq: i + 1 } as DomainEvent));
  return board;
}

export const callReceived = (incidentId: string, t = 60_000): Unsequenced => ({
  type: 'CALL_RECEIVED', t, incidentId, source: 'scripted', location: OLD_TOWN, reportedType: 'building-fire',
  description: 'a house on fire in the old town', reportedSize: 20, reportedTrapped: 0, reportedGrade: 1,
  truth: { size: 20, trapped: 0, deadlinesMin: [], unfounded: false },
});

export const gradedIncident = (incidentId: string): Unsequenced[] => [
  callReceived(incidentId),
  { type: 'INCIDENT_TRIAGED', t: 90_000, incidentId, incidentType: 'building-fire', location: OLD_TOWN, jurisdictionId: 'qs-city-gucheng', homeStationId: 'qs-gucheng', by: 'commander' },
  { type: 'INCIDENT_GRADED', t: 90_000, incidentId, grade: 1, by: 'commander' },
];

export interface Recorder extends LiveActions {
  commands: CommandInput[];
  controls: ControlAction[];
}

export function recorder(opts: { recommendation?: Recommendation; refuse?: string; etas?: Record<string, number | null> } = {}): Recorder {
  const commands: CommandInput[] = [];
  const controls: ControlAction[] = [];
  return {
    commands,
    controls,
    command: async (c): Promise<CommandResult> => {
      commands.push(c);
      return opts.refuse ? { ok: false, error: { code: 'not-allowed-in-state', message: opts.refuse, command: c.type } } : { ok: true, seqFrom: 1, seqTo: 2 };
    },
    control: async (c): Promise<ClockState> => {
      controls.push(c);
      return { status: 'running', simTime: 0, wallAt: 0, speed: 1, endsAt: 1, startIso: '2026-06-12T10:00:00+08:00' };
    },
    recommend: async (incidentId) => opts.recommendation ?? { incidentId, grade: 1, units: [], unmet: [] },
    etas: async (_incidentId, unitIds) => unitIds.map((unitId, i) => opts.etas?.[unitId] !== undefined ? { unitId, etaSec: opts.etas[unitId]!, orderable: true } : { unitId, etaSec: 600 + 60 * i, orderable: true }),
  };
}

/** Renders a panel inside the board context; `update` re-renders it with new props (same context). */
export function renderPanel(ui: ReactNode, opts: { role?: JoinRole; actions?: LiveActions } = {}): RenderResult & { update(ui: ReactNode): void } {
  const actions = opts.actions ?? recorder();
  const rights = rightsOf(opts.role ?? 'commander');
  const wrap = (node: ReactNode): ReactNode => <BoardProvider map={MAP} actions={actions} rights={rights}>{node}</BoardProvider>;
  const result = render(wrap(ui));
  return Object.assign(result, { update: (node: ReactNode) => result.rerender(wrap(node)) });
}
