// Fingerprint of an event log: SHA-256 over a canonical serialisation of every event, fed
// incrementally so a year-long run never holds the log. Two runs with the same scenario and seed
// must print the same hash; anything else is a determinism bug.
//
// Canonical form (version 2), per event in log order:
//   the event's JSON (`JSON.stringify`, its own key order) with `leg.track` (or, in logs written
//   before tracks, `leg.path` and `leg.times`) left out, as UTF-8, then '\n';
//   when the event has a routed leg: its vertex count n as a little-endian float64, then its 2n
//   coordinates (lat, lon of each vertex, in degrees) and its n times (sim ms), each a little-endian
//   float64: the numbers shared/leg-track.ts decodes, so a track hashes as the pairs it replaced.
// Every field of every event is in it, numbers bit for bit; routed legs (most of a year's bytes)
// skip decimal formatting, which was most of the hashing time.
//
// How the bytes reach the hash (the bytes themselves are fixed by the form above): events' lines
// are joined into one string of a few thousand characters, written into one reusable byte buffer by
// one `Buffer.write`, and the buffer is hashed when it is nearly full; a track's numbers are written
// into the same buffer in place. This used to gather the text by string concatenation up to 64 K
// characters before one `update`; that rope had to be flattened, and a single non-Latin-1 character
// (a Chinese note in a dispatch reason) made the whole batch a two-byte string to re-encode. With few
// routed legs to break the batches (the great-circle model) the hash cost 2.1 s of CPU a
// metropolitan year, against 0.65 s for the `JSON.stringify` calls themselves. Writing each line
// into the buffer on its own fixed that, at one native call per event (~0.1 s a roads year); joining
// 8 K characters first keeps the two-byte cost to one small batch and saves most of those calls.
import { createHash } from 'node:crypto';
import type { DomainEvent, Leg } from '../../shared/events.ts';
import { TRACK_SCALE } from '../../shared/leg-track.ts';

export interface LogHasher {
  add(event: DomainEvent): void;
  /** Hex digest of the events added so far; may be called any number of times. */
  hex(): string;
  readonly count: number;
}

/** Bytes gathered before one `update`: few native calls, small enough for one per exercise. */
const BUFFER_BYTES = 64 * 1024;
/**
 * Event lines gathered as one string (UTF-16 units) before one `Buffer.write`: one native call per
 * few dozen events instead of one per event. Small, so that a line holding a character beyond
 * Latin-1 (which makes the joined string two-byte) re-encodes only a few kilobytes with it.
 */
const PENDING_UNITS = 8 * 1024;

export function createLogHasher(): LogHasher {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let used = 0;
  let count = 0;
  /** Event lines (each with its newline) not yet written into the buffer. */
  let pending = '';
  /** Scratch for one path's numbers when they do not fit the buffer, grown to the longest seen. */
  let numbers = new Float64Array(4096);

  const flushBuffer = (): void => {
    if (used > 0) {
      hash.update(buffer.subarray(0, used));
      used = 0;
    }
  };
  /** Writes the pending lines into the buffer as UTF-8 (or hashes them directly when larger than it). */
  const writePending = (): void => {
    if (pending.length === 0) return;
    const text = pending;
    pending = '';
    // A UTF-16 unit never takes more than 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
    const worst = 3 * text.length;
    if (used + worst > BUFFER_BYTES) flushBuffer();
    if (worst > BUFFER_BYTES) {
      hash.update(text, 'utf8');
      return;
    }
    used += buffer.write(text, used, 'utf8');
  };
  const flush = (): void => {
    writePending();
    flushBuffer();
  };
  /** Appends `text` and a newline. */
  const addLine = (text: string): void => {
    pending += text;
    pending += '\n';
    if (pending.length >= PENDING_UNITS) writePending();
  };
  /** Makes room for `bytes` of numbers after the pending lines; false when they can never fit the buffer. */
  const roomFor = (bytes: number): boolean => {
    writePending();
    if (used + bytes > BUFFER_BYTES) flushBuffer();
    return bytes <= BUFFER_BYTES;
  };
  /** Numbers too many for the buffer: gathered in the scratch array and hashed directly. */
  const scratch = (size: number): Float64Array => {
    if (numbers.length < size) numbers = new Float64Array(2 ** Math.ceil(Math.log2(size)));
    return numbers;
  };
  const hashScratch = (size: number): void => {
    // Float64Array bytes are little-endian on every platform Node runs on (checked below).
    hash.update(new Uint8Array(numbers.buffer, 0, 8 * size));
  };

  const addPath = (path: NonNullable<Leg['path']>, times: NonNullable<Leg['times']>): void => {
    const n = path.length;
    const size = 1 + 3 * n;
    const out = scratch(size);
    out[0] = n;
    let k = 1;
    for (const p of path) { out[k++] = p[0]; out[k++] = p[1]; }
    for (const t of times) out[k++] = t;
    if (roomFor(8 * size)) {
      buffer.set(new Uint8Array(out.buffer, 0, 8 * size), used);
      used += 8 * size;
    } else {
      hashScratch(size);
    }
  };

  /** A track's numbers as addPath writes a path's (decoded in place, no pairs made). */
  const addTrack = (track: readonly number[], departAt: number): void => {
    const n = track.length / 3;
    const size = 1 + 3 * n;
    if (!roomFor(8 * size)) {
      const out = scratch(size);
      out[0] = n;
      let lat = 0, lon = 0, t = departAt;
      for (let i = 0, k = 0; i < n; i++, k += 3) {
        lat += track[k]!; lon += track[k + 1]!; t += track[k + 2]!;
        out[1 + 2 * i] = lat / TRACK_SCALE;
        out[2 + 2 * i] = lon / TRACK_SCALE;
        out[1 + 2 * n + i] = t;
      }
      hashScratch(size);
      return;
    }
    // Straight into the buffer, little-endian: n, then the n coordinate pairs, then the n times.
    const at = used;
    view.setFloat64(at, n, true);
    let lat = 0, lon = 0, t = departAt;
    for (let i = 0, k = 0; i < n; i++, k += 3) {
      lat += track[k]!; lon += track[k + 1]!; t += track[k + 2]!;
      view.setFloat64(at + 8 + 16 * i, lat / TRACK_SCALE, true);
      view.setFloat64(at + 16 + 16 * i, lon / TRACK_SCALE, true);
      view.setFloat64(at + 8 + 16 * n + 8 * i, t, true);
    }
    used += 8 * size;
  };

  return {
    add(event) {
      count++;
      const leg = (event as { leg?: Leg }).leg;
      if (leg?.track) {
        const track = leg.track;
        if (Object.isFrozen(leg)) {
          const { track: _left, ...rest } = leg;
          addLine(JSON.stringify({ ...event, leg: rest }));
        } else {
          // The same text as the event with a copy of its leg without the track (JSON leaves out a
          // property whose value is undefined, in place, the order of the others kept), without the
          // two copies: made by spreads of objects of many shapes, they cost more than the
          // stringify itself (~0.6 us an event, 175,000 routed legs a metropolitan year). The
          // track is put back before anything else can see the leg.
          leg.track = undefined;
          try {
            addLine(JSON.stringify(event));
          } finally {
            leg.track = track;
          }
        }
        addTrack(track, leg.departAt);
        return;
      }
      if (leg?.path && leg.times) {
        const { path, times, ...rest } = leg;
        addLine(JSON.stringify({ ...event, leg: rest }));
        addPath(path, times);
        return;
      }
      addLine(JSON.stringify(event));
    },
    hex() {
      flush();
      return hash.copy().digest('hex');
    },
    get count() {
      return count;
    },
  };
}

if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 0x3f) throw new Error('log hash: this platform is not little-endian');
