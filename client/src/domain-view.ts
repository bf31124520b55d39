// How the board shows the domain: colours by tier, unit status and grade, a glyph per incident type,
// and the run card's requirement set against the units assigned (等级调派方案 vs 已调派).
import type { Tier } from '../../shared/domain/forces.ts';
import type { UnitStatus } from '../../shared/domain/status.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import { GRADE_INFO, type Grade } from '../../shared/domain/grades.ts';
import type { BoardIncident, BoardState } from '../../shared/board-state.ts';
import type { RegionMap, MapStation } from '../../shared/map-data.ts';
import type { RunCardNeed } from '../../shared/schemas/run-cards.ts';

export const TIER_COLOURS: Record<Tier, string> = {
  national: '#e0453a',
  professional: '#e89b2c',
  township: '#3fb5a3',
};

/** Micro stations are township tier but drawn apart: they are many and small. */
export const MICRO_COLOUR = '#9c7be0';

export function stationColour(s: Pick<MapStation, 'tier' | 'kind'>): string {
  return s.kind === 'micro' ? MICRO_COLOUR : TIER_COLOURS[s.tier];
}

export const STATUS_COLOURS: Record<UnitStatus, string> = {
  inStation: '#5fbf6a',
  turningOut: '#f2d94e',
  enRoute: '#ff9f1c',
  onScene: '#ff4d4d',
  working: '#d61f69',
  returning: '#4aa3ff',
  availableOnRoad: '#7fe0c8',
  outOfService: '#7a7f87',
};

/** Overhaul reported done and the incident still open under control: the players may close it now. */
export const readyToClose = (inc: Pick<BoardIncident, 'overhaulDone' | 'status'>): boolean => inc.overhaulDone === true && inc.status === 'underControl';

export const gradeHex = (g: Grade | undefined): string => (g ? GRADE_INFO[g].hex : '#9aa3ad');

/** One short glyph per incident type, drawn inside the incident marker. */
export const INCIDENT_GLYPH: Record<IncidentType, string> = {
  'building-fire': '火',
  'high-rise-fire': '高',
  'underground-fire': '低',
  'large-complex-fire': '大',
  hazmat: '化',
  'traffic-accident': '交',
  'hazmat-tanker': '罐',
  'vehicle-fire': '车',
  'forest-fire': '林',
  'flood-rescue': '洪',
  'earthquake-collapse': '震',
  'small-outdoor-fire': '小',
  'ebike-battery-fire': '电',
  'social-assistance': '助',
  'false-alarm': '误',
};

export interface NeedRow {
  key: string;
  need: RunCardNeed['capability'] | 'firefighters' | 'stations';
  required: number;
  assigned: number;
  minAerialM?: number;
}

/** The run card for the incident's grade against the units assigned to it (counting as the engine does: a unit fills each need it can). */
export function requirementVsAssigned(inc: BoardIncident, board: BoardState, map: RegionMap): NeedRow[] {
  const grade = inc.grade ?? inc.reportedGrade;
  const card = map.runCards[inc.type]?.[String(grade) as '1'];
  if (!card) return [];
  const stationById = new Map(map.stations.map((s) => [s.id, s]));
  const units = inc.unitIds.map((id) => board.units[id]).filter((u) => u !== undefined);
  const rows: NeedRow[] = card.needs.map((n, i) => ({
    key: `${n.capability}-${i}`,
    need: n.capability,
    required: n.vehicles,
    ...(n.minAerialM !== undefined ? { minAerialM: n.minAerialM } : {}),
    assigned: units.filter((u) => {
      const t = map.unitTypes[u.type];
      const tier = stationById.get(u.stationId)?.tier;
      if (!t || !t.capabilities.includes(n.capability)) return false;
      if (n.minAerialM !== undefined && (t.aerialHeightM ?? 0) < n.minAerialM) return false;
      return !tier || n.tiers.includes(tier);
    }).length,
  }));
  const crew = units.reduce((s, u) => s + (map.unitTypes[u.type]?.crew ?? 0), 0);
  const stations = new Set(units.filter((u) => stationById.get(u.stationId)?.kind !== 'micro').map((u) => u.stationId)).size;
  rows.push({ key: 'firefighters', need: 'firefighters', required: card.minFirefighters, assigned: crew });
  rows.push({ key: 'stations', need: 'stations', required: card.minStations, assigned: stations });
  return rows;
}

/**
 * Isochrone bands from the nearest (3 min) to the farthest (15 min): green where a crew is soon on
 * scene, red where it is late. Indexed by the band's rank, so a region with other thresholds still
 * gets a graded ramp; the last colour repeats beyond five bands.
 */
export const BAND_COLOURS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'] as const;
/** The default thresholds (seeds/coverage.yaml), shown in the legend before a station's bands arrive. */
export const DEFAULT_BAND_MINUTES = [3, 5, 8, 10, 15] as const;

export function bandColour(rank: number): string {
  return BAND_COLOURS[Math.min(Math.max(rank, 0), BAND_COLOURS.length - 1)]!;
}

/** Coverage gaps: a hollow magenta ring that reads on dark ground and over the band colours. */
export const GAP_COLOUR = '#ff4fd8';

/**
 * An ETA or a remaining time: "m:ss" under an hour, "h:mm:ss" from an hour up (6 h 12 min 32 s is
 * "6:12:32", never "12:32"), so the hours are never lost and sorting by the text sorts by time.
 */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`;
}

/** The size units of seeds/incident-models.yaml (`sizeUnit`), in both languages. */
const SIZE_UNIT_NAMES: Record<string, { zh: string; en: string }> = {
  'm²': { zh: '平方米', en: 'm²' },
  ha: { zh: '公顷', en: 'ha' },
  'vehicles involved': { zh: '辆车', en: 'vehicles' },
  'flooded sites': { zh: '处受淹点', en: 'flooded sites' },
  'collapsed structures': { zh: '处倒塌建筑', en: 'collapsed structures' },
  tasks: { zh: '项任务', en: 'tasks' },
};

/** The grade an incident of this type calls for at this size and number of trapped people (as the engine grades it). */
export function impliedGrade(map: RegionMap, type: IncidentType, size: number, trapped: number): Grade | undefined {
  const m = map.incidentModels?.[type];
  if (!m) return undefined;
  let g = 1;
  for (let k = 1; k < 5; k++) {
    if ((m.gradeBySize[k] ?? 0) > 0 && size >= m.gradeBySize[k]!) g = Math.max(g, k + 1);
    if ((m.gradeByTrapped[k] ?? 0) > 0 && trapped >= m.gradeByTrapped[k]!) g = Math.max(g, k + 1);
  }
  return g as Grade;
}

/** A size with its unit, rounded as people say it: "82 m²", "1.5 ha", "leak severity 2". */
export function sizeText(map: RegionMap, type: IncidentType, size: number, lang: string): string {
  const zh = lang.startsWith('zh');
  const unit = map.incidentModels?.[type]?.sizeUnit;
  const n = size >= 10 ? String(Math.round(size)) : String(Math.round(size * 10) / 10);
  if (!unit) return n;
  if (unit.startsWith('leak severity')) return zh ? `泄漏等级 ${n}` : `leak severity ${n}`;
  const name = SIZE_UNIT_NAMES[unit];
  return `${n} ${name ? name[zh ? 'zh' : 'en'] : unit}`;
}
