// The road network of a region: an imported region keeps its roads in a file beside region.json;
// the demo county's synthetic roads are generated from its grid at load (deterministic, ~100 ms).
import type { Region } from '../../shared/schemas/region.ts';
import type { RoadNetwork } from './road-network.ts';
import { generateDemoRoads } from './generate-roads.ts';

/** Roads for a loaded region (the import-region work adds reading an imported region's road file). */
export function loadRoadNetwork(_seedsDir: string, region: Region): RoadNetwork {
  return generateDemoRoads(region);
}
