// The log hasher writes exactly the canonical bytes of server/metrics/log-hash.ts, however it batches
// them: compared with the form written out the plain way (one `update` per line and per path) on
// every event of real runs and on awkward values. Its buffering must never change a hash: every
// golden hash, every `sim run` logHash and every stored exercise depend on it.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/events.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import { encodeTrack, legVertices, toTrackUnits } from '../../shared/leg-track.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';

const HOUR_MS = 3_600_000;
const world = loadWorld({});

/**
 * Canonical form 2 the plain way: each event's JSON line without leg.track (older logs: leg.path and
 * leg.times), then n, the coordinates and the times (as shared/leg-track.ts decodes them) as
 * little-endian float64.
 */
function plainHash(events: readonly DomainEvent[]): string {
  const h = createHash('sha256');
  for (const e of events) {
    const leg = 'leg' in e ? e.leg : undefined;
    const vertices = leg && legVertices(leg);
    if (leg && vertices) {
      const { path, times } = vertices;
      const { track: _track, path: _path, times: _times, ...rest } = leg;
      h.update(`${JSON.stringify({ ...e, leg: rest })}\n`, 'utf8');
      const numbers = [path.length, ...path.flat(), ...times];
      const bytes = Buffer.alloc(8 * numbers.length);
      numbers.forEach((x, i) => bytes.writeDoubleLE(x, 8 * i));
      h.update(bytes);
    } else {
      h.update(`${JSON.stringify(e)}\n`, 'utf8');
    }
  }
  return h.digest('hex');
}

function hasherHash(events: readonly DomainEvent[]): string {
  const h = createLogHasher();
  for (const e of events) h.add(e);
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
      expect(hasherHash(events)).toBe(plainHash(events));
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
  });
});
