/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// The role × action matrix of shared/roles.ts, every cell tried against a real server through
// the real transports (commands, controls and recommendations over the socket; view, codes,
// participants and archive over REST) on a fixture where every action can succeed: a cell the
// matrix allows succeeds (no cell passes on a refusal of another kind, e.g. an inject that does not
// exist), a cell it denies is refused as forbidden and stores nothing. Then a commander limited to
// one jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinRole } from '../../shared/live.ts';
import { ALL_ACTIONS, may, type Action } from '../../shared/roles.ts';
import { api, ask, connected, createExercise, liveClient, testServer, type Recorder, type TestServer } from './server-kit.ts';

let s: TestServer;
const clients: Recorder[] = [];
/** Manual, no background calls, three scripted calls (fire, skip, postpone) late enough to still be pending while the matrix runs. */
const MATRIX_DRILL = `name: Matrix drill
region: demo-county
seed: 5
start: 2026-06-01T10:00:00+08:00
duration: 24h
mode: manual
background:
  enabled: false
calls:
  - at: 20:00:00
    id: first-call
    type: building-fire
    location: Qingshui Plaza
  - at: 21:00:00
    id: second-call
    type: traffic-accident
    location: Qingshui Bridge
  - at: 22:00:00
    id: third-call
    type: traffic-accident
    location: Qingshui Bridge
# A release that only starts if an inject starts it: the hazard models are there (EVACUATE_AREA).
hazards:
  - { kind: chemical-release, id: standby-leak, substance: chlorine, source: { kind: continuous, rateKgS: 1 }, site: { kind: fixed, location: Qingshui Plaza } }
`;

beforeAll(async () => {
  s = await testServer({ timing: { commandBurst: 1000, commandsPerSecond: 1000 } }); // the matrix gives many commands in a row on purpose
  const up = await api(s.url, '/api/scenarios', { body: { source: MATRIX_DRILL, id: 'matrix-drill' } });
  if (up.status !== 201) throw new Error(`upload failed: ${JSON.stringify(up.body)}`);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await s.close();
});

const PLAZA: [number, number] = [24.6225, 110.54195];

async function join(code: string): Promise<Recorder> {
  const r = liveClient(s.url, { code });
  clients.push(r);
  await connected(r);
  return r;
}

interface Fixture {
  incident: string; spare: string; unit: string; other: string; closable: string;
  /** The role's socket on a second exercise, not started yet (the fixture's own was stepped: it is paused). */
  fresh: Recorder;
}

/** A valid payload for every command, about the fixture's incidents and units. */
function payload(type: string, f: Fixture): Record<string, unknown> {
  switch (type) {
    case 'RECEIVE_CALL': return { type, location: PLAZA, incidentType: 'building-fire' };
    case 'TRIAGE_CALL': return { type, incidentId: f.incident, incidentType: 'building-fire' };
    case 'GRADE_INCIDENT': return { type, incidentId: f.incident, grade: 1 };
    case 'DISPATCH_RECOMMENDED': return { type, incidentId: f.incident };
    case 'DISPATCH_UNITS': return { type, incidentId: f.incident, unitIds: [f.other] };
    case 'RAISE_GRADE': return { type, incidentId: f.incident, grade: 2, reason: 'vertical spread' };
    case 'REQUEST_REINFORCEMENT': return { type, incidentId: f.incident };
    case 'RELEASE_UNIT': return { type, unitId: f.other };
    case 'SET_UNIT_OUT_OF_SERVICE': return { type, unitId: f.unit, reason: 'pump failure' };
    case 'SET_UNIT_IN_SERVICE': return { type, unitId: f.unit };
    case 'CANCEL_INCIDENT': return { type, incidentId: f.spare, reason: 'duplicate' };
    case 'CLOSE_INCIDENT': return { type, incidentId: f.closable };
    case 'SET_MODE': return { type, mode: 'auto' };
    case 'CLOSE_ROAD': return { type, area: { kind: 'circle', center: PLAZA, radiusM: 300 }, reason: 'collapse' };
    case 'REOPEN_ROAD': return { type, closureId: 'closure-1' };
    case 'SET_COMMS_OUTAGE': return { type, stationId: 'qs-special', on: true };
    case 'FIRE_INJECT': return { type, injectId: 'first-call' };
    case 'SKIP_INJECT': return { type, injectId: 'second-call' };
    case 'POSTPONE_INJECTS': return { type, byMs: 60_000 };
    case 'ADD_INJECT': return { type, inject: { kind: 'message', at: 'T+02:00:00', text: { zh: '媒体到场', en: 'Press on scene' } } };
    case 'ORDER_EVACUATION': return { type, incidentId: f.incident, note: 'downwind blocks' };
    case 'EVACUATE_AREA': return { type, area: { kind: 'circle', center: PLAZA, radiusM: 300 }, note: 'plaza blocks' };
    default: throw new Error(`no payload for ${type}`);
  }
}

/** Tries one action as `role`; returns the error code, or 'ok'. */
async function attempt(action: Action, sock: Recorder, code: string, ex: string, f: Fixture): Promise<string> {
  const reply = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : r.error!.code);
  const rest = (r: { status: number; body: any }): string => (r.status < 300 ? 'ok' : r.body.error.code);
  if (action === 'view') return rest(await api(s.url, `/api/exercises/${ex}/events?after=0`, { code }));
  if (action === 'codes') return rest(await api(s.url, `/api/exercises/${ex}/codes`, { code }));
  if (action === 'participants') return rest(await api(s.url, `/api/exercises/${ex}/participants`, { code }));
  if (action === 'archive') return rest(await api(s.url, `/api/exercises/${ex}/archive`, { method: 'POST', code }));
  if (action === 'recommend') return reply(await ask(sock.client, 'recommend', { incidentId: f.incident }));
  const [kind, name] = action.split(':') as ['command' | 'control', string];
  if (action === 'control:start') return reply(await ask(f.fresh.client, 'control', { action: 'start' }));
  if (kind === 'command') return reply(await ask(sock.client, 'command', payload(name, f)));
  const control = name === 'speed' ? { action: 'speed', speed: 60 } : name === 'step' ? { action: 'step', ms: 1000 } : { action: name };
  return reply(await ask(sock.client, 'control', control));
}

// Controls in an order that is valid for a role allowed to use them; archive last of all.
const ORDER: Action[] = [
  ...ALL_ACTIONS.filter((a) => !a.startsWith('control:') && a !== 'archive'),
  'control:start', 'control:resume', 'control:speed', 'control:pause', 'control:step', 'control:stop', 'archive',
];

describe('role × action matrix', () => {
  it('covers every action', () => {
    expect([...ORDER].sort()).toEqual([...ALL_ACTIONS].sort());
    expect(may('observer', 'view')).toBe(true);
  });

  for (const role of ['controller', 'commander', 'observer'] as JoinRole[]) {
    it(`${role}: every allowed cell succeeds, every denied cell is refused as forbidden and stores nothing`, async () => {
      const ex = await createExercise(s.url, { scenario: 'matrix-drill' });
      const ctl = await join(ex.codes.controller);
      const roster = (await api(s.url, `/api/exercises/${ex.id}/stations`, { code: ex.codes.controller })).body;
      const units = roster.stations.filter((st: any) => st.kind !== 'micro').flatMap((st: any) => st.units.map((u: any) => u.id));
      // An incident under control (closable): a small fire, dispatched, the clock stepped until it is.
      const small = await ask(ctl.client, 'command', { type: 'RECEIVE_CALL', location: PLAZA, incidentType: 'vehicle-fire', size: 1, trapped: 0 });
      const closable = (small as any).value.incidentId as string;
      expect(await ask(ctl.client, 'command', { type: 'TRIAGE_CALL', incidentId: closable, incidentType: 'vehicle-fire', grade: 1 })).toMatchObject({ ok: true });
      expect(await ask(ctl.client, 'command', { type: 'DISPATCH_RECOMMENDED', incidentId: closable })).toMatchObject({ ok: true });
      let status = '';
      for (let i = 0; i < 36 && status !== 'underControl'; i++) {
        expect(await ask(ctl.client, 'control', { action: 'step', ms: 5 * 60_000 })).toMatchObject({ ok: true });
        status = (await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes.controller })).body.board.incidents[closable].status;
      }
      expect(status, `${closable} under control within 3 h`).toBe('underControl');
      const made = await Promise.all([0, 1].map(() => ask(ctl.client, 'command', payload('RECEIVE_CALL', {} as Fixture))));
      const [incident, spare] = made.map((m: any) => m.value.incidentId as string);
      const busy = new Set((Object.values((await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes.controller })).body.board.units) as any[]).filter((u) => u.status !== 'inStation').map((u) => u.id));
      const free = units.filter((u: string) => !busy.has(u));
      const code = ex.codes[role];
      const second = await createExercise(s.url, { scenario: 'matrix-drill' });
      const f: Fixture = { incident: incident!, spare: spare!, unit: free.at(-1), other: free[0], closable, fresh: await join(second.codes[role]) };
      const sock = role === 'controller' ? ctl : await join(code);
      const outcome: Record<string, string> = {};
      for (const action of ORDER) {
        const before = (await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body.seq;
        const got = await attempt(action, sock, code, ex.id, f);
        outcome[action] = got;
        if (may(role, action)) expect(got, `${role} ${action}`).toBe('ok');
        else {
          expect(got, `${role} ${action}`).toBe('forbidden');
          expect((await api(s.url, `/api/exercises/${ex.id}`, { code: ex.codes.controller })).body.seq, `${role} ${action} stored nothing`).toBe(before);
        }
      }
      expect(Object.keys(outcome)).toHaveLength(ALL_ACTIONS.length);
      expect(Object.entries(outcome).filter(([, v]) => v === 'ok').map(([a]) => a).sort()).toEqual(ALL_ACTIONS.filter((a) => may(role, a)).sort());
    });
  }
});

describe('a commander limited to one jurisdiction', () => {
  it('acts on calls and incidents of that jurisdiction only', async () => {
    const ex = await createExercise(s.url, { scenario: 'tabletop-highrise' });
    const region = (await api(s.url, '/api/regions/demo-county')).body;
    const [home, away] = region.jurisdictions.filter((j: any) => j.kind === 'urban-district');
    const ctl = await join(ex.codes.controller);
    const call = async (where: [number, number]) => ((await ask(ctl.client, 'command', { type: 'RECEIVE_CALL', location: where, incidentType: 'building-fire' })) as any).value.incidentId as string;
    const mine = await call(home.center);
    const theirs = await call(away.center);
    const limited = await api(s.url, `/api/exercises/${ex.id}/codes`, { body: { role: 'commander', jurisdictionId: home.id }, code: ex.codes.controller });
    expect(limited.status).toBe(201);
    expect((await api(s.url, `/api/exercises/${ex.id}/codes`, { body: { role: 'observer', jurisdictionId: home.id }, code: ex.codes.controller })).body.error.code).toBe('invalid');
    expect((await api(s.url, `/api/exercises/${ex.id}/codes`, { body: { role: 'commander', jurisdictionId: 'nowhere' }, code: ex.codes.controller })).body.error.code).toBe('invalid');
    const cmd = await join(limited.body.code);
    expect(cmd.got.find(([e]) => e === 'welcome')?.[1]).toMatchObject({ role: 'commander', jurisdictionId: home.id });
    const triage = (id: string) => ask(cmd.client, 'command', { type: 'TRIAGE_CALL', incidentId: id, incidentType: 'building-fire' });
    expect(await triage(mine)).toMatchObject({ ok: true });
    const refused = await triage(theirs);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`limited to jurisdiction ${home.id}`) } });
    expect(await ask(cmd.client, 'command', { type: 'RECEIVE_CALL', location: away.center, incidentType: 'vehicle-fire' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask(cmd.client, 'command', { type: 'RECEIVE_CALL', location: home.center, incidentType: 'vehicle-fire' })).toMatchObject({ ok: true });
    // The unlimited commander code still reaches both.
    const free = await join(ex.codes.commander);
    expect(await ask(free.client, 'command', { type: 'TRIAGE_CALL', incidentId: theirs, incidentType: 'building-fire' })).toMatchObject({ ok: true });
  });

  it('evacuates areas inside it only (every corner of the drawn area)', async () => {
    const ex = await createExercise(s.url, { scenario: 'hazard-typhoon-flood' });
    const region = (await api(s.url, '/api/regions/demo-county')).body;
    const [home, away] = region.jurisdictions.filter((j: any) => j.kind === 'urban-district');
    const limited = await api(s.url, `/api/exercises/${ex.id}/codes`, { body: { role: 'commander', jurisdictionId: home.id }, code: ex.codes.controller });
    const cmd = await join(limited.body.code);
    const around = ([lat, lon]: [number, number]) => ({ kind: 'polygon', ring: [[lat - 0.002, lon - 0.002], [lat - 0.002, lon + 0.002], [lat + 0.002, lon]] });
    expect(await ask(cmd.client, 'command', { type: 'EVACUATE_AREA', area: around(away.center) })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`limited to jurisdiction ${home.id}; the area's point`) } });
    expect(await ask(cmd.client, 'command', { type: 'EVACUATE_AREA', area: around(home.center) })).toMatchObject({ ok: true });
  });

  it('cannot act on reinforcement units staged outside it (a neighbouring county\'s team at the chemical park)', async () => {
    const ex = await createExercise(s.url, { scenario: 'drill-cross-region' });
    const region = (await api(s.url, '/api/regions/demo-county')).body;
    const home = region.jurisdictions.find((j: any) => j.kind === 'urban-district');
    const limited = await api(s.url, `/api/exercises/${ex.id}/codes`, { body: { role: 'commander', jurisdictionId: home.id }, code: ex.codes.controller });
    const cmd = await join(limited.body.code);
    const team = 'nb-beishan-conv-PM-1';
    // Before the team arrives nobody may put its units in service (they are still on the road from the next county).
    const early = await join(ex.codes.commander);
    expect(await ask(early.client, 'command', { type: 'SET_UNIT_IN_SERVICE', unitId: team })).toMatchObject({ ok: false, error: { code: 'not-allowed-in-state', message: expect.stringContaining('has not arrived yet') } });
    // The controller brings the Beishan team in now (its inject fired early): its units join the board.
    const ctl = await join(ex.codes.controller);
    expect(await ask(ctl.client, 'command', { type: 'FIRE_INJECT', injectId: 'beishan' })).toMatchObject({ ok: true });
    const refused = await ask(cmd.client, 'command', { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: team, reason: 'maintenance' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`limited to jurisdiction ${home.id}; unit ${team}`) } });
    // The team takes the jurisdiction of its staging place: a commander limited to that one may act on it.
    const staged = /is in (\S+)$/.exec((refused as { error: { message: string } }).error.message)?.[1];
    expect(staged).toBeDefined();
    expect(staged).not.toBe('no');
    const local = await api(s.url, `/api/exercises/${ex.id}/codes`, { body: { role: 'commander', jurisdictionId: staged }, code: ex.codes.controller });
    const there = await join(local.body.code);
    expect(await ask(there.client, 'command', { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: team, reason: 'maintenance' })).toMatchObject({ ok: true });
    // A unit of its own home station is within reach.
    const own = (await api(s.url, '/api/regions/demo-county/map')).body.stations.find((st: any) => st.jurisdictionId === home.id)?.units?.[0]?.id as string | undefined;
    expect(own).toBeDefined();
    expect(await ask(cmd.client, 'command', { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: own, reason: 'maintenance' })).toMatchObject({ ok: true });
    // The unlimited commander may act on the team's unit (its refusal, if any, is the engine's, not the jurisdiction's).
    const free = await join(ex.codes.commander);
    const got = await ask(free.client, 'command', { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: team, reason: 'maintenance' });
    expect(got).not.toMatchObject({ error: { code: 'forbidden' } });
  });
});
