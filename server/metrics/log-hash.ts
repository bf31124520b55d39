// Fingerprint of an event log: SHA-256 over a canonical serialisation of every event, fed
// incrementally so a year-long run never holds the log. Two runs with the same scenario and seed
// must print the same hash; anything else is a determinism bug.
//
// Canonical form (version 4): each event is walked as the JSON value it stands for into three byte
// streams (canonical-walk.ts has them byte by byte), each hashed with SHA-256; the log hash is the
// SHA-256 of the three 32-byte digests one after the other (codes, numbers, text):
// - codes: a tag for each value, lengths and counts, and each object's keys as numbers (a key is
//   spelled out once, the first time the log has it);
// - numbers: every number, as its float64;
// - text: the characters of every string and of each new key, as UTF-16.
// What JSON leaves out is left out (a property whose value is undefined, a function or a symbol; an
// array's extra properties) and what it turns into null turns into null (non-finite numbers,
// undefined in an array), and -0 is 0: so a log read back from its JSON (the store, an export)
// hashes as the live events it was written from. Every other field is in it, numbers bit for bit,
// strings code unit for code unit, keys in their order. A routed leg (the `leg` of an event, with a
// `track` or, in logs written before tracks, `path` and `times`) is written without those fields and
// with its vertices decoded (the coordinates, in degrees, and the times, in sim ms, that
// shared/leg-track.ts gives back), so a track hashes as the pairs it replaced. The bytes do not depend
// on how the log is cut into `add`/`addAll` calls.
//
// Why not JSON text (version 3, to 2026-12): `JSON.stringify` of every event was most of the fold and
// hash time of a metropolitan year: ~130 MB of text, every number through the shortest-decimal
// conversion and every key spelled out in every event, then encoded to UTF-8 again for the hash.
import { createHash } from 'node:crypto';
import type { DomainEvent, Leg } from '../../shared/events.ts';
import { createCanonicalWalk, type RoutedLeg } from './canonical-walk.ts';

export interface LogHasher {
  add(event: DomainEvent): void;
  /** Adds events in order: the same hash as adding them one by one. */
  addAll(events: readonly DomainEvent[]): void;
  /** Hex digest of the events added so far; may be called any number of times. */
  hex(): string;
  readonly count: number;
}

/** The routed leg of an event (a track, or an older log's path and times), if it has one. */
function routedLeg(event: DomainEvent): RoutedLeg | undefined {
  const leg = (event as { leg?: Leg & Partial<RoutedLeg> }).leg;
  if (!leg) return undefined;
  if (leg.track || (leg.path && leg.times)) return leg as RoutedLeg;
  return undefined;
}

export function createLogHasher(): LogHasher {
  const codes = createHash('sha256');
  const numbers = createHash('sha256');
  const text = createHash('sha256');
  const walk = createCanonicalWalk({
    codes: (bytes) => codes.update(bytes),
    numbers: (bytes) => numbers.update(bytes),
    text: (chars) => text.update(chars, 'utf16le'),
  });
  let count = 0;
  const add = (event: DomainEvent): void => {
    walk.event(event as unknown as Record<string, unknown>, routedLeg(event));
    count++;
  };
  return {
    add,
    addAll(events) {
      for (let i = 0; i < events.length; i++) add(events[i]!);
    },
    hex() {
      walk.flush();
      return createHash('sha256').update(codes.copy().digest()).update(numbers.copy().digest()).update(text.copy().digest()).digest('hex');
    },
    get count() {
      return count;
    },
  };
}
