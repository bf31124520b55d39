// The log hasher writes exactly the canonical bytes of server/metrics/log-hash.ts, however it batches
// them: compared with the form written out the plain way (from each event's JSON read back, key
// numbers from a plain Map, the three streams built whole) on every event of real runs and on awkward values, adding events one by one
// and in batches cut anywhere. Its buffering must never change a hash: every golden hash, every
// `sim run` logHash and every replay check depends on it. A log read back from its JSON hashes as the
// live events did; logs that differ in any value, key, order or split of a string hash apart; and
// hashing leaves the events exactly as they were.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DomainEvent, Leg } from '../../shared/events.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import { KEY_BASE, KEY_END, KEY_NEW, KEY_PATH, TAG } from '../../server/metrics/canonical-walk.ts';
import { encodeTrack, legVertices, toTrackUnits } from '../../shared/leg-track.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';

const HOUR_MS = 3_600_000;
const world = loadWorld({});

/**
 * Canonical form 4 the plain way, from each event as JSON gives it back (so the hasher must agree
 * with what the store reads back), with a plain Map of key numbers: codes (tags, LEB128 lengths,
 * key codes), numbers (float64, little-endian) and text (UTF-16LE), each stream built whole; the
 * hash is the SHA-256 of the three streams' digests.
 */
function plainHash(events: readonly DomainEvent[]): string {
  const codes: number[] = [];
  const numbers: number[] = [];
  const text: string[] = [];
  const keys = new Map<string, number>();
  const varint = (v: number): void => {
    for (; v >= 128; v = Math.floor(v / 128)) codes.push(128 + (v % 128));
    codes.push(v);
  };
  const key = (k: string): void => {
    if (keys.has(k)) return varint(keys.get(k)! + KEY_BASE);
    keys.set(k, keys.size);
    codes.push(KEY_NEW);
    varint(k.length);
    text.push(k);
  };
  const val = (v: unknown): void => {
    if (v === null) codes.push(TAG.null);
    else if (typeof v === 'number') { codes.push(TAG.number); numbers.push(v); }
    else if (typeof v === 'string') { codes.push(TAG.string); varint(v.length); text.push(v); }
    else if (typeof v === 'boolean') codes.push(v ? TAG.true : TAG.false);
    else if (Array.isArray(v)) { codes.push(TAG.array); varint(v.length); v.forEach(val); }
    else obj(v as Record<string, unknown>);
  };
  const obj = (o: Record<string, unknown>, routed?: { path: number[][]; times: number[] }): void => {
    codes.push(TAG.object);
    for (const [k, x] of Object.entries(o)) {
      if (routed && (k === 'track' || k === 'path' || k === 'times')) continue;
      key(k);
      val(x);
    }
    if (routed) {
      codes.push(KEY_PATH);
      varint(routed.path.length);
      numbers.push(...routed.path.flat(), ...routed.times);
    }
    codes.push(KEY_END);
  };
  for (const e of events) {
    const plain = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    const leg = plain.leg as Leg | undefined;
    const vertices = leg && legVertices(leg);
    if (!leg || !vertices) { obj(plain); continue; }
    codes.push(TAG.object);
    for (const [k, x] of Object.entries(plain)) {
      key(k);
      if (k === 'leg') obj(leg as unknown as Record<string, unknown>, vertices);
      else val(x);
    }
    codes.push(KEY_END);
  }
  const bytes = Buffer.alloc(8 * numbers.length);
  numbers.forEach((x, k) => bytes.writeDoubleLE(x, 8 * k));
  const digests = [Buffer.from(codes), bytes, Buffer.from(text.join(''), 'utf16le')].map((b) => createHash('sha256').update(b).digest());
  return createHash('sha256').update(digests[0]!).update(digests[1]!).update(digests[2]!).digest('hex');
}

function hasherHash(events: readonly DomainEvent[]): string {
  const h = createLogHasher();
  for (const e of events) h.add(e);
  expect(h.count).toBe(events.length);
  return h.hex();
}

/** The same through addAll, the log cut into batches at random places (some empty, some single events). */
function batchedHash(events: readonly DomainEvent[], seed: number): string {
  const h = createLogHasher();
  const rand = mulberry32(seed);
  for (let i = 0; i < events.length; ) {
    const size = Math.floor(rand() * rand() * 400);
    h.addAll(events.slice(i, i + size));
    i += size;
  }
  expect(h.count).toBe(events.length);
  return h.hex();
}

/** A shipped scenario headless to its end (or `untilMs`), an hour at a time as `sim run` drives it; `auto` plays a manual drill by the automatic centre. */
function run(file: string, untilMs = Number.POSITIVE_INFINITY, mode?: 'auto'): DomainEvent[] {
  const engine = createEngine(engineConfigFor(world, loadScenario(file, world), mode ? { mode } : {}));
  const events = [...engine.start()];
  const end = Math.min(untilMs, engine.endsAt);
  for (let t = Math.min(HOUR_MS, end); ; t = Math.min(t + HOUR_MS, end)) {
    events.push(...engine.advanceTo(t));
    if (t >= end) break;
  }
  return events;
}

describe('log hasher: the canonical bytes, however they are batched', () => {
  const runs: Record<string, DomainEvent[]> = {
    // In its own manual mode nobody would answer the calls: the automatic centre plays it.
    'tabletop high-rise': run('scenarios/tabletop-highrise.yaml', Number.POSITIVE_INFINITY, 'auto'),
    'typhoon flood': run('scenarios/hazard-typhoon-flood.yaml'),
    'chlorine park': run('scenarios/hazard-chlorine-park.yaml'),
    'normal day, 12 h': run('scenarios/normal-day.yaml', 12 * HOUR_MS),
  };

  for (const [name, events] of Object.entries(runs)) {
    it(`${name}: every event`, () => {
      expect(events.length).toBeGreaterThan(20);
      const before = JSON.stringify(events);
      const want = plainHash(events);
      expect(hasherHash(events)).toBe(want);
      expect(batchedHash(events, 1)).toBe(want);
      expect(batchedHash(events, 2)).toBe(want);
      expect(JSON.stringify(events)).toBe(before);
    });
  }

  it('the runs hash routed legs and non-ASCII text (both paths of the hasher are taken)', () => {
    const all = Object.values(runs).flat();
    expect(all.some((e) => 'leg' in e && e.leg.track !== undefined)).toBe(true);
    expect(all.some((e) => [...JSON.stringify(e)].some((c) => c.charCodeAt(0) > 0x7f))).toBe(true);
  });

  it('a digest taken mid-log is the digest of the log so far, and taking it changes nothing', () => {
    const events = runs['normal day, 12 h']!;
    const h = createLogHasher();
    events.forEach((e, i) => {
      h.add(e);
      if (i % 97 === 0) expect(h.hex()).toBe(plainHash(events.slice(0, i + 1)));
    });
    expect(h.hex()).toBe(plainHash(events));
  });

  it('awkward values: unicode, quotes, control characters, -0, 1e21, undefined fields, nested arrays', () => {
    const odd = [
      { seq: 1, t: 0, type: 'NOTE', text: '中文 “引号” emoji 🚒 and a lone \ud800 surrogate', quote: 'a "quoted" \\ back\\slash', ctl: 'tab\tnew\nline\u0000nul\u001f' },
      { seq: 2, t: -0, type: 'NOTE', big: 1e21, small: 5e-324, neg: -1.5e-7, nan: Number.NaN, inf: Number.POSITIVE_INFINITY, skipped: undefined },
      { seq: 3, t: 1978180.3077868547, type: 'NOTE', nested: [[1, [2, [3, undefined]]], { a: { b: [] } }, null], empty: {} },
      { seq: 4, t: 1, type: '\u2028\u2029', 'key "quoted"': true, 中: false },
    ] as unknown as DomainEvent[];
    expect(hasherHash(odd)).toBe(plainHash(odd));
    expect(batchedHash(odd, 3)).toBe(plainHash(odd));
  });

  it('texts and paths larger than the hasher\'s buffer', () => {
    const long = 'x'.repeat(200_000);
    const wide = '长'.repeat(30_000); // 90,000 UTF-8 bytes
    const n = 10_000; // 240,008 bytes of numbers
    const path = Array.from({ length: n }, (_, i) => [24.6 + i * 1e-6, 110.5 - i * 1e-6]);
    const times = Array.from({ length: n }, (_, i) => 1000 * i);
    const events = [
      { seq: 1, t: 0, type: 'NOTE', text: 'short' },
      { seq: 2, t: 1, type: 'NOTE', text: long },
      { seq: 3, t: 2, type: 'NOTE', text: wide },
      { seq: 4, t: 3, type: 'UNIT_RETURNING', unitId: 'U', available: true, leg: { from: path[0], to: path[n - 1], departAt: 0, arriveAt: times[n - 1], distanceM: 9, path, times } },
      { seq: 5, t: 4, type: 'NOTE', text: 'after' },
      { seq: 6, t: 5, type: 'UNIT_RETURNING', unitId: 'U', available: true, leg: { from: path[0], to: path[n - 1], departAt: 0, arriveAt: times[n - 1], distanceM: 9, track: encodeTrack(path.map((p) => toTrackUnits(p[0]!)), path.map((p) => toTrackUnits(p[1]!)), times, n, 0) } },
      // One object whose own keys and values fill the code and number buffers part-way through it
      // (the walk holds its write positions in locals while it writes an object's properties).
      Object.fromEntries([['seq', 7], ['t', 6], ['type', 'NOTE'], ...Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i % 3 === 0 ? i * 0.5 : i % 3 === 1 ? `v${i}` : i % 2 === 0])]),
      Object.fromEntries([['seq', 8], ['t', 7], ['type', 'NOTE'], ...Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i % 3 === 0 ? i * 0.5 : i % 3 === 1 ? `v${i}` : i % 2 === 0])]),
    ] as unknown as DomainEvent[];
    expect(hasherHash(events)).toBe(plainHash(events));
    const h = createLogHasher();
    h.addAll(events);
    expect(h.hex()).toBe(plainHash(events));
  });

  it('a leg hashes the same as a track and as the [lat, lon] pairs of older logs', () => {
    const pairs = { from: [24.6, 110.5], to: [24.61, 110.52], departAt: 5000_000, arriveAt: 5300_000, distanceM: 2300, path: [[24.6, 110.5], [24.60512, 110.51003], [24.61, 110.52]], times: [5000_000, 5150_000, 5300_000] };
    // 24.60512° is 2,460,512 track units: the track holds the first vertex, then changes.
    const track = [2_460_000, 11_050_000, 0, 512, 1003, 150_000, 488, 997, 150_000];
    const { path: _p, times: _t, ...straight } = pairs;
    const asPairs = [{ seq: 1, t: 5000_000, type: 'UNIT_RETURNING', unitId: 'U', available: true, leg: pairs }] as unknown as DomainEvent[];
    const asTrack = [{ seq: 1, t: 5000_000, type: 'UNIT_RETURNING', unitId: 'U', available: true, leg: { ...straight, track } }] as unknown as DomainEvent[];
    expect(hasherHash(asTrack)).toBe(hasherHash(asPairs));
    expect(hasherHash(asTrack)).toBe(plainHash(asPairs));
    expect(batchedHash(asTrack, 4)).toBe(plainHash(asPairs));
    expect(batchedHash(asPairs, 4)).toBe(plainHash(asPairs));
  });

  it('hashing leaves the events as they were: tracks, older paths, legs two events share, frozen legs', () => {
    const track = [2_460_000, 11_050_000, 0, 512, 1003, 150_000];
    const shared = { from: [24.6, 110.5], to: [24.61, 110.52], departAt: 0, arriveAt: 150_000, distanceM: 9, track };
    const old = { from: [24.6, 110.5], to: [24.61, 110.52], departAt: 0, arriveAt: 1, distanceM: 9, path: [[24.6, 110.5], [24.61, 110.52]], times: [0, 1] };
    const frozen = Object.freeze({ ...shared, track: [...track] });
    const events = [
      { seq: 1, t: 0, type: 'UNIT_EN_ROUTE', unitId: 'U', incidentId: 'I', leg: shared },
      { seq: 2, t: 1, type: 'UNIT_RETURNING', unitId: 'U', available: true, leg: shared },
      { seq: 3, t: 2, type: 'UNIT_RETURNING', unitId: 'V', available: true, leg: old },
      { seq: 4, t: 3, type: 'UNIT_RETURNING', unitId: 'W', available: true, leg: { from: [1, 2], to: [1, 2], departAt: 3, arriveAt: 3, distanceM: 0 } },
    ] as unknown as DomainEvent[];
    const keys = events.map((e) => Object.keys((e as unknown as { leg: object }).leg).join());
    const h = createLogHasher();
    h.addAll(events);
    expect(h.hex()).toBe(plainHash(events));
    expect(shared.track).toBe(track);
    expect(events.map((e) => Object.keys((e as unknown as { leg: object }).leg).join())).toEqual(keys);
    expect(old.path).toHaveLength(2);
    const withFrozen = [...events, { seq: 5, t: 4, type: 'UNIT_RETURNING', unitId: 'X', available: true, leg: frozen }] as unknown as DomainEvent[];
    const f = createLogHasher();
    f.addAll(withFrozen);
    expect(f.hex()).toBe(plainHash(withFrozen));
    expect(shared.track).toBe(track);
  });

  it('events of one type whose keys come and go, change order or nest differently hash as the plain form', () => {
    const rand = mulberry32(7);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const names = ['a', 'b', 'c', 'reason', 'leg', 'unitId'];
    const nested = (depth: number): unknown => {
      const o: Record<string, unknown> = {};
      for (const k of names) if (rand() < 0.5) o[k] = depth > 0 && rand() < 0.4 ? nested(depth - 1) : pick([1, 'x', null, true, undefined, [1, { a: 2 }]]);
      return o;
    };
    const events = Array.from({ length: 400 }, (_, i) => {
      const keys = [...names].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * names.length));
      const e: Record<string, unknown> = { seq: i + 1, t: i, type: pick(['A', 'B']) };
      for (const k of keys) e[k] = k === 'leg' ? nested(2) : pick([nested(2), 'text', 3.5, false]);
      return e;
    }) as unknown as DomainEvent[];
    expect(hasherHash(events)).toBe(plainHash(events));
    expect(batchedHash(events, 9)).toBe(plainHash(events));
  });

  it('a log read back from its JSON hashes as the live events did', () => {
    for (const events of Object.values(runs)) {
      const readBack = JSON.parse(JSON.stringify(events)) as DomainEvent[];
      expect(batchedHash(readBack, 5)).toBe(hasherHash(events));
    }
    const live = [{ seq: 1, t: -0, type: 'NOTE', gone: undefined, f: () => 1, nan: Number.NaN, list: [undefined, Number.POSITIVE_INFINITY] }] as unknown as DomainEvent[];
    expect(hasherHash(live)).toBe(hasherHash(JSON.parse(JSON.stringify(live)) as DomainEvent[]));
  });

  it('logs that differ anywhere hash apart: a value, its type, a key, their order, where a string or an array splits', () => {
    const base = { seq: 1, t: 5, type: 'NOTE', a: 'ab', b: 'c', list: [[1], [2]], flag: true };
    const variants = [
      base,
      { ...base, t: 5.000000000000001 },
      { ...base, t: '5' },
      { ...base, a: 'a', b: 'bc' },
      { seq: 1, t: 5, type: 'NOTE', b: 'c', a: 'ab', list: [[1], [2]], flag: true },
      { ...base, list: [[1, 2]] },
      { ...base, list: [[1], [2], null] },
      { ...base, flag: 1 },
      { ...base, flag: null },
      { ...base, c: '' },
      { ...base, a: 'ab\ud800' },
      { ...base, a: 'ab\ud801' },
    ] as unknown as DomainEvent[];
    const hashes = variants.map((v) => hasherHash([v]));
    expect(new Set(hashes).size).toBe(variants.length);
    // The split between events counts too: two events are not one event holding both.
    expect(hasherHash([variants[0]!, variants[1]!])).not.toBe(hasherHash([{ ...base, next: variants[1] } as unknown as DomainEvent]));
  });
});
