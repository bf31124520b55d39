// The incident types the simulator knows: the eight formations 高低大化 林震洪交 plus everyday work.
import { z } from 'zod';

export const INCIDENT_TYPES = [
  'building-fire',
  'high-rise-fire',
  'underground-fire',
  'large-complex-fire',
  'hazmat',
  'traffic-accident',
  'hazmat-tanker',
  'vehicle-fire',
  'forest-fire',
  'flood-rescue',
  'earthquake-collapse',
  'small-outdoor-fire',
  'ebike-battery-fire',
  'social-assistance',
  'false-alarm',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export const IncidentTypeSchema = z.enum(INCIDENT_TYPES, {
  error: (iss) => `unknown incident type ${JSON.stringify(iss.input)}; expected one of: ${INCIDENT_TYPES.join(', ')}`,
});

export const INCIDENT_TYPE_NAMES: Record<IncidentType, { zh: string; en: string }> = {
  'building-fire': { zh: '建筑火灾', en: 'Building fire' },
  'high-rise-fire': { zh: '高层建筑火灾', en: 'High-rise fire' },
  'underground-fire': { zh: '地下/隧道火灾', en: 'Underground / tunnel fire' },
  'large-complex-fire': { zh: '大跨度/大型综合体火灾', en: 'Large-span / complex fire' },
  hazmat: { zh: '危化品泄漏/火灾/爆炸', en: 'Chemical leak / fire / explosion' },
  'traffic-accident': { zh: '交通事故', en: 'Traffic accident' },
  'hazmat-tanker': { zh: '危化品槽罐车事故', en: 'Hazmat tanker accident' },
  'vehicle-fire': { zh: '车辆火灾', en: 'Vehicle fire' },
  'forest-fire': { zh: '森林草原火灾', en: 'Forest / grassland fire' },
  'flood-rescue': { zh: '洪涝/水域救援', en: 'Flood / water rescue' },
  'earthquake-collapse': { zh: '地震/建筑坍塌', en: 'Earthquake / collapse' },
  'small-outdoor-fire': { zh: '室外小型火灾', en: 'Small outdoor fire' },
  'ebike-battery-fire': { zh: '电动自行车/锂电池火灾', en: 'E-bike / battery fire' },
  'social-assistance': { zh: '社会救助', en: 'Social assistance' },
  'false-alarm': { zh: '误报/虚假警情', en: 'False alarm' },
};
