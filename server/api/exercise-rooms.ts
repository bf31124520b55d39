// Where an exercise's messages go: one socket.io room per exercise (everyone), plus one per
// audience (controllers get every event, players the redacted ones). The Broadcaster is typed by
// the live contract (shared/live.ts), so a server message cannot drift from what the board expects.
import type { JoinRole, ServerToClientEvents } from '../../shared/live.ts';

export type Audience = 'controller' | 'player';

/** Emits one server → client message of the live contract. */
export type ServerEmit = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

/** A socket.io server (or anything with rooms and the typed emit). */
export interface Broadcaster {
  to(room: string): { emit: ServerEmit };
}

export const roomOf = (exerciseId: string, audience?: Audience): string => (audience ? `${exerciseId}:${audience}` : exerciseId);
export const audienceOf = (role: JoinRole): Audience => (role === 'controller' ? 'controller' : 'player');
