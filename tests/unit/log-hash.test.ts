// The log hasher writes exactly the canonical bytes of server/metrics/log-hash.ts, however it batches
// them: compared with the form written out the plain way (two streams updated event by event) on
// every event of real runs and on awkward values, adding events one by one and in batches cut
// anywhere. Its buffering must never change a hash: every golden hash, every `sim run` logHash and
// every replay check depends on it. And hashing a batch leaves its events exactly as they were.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/events.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import { encodeTrack, legVertices, toTrackUnits } from '../../shared/leg-track.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';

const HOUR_MS = 3_600_000;
const world = loadWorld({});

/**
 * Canonical form 3 the plain way: the text stream is each event's JSON without leg.track (older
 * logs: leg.path and leg.times), events joined by ','; the numbers stream is, for each routed leg,
 * n, the coordinates and the times (as shared/leg-track.ts decodes them) as little-endian float64;
 * the hash is the SHA-256 of the two streams' digests, text first.
 */
function plainHash(events: readonly DomainEvent[]): string {
  const text = createHash('sha256');
  const numbers = createHash('sha256');
  events.forEach((e, i) => {
    if (i > 0) text.update(',');
    const leg = 'leg' in e ? e.leg : undefined;
    const vertices = leg && legVertices(leg);
    if (leg && vertices) {
      const { path, times } = vertices;
      const { track: _track, path: _path, times: _times, ...rest } = leg;
      text.update(JSON.stringify({ ...e, leg: rest }), 'utf8');
      const all = [path.length, ...path.flat(), ...times];
      const bytes = Buffer.alloc(8 * all.length);
      all.forEach((x, k) => bytes.writeDoubleLE(x, 8 * k));
      numbers.update(bytes);
    } else {
      text.update(JSON.stringify(e), 'utf8');
    }
  });
  return createHash('sha256').update(text.digest()).update(numbers.digest()).digest('hex');
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
      // Batches set the legs' vertices aside in place while they are written: all put back.
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

  it('a batch puts back exactly what it set aside: tracks, older paths, legs two events share, frozen legs', () => {
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
    // A frozen leg cannot be changed in place: its batch goes event by event, same hash.
    const withFrozen = [...events, { seq: 5, t: 4, type: 'UNIT_RETURNING', unitId: 'X', available: true, leg: frozen }] as unknown as DomainEvent[];
    const f = createLogHasher();
    f.addAll(withFrozen);
    expect(f.hex()).toBe(plainHash(withFrozen));
    expect(shared.track).toBe(track);
  });
});
