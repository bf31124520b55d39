// The three tiers of forces (national, professional, township), their kinds, and the capabilities
// units bring. Names follow DOMAIN.md §3 and §7.
import { z } from 'zod';

export const TIERS = ['national', 'professional', 'township'] as const;
export type Tier = (typeof TIERS)[number];
export const TierSchema = z.enum(TIERS);

/** Kind of a force (a station or a team). `tier` of each kind is fixed by KIND_TIER. */
export const FORCE_KINDS = [
  'special-service', // 特勤站
  'class-1', // 一级站
  'class-2', // 二级站
  'small', // 小型站
  'logistics', // 战勤保障站
  'specialist-team', // 专业队 (water, earthquake, hazmat…), usually at a special-service station
  'city-fulltime', // 城市政府专职消防队
  'enterprise', // 企业专职消防队
  'forest', // 森林消防专业队 / 半专业队
  'township-1', // 乡镇政府专职消防队 一级
  'township-2', // 乡镇政府专职消防队 二级
  'volunteer', // 志愿消防队
  'micro', // 微型消防站
] as const;
export type ForceKind = (typeof FORCE_KINDS)[number];
export const ForceKindSchema = z.enum(FORCE_KINDS);

export const KIND_TIER: Record<ForceKind, Tier> = {
  'special-service': 'national',
  'class-1': 'national',
  'class-2': 'national',
  small: 'national',
  logistics: 'national',
  'specialist-team': 'national',
  'city-fulltime': 'professional',
  enterprise: 'professional',
  forest: 'professional',
  'township-1': 'township',
  'township-2': 'township',
  volunteer: 'township',
  micro: 'township',
};

export const FORCE_KIND_NAMES: Record<ForceKind, { zh: string; en: string }> = {
  'special-service': { zh: '特勤站', en: 'Special-service station' },
  'class-1': { zh: '一级站', en: 'Class 1 station' },
  'class-2': { zh: '二级站', en: 'Class 2 station' },
  small: { zh: '小型站', en: 'Small station' },
  logistics: { zh: '战勤保障站', en: 'Logistics station' },
  'specialist-team': { zh: '专业队', en: 'Specialist team' },
  'city-fulltime': { zh: '政府专职消防队', en: 'City full-time team' },
  enterprise: { zh: '企业专职消防队', en: 'Enterprise team' },
  forest: { zh: '森林消防队', en: 'Forest team' },
  'township-1': { zh: '乡镇专职消防队(一级)', en: 'Township team, class 1' },
  'township-2': { zh: '乡镇专职消防队(二级)', en: 'Township team, class 2' },
  volunteer: { zh: '志愿消防队', en: 'Volunteer team' },
  micro: { zh: '微型消防站', en: 'Micro fire station' },
};

export const CAPABILITIES = [
  'water', // 供水灭火
  'foam',
  'dry-powder',
  'aerial', // 登高/举高
  'rescue', // 抢险救援 (extrication, forcible entry)
  'hazmat', // 化学救援/侦检/堵漏
  'decon', // 洗消
  'water-rescue', // 水域救援
  'pumping', // 排涝
  'search', // 搜救 (collapse, dogs)
  'command', // 通信指挥
  'smoke-extraction',
  'lighting',
  'air-supply',
  'heavy-machinery',
  'logistics', // 战勤保障 (fuel, food, supply)
  'long-distance-water', // 远程供水
  'forest', // 森林灭火
  'first-response', // micro stations: incipient fires, first aid, guidance
] as const;
export type Capability = (typeof CAPABILITIES)[number];
export const CapabilitySchema = z.enum(CAPABILITIES, {
  error: (iss) => `unknown capability ${JSON.stringify(iss.input)}; expected one of: ${CAPABILITIES.join(', ')}`,
});

/** Speed classes of vehicles; km/h per class live in the doctrine file. */
export const SPEED_CLASSES = ['light', 'medium', 'heavy', 'trailer', 'on-foot'] as const;
export type SpeedClass = (typeof SPEED_CLASSES)[number];
export const SpeedClassSchema = z.enum(SPEED_CLASSES);
