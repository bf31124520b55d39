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

/** How a refusal names the actions that are not a command or a control. */
const ACTION_WORDS: Partial<Record<Action, string>> = {
  view: 'view this exercise', recommend: 'ask for recommendations', codes: 'see or issue join codes',
  participants: 'see the participants', archive: 'archive the exercise',
};

export function requireAction(access: Access, action: Action): void {
  if (!may(access.role, action)) throw new ApiError('forbidden', `${/^[aeiou]/.test(access.role) ? 'an' : 'a'} ${access.role} may not ${ACTION_WORDS[action] ?? action.replace(':', ' ')}`, { role: access.role, action });
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

/**
 * For a commander limited to a jurisdiction: refuses a command about anything outside it. Runs when
 * the engine stands at the command's time (an incident a background call creates in the same tick is
 * known by then). Incidents count by their (triaged) jurisdiction, a triage also by where it moves
 * the call; a unit's service status by its own station's jurisdiction, a release by its incident's;
 * an area by the points that draw it.
 */
function checkJurisdiction(host: ExerciseHost, access: Access, cmd: Command): void {
  const limit = access.jurisdictionId;
  if (!limit) return;
  const idx = regionIndex(host);
  const jurisdictionAt = (p: [number, number]): string | undefined => idx.cellAt(p)?.jurisdictionId;
  const refuse = (what: string, where: string | undefined): never => {
    throw new ApiError('forbidden', `this commander code is limited to jurisdiction ${limit}; ${what} is in ${where ?? 'no jurisdiction'}`, { jurisdictionId: limit, target: where ?? null });
  };
  const within = (what: string, where: string | undefined): void => {
    if (where !== limit) refuse(what, where);
  };
  if ('incidentId' in cmd && cmd.incidentId !== undefined) {
    within(`incident ${cmd.incidentId}`, incidentJurisdiction(host, cmd.incidentId, jurisdictionAt));
    if (cmd.type === 'TRIAGE_CALL' && cmd.location) within(`the location ${cmd.location.join(', ')}`, jurisdictionAt(cmd.location));
  } else if ('unitId' in cmd) {
    const unit = host.unitOf(cmd.unitId);
    if (!unit) return; // the engine says there is no such unit
    if (cmd.type === 'RELEASE_UNIT' && unit.incidentId) within(`unit ${cmd.unitId} (at incident ${unit.incidentId})`, incidentJurisdiction(host, unit.incidentId, jurisdictionAt));
    // A reinforcement team's staging station is not one of the region's: the team takes the
    // jurisdiction of its staging place, its units' home (as the engine's arriving-units does).
    else within(`unit ${cmd.unitId} (station ${unit.stationId})`, host.world.region.stations.find((s) => s.id === unit.stationId)?.jurisdictionId ?? jurisdictionAt(unit.home));
  } else if (cmd.type === 'RECEIVE_CALL') {
    within(`a call at ${cmd.location.join(', ')}`, jurisdictionAt(cmd.location));
  }
  // An area to evacuate (or closed) lies within the jurisdiction when every point that draws it does.
  if ('area' in cmd && cmd.area) {
    const a = cmd.area;
    const points = a.kind === 'polygon' ? a.ring : a.kind === 'circle' ? [a.center] : [a.from, a.to];
    for (const p of points) within(`the area's point ${p.join(', ')}`, jurisdictionAt(p));
  }
}

/** An incident's jurisdiction (triaged, or the cell of the call); an unknown incident is in none. */
function incidentJurisdiction(host: ExerciseHost, incidentId: string, jurisdictionAt: (p: [number, number]) => string | undefined): string | undefined {
  const inc = host.incidentOf(incidentId);
  if (!inc) throw new ApiError('not-found', `no incident ${incidentId} in exercise ${host.id}`);
  return inc.jurisdictionId ?? jurisdictionAt(inc.location);
}

/** The person giving a command: their session id and display name. */
export interface Participant { id: string; name: string }

export function runCommand(host: ExerciseHost, access: Access, who: Participant, input: unknown): Extract<CommandResult, { ok: true }> {
  const parsed = CommandSchema.safeParse(input);
  if (!parsed.success) throw invalid('invalid command', parsed.error);
  const cmd = parsed.data;
  requireAction(access, `command:${cmd.type}`);
  const result = host.command(cmd, { role: access.role, id: who.id, name: who.name }, (c) => checkJurisdiction(host, access, c));
  if (!result.ok) throw new ApiError(result.error.code, withTaker(host, cmd, result.error.code, result.error.message), { command: result.error.command });
  return result;
}

/** A dispatch refused because a unit is taken says who took it (two commanders at once: the second learns from whom). */
function withTaker(host: ExerciseHost, cmd: Command, code: string, message: string): string {
  if (code !== 'unit-unavailable' || cmd.type !== 'DISPATCH_UNITS') return message;
  const taken = cmd.unitIds.map((u) => [u, host.dispatchOf(u)] as const).find(([u, d]) => d && message.includes(u) && host.unitOf(u)?.incidentId === d.incidentId);
  if (!taken) return message;
  const [unitId, d] = taken;
  const who = d!.by.name ? `${d!.by.role} ${d!.by.name}` : d!.by.role;
  return `${message}; ${unitId} was taken by ${who} for incident ${d!.incidentId}`;
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
  if (access.jurisdictionId) {
    const idx = regionIndex(host);
    const where = incidentJurisdiction(host, parsed.data.incidentId, (p) => idx.cellAt(p)?.jurisdictionId);
    if (where !== access.jurisdictionId) {
      throw new ApiError('forbidden', `this commander code is limited to jurisdiction ${access.jurisdictionId}; incident ${parsed.data.incidentId} is in ${where ?? 'no jurisdiction'}`, { jurisdictionId: access.jurisdictionId, target: where ?? null });
    }
  }
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
