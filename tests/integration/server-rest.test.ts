/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// The exercise server's REST API over real HTTP on an ephemeral port, with a real SQLite file:
// regions, scenarios (list, validate with file:line messages, upload), exercises (create with three
// codes, list, archive), the join code on every exercise endpoint, clock controls, events after a
// seq (redacted for players), metrics, the roster, one error shape, the OpenAPI description
// matching the routes, the built board served at /, and a database that is out of sync refused.
import { EVENT_VISIBILITY } from '../../shared/event-visibility.ts';
import type { DomainEventType } from '../../shared/events.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import { api, createExercise, testServer, tmpDir, type TestServer } from './server-kit.ts';
import { mountApiRoutes } from '../../server/api/api-routes.ts';
import { startServer } from '../../server/api/start-server.ts';
import { openDatabase } from '../../server/store/open-database.ts';

let s: TestServer;
beforeAll(async () => { s = await testServer({ timing: { flushMs: 50 } }); });
afterAll(async () => { await s.close(); });

const expectError = (r: { status: number; body: any }, status: number, code: string): void => {
  expect(r.status).toBe(status);
  expect(Object.keys(r.body)).toEqual(['error']);
  expect(Object.keys(r.body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message.length).toBeGreaterThan(10);
};

describe('regions and scenarios', () => {
  it('lists the demo region and describes it; an unknown one is a 404 in the error shape', async () => {
    const list = await api(s.url, '/api/regions');
    expect(list.status).toBe(200);
    expect(list.body.regions).toEqual([expect.objectContaining({ id: 'demo-county', stations: 66, units: 177 })]);
    const one = await api(s.url, '/api/regions/demo-county');
    expect(one.body.bounds.north).toBeGreaterThan(one.body.bounds.south);
    expect(one.body.jurisdictions.length).toBeGreaterThan(10);
    expectError(await api(s.url, '/api/regions/atlantis'), 404, 'not-found');
  });

  it('lists the shipped scenarios, validates text with file:line errors, and keeps an upload', async () => {
    const list = await api(s.url, '/api/scenarios');
    expect(list.body.scenarios.map((x: any) => x.id)).toEqual(expect.arrayContaining(['normal-day', 'normal-year', 'tabletop-highrise']));
    const good = 'name: Drill A\nregion: demo-county\nstart: 2026-06-01T08:00:00+08:00\nduration: 2h\nmode: manual\ncalls:\n  - at: 10m\n    type: building-fire\n    location: Qingshui Plaza\n';
    const ok = await api(s.url, '/api/scenarios/validate', { text: good });
    expect(ok.status).toBe(200);
    expect(ok.body.scenario).toMatchObject({ name: 'Drill A', region: 'demo-county', scriptedCalls: 1 });
    const bad = good.replace('Qingshui Plaza', 'Nowhere Street').replace('2h', 'two hours');
    const refused = await api(s.url, '/api/scenarios/validate', { body: { source: bad, id: 'drill-a' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid');
    expect(refused.body.error.message).toMatch(/drill-a\.yaml:4:\d+: duration/);
    expect(refused.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'drill-a.yaml', line: 4, path: 'duration' })]));
    // One pass: the misspelt place is reported along with the schema error, not after it is fixed.
    expect(refused.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'drill-a.yaml', line: 9, path: 'calls.0.location' })]));
    const elsewhere = await api(s.url, '/api/scenarios/validate', { body: { source: bad.replace('demo-county', 'atlantis'), id: 'drill-b' } });
    expect(elsewhere.body.error.message).toMatch(/drill-b\.yaml:2:\d+: region: unknown region "atlantis" \(expected one of: demo-county/);
    expect(elsewhere.body.error.message).toMatch(/drill-b\.yaml:4:\d+: duration/);
    const wrongPlace = await api(s.url, '/api/scenarios/validate', { body: { source: good.replace('Qingshui Plaza', 'Nowhere Street') } });
    expect(wrongPlace.body.error.message).toMatch(/upload\.yaml:9:\d+: calls\.0\.location: unknown place "Nowhere Street"/);
    const up = await api(s.url, '/api/scenarios', { body: { source: good, id: 'drill-a' } });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ id: 'drill-a', origin: 'upload' });
    expect((await api(s.url, '/api/scenarios')).body.scenarios.map((x: any) => x.id)).toContain('drill-a');
    expectError(await api(s.url, '/api/scenarios', { body: { source: good, id: 'normal-day' } }), 409, 'conflict');
    expectError(await api(s.url, '/api/scenarios', { body: { yaml: good } }), 400, 'invalid');
    // An uploaded scenario runs like a shipped one.
    const ex = await createExercise(s.url, { scenario: 'drill-a' });
    expect(ex.id).toMatch(/^ex-drill-a-1-\d+$/);
  });
});

describe('exercises', () => {
  it('creates an exercise with three distinct unguessable codes; nothing about it is reachable without one', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise', seed: 11 });
    const codes = Object.values(ex.codes);
    expect(new Set(codes).size).toBe(3);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const listed = (await api(s.url, '/api/exercises')).body.exercises.find((x: any) => x.id === ex.id);
    expect(listed).toMatchObject({ status: 'created', mode: 'manual', scenario: 'tabletop-highrise' });
    // The seed replays the hidden truth: not in the open list, not for players, only for the controller.
    expect(listed).not.toHaveProperty('seed');
    expect((await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.commander })).body).not.toHaveProperty('seed');
    expect((await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body.seed).toBe(11);
    // The whole MSEL with each inject's status is the controller's too; players get an empty list.
    const script = (await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body.script;
    expect(script.length).toBeGreaterThan(0);
    expect(script[0]).toMatchObject({ id: expect.any(String), kind: 'call', status: 'pending', type: expect.any(String) });
    expect((await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.commander })).body.script).toEqual([]);
    expect((await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body.script).toEqual([]);
    expect(JSON.stringify(listed)).not.toContain(ex.codes.controller);
    expectError(await api(s.url, `/api/exercises/${ex.id}`), 401, 'unauthorized');
    expectError(await api(s.url, `/api/exercises/${ex.id}`, { code: 'AAAA-BBBB-CCCC-DDDD' }), 403, 'forbidden');
    const other = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    expectError(await api(s.url, `/api/exercises/${ex.id}/events`, { code: other.codes.controller }), 403, 'forbidden');
    const got = await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer.toLowerCase().replace(/-/g, ' ') });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: ex.id, role: 'observer', actions: ['view', 'participants'], status: 'created', seq: 1, simTime: 0, endsAt: 3 * 3_600_000 });
    expect(got.body.checkpoint).toEqual({ seq: 1, simTime: 0, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const join = await api(s.url, `/api/exercises/${ex.id}/join`, { body: { code: ex.codes.commander } });
    expect(join.body).toMatchObject({ exerciseId: ex.id, role: 'commander' });
    expect(join.body.actions).toContain('command:DISPATCH_UNITS');
    expect(join.body.actions).not.toContain('control:pause');
  });

  it('refuses bad create requests with the field that is wrong', async () => {
    const r = await api(s.url, '/api/exercises', { body: { scenario: 'tabletop-highrise', speed: 500 } });
    expectError(r, 400, 'invalid');
    expect(r.body.error.message).toMatch(/speed/);
    expectError(await api(s.url, '/api/exercises', { body: { scenario: 'no-such-scenario' } }), 404, 'not-found');
    const malformed = await fetch(`${s.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenario":' });
    expectError({ status: malformed.status, body: await malformed.json() }, 400, 'invalid');
    expectError(await api(s.url, '/api/nothing-here'), 404, 'not-found');
  });

  it('runs the clock: start, speed, pause, step to the next happening, resume, stop, archive', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const code = ex.codes.controller;
    const control = (body: unknown) => api(s.url, `/api/exercises/${ex.id}/control`, { body, code });
    expectError(await control({ action: 'pause' }), 409, 'not-allowed-in-state');
    expect((await control({ action: 'speed', speed: 120 })).body).toMatchObject({ status: 'created', speed: 120 });
    expectError(await control({ action: 'speed', speed: 121 }), 400, 'invalid');
    expectError(await control({ action: 'warp' }), 400, 'invalid');
    expect((await control({ action: 'start' })).body.status).toBe('running');
    await new Promise((r) => setTimeout(r, 400));
    const paused = await control({ action: 'pause' });
    expect(paused.body.status).toBe('paused');
    const t = paused.body.simTime;
    expect(t).toBeGreaterThanOrEqual(120 * 300); // ≥ 0.3 s of wall time at 120×
    await new Promise((r) => setTimeout(r, 200));
    expect((await api(s.url, `/api/exercises/${ex.id}`, { code })).body.simTime).toBe(t); // a paused clock stands still
    const before = (await api(s.url, `/api/exercises/${ex.id}`, { code })).body.seq;
    const stepped = await control({ action: 'step' }); // to the first scripted call at 5 min
    expect(stepped.body.status).toBe('paused');
    expect(stepped.body.simTime).toBeGreaterThan(t);
    const after = await api(s.url, `/api/exercises/${ex.id}`, { code });
    expect(after.body.seq).toBeGreaterThan(before);
    expect((await control({ action: 'step', ms: 60_000 })).body.simTime).toBe(stepped.body.simTime + 60_000);
    expect((await control({ action: 'resume' })).body.status).toBe('running');
    expect((await control({ action: 'stop' })).body.status).toBe('stopped');
    expectError(await control({ action: 'resume' }), 409, 'not-allowed-in-state');
    expect((await api(s.url, `/api/exercises/${ex.id}/archive`, { method: 'POST', code })).body.status).toBe('archived');
    expect((await api(s.url, '/api/exercises')).body.exercises.map((x: any) => x.id)).not.toContain(ex.id);
    expect((await api(s.url, '/api/exercises?all=1')).body.exercises.map((x: any) => x.id)).toContain(ex.id);
  });

  it('gives the stored events after a seq in order, without the hidden truth for players', async () => {
    const ex = await createExercise(s.url, { scenario: 'normal-day', speed: 120 });
    const code = ex.codes.controller;
    const stepped = await api(s.url, `/api/exercises/${ex.id}/control`, { body: { action: 'step', ms: 12 * 3_600_000 }, code });
    expect(stepped.body, JSON.stringify(stepped.body)).toMatchObject({ status: 'paused', simTime: 12 * 3_600_000 });
    const all = await api(s.url, `/api/exercises/${ex.id}/events?after=0&limit=10000`, { code });
    expect(all.body.events.length).toBeGreaterThan(20);
    expect(all.body.events.map((e: any) => e.seq)).toEqual(all.body.events.map((_: any, i: number) => i + 1));
    const page = await api(s.url, `/api/exercises/${ex.id}/events?after=5&limit=3`, { code });
    expect(page.body.events.map((e: any) => e.seq)).toEqual([6, 7, 8]);
    expect(page.body.more).toBe(true);
    const call = all.body.events.find((e: any) => e.type === 'CALL_RECEIVED');
    expect(call.truth).toBeDefined();
    for (const role of ['commander', 'observer'] as const) {
      const seen = await api(s.url, `/api/exercises/${ex.id}/events?after=0&limit=10000`, { code: ex.codes[role] });
      // Every event but the controller's own (the inject script), in the same seq order.
      const shown = all.body.events.filter((e: any) => EVENT_VISIBILITY[e.type as DomainEventType] !== 'controller');
      expect(shown.length).toBeLessThan(all.body.events.length);
      expect(seen.body.events.map((e: any) => e.seq)).toEqual(shown.map((e: any) => e.seq));
      expect(JSON.stringify(seen.body.events)).not.toMatch(/"(truth|trueGrade|unfounded|injectId)":|"scripted"/);
    }
    expectError(await api(s.url, `/api/exercises/${ex.id}/events?after=-1`, { code }), 400, 'invalid');
    const m = await api(s.url, `/api/exercises/${ex.id}/metrics`, { code: ex.codes.observer });
    expect(m.body.summary.incidents).toBeGreaterThan(0);
    expect(m.body.summary.incidents).toBe(all.body.events.filter((e: any) => e.type === 'CALL_RECEIVED').length);
    const snap = await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes.observer });
    expect(snap.body.seq).toBe(all.body.lastSeq);
    expect(Object.keys(snap.body.board.incidents)).toHaveLength(m.body.summary.incidents);
  });

  it('gives the roster: stations with tier and kind, units with their type names', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const r = await api(s.url, `/api/exercises/${ex.id}/stations`, { code: ex.codes.observer });
    expect(r.body.stations).toHaveLength(66);
    const special = r.body.stations.find((x: any) => x.id === 'qs-special');
    expect(special).toMatchObject({ tier: 'national', kind: expect.any(String), nameZh: expect.any(String), location: [expect.any(Number), expect.any(Number)] });
    expect(special.units[0]).toMatchObject({ id: expect.any(String), type: expect.any(String), typeZh: expect.any(String), typeEn: expect.any(String) });
  });
});

/** Method and path of every route the REST modules mount, read from the express router itself. */
function mountedRoutes(): string[] {
  const router = express.Router();
  mountApiRoutes(router, undefined as never, undefined as never, undefined as never, 0); // handlers are only registered, never called here
  const layers = (router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }).stack;
  return layers.flatMap((l) => (l.route ? Object.keys(l.route.methods).map((m) => `${m.toUpperCase()} ${l.route!.path.replace(/:(\w+)/g, '{$1}')}`) : []));
}

describe('OpenAPI', () => {
  it('describes exactly the routes the server has', async () => {
    const doc = (await api(s.url, '/api/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    const real = mountedRoutes().sort();
    expect(real.length).toBeGreaterThan(15);
    expect(real).toEqual(documented);
  });
});

describe('the board at /', () => {
  it('serves the built client and its index for board paths; a plain page when it is not built', async () => {
    const dist = join(tmpDir(), 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>board</title><div id="root"></div>');
    const withBoard = await startServer({ port: 0, dbFile: join(tmpDir(), 'b.db'), clientDist: dist, log: () => {} });
    try {
      for (const p of ['/', '/exercise/ex-1']) {
        const r = await fetch(`${withBoard.url}${p}`);
        expect(await r.text()).toContain('<title>board</title>');
      }
      expect((await fetch(`${withBoard.url}/api/nope`)).status).toBe(404);
    } finally {
      await withBoard.close();
    }
    const page = await fetch(`${s.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/board is not built/);
  });
});

describe('database', () => {
  it('a fresh file gets every migration; a file out of sync is refused with a clear message and left unchanged', async () => {
    const file = join(tmpDir(), 'm.db');
    openDatabase(file).close();
    const raw = new Database(file);
    expect((raw.prepare('SELECT name FROM schema_migrations ORDER BY version').all() as { name: string }[]).map((r) => r.name)).toEqual(['0001-initial.sql', '0002-exercise-server.sql', '0003-participant-sessions.sql', '0004-command-results.sql', '0005-hashed-join-codes.sql', '0006-fork-origin.sql']);
    raw.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 2").run();
    raw.close();
    await expect(startServer({ port: 0, dbFile: file, log: () => {} })).rejects.toThrow(/migration 0002-exercise-server\.sql was changed after it was applied.*refusing to use this database/);
    const after = new Database(file);
    expect((after.prepare('SELECT checksum FROM schema_migrations WHERE version = 2').get() as { checksum: string }).checksum).toBe('edited');
    after.close();
  });

  it('an up-to-date file keeps its exercises across restarts: one demo, its codes printable again, stored only hashed', async () => {
    const file = join(tmpDir(), 'r.db');
    const a = await startServer({ port: 0, dbFile: file, log: () => {}, demo: true });
    const demo = a.demo!;
    await a.close();
    const b = await startServer({ port: 0, dbFile: file, log: () => {}, demo: true });
    try {
      expect(b.demo).toEqual(demo); // the same ready demo exercise and codes, not a new one
      expect((await api(b.url, `/api/exercises/${demo.exerciseId}`, { code: demo.codes.observer })).body.status).toBe('created');
      // The code list tells roles and limits, never the codes (they cannot be read back).
      const listed = (await api(b.url, `/api/exercises/${demo.exerciseId}/codes`, { code: demo.codes.controller })).body.codes;
      expect(listed).toEqual([{ role: 'controller' }, { role: 'commander' }, { role: 'observer' }]);
      // Stopped, the next start makes a new demo and archives the old one: one demo in the list.
      expect((await api(b.url, `/api/exercises/${demo.exerciseId}/control`, { body: { action: 'stop' }, code: demo.codes.controller })).status).toBe(200);
    } finally {
      await b.close();
    }
    const c = await startServer({ port: 0, dbFile: file, log: () => {}, demo: true });
    try {
      expect(c.demo!.exerciseId).not.toBe(demo.exerciseId);
      const demos = (await api(c.url, '/api/exercises')).body.exercises.filter((x: any) => x.demo);
      expect(demos.map((x: any) => x.id)).toEqual([c.demo!.exerciseId]);
    } finally {
      await c.close();
    }
    const raw = new Database(file, { readonly: true });
    const stored = (raw.prepare('SELECT code FROM join_codes').all() as { code: string }[]).map((r) => r.code);
    raw.close();
    expect(stored).toHaveLength(6);
    for (const code of stored) expect(code).toMatch(/^sha256:[0-9a-f]{64}$/);
    for (const code of [...Object.values(demo.codes), ...Object.values(c.demo!.codes)]) expect(stored.join()).not.toContain(code);
  });
});
