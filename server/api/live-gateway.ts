// The socket.io gateway (websocket transport): a join code checked in the handshake (rate-limited
// per address; a device token from an earlier join spares a right code the slowing, rate-limit.ts), one room per exercise (plus one per audience: controllers get everything, players
// the redacted events), then welcome → snapshot (or catch-up deltas from the client's last seq) →
// deltas. Every client message is validated; every reply is an Ack { ok, value | error }.
import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { Ack, ClientToServerEvents, JoinRole, Participant, ServerToClientEvents, Welcome } from '../../shared/live.ts';
import { ApiError, invalid, toApiError } from './errors.ts';
import type { Access, ExerciseManager } from './exercise-manager.ts';
import { audienceOf, roomOf } from './exercise-rooms.ts';
import { JoinAuthSchema } from '../../shared/join-auth.ts';
import type { JoinRateLimiter } from './rate-limit.ts';
import { runCommand, runControl, runRecommend } from './actions.ts';

interface SocketData {
  access: Access;
  deviceToken: string;
  participant: Participant;
  lastSeq?: number;
}

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Joins and leaves within this window share one roster broadcast. */
const ROSTER_COALESCE_MS = 100;

const ResyncSchema = z.object({ fromSeq: z.number().int().min(0) }).strict();

function joinError(e: ApiError): Error & { data?: unknown } {
  const err = new Error(e.message) as Error & { data?: unknown };
  err.data = { code: e.code, message: e.message, details: e.details ?? null };
  return err;
}

/** The socket.io server on `http` (websocket transport only); attachLiveGateway gives it its handlers. */
export function createLiveServer(http: HttpServer): LiveServer {
  return new Server(http, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: 1e6, cors: { origin: false } });
}

export function attachLiveGateway(io: LiveServer, manager: ExerciseManager, limiter: JoinRateLimiter, log: (line: string) => void): void {
  const participants = new Map<string, Map<string, Participant>>();

  // The roster goes to everyone in the room, so sending it on every join is quadratic when a class
  // joins at once (200 clients: 200 lists of up to 200 to 200 sockets, 100-200 ms loop stalls):
  // joins and leaves within a short window share one roster broadcast.
  const rosterDue = new Map<string, NodeJS.Timeout>();
  const broadcastParticipants = (exerciseId: string): void => {
    if (rosterDue.has(exerciseId)) return;
    rosterDue.set(exerciseId, setTimeout(() => {
      rosterDue.delete(exerciseId);
      io.to(roomOf(exerciseId)).emit('participants', [...(participants.get(exerciseId)?.values() ?? [])]);
    }, ROSTER_COALESCE_MS).unref());
  };

  io.use((socket, next) => {
    const address = socket.handshake.address;
    const rateLimited = (wait: number): Error => joinError(new ApiError('rate-limited', `too many join attempts from this address; try again in ${Math.ceil(wait / 1000)} s`, { retryAfterMs: wait }));
    const auth = JoinAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      const wait = limiter.attempt(address);
      if (wait > 0) return next(rateLimited(wait));
      limiter.failed(address);
      return next(joinError(invalid('invalid join request (expected auth { code, name?, lastSeq?, deviceToken? })', auth.error)));
    }
    let decision;
    try {
      decision = limiter.join({ address, code: auth.data.code, deviceToken: auth.data.deviceToken }, (code) => manager.resolveCode(code));
    } catch (err) { // the database cannot be read (let go while its file system is read-only)
      return next(joinError(toApiError(err)));
    }
    if (decision.kind === 'wait') return next(rateLimited(decision.waitMs));
    if (decision.kind === 'wrong') return next(joinError(new ApiError('forbidden', 'unknown join code')));
    const { access } = decision;
    const name = auth.data.name?.trim() || access.role;
    socket.data = { access, deviceToken: decision.deviceToken, participant: { id: randomUUID(), role: access.role, name, connected: true }, ...(auth.data.lastSeq === undefined ? {} : { lastSeq: auth.data.lastSeq }) };
    next();
  });

  io.on('connection', (socket: LiveSocket) => {
    const { access, participant } = socket.data;
    let host;
    try {
      host = manager.get(access.exerciseId);
    } catch (err) {
      socket.emit('notice', { level: 'error', message: toApiError(err).message });
      socket.disconnect(true);
      return;
    }
    const welcome: Welcome = {
      exerciseId: host.id, exerciseName: host.record.name, regionId: host.record.regionId, role: access.role,
      participantId: participant.id, deviceToken: socket.data.deviceToken, ...(access.jurisdictionId ? { jurisdictionId: access.jurisdictionId } : {}),
    };
    socket.emit('welcome', welcome);
    // Catch up from the client's last seq when it can; a fresh snapshot otherwise. Either way the
    // socket joins its rooms right after, so the next room delta continues from what it was sent.
    let delta;
    try {
      delta = socket.data.lastSeq === undefined ? undefined : host.catchUp(socket.data.lastSeq, access.role);
    } catch { /* catch-up beyond the ring reads the database, which may be let go: a snapshot (from memory) instead */ }
    if (delta) socket.emit('delta', delta);
    else socket.emit('snapshot', host.snapshot(access.role));
    void socket.join([roomOf(host.id), roomOf(host.id, audienceOf(access.role))]);

    let present = participants.get(host.id);
    if (!present) participants.set(host.id, (present = new Map()));
    present.set(participant.id, participant);
    manager.participantJoined({ id: participant.id, exerciseId: host.id, role: participant.role, name: participant.name });
    broadcastParticipants(host.id);

    /** Runs a handler, replying through the ack; a client that sends no ack function gets nothing. */
    const handle = <T>(ack: unknown, fn: () => T): void => {
      if (typeof ack !== 'function') return;
      const reply = ack as Ack<T>;
      try {
        reply({ ok: true, value: fn() });
      } catch (err) {
        const e = toApiError(err);
        if (e.code === 'internal') log(`socket ${socket.id}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        reply({ ok: false, error: e.toLive() });
      }
    };
    const current = () => manager.get(access.exerciseId);

    socket.on('command', (command, ack) => handle(ack, () => runCommand(current(), access, { id: participant.id, name: participant.name }, command)));
    socket.on('control', (c, ack) => handle(ack, () => runControl(current(), access, c)));
    socket.on('recommend', (req, ack) => handle(ack, () => runRecommend(current(), access, req)));
    socket.on('resync', (req, ack) => handle(ack, () => {
      const parsed = ResyncSchema.safeParse(req);
      if (!parsed.success) throw invalid('invalid resync request', parsed.error);
      const h = current();
      const d = h.catchUp(parsed.data.fromSeq, access.role);
      if (d) {
        socket.emit('delta', d);
        return { mode: 'deltas' as const };
      }
      socket.emit('snapshot', h.snapshot(access.role));
      return { mode: 'snapshot' as const };
    }));
    socket.on('disconnect', () => {
      present.delete(participant.id);
      manager.participantLeft(participant.id);
      broadcastParticipants(host.id);
    });
  });
}

export type { LiveServer, JoinRole };
