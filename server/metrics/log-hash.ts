// Fingerprint of an event log: SHA-256 over a canonical serialisation of every event, fed
// incrementally so a year-long run never holds the log. Two runs with the same scenario and seed
// must print the same hash; anything else is a determinism bug.
//
// Canonical form (version 2), per event in log order:
//   the event's JSON (`JSON.stringify`, its own key order) with `leg.path` and `leg.times` left out,
//   then '\n';
//   when the event has a leg with a path: the path's vertex count n as a little-endian float64,
//   then its 2n coordinates (lat, lon of each vertex) and its n times, each a little-endian float64.
// Every field of every event is in it, numbers bit for bit; routed legs (most of a year's bytes)
// skip decimal formatting, which was most of the hashing time. Lines are hashed in batches.
import { createHash } from 'node:crypto';
import type { DomainEvent, Leg } from '../../shared/events.ts';

export interface LogHasher {
  add(event: DomainEvent): void;
  /** Hex digest of the events added so far; may be called any number of times. */
  hex(): string;
  readonly count: number;
}

/** Text is gathered up to this many UTF-16 units before one update (few native calls). */
const TEXT_BATCH = 64 * 1024;

export function createLogHasher(): LogHasher {
  const hash = createHash('sha256');
  let count = 0;
  let text = '';
  let numbers = new Float64Array(4096);
  const flushText = (): void => {
    if (text.length > 0) { hash.update(text); text = ''; }
  };
  const addPath = (leg: Required<Pick<Leg, 'path' | 'times'>>): void => {
    const n = leg.path.length;
    const size = 1 + 3 * n;
    if (numbers.length < size) numbers = new Float64Array(2 ** Math.ceil(Math.log2(size)));
    numbers[0] = n;
    let k = 1;
    for (const p of leg.path) { numbers[k++] = p[0]; numbers[k++] = p[1]; }
    for (const t of leg.times) numbers[k++] = t;
    flushText();
    // Float64Array bytes are little-endian on every platform Node runs on (checked below).
    hash.update(new Uint8Array(numbers.buffer, 0, 8 * size));
  };
  return {
    add(event) {
      count++;
      const leg = (event as { leg?: Leg }).leg;
      if (leg?.path && leg.times) {
        const { path: _path, times: _times, ...rest } = leg;
        text += JSON.stringify({ ...event, leg: rest });
        text += '\n';
        addPath({ path: leg.path, times: leg.times });
        return;
      }
      text += JSON.stringify(event);
      text += '\n';
      if (text.length >= TEXT_BATCH) flushText();
    },
    hex() {
      flushText();
      return hash.copy().digest('hex');
    },
    get count() {
      return count;
    },
  };
}

if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 0x3f) throw new Error('log hash: this platform is not little-endian');
