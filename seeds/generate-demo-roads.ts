// Prints statistics of the SYNTHETIC demo road network of the fictional demo county (nothing is
// written: the network is regenerated at load from region.json, following its named features). Usage: npx tsx seeds/generate-demo-roads.ts [path/to/region.json]
import { readFileSync } from 'node:fs';
import { RegionSchema } from '../shared/schemas/region.ts';
import { generateDemoRoads } from '../server/geo/generate-roads.ts';
import { roadStats } from '../server/geo/road-network.ts';

const file = process.argv[2] ?? new URL('./regions/demo-county/region.json', import.meta.url).pathname;
const region = RegionSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const t0 = performance.now();
const net = generateDemoRoads(region);
const ms = performance.now() - t0;
const stats = roadStats(net);
console.log(`region ${region.id}: ${stats.nodes} nodes, ${stats.directedEdges} directed edges, generated in ${ms.toFixed(0)} ms`);
let total = 0;
for (const [cls, km] of Object.entries(stats.kmByClass)) {
  total += km;
  console.log(`  ${cls.padEnd(11)} ${km.toFixed(1).padStart(8)} km`);
}
console.log(`  ${'total'.padEnd(11)} ${total.toFixed(1).padStart(8)} km`);
const named = (kind: string) => (region.features ?? []).filter((f) => f.kind === kind).map((f) => f.nameZh);
console.log(`  interchanges: ${named('expressway-interchange').join(' ') || '(planned from the grid)'}; service areas: ${named('service-area').join(' ') || 'none'}`);
console.log(`  bridges: ${named('bridge').join(' ') || '(planned from the grid)'}`);
