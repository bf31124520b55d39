// Fingerprint of an event log: SHA-256 over a canonical serialisation of every event, fed
// incrementally so a year-long run never holds the log. Two runs with the same scenario and seed
// must print the same hash; anything else is a determinism bug.
//
// Canonical form (version 3): two byte streams, each hashed with SHA-256, and the log hash is the
// SHA-256 of the two 32-byte digests one after the other (text first):
// - text: every event's JSON (`JSON.stringify`, its own key order) with `leg.track` (in logs
//   written before tracks: `leg.path` and `leg.times`) left out, as UTF-8, events joined by ','
//   (the bytes of `JSON.stringify(events)` without its brackets);
// - numbers: for each event with a routed leg, in log order, its vertex count n, then its 2n
//   coordinates (lat, lon of each vertex, in degrees) and its n times (sim ms), each a little-endian
//   float64: the numbers shared/leg-track.ts decodes, so a track hashes as the pairs it replaced.
// Every field of every event is in it, numbers bit for bit, and the counts keep each leg's numbers
// apart. Version 2 interleaved the two (each event's line then its leg's numbers, lines ended by
// '\n'), which needed one `JSON.stringify` per event; apart, the text of a whole batch of events
// (`addAll`: an hour of a year's run) is one call, about a third cheaper, and the bytes do not
// depend on how the log is cut into batches.
import { createHash } from 'node:crypto';
import type { DomainEvent, Leg } from '../../shared/events.ts';
import { TRACK_SCALE } from '../../shared/leg-track.ts';

export interface LogHasher {
  add(event: DomainEvent): void;
  /** Adds events in order: the same hash as adding them one by one, for less work. */
  addAll(events: readonly DomainEvent[]): void;
  /** Hex digest of the events added so far; may be called any number of times. */
  hex(): string;
  readonly count: number;
}

/** Marks a leg met again in a batch, already set aside. */
const SHARED = Symbol('shared leg');

/**
 * Events stringified at once by addAll. A longer list is cut into batches of this many (the bytes
 * are the same however the log is cut): the text of a whole stored log in one string would be
 * hundreds of megabytes (past V8's string length limit for a long enough log), and in one roads
 * year's events held in memory, batches of 1,000 events (~176,000 characters, strings V8 makes in
 * its large-object space) hashed in 1.86 s of CPU against 0.91-0.95 s for batches of 20 to 200.
 */
const BATCH_EVENTS = 128;

/** Numbers gathered before one `update` of the numbers stream. */
const NUMBERS_BUFFERED = 8 * 1024;

type Routed = Leg & { track?: number[]; path?: Leg['path']; times?: Leg['times'] };

/** The routed leg of an event (a track, or an older log's path and times), if it has one. */
function routedLeg(event: DomainEvent): Routed | undefined {
  const leg = (event as { leg?: Routed }).leg;
  if (!leg) return undefined;
  if (leg.track || (leg.path && leg.times)) return leg;
  return undefined;
}

export function createLogHasher(): LogHasher {
  const text = createHash('sha256');
  const numbers = createHash('sha256');
  let count = 0;
  /** Numbers not yet hashed (float64, little-endian on every platform Node runs on: checked below). */
  let pending = new Float64Array(NUMBERS_BUFFERED);
  let used = 0;

  const flushNumbers = (): void => {
    if (used > 0) {
      numbers.update(new Uint8Array(pending.buffer, 0, 8 * used));
      used = 0;
    }
  };
  /** Room for `size` more numbers in `pending`. */
  const reserve = (size: number): void => {
    if (used + size <= pending.length) return;
    flushNumbers();
    if (size > pending.length) pending = new Float64Array(2 ** Math.ceil(Math.log2(size)));
  };
  /** A leg's numbers: n, then lat, lon of each vertex, then each time (tracks decoded in place). */
  const addNumbers = (leg: Routed): void => {
    const track = leg.track;
    if (track) {
      const n = track.length / 3;
      reserve(1 + 3 * n);
      const out = pending;
      const base = used;
      out[base] = n;
      let lat = 0, lon = 0, t = leg.departAt;
      for (let i = 0, k = 0; i < n; i++, k += 3) {
        lat += track[k]!; lon += track[k + 1]!; t += track[k + 2]!;
        out[base + 1 + 2 * i] = lat / TRACK_SCALE;
        out[base + 2 + 2 * i] = lon / TRACK_SCALE;
        out[base + 1 + 2 * n + i] = t;
      }
      used += 1 + 3 * n;
      return;
    }
    const path = leg.path!;
    const times = leg.times!;
    const n = path.length;
    reserve(1 + 3 * n);
    pending[used++] = n;
    for (const p of path) { pending[used++] = p[0]; pending[used++] = p[1]; }
    for (const x of times) pending[used++] = x;
  };

  /** One event's text, without its routed leg's vertices (copies, for a leg that cannot be changed in place). */
  const textOf = (event: DomainEvent, leg: Routed | undefined): string => {
    if (!leg) return JSON.stringify(event);
    if (leg.track) {
      const { track: _track, ...rest } = leg;
      return JSON.stringify({ ...event, leg: rest });
    }
    const { path: _path, times: _times, ...rest } = leg;
    return JSON.stringify({ ...event, leg: rest });
  };

  /** The routed legs of the batch being written, and the vertices set aside from each. */
  const legs: Routed[] = [];
  const aside: unknown[] = [];

  const add = (event: DomainEvent): void => {
    const leg = routedLeg(event);
    if (count > 0) text.update(',');
    text.update(textOf(event, leg), 'utf8');
    if (leg) addNumbers(leg);
    count++;
  };

  /** A batch of at most BATCH_EVENTS events: one JSON.stringify. */
  const addBatch = (events: readonly DomainEvent[]): void => {
    if (events.length === 0) return;
    // The text of the whole batch is one JSON.stringify of the array, with each routed leg's
    // vertices set aside in place for it (JSON leaves out a property whose value is undefined and
    // keeps the order of the others): copies of the events would cost more than the stringify.
    // Everything is put back before anything else can see the legs. A frozen leg (none the engine
    // makes) cannot be changed in place: such a batch goes one event at a time.
    legs.length = 0;
    for (const e of events) {
      const leg = routedLeg(e);
      if (!leg) continue;
      if (Object.isFrozen(leg)) {
        legs.length = 0;
        for (const x of events) add(x);
        return;
      }
      legs.push(leg);
    }
    for (const leg of legs) addNumbers(leg);
    let json: string;
    try {
      for (const leg of legs) {
        // Only the fields the leg has are set aside (and put back): adding one would change its shape.
        // A leg two events share is set aside (and put back) once.
        if (leg.track === undefined && leg.path === undefined) aside.push(SHARED, SHARED);
        else if (leg.track) {
          aside.push(leg.track, undefined);
          leg.track = undefined;
        } else {
          aside.push(leg.path, leg.times);
          leg.path = undefined;
          leg.times = undefined;
        }
      }
      json = JSON.stringify(events);
    } finally {
      // aside holds (track, undefined) or (path, times) for each leg set aside so far, in order.
      for (let i = 0; 2 * i < aside.length; i++) {
        const leg = legs[i]!;
        const times = aside[2 * i + 1];
        if (times === SHARED) continue;
        if (times === undefined) leg.track = aside[2 * i] as number[];
        else {
          leg.path = aside[2 * i] as Leg['path'];
          leg.times = times as Leg['times'];
        }
      }
      aside.length = 0;
      legs.length = 0;
    }
    if (count > 0) text.update(',');
    text.update(json.slice(1, -1), 'utf8');
    count += events.length;
  };

  return {
    add,
    addAll(events) {
      if (events.length <= BATCH_EVENTS) {
        addBatch(events);
        return;
      }
      for (let i = 0; i < events.length; i += BATCH_EVENTS) addBatch(events.slice(i, i + BATCH_EVENTS));
    },
    hex() {
      flushNumbers();
      return createHash('sha256').update(text.copy().digest()).update(numbers.copy().digest()).digest('hex');
    },
    get count() {
      return count;
    },
  };
}

if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 0x3f) throw new Error('log hash: this platform is not little-endian');
