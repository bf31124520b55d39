/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// Bad input in bulk, seeded (the same messages on every run): malformed socket messages (not
// objects, unknown commands, wrong types, huge strings, deep nesting, NaN and Infinity, `__proto__`
// and `constructor` keys, out-of-range numbers), joins with broken auth, broken REST bodies, mutated
// scenario files over REST and mutated seed files. Every one is refused with a reason (a socket or
// REST error with a message; a data-file error naming file:line:col), the server never crashes or
// answers 500, the exercise's log hash, seq and state digest are what they were, no scenario
// half-stored, and no prototype polluted.
// How many: FUZZ_SCALE (default 1) times the counts issue 13 asks of the suite (10,000 socket messages,
// 300 REST bodies, 1,000 scenarios, 300 seed files): the suite runs them all (about 10 s on an idle
// machine, 100 s on a loaded one); `FUZZ_SCALE=0.2 npx vitest run tests/integration/fuzz-input.test.ts`
// runs a fifth for a quick look while working (every kind of damage still comes up many times).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { parseDataText } from '../../server/files/read-data-file.ts';
import { DataFileError } from '../../server/files/data-file-error.ts';
import { DoctrineSchema } from '../../shared/schemas/doctrine.ts';
import { RunCardsFileSchema } from '../../shared/schemas/run-cards.ts';
import { UnitTypeCatalogueSchema } from '../../shared/schemas/unit-types.ts';
import { IncidentModelsFileSchema } from '../../shared/schemas/incident-models.ts';
import { CallProfileSchema } from '../../shared/schemas/scenario.ts';
import { InjectEffectRulesSchema } from '../../shared/schemas/inject-effects.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import { api, connectError, connected, createExercise, liveClient, testServer, type Created, type LiveClient, type Recorder, type TestServer } from './server-kit.ts';
import { prng } from '../fixtures/prng.ts';

const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
if (!(SCALE > 0 && SCALE <= 10)) throw new Error(`FUZZ_SCALE must be a number in (0, 10], not ${process.env.FUZZ_SCALE}`);
/** `full` cases of issue 13, scaled; the test names say how many ran. */
const scaled = (full: number): number => Math.max(1, Math.round(full * SCALE));
const N = { socket: scaled(10_000), rest: scaled(300), scenarios: scaled(1_000), seeds: scaled(300) };
const count = (n: number): string => n.toLocaleString('en');

const random = prng(13_005);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
const json = (text: string): unknown => JSON.parse(text) as unknown;

/** Values no command field accepts where a location, an id list or an enum is expected. */
const BAD_VALUES: (() => unknown)[] = [
  () => null, () => 'x', () => '', () => 1e308, () => -1, () => NaN, () => Infinity, () => -Infinity, () => true, () => ({}), () => [],
  () => [NaN, 1], () => [91, 0], () => [0, 181], () => [1], () => [1, 2, 3], () => 'a'.repeat(50_000), () => nested(200), () => nested(2000),
  () => json('{"__proto__": {"polluted": "yes"}}'), () => json('{"constructor": {"prototype": {"polluted": "yes"}}}'), () => [{}, {}],
  () => '中'.repeat(3000), () => '\u0000\ud800', () => ({ toString: 'x', valueOf: 1 }),
];

const PLAZA = [24.6225, 110.54195];
/** One valid command of each kind this test breaks (none is ever sent as is). */
const BASES: Record<string, unknown>[] = [
  { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: 'x' },
  { type: 'TRIAGE_CALL', incidentId: 'INC-00001', incidentType: 'building-fire' },
  { type: 'DISPATCH_UNITS', incidentId: 'INC-00001', unitIds: ['U1'] },
  { type: 'RAISE_GRADE', incidentId: 'INC-00001', grade: 2 },
  { type: 'RELEASE_UNIT', unitId: 'U1' },
];
/** Fields whose broken value makes the command invalid whatever the value (required or bounded). */
const BREAKABLE: Record<string, string[]> = {
  RECEIVE_CALL: ['location', 'incidentType'],
  TRIAGE_CALL: ['incidentId', 'incidentType'],
  DISPATCH_UNITS: ['incidentId', 'unitIds'],
  RAISE_GRADE: ['incidentId', 'grade'],
  RELEASE_UNIT: ['unitId'],
};
const OUT_OF_RANGE: [string, unknown][] = [
  ['trapped', -1], ['trapped', 4_294_967_296], ['trapped', 1.5], ['trapped', 200_000], ['size', -1], ['size', 0], ['size', 1e12],
  ['description', 'd'.repeat(2001)], ['commandId', 'x'], ['commandId', 'bad id with spaces'], ['commandId', 'a'.repeat(65)],
];

/** A command message that no schema accepts, built from one of several kinds of damage. */
function malformed(): unknown {
  const kind = random();
  if (kind < 0.1) return pick(BAD_VALUES)();
  if (kind < 0.2) return { ...pick(BASES), type: pick(['', 'receive_call', 'DROP_TABLE', 'RECEIVE_CALL ', '__proto__', 'constructor', 'x'.repeat(10_000)]) };
  if (kind < 0.3) { const { type: _t, ...rest } = pick(BASES); return rest; }
  const base = pick(BASES);
  if (kind < 0.45) {
    const [field, value] = pick(OUT_OF_RANGE);
    return { ...pick(BASES.slice(0, 1)), [field]: value };
  }
  const field = pick(BREAKABLE[base.type as string]!);
  let value = pick(BAD_VALUES)();
  // A string is a valid id: make id fields wrong by type instead.
  if (/Id$/.test(field) && typeof value === 'string') value = [value];
  const out: Record<string, unknown> = { ...base, [field]: value };
  if (random() < 0.2) Object.assign(out, json('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'));
  return out;
}

let server: TestServer;
let ex: Created;
let other: Created;
const clients: Recorder[] = [];

beforeAll(async () => {
  server = await testServer({ demo: false, joinRateLimit: { maxFailures: 1000, maxGlobalFailures: 1000 } });
  ex = await createExercise(server.url, { scenario: 'tabletop-highrise' });
  other = await createExercise(server.url, { scenario: 'tabletop-highrise' });
  // The other exercise gets an incident, so its id exists somewhere, just not here.
  const made = await api(server.url, `/api/exercises/${other.id}/commands`, { body: { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire' }, code: other.codes.commander });
  expect(made.status).toBe(200);
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

/** What must not move: the stored log (hash and seq) and the engine state (digest). */
async function fingerprint(): Promise<{ seq: number; hash: string; digest: string; status: string }> {
  const events = (await api(server.url, `/api/exercises/${ex.id}/events?after=0&limit=10000`, { code: ex.codes.controller })).body.events as never[];
  const h = createLogHasher();
  for (const e of events) h.add(e);
  const x = (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body;
  return { seq: x.seq, hash: h.hex(), digest: x.checkpoint.digest, status: x.status };
}

const askRaw = (c: LiveClient, event: string, payload: unknown): Promise<any> =>
  new Promise((ok) => (c.emit as (e: string, p: unknown, a: (r: unknown) => void) => void)(event, payload, ok));

describe('fuzzing the exercise server', () => {
  it(`${count(N.socket)} malformed socket messages: each refused with a reason, nothing stored, nothing changed, no crash`, async () => {
    const before = await fingerprint();
    const cmd = liveClient(server.url, { code: ex.codes.commander });
    const ctl = liveClient(server.url, { code: ex.codes.controller });
    const obs = liveClient(server.url, { code: ex.codes.observer });
    clients.push(cmd, ctl, obs);
    await Promise.all([connected(cmd), connected(ctl), connected(obs)]);
    const codes = new Map<string, number>();
    let sent = 0;
    while (sent < N.socket) {
      const batch: Promise<any>[] = [];
      for (let k = 0; k < 100 && sent < N.socket; k++, sent++) {
        const who = pick([cmd, cmd, cmd, ctl, obs]).client;
        const r = random();
        const event = r < 0.8 ? 'command' : r < 0.9 ? 'control' : r < 0.95 ? 'recommend' : 'resync';
        const payload = event === 'command' ? malformed()
          : event === 'control' ? pick([{ action: 'speed', speed: pick([0, -1, 1e9, NaN, 'x']) }, { action: 'launch' }, { action: 'start', extra: 1 }, { action: 'step', ms: -5 }, pick(BAD_VALUES)()])
            : event === 'recommend' ? pick([{ incidentId: '' }, { incidentId: 5 }, {}, pick(BAD_VALUES)()])
              : pick([{ fromSeq: -1 }, { fromSeq: 'x' }, { fromSeq: 1.5 }, pick(BAD_VALUES)()]);
        batch.push(askRaw(who, event, payload).then((reply) => ({ reply, payload, event })));
      }
      for (const { reply, payload, event } of await Promise.all(batch)) {
        expect(reply, `${event} ${JSON.stringify(payload)?.slice(0, 200)}`).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
        expect(reply.error.message.length).toBeGreaterThan(10);
        codes.set(reply.error.code, (codes.get(reply.error.code) ?? 0) + 1);
      }
    }
    // Refused as invalid input (a few as not found: a recommendation for an id that parses but does not exist).
    expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['invalid']));
    for (const code of codes.keys()) expect(['invalid', 'not-found']).toContain(code);
    expect(await fingerprint()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    // Still connected and answering.
    expect(cmd.client.connected && ctl.client.connected && obs.client.connected).toBe(true);
    expect((await askRaw(ctl.client, 'resync', { fromSeq: 0 })).ok).toBe(true);
  }, 120_000);

  it('another exercise\'s ids and commands before joining are refused with a reason', async () => {
    const cmd = liveClient(server.url, { code: ex.codes.commander });
    clients.push(cmd);
    await connected(cmd);
    const before = await fingerprint();
    for (const payload of [
      { type: 'TRIAGE_CALL', incidentId: 'INC-00001', incidentType: 'building-fire' }, // exists in the other exercise only
      { type: 'RAISE_GRADE', incidentId: 'INC-00001', grade: 3 },
    ]) {
      const r = await askRaw(cmd.client, 'command', payload);
      expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('INC-00001') } });
    }
    // The engine keeps its refusals for the debrief (COMMAND_REFUSED); the state itself is unchanged.
    const after = await fingerprint();
    expect(after.digest).toBe(before.digest);
    const added = (await api(server.url, `/api/exercises/${ex.id}/events?after=${before.seq}`, { code: ex.codes.controller })).body.events as { type: string }[];
    expect(added.map((e) => e.type)).toEqual(added.map(() => 'COMMAND_REFUSED'));
    // A socket with no valid join never gets to send anything.
    for (const auth of [{}, { code: 5 }, { code: 'x'.repeat(5000) }, { code: other.codes.commander.replace(/./, (c: string) => (c === '0' ? '1' : '0')) }, json('{"__proto__": {"code": "x"}}'), { code: ex.codes.commander, name: { evil: 1 } }]) {
      const r = liveClient(server.url, auth as Record<string, unknown>);
      clients.push(r);
      const refused = await connectError(r);
      expect(refused.data).toMatchObject({ code: expect.stringMatching(/^(invalid|forbidden)$/), message: expect.any(String) });
    }
  }, 60_000);

  it(`${count(N.rest + 1)} broken REST bodies answer 4xx with a reason, never 500, and change nothing`, async () => {
    const before = await fingerprint();
    const url = `${server.url}/api/exercises/${ex.id}/commands`;
    const bodies: { headers: Record<string, string>; body: string | Blob }[] = [];
    // The first six are one of each kind of damage, so a small scale still sends every kind.
    const firstOfEach = [0.05, 0.12, 0.17, 0.22, 0.27, 0.31];
    for (let i = 0; i < N.rest; i++) {
      const r = firstOfEach[i] ?? random();
      const headers: Record<string, string> = { 'x-join-code': ex.codes.commander, 'content-type': 'application/json' };
      let body: string | Blob = JSON.stringify(malformed()) ?? 'null';
      if (r < 0.1) body = (body as string).slice(0, Math.floor(random() * (body as string).length)); // cut short
      else if (r < 0.15) headers['content-type'] = 'application/json; charset=latin-7';
      else if (r < 0.2) headers['content-encoding'] = 'gzip'; // says gzip, is not
      else if (r < 0.25) { headers['content-encoding'] = 'gzip'; body = new Blob([gzipSync(body as string).subarray(0, 20)]); }
      else if (r < 0.3) headers['content-type'] = pick(['text/plain', 'application/xml', 'multipart/form-data', '']);
      else if (r < 0.32) body = `{"a":${'['.repeat(100_000)}`;
      bodies.push({ headers, body });
    }
    bodies.push({ headers: { 'x-join-code': ex.codes.commander, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'building-fire', description: 'd'.repeat(3_000_000) }) });
    for (const { headers, body } of bodies) {
      const res = await fetch(url, { method: 'POST', headers, body });
      const text = await res.text();
      expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
      expect(res.status, text.slice(0, 300)).toBeLessThan(500);
      expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect(await fingerprint()).toEqual(before);
  }, 120_000);
});

// ---- files ---------------------------------------------------------------------------------------

const MUTATIONS: ((lines: string[]) => string[])[] = [
  (l) => l.filter((_, i) => i !== Math.floor(random() * l.length)), // a line lost
  (l) => { const i = Math.floor(random() * l.length); return [...l.slice(0, i), l[i]!, ...l.slice(i)]; }, // a line twice
  (l) => { const i = Math.floor(random() * l.length), j = Math.floor(random() * l.length); const m = [...l]; [m[i], m[j]] = [m[j]!, m[i]!]; return m; },
  (l) => l.slice(0, Math.floor(random() * l.length)), // cut short
  (l) => l.map((x, i) => (i === Math.floor(random() * l.length) ? x.replace(/^(\s*)/, pick(['', '   ', '\t', '      '])) : x)), // indentation
  (l) => l.map((x) => (random() < 0.05 ? x.replace(/-?\d+(\.\d+)?/, pick(['-1', '1e309', '.nan', 'abc', '0', '99999999999', '-0.5'])) : x)), // numbers
  (l) => l.map((x) => (random() < 0.05 ? x.replace(/: .*/, pick([': ', ': [', ': {', ': ~', ': "unterminated', ': *anchor', ': !!binary x', ': [1, 2'])) : x)), // values
  (l) => { const m = [...l]; const i = Math.floor(random() * m.length); m.splice(i, 0, pick(['__proto__: {polluted: yes}', 'constructor: {prototype: {polluted: yes}}', 'unknownKey: 1', '- stray', '&a [*a, *a]', '\u0000', '中文: 值'])); return m; },
  (l) => { const s = l.join('\n'); const i = Math.floor(random() * s.length); return (s.slice(0, i) + pick([':', '-', '"', "'", '[', '{', '#', '\n', '\t', '%', '@', '`']) + s.slice(i + 1)).split('\n'); }, // a character
];

function mutate(text: string): string {
  let lines = text.split('\n');
  // A file cut to nothing is still one empty line (the mutations pick a line of it).
  for (let k = 1 + Math.floor(random() * 3); k > 0; k--) lines = pick(MUTATIONS)(lines.length > 0 ? lines : ['']);
  return lines.join('\n');
}

describe('fuzzing scenario and seed files', () => {
  it(`${count(N.scenarios)} mutated scenarios over REST: accepted, or refused naming file:line:col and the field; never 500; only accepted ones stored`, async () => {
    const sources = ['tabletop-highrise', 'normal-day'].map((n) => readFileSync(`scenarios/${n}.yaml`, 'utf8'));
    const listed = async (): Promise<string[]> => ((await api(server.url, '/api/scenarios')).body.scenarios as { id: string }[]).map((s) => s.id).sort();
    const stored = new Set(await listed());
    let refused = 0;
    for (let i = 0; i < N.scenarios; i++) {
      const text = mutate(pick(sources));
      const upload = i % 10 === 0;
      const r = await api(server.url, upload ? '/api/scenarios' : '/api/scenarios/validate', { body: { source: text, id: `fuzz-${i}` } });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).not.toBe(500);
      if (r.status < 300) {
        if (upload) stored.add(r.body.id);
        continue;
      }
      refused++;
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      const issues = r.body.error.details as { file: string; line: number; col: number; message: string }[] | null;
      if (Array.isArray(issues) && issues[0]?.file !== undefined) {
        for (const issue of issues) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.col).toBeGreaterThanOrEqual(1);
          expect(issue.message.length).toBeGreaterThan(3);
        }
        expect(r.body.error.message).toMatch(/fuzz-\d+\.yaml:\d+:\d+: /);
      } else {
        expect(r.body.error.message.length).toBeGreaterThan(10);
      }
    }
    expect(refused).toBeGreaterThan(N.scenarios * 0.3); // the mutations break most files
    expect(await listed()).toEqual([...stored].sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);

  it(`${count(N.seeds)} mutated seed files: parsed, or a data-file error naming file:line:col; nothing else is thrown`, () => {
    const files: [string, z.ZodType][] = [
      ['doctrine.yaml', DoctrineSchema], ['run-cards.yaml', RunCardsFileSchema], ['unit-types.yaml', UnitTypeCatalogueSchema],
      ['incident-models.yaml', IncidentModelsFileSchema], ['call-profile.yaml', CallProfileSchema],
      ['inject-effects.yaml', InjectEffectRulesSchema],
    ];
    const texts = files.map(([f, s]) => [f, readFileSync(`seeds/${f}`, 'utf8'), s] as const);
    let refused = 0;
    for (let i = 0; i < N.seeds; i++) {
      const [file, text, schema] = pick(texts);
      try {
        parseDataText(mutate(text), file, schema);
      } catch (err) {
        expect(err).toBeInstanceOf(DataFileError);
        refused++;
        for (const issue of (err as DataFileError).issues) {
          expect(issue.file).toContain(file);
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.col).toBeGreaterThanOrEqual(1);
        }
      }
    }
    expect(refused).toBeGreaterThan(N.seeds / 3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
