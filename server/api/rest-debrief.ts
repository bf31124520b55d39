// REST for the debrief (复盘) of an exercise: its after-action report (html, pdf, json, csv), the board
// state at any moment for the replay scrubber, and counterfactual forks: headless, compared with the
// original, or live (a new exercise paused at T that the players continue).
// The controller and observers (evaluators) may open the report at any time; commanders once the
// drill is over (the report shows the hidden truth and the evaluation). The scrubber: the controller
// at any time, everyone else once the drill is over, on the events their role may see.
import type { Router } from 'express';
import { z } from 'zod';
import { ScenarioSchema, type Mode } from '../../shared/schemas/scenario.ts';
import { CommandSchema, ACTOR_ROLES } from '../../shared/commands.ts';
import { parseDataText } from '../files/read-data-file.ts';
import { loadCoverageConfig } from '../scenario/load-coverage-config.ts';
import { engineConfigFor } from '../scenario/engine-config.ts';
import { unitSeeds } from '../metrics/unit-timeline.ts';
import { reportFromLog } from '../report/build-report.ts';
import { renderReport, CSV_TABLES, REPORT_FORMATS } from '../report/report-output.ts';
import { TARGET_SETS } from '../report/target-lines.ts';
import { ChromiumMissingError } from '../report/report-pdf.ts';
import { BoardTimeline } from '../report/board-timeline.ts';
import { forkRun, ForkError } from '../report/counterfactual-fork.ts';
import { compareRuns, sharedUntil } from '../report/run-comparison.ts';
import { ApiError, invalid } from './errors.ts';
import type { Catalog } from './catalog.ts';
import type { Access, ExerciseManager } from './exercise-manager.ts';
import type { ExerciseHost } from './exercise-host.ts';
import type { JoinRateLimiter } from './rate-limit.ts';
import { exerciseAccessResolver } from './rest-exercises.ts';
import { eventsFor } from './redact.ts';

const ReportQuery = z.object({
  format: z.enum(REPORT_FORMATS).default('html'),
  lang: z.enum(['zh', 'en']).default('zh'),
  table: z.enum(CSV_TABLES).default('incidents'),
  targets: z.enum(TARGET_SETS).default('county'),
});
/** `origin=1`: the board before the first event too, from which the debrief page folds its own copy of the log. */
const ReplayQuery = z.object({ at: z.coerce.number().min(0), recent: z.coerce.number().int().min(0).max(500).default(50), origin: z.enum(['0', '1']).default('0') });
const ForkBody = z.strictObject({
  at: z.number().int().min(0),
  commands: z.array(z.strictObject({ at: z.number().int().min(0), command: CommandSchema, by: z.strictObject({ role: z.enum(ACTOR_ROLES), id: z.string().max(64).optional() }).optional() })).max(200).default([]),
  keepLaterCommands: z.boolean().default(true),
  /** A live fork: a new exercise paused at T that the players continue on the board (no commands given here). */
  live: z.boolean().default(false),
});

const ALL_EVENTS = -1; // SQLite LIMIT -1: no limit

const CONTENT_TYPES = { html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8', json: 'application/json', pdf: 'application/pdf' } as const;

/**
 * One PDF printed at a time: each print starts a headless chromium (hundreds of MB), so requests
 * arriving together wait for the one before instead of starting several browsers at once.
 */
function serialised(): <T>(job: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (job) => {
    const run = last.then(job, job);
    last = run.catch(() => undefined);
    return run;
  };
}

export function mountDebriefRoutes(router: Router, catalog: Catalog, manager: ExerciseManager, limiter: JoinRateLimiter): void {
  const accessOf = exerciseAccessResolver(manager, limiter);
  const over = (host: ExerciseHost): boolean => !host.isLive;
  const requireDebrief = (access: Access, host: ExerciseHost, what: string, playersWhenOver: boolean): void => {
    if (access.role === 'controller' || (access.role === 'observer' && !playersWhenOver)) return;
    if (!over(host)) throw new ApiError('forbidden', `the ${what} opens for ${access.role}s once the drill is over (it is ${host.status})`);
  };
  const scenarioOf = (host: ExerciseHost) => parseDataText(host.record.scenarioSource || catalog.scenarioSource(host.record.scenarioId), `${host.record.scenarioId}.yaml`, ScenarioSchema).data;
  /** Each exercise's scrubber index per audience, with the last stored seq it has read. */
  const timelines = new Map<string, { readTo: number; tl: BoardTimeline }>();
  const printing = serialised();

  router.get('/api/exercises/:id/report', async (req, res) => {
    const { access, host } = accessOf(req);
    requireDebrief(access, host, 'after-action report', false);
    const q = ReportQuery.safeParse(req.query);
    if (!q.success) throw invalid('invalid report query', q.error);
    const events = manager.storedEvents(host.id, 0, ALL_EVENTS);
    const built = reportFromLog({
      world: host.world, scenario: scenarioOf(host), seed: host.record.seed, mode: host.record.mode as Mode, events,
      coverageConfig: loadCoverageConfig(catalog.seedsDir), exerciseId: host.id, targetSet: q.data.targets, map: catalog.regionMap(host.world.region.id),
      participants: manager.participantSessions(host.id),
    });
    // A live fork's report puts the original beside it (the runs compared from where they part).
    const originId = manager.forkOrigin(host.id);
    if (originId) {
      const original = manager.storedEvents(originId, 0, ALL_EVENTS);
      // The moment it was forked at (stored with it); for forks from before that was kept, where the logs part.
      built.model.comparison = { originalId: originId, forkAt: host.record.forkAt ?? sharedUntil(original, events), runs: compareRuns(original, events) };
    }
    const opts = { format: q.data.format, lang: q.data.lang, table: q.data.table };
    let body: string | Buffer;
    try {
      body = q.data.format === 'pdf' ? await printing(() => renderReport(built.model, built.map, opts)) : await renderReport(built.model, built.map, opts);
    } catch (err) {
      // No browser on this server: the other formats still work, and the message says how to get one.
      if (err instanceof ChromiumMissingError) throw new ApiError('internal', `the PDF cannot be printed here: ${err.message}; html, csv and json work without it`, undefined, 503);
      throw err;
    }
    if (q.data.format === 'pdf') res.setHeader('content-disposition', `attachment; filename="${host.id}-report-${q.data.lang}.pdf"`);
    res.type(CONTENT_TYPES[q.data.format]).send(body);
  });

  router.get('/api/exercises/:id/replay', (req, res) => {
    const { access, host } = accessOf(req);
    requireDebrief(access, host, 'replay', true);
    const q = ReplayQuery.safeParse(req.query);
    if (!q.success) throw invalid('invalid replay query', q.error);
    const audience = access.role === 'controller' ? 'controller' : 'player';
    const key = `${host.id}|${audience}`;
    let cached = timelines.get(key);
    if (!cached) {
      const events = manager.storedEvents(host.id, 0, ALL_EVENTS);
      cached = { readTo: events.at(-1)?.seq ?? 0, tl: new BoardTimeline(unitSeeds(host.world), host.record.mode as Mode, eventsFor(access.role, events)) };
      if (timelines.size >= 8) timelines.delete(timelines.keys().next().value!);
      timelines.set(key, cached);
    } else if (cached.readTo < host.seq) {
      // A running drill (the controller's scrubber): only the events stored since are folded on.
      const fresh = manager.storedEvents(host.id, cached.readTo, ALL_EVENTS);
      cached.tl.append(eventsFor(access.role, fresh));
      cached.readTo = fresh.at(-1)?.seq ?? cached.readTo;
    }
    const tl = cached.tl;
    // The slider spans the whole drill: to where its clock stood (a drill stopped after its last event,
    // or the controller's running one), not only to the last event.
    const endsAt = Math.max(tl.endsAt, Math.min(host.simNow(), host.endsAt));
    const at = Math.min(q.data.at, endsAt);
    const state = tl.stateAt(at);
    state.now = Math.max(state.now, at);
    const recent = tl.lastEvents(at, q.data.recent);
    const [previousAt, nextAt] = [tl.previousEventBefore(at), tl.nextEventAfter(at)];
    res.json({
      exerciseId: host.id, at, startsAt: 0, endsAt, state, recent, ...(previousAt === undefined ? {} : { previousAt }), ...(nextAt === undefined ? {} : { nextAt }),
      ...(q.data.origin === '1' ? { origin: tl.origin() } : {}),
    });
  });

  router.post('/api/exercises/:id/fork', (req, res) => {
    const { access, host } = accessOf(req);
    if (access.role !== 'controller') throw new ApiError('forbidden', 'only the controller forks an exercise');
    const body = ForkBody.safeParse(req.body);
    if (!body.success) throw invalid('invalid fork', body.error);
    if (body.data.live) {
      if (body.data.commands.length > 0) throw new ApiError('invalid', 'a live fork takes no commands: the players give them on the board once it runs');
      try {
        const fork = manager.forkLive(host.id, body.data.at);
        res.status(201).json({ id: fork.id, codes: fork.codes, forkOf: host.id, at: body.data.at, sharedSeq: fork.sharedSeq, status: fork.host.status, clock: fork.host.clock() });
      } catch (err) {
        if (err instanceof ForkError) throw new ApiError('invalid', err.message);
        throw err;
      }
      return;
    }
    const original = manager.storedEvents(host.id, 0, ALL_EVENTS);
    // The recording reaches where the drill's clock stands (it may have stopped after its last event).
    const reaches = Math.max(original.at(-1)?.t ?? 0, Math.min(host.simNow(), host.endsAt));
    try {
      const fork = forkRun(engineConfigFor(host.world, scenarioOf(host), { seed: host.record.seed, mode: host.record.mode as Mode }), original, {
        at: body.data.at, keepLaterCommands: body.data.keepLaterCommands, until: reaches, reaches,
        commands: body.data.commands.map((c) => ({ at: c.at, command: c.command, by: c.by ? (c.by.id ? { role: c.by.role, id: c.by.id } : { role: c.by.role }) : { role: 'controller' } })),
      });
      res.json({ exerciseId: host.id, at: body.data.at, sharedSeq: fork.sharedSeq, events: fork.events.length, refused: fork.refused, comparison: compareRuns(original, fork.events) });
    } catch (err) {
      if (err instanceof ForkError) throw new ApiError('invalid', err.message);
      throw err;
    }
  });
}
