// The road network of a region: an imported region keeps its roads in a file beside region.json
// (region.roads.file, format in road-file.ts); the demo county's synthetic roads are generated from
// its grid at load (deterministic, ~100 ms).
import path from 'node:path';
import type { Region } from '../../shared/schemas/region.ts';
import type { RoadNetwork } from './road-network.ts';
import { generateDemoRoads } from './generate-roads.ts';
import { networkFromSlots, readRoadFile } from './road-file.ts';
import { regionFolder } from './region-folder.ts';

/** Roads for a loaded region: its road file when it has one, else generated from its grid. */
export function loadRoadNetwork(seedsDir: string, region: Region): RoadNetwork {
  if (region.roads) return networkFromSlots(readRoadFile(path.join(regionFolder(seedsDir, region.id), region.roads.file)));
  return generateDemoRoads(region);
}
