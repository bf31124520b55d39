// Which doctrine rule put a unit in a recommendation or a dispatch (辖区站, 就近调度, 专业优先,
// 梯次增援, 夜间加强…), read from the engine's DispatchReason: the need it fills, its echelon, and the
// note the engine writes in its own fixed wording (server/engine/domain/dispatch/recommend.ts and echelons.ts). The board
// shows the rule and its explanation in the UI language instead of the capability or the English note.
import type { DispatchReason } from '../../shared/events.ts';

export const DISPATCH_RULES = [
  'homeStation', 'microFirst', 'supervising', 'townshipTeam', 'specialist', 'nearest', 'echelonNeighbour', 'echelonProvince',
  'night', 'distant', 'minFirefighters', 'minStations', 'commander',
] as const;
export type DispatchRule = (typeof DISPATCH_RULES)[number];

export interface RuleOfReason {
  rule: DispatchRule;
  /** The capability the unit fills, when the reason names one. */
  fills?: string;
  /** Specialist preferred: its ETA against the nearest generic unit's ("m:ss" as the engine writes it). */
  vsNearest?: string;
  /** Neighbouring echelon: the nearest local unit's ETA when local units were too far. */
  localEta?: string;
}

const CAPABILITY_NEEDS: ReadonlySet<string> = new Set(['home-station', 'micro-first', 'supervising-station', 'township-team', 'firefighters', 'stations', 'strengthen', 'commander']);

export function ruleOf(reason: DispatchReason): RuleOfReason {
  const note = reason.note ?? '';
  const fills = !CAPABILITY_NEEDS.has(reason.need) ? reason.need : /fills ([a-z-]+)/.exec(note)?.[1];
  const base = fills ? { fills } : {};
  switch (reason.need) {
    case 'home-station': return { rule: 'homeStation', ...base };
    case 'micro-first': return { rule: 'microFirst', ...base };
    case 'supervising-station': return { rule: 'supervising', ...base };
    case 'township-team': return { rule: 'townshipTeam', ...base };
    case 'commander': return { rule: 'commander' };
    case 'strengthen': return { rule: note.startsWith('night') ? 'night' : 'distant', ...base };
    case 'firefighters': return { rule: 'minFirefighters' };
    case 'stations': return { rule: 'minStations' };
    default: break;
  }
  if (reason.echelon === 3) return { rule: 'echelonProvince', ...base };
  if (reason.echelon === 2) {
    const localEta = /nearest local ETA (\d+:\d\d)/.exec(note)?.[1];
    return { rule: 'echelonNeighbour', ...base, ...(localEta ? { localEta } : {}) };
  }
  const spec = /专业优先\), ETA (\d+:\d\d) vs nearest (\d+:\d\d)/.exec(note);
  if (spec) return { rule: 'specialist', ...base, vsNearest: spec[2] };
  if (note.includes('专业优先')) return { rule: 'specialist', ...base };
  return { rule: 'nearest', ...base };
}
