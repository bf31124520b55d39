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
// How the bytes reach the hash (the bytes themselves are fixed by the form above): each event's
// text and numbers are written into one reusable byte buffer, hashed when it is nearly full. This
// used to gather the text by string concatenation up to 64 K characters before one `update`; that
// rope had to be flattened, and a single non-Latin-1 character (a Chinese note in a dispatch reason)
// made the whole batch a two-byte string to re-encode. With few routed legs to break the batches (the
// great-circle model) the hash cost 2.1 s of CPU a metropolitan year, against 0.65 s for the
// `JSON.stringify` calls themselves; `Buffer.write` encodes each event's string straight into place.
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
const NEWLINE = 0x0a;

export function createLogHasher(): LogHasher {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let count = 0;
  /** Scratch for one path's numbers, grown to the longest path seen. */
  let numbers = new Float64Array(4096);

  const flush = (): void => {
    if (used > 0) {
      hash.update(buffer.subarray(0, used));
      used = 0;
    }
  };
  /** Appends bytes, or hashes them directly when they would not fit an empty buffer. */
  const addBytes = (bytes: Uint8Array): void => {
    if (used + bytes.length > BUFFER_BYTES) flush();
    if (bytes.length > BUFFER_BYTES) {
      hash.update(bytes);
      return;
    }
    buffer.set(bytes, used);
    used += bytes.length;
  };
  /** Appends `text` as UTF-8 and a newline. */
  const addLine = (text: string): void => {
    // A UTF-16 unit never takes more than 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
    const worst = 3 * text.length + 1;
    if (used + worst > BUFFER_BYTES) flush();
    if (worst > BUFFER_BYTES) {
      hash.update(text, 'utf8');
      hash.update('\n');
      return;
    }
    used += buffer.write(text, used, 'utf8');
    buffer[used++] = NEWLINE;
  };
  const addPath = (path: NonNullable<Leg['path']>, times: NonNullable<Leg['times']>): void => {
    const n = path.length;
    const size = 1 + 3 * n;
    if (numbers.length < size) numbers = new Float64Array(2 ** Math.ceil(Math.log2(size)));
    numbers[0] = n;
    let k = 1;
    for (const p of path) { numbers[k++] = p[0]; numbers[k++] = p[1]; }
    for (const t of times) numbers[k++] = t;
    // Float64Array bytes are little-endian on every platform Node runs on (checked below).
    addBytes(new Uint8Array(numbers.buffer, 0, 8 * size));
  };

  /** A track's numbers as addPath writes a path's (decoded in place, no pairs made). */
  const addTrack = (track: readonly number[], departAt: number): void => {
    const n = track.length / 3;
    const size = 1 + 3 * n;
    if (numbers.length < size) numbers = new Float64Array(2 ** Math.ceil(Math.log2(size)));
    numbers[0] = n;
    let lat = 0, lon = 0, t = departAt;
    for (let i = 0, k = 0; i < n; i++, k += 3) {
      lat += track[k]!; lon += track[k + 1]!; t += track[k + 2]!;
      numbers[1 + 2 * i] = lat / TRACK_SCALE;
      numbers[2 + 2 * i] = lon / TRACK_SCALE;
      numbers[1 + 2 * n + i] = t;
    }
    addBytes(new Uint8Array(numbers.buffer, 0, 8 * size));
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
