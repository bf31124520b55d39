// The socket.io link to the exercise server: joins with the code, feeds the store with welcome,
// snapshot, deltas and clock, asks for a resync when a delta does not follow on, and lets socket.io
// reconnect by itself (the server sends a fresh welcome + snapshot on every connection).
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ClockState, ControlAction, LiveError, ServerToClientEvents } from '../../../shared/live.ts';
import type { CommandInput, CommandResult } from '../../../shared/commands.ts';
import type { Recommendation } from '../../../shared/recommendation.ts';
import type { BoardStore } from './board-store.ts';
import { getJson } from './rest.ts';
import { storeDeviceToken, storedDeviceToken } from './device-token.ts';

export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the panels call; the board page passes it down (tests pass their own). */
export interface LiveActions {
  command(c: CommandInput): Promise<CommandResult>;
  control(c: ControlAction): Promise<ClockState>;
  recommend(incidentId: string): Promise<Recommendation>;
  /** ETAs of chosen units to an incident (a unit the commander adds beyond the recommendation). */
  etas(incidentId: string, unitIds: readonly string[]): Promise<UnitEta[]>;
}

export interface UnitEta { unitId: string; etaSec: number | null; orderable: boolean }

export interface LiveConnection extends LiveActions {
  close(): void;
}

const ACK_TIMEOUT_MS = 10_000;
/** Sends of one command (same id) before its fate is reported as unknown. */
const COMMAND_ATTEMPTS = 3;

function newCommandId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export class LiveRequestError extends Error {
  constructor(readonly error: LiveError) {
    super(error.message);
  }
}

export function connectLive(store: BoardStore, opts: { url?: string; code: string; name?: string }): LiveConnection {
  // On a reconnect, tell the server the last seq we hold: it can send the missed deltas instead of a
  // snapshot; and show the device token (this connection's newest, else the one stored).
  const auth = (cb: (data: object) => void): void => {
    const lastSeq = store.getState().board?.seq;
    const deviceToken = store.getState().welcome?.deviceToken ?? storedDeviceToken();
    cb({ code: opts.code, ...(opts.name ? { name: opts.name } : {}), ...(lastSeq !== undefined ? { lastSeq } : {}), ...(deviceToken ? { deviceToken } : {}) });
  };
  const socket: BoardSocket = opts.url
    ? io(opts.url, { transports: ['websocket'], auth })
    : io({ transports: ['websocket'], auth });
  let resyncing = false;

  socket.on('connect', () => store.setLink('connecting'));
  socket.on('disconnect', (reason) => store.setLink('disconnected', reason));
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    // A refused code does not get better by retrying; anything else (server down) does.
    const code = err.data?.code ?? '';
    const refused = code === 'forbidden' || code === 'invalid' || code === 'not-found' || /code|forbidden|unauthori[sz]ed/i.test(err.message);
    if (refused) {
      socket.disconnect();
      store.setLink('rejected', err.message);
    } else store.setLink('disconnected', err.message);
  });
  socket.on('welcome', (w) => {
    if (w.deviceToken) storeDeviceToken(w.deviceToken);
    store.setWelcome(w);
  });
  socket.on('snapshot', (s) => {
    resyncing = false;
    store.applySnapshot(s);
  });
  socket.on('delta', (d) => {
    const result = store.applyDelta(d);
    if (result === 'applied') resyncing = false;
    if (result !== 'gap' || resyncing) return;
    resyncing = true;
    const fromSeq = store.getState().board?.seq ?? 0;
    store.setLink('resyncing');
    socket.timeout(ACK_TIMEOUT_MS).emit('resync', { fromSeq }, (err, reply) => {
      // When the resync itself fails, drop the link: the reconnect brings a fresh snapshot.
      if (err || !reply.ok) {
        resyncing = false;
        socket.disconnect().connect();
      }
    });
  });
  socket.on('clock', (c) => store.setClock(c));
  socket.on('participants', (p) => store.setParticipants(p));
  socket.on('notice', (n) => store.addNotice(n.level, n.message));

  const ask = <T,>(send: (ack: (err: Error | null, reply: { ok: true; value: T } | { ok: false; error: LiveError }) => void) => void): Promise<T> =>
    new Promise((resolve, reject) => {
      send((err, reply) => {
        if (err) reject(new LiveRequestError({ code: 'timeout', message: err.message }));
        else if (reply.ok) resolve(reply.value);
        else reject(new LiveRequestError(reply.error));
      });
    });

  return {
    command: async (c) => {
      // Every command carries an id of its own: a retry after a lost answer is applied at most once
      // (the server answers a known id with its first result), so an unanswered command is sent
      // again until the server says what became of it.
      const sent = { ...c, commandId: c.commandId ?? newCommandId() };
      for (let attempt = 1; ; attempt++) {
        try {
          return await ask<CommandResult>((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('command', sent, ack));
        } catch (err) {
          if (!(err instanceof LiveRequestError)) throw err;
          if (err.error.code === 'timeout' && attempt < COMMAND_ATTEMPTS) {
            store.addNotice('warning', `${c.type}: no answer yet (unknown, checking)`);
            continue;
          }
          // Still no answer: not a refusal, its fate is unknown; the event log shows it if it applied.
          if (err.error.code === 'timeout') return { ok: false, error: { code: 'timeout', message: `${c.type}: no answer from the server (unknown, checking the event log)`, command: c.type } };
          // A refusal by the gateway (role, validation) reads like an engine refusal on the board.
          return { ok: false, error: { code: err.error.code, message: err.error.message, command: c.type } };
        }
      }
    },
    control: (c) => ask<ClockState>((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('control', c, ack)),
    recommend: (incidentId) => ask<Recommendation>((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('recommend', { incidentId }, ack)),
    etas: async (incidentId, unitIds) => {
      const exerciseId = store.getState().welcome?.exerciseId;
      if (!exerciseId) throw new Error('not joined yet');
      const path = `/api/exercises/${encodeURIComponent(exerciseId)}/incidents/${encodeURIComponent(incidentId)}/etas?units=${unitIds.map(encodeURIComponent).join(',')}`;
      const body = await getJson<{ etas: UnitEta[] }>(`${opts.url ?? ''}${path}`, opts.code);
      return body.etas;
    },
    close: () => {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
