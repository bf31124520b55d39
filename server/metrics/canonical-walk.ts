// The walk behind the log hash's canonical form (version 4, described in log-hash.ts): events as the
// JSON values they stand for, written into three streams handed on in blocks:
// - codes (bytes): a tag for each value; after it an array's length, a string's length, a track's
//   vertex count, each as an unsigned LEB128 varint; an object's properties as key codes (varints:
//   0 ends the object, 1 is a key not seen before in the log, whose length and characters follow and
//   which takes the next key number, 2 is a routed leg's path (its vertex count follows), k ≥ 3 is
//   the key numbered k - 3), each key followed by its value;
// - numbers: each number value, and a routed leg's decoded vertices, as little-endian float64;
// - text: the characters of string values and of new keys, as UTF-16LE code units.
// It runs over every event of every run (~750,000 in a metropolitan year), so it writes into reused
// buffers and joins strings a block at a time. Key numbers are the log's own (first seen, first
// numbered), so the bytes are what a plain Map from key to number gives (tests/unit/log-hash.test.ts
// writes them that way); to skip most Map look-ups, each place an object sits (an event of one type,
// a property of such an object) remembers the keys and codes of the object last seen there: keys
// met in the same order cost one comparison each.
import type { Leg } from '../../shared/events.ts';
import type { LatLon } from '../../shared/geo.ts';
import { TRACK_SCALE } from '../../shared/leg-track.ts';

/** The tags of the codes stream. */
export const TAG = { number: 1, string: 2, null: 3, true: 4, false: 5, array: 6, object: 7 } as const;
/** Key codes: the end of an object, a new key, a routed leg's path; key number k is written as k + KEY_BASE. */
export const KEY_END = 0;
export const KEY_NEW = 1;
export const KEY_PATH = 2;
export const KEY_BASE = 3;

/** A leg with its road path: a track, or (older logs) path and times. */
export type RoutedLeg = Leg & { track?: number[]; path?: LatLon[]; times?: number[] };

/** Held before they are handed on: code bytes (64 KiB), numbers (128 KiB), strings joined into one text block. */
const CODES = 1 << 16;
const NUMBERS = 1 << 14;
const PARTS = 2048;

export interface CanonicalWalk {
  /** Writes one event; `leg`, when given, is its routed `leg` (walked with its path decoded). */
  event(event: Record<string, unknown>, leg: RoutedLeg | undefined): void;
  /** Hands on everything written so far. */
  flush(): void;
}

export interface WalkSinks {
  codes(bytes: Uint8Array): void;
  numbers(bytes: Uint8Array): void;
  text(chars: string): void;
}

/** What was last seen at one place of the log: an object's keys in order, their codes, and what sat under each. */
interface Shape {
  keys: string[];
  codes: number[];
  under: (Shape | undefined)[];
}

export function createCanonicalWalk(sinks: WalkSinks): CanonicalWalk {
  let c = new Uint8Array(CODES);
  let nc = 0;
  let w = new Float64Array(NUMBERS);
  let nw = 0;
  // A fixed array of PARTS slots, overwritten block after block: emptying it with `length = 0`
  // would give up its storage and grow it again every block.
  const parts = new Array<string>(PARTS).fill('');
  let np = 0;
  /** Key numbers of the log so far. */
  const keyNumbers = new Map<string, number>();
  /** The shape last seen for events of each type. */
  const byType = new Map<unknown, Shape>();

  const flushCodes = (): void => {
    if (nc > 0) sinks.codes(c.subarray(0, nc));
    nc = 0;
  };
  const flushNumbers = (): void => {
    if (nw > 0) sinks.numbers(new Uint8Array(w.buffer, 0, 8 * nw));
    nw = 0;
  };
  const flushText = (): void => {
    if (np > 0) sinks.text(np === PARTS ? parts.join('') : parts.slice(0, np).join(''));
    np = 0;
  };
  /** Room for `k` more code bytes (a varint takes at most 8 for any length here). */
  const codeRoom = (k: number): void => {
    if (nc + k <= c.length) return;
    flushCodes();
    if (k > c.length) c = new Uint8Array(2 ** Math.ceil(Math.log2(k)));
  };
  const numberRoom = (k: number): void => {
    if (nw + k <= w.length) return;
    flushNumbers();
    if (k > w.length) w = new Float64Array(2 ** Math.ceil(Math.log2(k)));
  };
  /** An unsigned varint (room made by the caller). */
  const varint = (v: number): void => {
    nc = writeVarint(c, nc, v);
  };
  const chars = (s: string): void => {
    parts[np++] = s;
    if (np === PARTS) flushText();
  };
  /**
   * Writes key `k` (a key new to the log: KEY_NEW, its length, its characters, and it is numbered)
   * and gives the code it has from now on.
   */
  const key = (k: string): number => {
    codeRoom(6);
    const n = keyNumbers.get(k);
    if (n !== undefined) {
      varint(n + KEY_BASE);
      return n + KEY_BASE;
    }
    keyNumbers.set(k, keyNumbers.size);
    c[nc++] = KEY_NEW;
    varint(k.length);
    chars(k);
    return keyNumbers.size - 1 + KEY_BASE;
  };

  const value = (v: unknown, at: Shape | undefined): Shape | undefined => {
    codeRoom(6);
    // Tested one `typeof v === '…'` at a time, as object() does (a switch on `typeof v` makes the string).
    if (typeof v === 'number') {
      // Finite numbers as they are (-0 as 0, as JSON writes it); NaN and ±Infinity as null.
      if (v - v === 0) {
        c[nc++] = TAG.number;
        numberRoom(1);
        w[nw++] = v + 0;
      } else c[nc++] = TAG.null;
      return at;
    }
    if (typeof v === 'string') {
      c[nc++] = TAG.string;
      varint(v.length);
      chars(v);
      return at;
    }
    if (typeof v === 'boolean') {
      c[nc++] = v ? TAG.true : TAG.false;
      return at;
    }
    if (typeof v === 'object') {
      if (v === null) {
        c[nc++] = TAG.null;
        return at;
      }
      if (Array.isArray(v)) {
        c[nc++] = TAG.array;
        varint(v.length);
        for (let i = 0; i < v.length; i++) value(v[i], undefined);
        return at;
      }
      return object(v as Record<string, unknown>, at, undefined, undefined);
    }
    if (typeof v === 'bigint') throw new TypeError('log hash: a BigInt has no JSON form');
    // undefined, a function or a symbol where JSON writes null (an array's element).
    c[nc++] = TAG.null;
    return at;
  };

  /**
   * An object: its properties (key code, value) and the end code. `at` is the shape last seen at
   * this place; the shape of this object is returned for the next one there. `self`: this object is
   * that routed leg (its track, or path and times, left out and its path written decoded after the
   * other properties); `child`: the routed leg this object holds as its `leg`.
   */
  const object = (o: Record<string, unknown>, at: Shape | undefined, self: RoutedLeg | undefined, child: RoutedLeg | undefined): Shape => {
    codeRoom(1);
    c[nc++] = TAG.object;
    // While the keys match `at`, their codes come from it; from the first that differs on, a new
    // shape is built (and kept for the next object here).
    let same = at !== undefined;
    let shape: Shape = at ?? { keys: [], codes: [], under: [] };
    let keys = shape.keys;
    let codes = shape.codes;
    // The buffers and their write positions are held in locals while this object's own keys and
    // plain values are written, and handed back (nc, nw) before anything else may write: the
    // closure's variables are memory, and every byte written through them was a load and a store
    // of the position. With locals: ~340 -> ~245 ns for an event of 11 properties (one nested),
    // ~225 -> ~170 ns for one of 4; about a fifth of the walk's instructions in a roads year.
    let cb = c;
    let p = nc;
    let wb = w;
    let q = nw;
    let i = 0;
    for (const k in o) {
      const x = o[k];
      // What JSON leaves out of an object. (Each `typeof x === '…'` is a type check in optimised
      // code; `typeof x` kept as a value is a call that makes the string.)
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      if (self !== undefined && (k === 'track' || k === 'path' || k === 'times')) continue;
      // Room for the key's code, a value's tag and a string's length (varints of 5 bytes at most).
      if (p + 11 > cb.length) {
        nc = p;
        codeRoom(11);
        cb = c;
        p = nc;
      }
      if (same && i < keys.length && keys[i] === k) {
        p = writeVarint(cb, p, codes[i]!);
      } else {
        if (same) {
          same = false;
          shape = cut(shape, i);
          keys = shape.keys;
          codes = shape.codes;
        }
        nc = p;
        keys.push(k);
        codes.push(key(k));
        shape.under.push(undefined);
        codeRoom(11);
        cb = c;
        p = nc;
      }
      // Numbers, strings and booleans in the forms value() writes them (for an array's elements),
      // written here through the locals. Finite numbers as they are (-0 as 0, as JSON writes it);
      // NaN and ±Infinity as null.
      if (typeof x === 'number') {
        const v = x;
        if (v - v === 0) {
          cb[p++] = TAG.number;
          if (q === wb.length) {
            nw = q;
            flushNumbers();
            wb = w;
            q = nw;
          }
          wb[q++] = v + 0;
        } else cb[p++] = TAG.null;
      } else if (typeof x === 'string') {
        const v = x;
        cb[p++] = TAG.string;
        p = writeVarint(cb, p, v.length);
        chars(v);
      } else if (typeof x === 'boolean') cb[p++] = x ? TAG.true : TAG.false;
      else {
        // An object, an array, null (or a BigInt, refused): value() and object() write through nc and nw.
        nc = p;
        nw = q;
        const under = shape.under[i];
        const next = child !== undefined && k === 'leg' ? object(child as unknown as Record<string, unknown>, under, child, undefined) : value(x, under);
        if (next !== under) shape.under[i] = next;
        cb = c;
        p = nc;
        wb = w;
        q = nw;
      }
      i++;
    }
    nc = p;
    nw = q;
    if (same && i < keys.length) shape = cut(shape, i);
    if (self !== undefined) vertices(self);
    codeRoom(1);
    c[nc++] = KEY_END;
    return shape;
  };

  /** A routed leg's path: its code, the vertex count n, then 2n coordinates and n times. */
  const vertices = (leg: RoutedLeg): void => {
    const track = leg.track;
    codeRoom(6);
    c[nc++] = KEY_PATH;
    if (track) {
      // A whole number (a track holds three numbers a vertex): the loop's indices stay integers.
      const count = (track.length / 3) | 0;
      varint(count);
      numberRoom(3 * count);
      const out = w;
      const base = nw;
      let lat = 0, lon = 0, t = leg.departAt;
      for (let i = 0, k = 0; i < count; i++, k += 3) {
        lat += track[k]!; lon += track[k + 1]!; t += track[k + 2]!;
        out[base + 2 * i] = lat / TRACK_SCALE;
        out[base + 2 * i + 1] = lon / TRACK_SCALE;
        out[base + 2 * count + i] = t;
      }
      nw += 3 * count;
      return;
    }
    const path = leg.path!;
    const times = leg.times!;
    varint(path.length);
    numberRoom(2 * path.length + times.length);
    for (const p of path) { w[nw++] = p[0]; w[nw++] = p[1]; }
    for (const x of times) w[nw++] = x;
  };

  return {
    event(event, leg) {
      const type = event.type;
      const at = byType.get(type);
      const shape = object(event, at, undefined, leg);
      if (shape !== at) byType.set(type, shape);
    },
    flush() {
      flushCodes();
      flushNumbers();
      flushText();
    },
  };
}

/**
 * Writes `v` (a length, a count or a key number: a whole number below 2^31) as an unsigned LEB128
 * varint into `bytes` from `at` (room made by the caller); gives the position after it. A function of
 * its arguments alone, so the walk's callers keep their write positions in locals.
 */
function writeVarint(bytes: Uint8Array, at: number, v: number): number {
  while (v >= 0x80) {
    bytes[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  bytes[at++] = v;
  return at;
}

/** The first `i` keys of a shape, as a shape of its own. */
const cut = (shape: Shape, i: number): Shape => ({ keys: shape.keys.slice(0, i), codes: shape.codes.slice(0, i), under: shape.under.slice(0, i) });
