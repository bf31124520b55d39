// The live contract between the exercise server and the board (socket.io, websocket transport):
// one typed event map used by both sides. A client joins with a code, receives a snapshot (the board
// state folded up to a seq), then ordered deltas (the domain events since, coalesced at 5-10 Hz).
// A delta whose fromSeq is not the client's seq means something was missed: the client asks to resync.
import type { DomainEvent } from './events.ts';
import type { CommandResult } from './commands.ts';
import type { BoardState } from './board-state.ts';
import type { Recommendation } from './recommendation.ts';
import type { ErrorCode } from './error-codes.ts';

export const EXERCISE_STATUSES = ['created', 'running', 'paused', 'stopped', 'archived'] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];

export const JOIN_ROLES = ['controller', 'commander', 'observer'] as const;
export type JoinRole = (typeof JOIN_ROLES)[number];

/** Speed factor bounds of the real-time driver (sim seconds per wall second). */
export const MIN_SPEED = 0.5;
export const MAX_SPEED = 120;

/** The exercise clock: enough for a client to interpolate sim time between messages. */
export interface ClockState {
  status: ExerciseStatus;
  /** Sim ms at `wallAt`. */
  simTime: number;
  /** Server wall clock (epoch ms) when simTime was read. While running, now ≈ simTime + (wallNow − wallAt) × speed. */
  wallAt: number;
  speed: number;
  /** Sim ms at which the scenario ends. */
  endsAt: number;
  /** Local calendar time of sim time 0 (ISO 8601 with offset). */
  startIso: string;
}

export interface Welcome {
  exerciseId: string;
  exerciseName: string;
  regionId: string;
  role: JoinRole;
  /** A commander may be limited to one jurisdiction (its calls and incidents) or team. */
  jurisdictionId?: string;
  participantId: string;
  /** Shown with the code at the next join, it spares this device the slowing that wrong codes from its address cause. */
  deviceToken?: string;
}

export interface BoardSnapshot {
  exerciseId: string;
  /** Last event folded into `board`. */
  seq: number;
  board: BoardState;
  clock: ClockState;
}

export interface BoardDelta {
  exerciseId: string;
  /** Seq of the last event the previous delta (or the snapshot) carried; events are fromSeq+1 … toSeq. */
  fromSeq: number;
  toSeq: number;
  events: DomainEvent[];
  clock: ClockState;
}

export interface Participant {
  id: string;
  role: JoinRole;
  name: string;
  connected: boolean;
}

export type ControlAction =
  | { action: 'start' }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'stop' }
  | { action: 'speed'; speed: number }
  /** Advance the paused clock by this many sim ms (default: to the next scheduled happening). */
  | { action: 'step'; ms?: number };

export interface LiveError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Ack<T> = (reply: { ok: true; value: T } | { ok: false; error: LiveError }) => void;

export interface ServerToClientEvents {
  welcome: (w: Welcome) => void;
  snapshot: (s: BoardSnapshot) => void;
  delta: (d: BoardDelta) => void;
  /** Clock changes without events (pause, speed) and a periodic heartbeat. */
  clock: (c: ClockState) => void;
  participants: (p: Participant[]) => void;
  notice: (n: { level: 'info' | 'warning' | 'error'; message: string }) => void;
}

export interface ClientToServerEvents {
  /** A command (validated by the server); acknowledged only after its events are stored. */
  command: (command: unknown, ack: Ack<CommandResult>) => void;
  /** Catch up after `fromSeq`: the missing deltas, or a fresh snapshot when too far behind. */
  resync: (req: { fromSeq: number }, ack: Ack<{ mode: 'deltas' | 'snapshot' }>) => void;
  recommend: (req: { incidentId: string }, ack: Ack<Recommendation>) => void;
  control: (c: ControlAction, ack: Ack<ClockState>) => void;
}

/** Socket handshake: `io(url, { transports: ['websocket'], auth: { code, name, lastSeq } })` (schema in join-auth.ts). */
export type { JoinAuth } from './join-auth.ts';
