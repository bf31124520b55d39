// What a participant asks of an exercise, checked the same way whether it comes over the socket or
// REST: the payload (zod), the role (roles.ts), a commander's jurisdiction, then the exercise itself.
// Every refusal is an ApiError whose message says why.
import { z } from 'zod';
import { CommandSchema, type Command, type CommandResult } from '../../shared/commands.ts';
import type { ClockState, ControlAction } from '../../shared/live.ts';
import { MAX_SPEED, MIN_SPEED } from '../../shared/live.ts';
import type { Recommendation } from '../../shared/recommendation.ts';
import type { UnitEta } from '../engine/types.ts';
import { indexRegion, type RegionIndex } from '../../shared/region-lookup.ts';
import { ApiError, invalid } from './errors.ts';
import type { ExerciseHost } from './exercise-host.ts';
import type { Access } from './exercise-manager.ts';
import { may, type Action } from '../../shared/roles.ts';

export const ControlActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }).strict(),
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z.object({ action: z.literal('stop') }).strict(),
  z.object({ action: z.literal('speed'), speed: z.number().min(MIN_SPEED).max(MAX_SPEED) }).strict(),
  z.object({ action: z.literal('step'), ms: z.number().int().positive().max(7 * 86_400_000).optional() }).strict(),
]) satisfies z.ZodType<ControlAction>;

export const RecommendRequestSchema = z.object({ incidentId: z.string().min(1) }).strict();

export function requireAction(access: Access, action: Action): void {
  if (!may(access.role, action)) throw new ApiError('forbidden', `a ${access.role} may not ${action.replace(':', ' ')}`, { role: access.role, action });
}

const regionIndexes = new WeakMap<object, RegionIndex>();
function regionIndex(host: ExerciseHost): RegionIndex {
  let idx = regionIndexes.get(host.world.region);
  if (!idx) {
    idx = indexRegion(host.world.region);
    regionIndexes.set(host.world.region, idx);
  }
  return idx;
}

/** For a commander limited to a jurisdiction: refuses a command about anything outside it. */
function checkJurisdiction(host: ExerciseHost, access: Access, cmd: Command): void {
  const limit = access.jurisdictionId;
  if (!limit) return;
  const idx = regionIndex(host);
  const jurisdictionAt = (p: [number, number]): string | undefined => idx.cellAt(p)?.jurisdictionId;
  const ofIncident = (id: string): string | undefined => {
    const inc = host.incidentOf(id);
    return inc ? (inc.jurisdictionId ?? jurisdictionAt(inc.location)) : undefined;
  };
  let where: string | undefined;
  let what = '';
  if ('incidentId' in cmd) {
    where = ofIncident(cmd.incidentId);
    what = `incident ${cmd.incidentId}`;
    if (where === undefined) return; // unknown incident: the engine says so
  } else if ('unitId' in cmd) {
    const unit = host.unitOf(cmd.unitId);
    if (!unit) return;
    const station = host.world.region.stations.find((s) => s.id === unit.stationId);
    where = unit.incidentId ? ofIncident(unit.incidentId) : station?.jurisdictionId;
    what = unit.incidentId ? `unit ${cmd.unitId} (at incident ${unit.incidentId})` : `unit ${cmd.unitId}`;
  } else if (cmd.type === 'RECEIVE_CALL') {
    where = jurisdictionAt(cmd.location);
    what = `a call at ${cmd.location.join(', ')}`;
  } else return;
  if (where !== limit) {
    throw new ApiError('forbidden', `this commander code is limited to jurisdiction ${limit}; ${what} is in ${where ?? 'no jurisdiction'}`, { jurisdictionId: limit, target: where ?? null });
  }
}

export function runCommand(host: ExerciseHost, access: Access, participantId: string, input: unknown): Extract<CommandResult, { ok: true }> {
  const parsed = CommandSchema.safeParse(input);
  if (!parsed.success) throw invalid('invalid command', parsed.error);
  const cmd = parsed.data;
  requireAction(access, `command:${cmd.type}`);
  checkJurisdiction(host, access, cmd);
  const result = host.command(cmd, { role: access.role, id: participantId });
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, { command: result.error.command });
  return result;
}

export function runControl(host: ExerciseHost, access: Access, input: unknown): ClockState {
  const parsed = ControlActionSchema.safeParse(input);
  if (!parsed.success) throw invalid('invalid control action', parsed.error);
  const c = parsed.data;
  requireAction(access, `control:${c.action}`);
  switch (c.action) {
    case 'start': host.start(); break;
    case 'pause': host.pause(); break;
    case 'resume': host.resume(); break;
    case 'stop': host.stop(); break;
    case 'speed': host.setSpeed(c.speed); break;
    case 'step': host.step(c.ms); break;
  }
  return host.clock();
}

export function runRecommend(host: ExerciseHost, access: Access, input: unknown): Recommendation {
  const parsed = RecommendRequestSchema.safeParse(input);
  if (!parsed.success) throw invalid('invalid recommendation request', parsed.error);
  requireAction(access, 'recommend');
  return host.recommend(parsed.data.incidentId);
}

export const EtasRequestSchema = z.object({ incidentId: z.string().min(1), unitIds: z.array(z.string().min(1)).min(1).max(50) }).strict();

/** ETAs of units the commander considers adding to an incident (same right as a recommendation). */
export function runEtas(host: ExerciseHost, access: Access, input: unknown): UnitEta[] {
  const parsed = EtasRequestSchema.safeParse(input);
  if (!parsed.success) throw invalid('invalid ETA request (expected incidentId and 1-50 unitIds)', parsed.error);
  requireAction(access, 'recommend');
  return host.etas(parsed.data.incidentId, parsed.data.unitIds);
}
