// REST for exercises: create and list (no code needed: creating one hands out its codes); everything
// about one exercise needs its join code in the `x-join-code` header, and each role reaches only what
// roles.ts allows. Event lists are redacted for commanders and observers, as on the socket.
import type { Request, Router } from 'express';
import { z } from 'zod';
import { MODES } from '../../shared/schemas/scenario.ts';
import { JOIN_ROLES, MAX_SPEED, MIN_SPEED } from '../../shared/live.ts';
import { KIND_TIER } from '../../shared/domain/forces.ts';
import type { ExerciseRecord } from '../store/exercise-store.ts';
import { ApiError, invalid } from './errors.ts';
import type { Access, ExerciseManager } from './exercise-manager.ts';
import type { ExerciseHost } from './exercise-host.ts';
import type { JoinRateLimiter } from './rate-limit.ts';
import { DEVICE_TOKEN_MAX } from './device-tokens.ts';
import { actionsOf, may } from '../../shared/roles.ts';
import { requireAction, runCommand, runControl, runEtas, runRecommend } from './actions.ts';
import { eventsFor } from './redact.ts';

const CreateSchema = z.object({
  scenario: z.string().min(1),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  mode: z.enum(MODES).optional(),
  speed: z.number().min(MIN_SPEED).max(MAX_SPEED).optional(),
  name: z.string().min(1).max(120).optional(),
}).strict();

const JoinSchema = z.object({ code: z.string().min(1).max(64), deviceToken: z.string().min(1).max(512).optional() }).strict();
const NewCodeSchema = z.object({ role: z.enum(JOIN_ROLES), jurisdictionId: z.string().min(1).optional() }).strict();
const EventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

/** What anyone may know of an exercise without its code: not the seed (it replays the hidden truth). */
export const listView = (r: ExerciseRecord) => ({
  id: r.id, name: r.name, scenario: r.scenarioId, regionId: r.regionId, mode: r.mode, status: r.status,
  speed: r.speed, simTime: r.simTime, createdAt: r.createdAt, demo: r.isDemo,
  // A live fork names the exercise it was made from and the sim ms it starts at.
  ...(r.forkOf ? { forkOf: r.forkOf, ...(r.forkAt !== undefined ? { forkAt: r.forkAt } : {}) } : {}),
});

export function exerciseView(host: ExerciseHost, access: Access) {
  return {
    ...listView({ ...host.record, status: host.status, speed: host.speed, simTime: host.simNow() }),
    // The seed replays the hidden truth: the controller's only.
    ...(access.role === 'controller' ? { seed: host.record.seed } : {}),
    endsAt: host.endsAt, startIso: host.startIso, seq: host.seq, clock: host.clock(), checkpoint: host.checkpoint ?? null,
    role: access.role, actions: actionsOf(access.role), ...(access.jurisdictionId ? { jurisdictionId: access.jurisdictionId } : {}),
    // The inject script is the controller's secret timeline: only a role that may fire injects sees it.
    injects: may(access.role, 'command:FIRE_INJECT') ? host.pendingInjects() : [],
    script: may(access.role, 'command:FIRE_INJECT') ? host.script() : [],
  };
}

const param = (req: Request, name: string): string => String(req.params[name] ?? '');
const address = (req: Request): string => req.socket.remoteAddress ?? 'unknown';

/** Resolves the caller's access to exercise :id from its x-join-code header; wrong codes count against the address. */
export function exerciseAccessResolver(manager: ExerciseManager, limiter: JoinRateLimiter): (req: Request) => { access: Access; host: ExerciseHost } {
  // A code that already opened an exercise from an address is not slowed down by someone else's
  // guesses from the same address (a classroom behind one NAT).
  const known = new Set<string>();
  return (req: Request): { access: Access; host: ExerciseHost } => {
    const id = param(req, 'id');
    const code = req.get('x-join-code');
    if (!code) throw new ApiError('unauthorized', `exercise ${id} needs its join code in the x-join-code header`);
    const key = `${address(req)}|${id}|${code}`;
    const wrongCode = (): ApiError => new ApiError('forbidden', `this join code does not open exercise ${id}`);
    let access: Access | undefined;
    if (known.has(key)) {
      access = manager.resolveCode(code);
      if (!access || access.exerciseId !== id) {
        known.delete(key);
        limiter.failed(address(req));
        throw wrongCode();
      }
    } else {
      // Like a join, not counted as one: a device token (x-device-token) spares a right code the slowing.
      const deviceToken = req.get('x-device-token');
      const decision = limiter.join({ address: address(req), code, deviceToken: deviceToken && deviceToken.length <= DEVICE_TOKEN_MAX ? deviceToken : undefined, exerciseId: id, counted: false }, (c) => manager.resolveCode(c));
      if (decision.kind === 'wait') throw new ApiError('rate-limited', `too many wrong join codes from this address; try again in ${Math.ceil(decision.waitMs / 1000)} s`, { retryAfterMs: decision.waitMs });
      if (decision.kind === 'wrong') throw wrongCode();
      access = decision.access;
    }
    if (known.size > 10_000) known.clear();
    known.add(key);
    return { access, host: manager.get(id) };
  };
}

export function mountExerciseRoutes(router: Router, manager: ExerciseManager, limiter: JoinRateLimiter): void {
  /** The caller's access to exercise :id from its x-join-code header; wrong codes count against the address. */
  const accessOf = exerciseAccessResolver(manager, limiter);

  router.post('/api/exercises', (req, res) => {
    const body = CreateSchema.safeParse(req.body);
    if (!body.success) throw invalid('invalid exercise', body.error);
    const { id, codes, host } = manager.create(body.data);
    res.status(201).json({ id, codes, exercise: exerciseView(host, { exerciseId: id, role: 'controller' }) });
  });

  router.get('/api/exercises', (req, res) => {
    const all = req.query.all === '1' || req.query.all === 'true';
    res.json({ exercises: manager.list(all).map(listView) });
  });

  router.get('/api/exercises/:id', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'view');
    res.json(exerciseView(host, access));
  });

  router.post('/api/exercises/:id/join', (req, res) => {
    const id = param(req, 'id');
    const rateLimited = (wait: number): ApiError => new ApiError('rate-limited', `too many join attempts from this address; try again in ${Math.ceil(wait / 1000)} s`, { retryAfterMs: wait });
    const body = JoinSchema.safeParse(req.body);
    if (!body.success) {
      const wait = limiter.attempt(address(req));
      if (wait > 0) throw rateLimited(wait);
      limiter.failed(address(req));
      throw invalid('invalid join request', body.error);
    }
    // A device token from an earlier join spares a right code the slowing (rate-limit.ts).
    const decision = limiter.join({ address: address(req), code: body.data.code, deviceToken: body.data.deviceToken, exerciseId: id }, (code) => manager.resolveCode(code));
    if (decision.kind === 'wait') throw rateLimited(decision.waitMs);
    if (decision.kind === 'wrong') throw new ApiError('forbidden', `this join code does not open exercise ${id}`);
    const { access } = decision;
    manager.get(id);
    res.json({ exerciseId: id, role: access.role, actions: actionsOf(access.role), deviceToken: decision.deviceToken, ...(access.jurisdictionId ? { jurisdictionId: access.jurisdictionId } : {}) });
  });

  router.post('/api/exercises/:id/control', (req, res) => {
    const { access, host } = accessOf(req);
    res.json(runControl(host, access, req.body));
  });

  router.post('/api/exercises/:id/commands', (req, res) => {
    const { access, host } = accessOf(req);
    res.json(runCommand(host, access, { id: `rest:${access.role}`, name: req.get('x-participant-name')?.slice(0, 60) || `REST ${access.role}` }, req.body));
  });

  router.get('/api/exercises/:id/incidents/:incidentId/recommendation', (req, res) => {
    const { access, host } = accessOf(req);
    res.json(runRecommend(host, access, { incidentId: param(req, 'incidentId') }));
  });

  // ETAs of units the commander may add beyond the recommendation: ?units=id1,id2 (at most 50).
  router.get('/api/exercises/:id/incidents/:incidentId/etas', (req, res) => {
    const { access, host } = accessOf(req);
    const units = typeof req.query.units === 'string' ? req.query.units.split(',').filter(Boolean) : [];
    res.json({ etas: runEtas(host, access, { incidentId: param(req, 'incidentId'), unitIds: units }) });
  });

  router.post('/api/exercises/:id/archive', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'archive');
    host.archive();
    res.json(exerciseView(host, access));
  });

  router.get('/api/exercises/:id/codes', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'codes');
    res.json({ codes: manager.codesOf(host.id) });
  });

  router.post('/api/exercises/:id/codes', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'codes');
    const body = NewCodeSchema.safeParse(req.body);
    if (!body.success) throw invalid('invalid code request', body.error);
    const code = manager.addCode(host.id, body.data.role, body.data.jurisdictionId);
    res.status(201).json({ code, role: body.data.role, ...(body.data.jurisdictionId ? { jurisdictionId: body.data.jurisdictionId } : {}) });
  });

  router.get('/api/exercises/:id/events', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'view');
    const q = EventsQuery.safeParse(req.query);
    if (!q.success) throw invalid('invalid query', q.error);
    const { after, limit } = q.data;
    const events = manager.storedEvents(host.id, after, limit);
    res.json({ exerciseId: host.id, after, lastSeq: host.seq, more: (events.at(-1)?.seq ?? after) < host.seq, events: eventsFor(access.role, events) });
  });

  router.get('/api/exercises/:id/snapshot', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'view');
    res.json(host.snapshot(access.role));
  });

  router.get('/api/exercises/:id/metrics', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'view');
    res.json({ exerciseId: host.id, seq: host.seq, simTime: host.simNow(), summary: host.summaryNow() });
  });

  // Who took part (every joined session, also those gone), for the debrief (controllers and observers).
  router.get('/api/exercises/:id/participants', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'participants');
    res.json({ exerciseId: host.id, sessions: manager.participantSessions(host.id) });
  });

  router.get('/api/exercises/:id/stations', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'view');
    const types = new Map(host.world.unitTypes.unitTypes.map((t) => [t.code, t]));
    const jurisdictions = host.world.region.jurisdictions.map((j) => ({ id: j.id, name: j.name, nameZh: j.nameZh, kind: j.kind, homeStationId: j.homeStationId, center: j.center }));
    const stations = host.world.region.stations.map((s) => ({
      id: s.id, name: s.name, nameZh: s.nameZh, kind: s.kind, tier: KIND_TIER[s.kind], jurisdictionId: s.jurisdictionId, location: s.location,
      staffOnDuty: s.staffOnDuty, specialties: s.specialties,
      units: s.units.map((u) => ({ id: u.id, type: u.type, typeZh: types.get(u.type)?.zh ?? u.type, typeEn: types.get(u.type)?.en ?? u.type, crew: types.get(u.type)?.crew ?? null, ...(u.callsign ? { callsign: u.callsign } : {}) })),
    }));
    res.json({ exerciseId: host.id, regionId: host.world.region.id, jurisdictions, stations });
  });
}
