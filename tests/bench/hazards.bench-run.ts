// Hazards bench: on the demo county, (1) a chlorine plume's zones recomputed after a wind shift,
// with what they cover (road edges closed to unprotected units, people by level), and (2) the
// connected bathtub flood at a new level with its impact (classes, stranded, closed roads), and
// (3) the engine's share of the live loop: each shipped hazard drill run headless in the steps the
// exercise host takes at 60× (a 100 ms tick = 6 s of sim time), each step timed (wall and the
// process's CPU time) — a step is what blocks the server's event loop in one tick, whatever the
// database and the sockets add (the hazards-live bench measures those together, and is at the mercy
// of the machine's load). Goals (issue 10): each ≤ 50 ms. Prints one JSON object; wall times are
// min and p50 over repeats.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadFloodHazardRules, loadSubstances } from '../../server/scenario/load-hazard-data.ts';
import { createHazardModels } from '../../server/hazards/models.ts';
import { chemicalZoneEffects } from '../../server/hazards/zone-effects.ts';
import { percentileOfSorted, sortedAscending } from '../../server/metrics/percentiles.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';

const DRILLS = ['hazard-typhoon-flood', 'hazard-chlorine-park', 'hazard-ammonia-tanker'];
const STEP_MS = 6_000; // a 100 ms host tick at 60×

const round1 = (v: number): number => Number(v.toFixed(1));

export async function runHazardsBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'seeds-dir': { type: 'string', default: 'seeds' }, repeat: { type: 'string', default: '30' } } });
  const seedsDir = values['seeds-dir'];
  const repeat = Math.max(1, Number(values.repeat) || 30);
  const world = loadWorld({ seedsDir });
  const models = createHazardModels(world.region, loadSubstances(seedsDir).data, loadFloodHazardRules(seedsDir).data, world.roads);
  let t = performance.now();
  const terrain = models.floodTerrain;
  const terrainMs = round1(performance.now() - t);
  const park = world.region.features?.find((f) => f.kind === 'industrial-park')?.location ?? world.region.jurisdictions[0]!.center;
  const chlorine = models.substance('chlorine')!;

  const plumeMs: number[] = [];
  let last = { closedEdges: 0, peopleAegl2OrWorse: 0, aegl1LengthM: 0 };
  for (let i = 0; i < repeat; i++) {
    const fromDeg = (i * 37) % 360; // a new wind direction each time
    t = performance.now();
    const zones = models.chemicalZones({
      substance: chlorine, source: { kind: 'continuous', rateKgS: 5, heightM: 0 }, origin: park,
      wind: { fromDeg, speedMS: 2.5 }, stability: 'D', terrain: models.terrainAt(park), spill: 'large', night: false,
    });
    const fx = chemicalZoneEffects(zones, { ...(world.roads ? { roads: world.roads } : {}), terrain });
    plumeMs.push(performance.now() - t);
    last = { closedEdges: fx.closedEdges.length, peopleAegl2OrWorse: Math.round(fx.peopleByLevel[2] + fx.peopleByLevel[3]), aegl1LengthM: Math.round(zones.threat.at(-1)?.lengthM ?? 0) };
  }
  const floodMs: number[] = [];
  let flood = { floodedAreaKm2: 0, closedRoadKm: 0, stranded: 0 };
  models.flood(0); // builds the road samples once (as the engine does when the flood starts)
  for (let i = 0; i < repeat; i++) {
    const level = 0.5 + ((i * 0.37) % 3.5);
    t = performance.now();
    const { impact } = models.flood(level);
    floodMs.push(performance.now() - t);
    flood = { floodedAreaKm2: round1(impact.floodedAreaKm2), closedRoadKm: round1(impact.closedRoadKm), stranded: Math.round(impact.stranded) };
  }
  const stats = (xs: number[]): { minMs: number; p50Ms: number; p90Ms: number } => {
    const s = sortedAscending(xs);
    return { minMs: round1(s[0]!), p50Ms: round1(percentileOfSorted(s, 50)!), p90Ms: round1(percentileOfSorted(s, 90)!) };
  };
  // (3) The drills in live steps.
  const liveSteps: Record<string, { steps: number; p50Ms: number; p99Ms: number; maxMs: number; cpuP99Ms: number; cpuMaxMs: number; totalCpuMs: number; goalMs: number }> = {};
  for (const name of DRILLS) {
    const engine = createEngine(engineConfigFor(world, loadScenario(`scenarios/${name}.yaml`, world)));
    engine.start();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let at = STEP_MS; at <= engine.endsAt + STEP_MS; at += STEP_MS) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      engine.advanceTo(Math.min(at, engine.endsAt));
      wall.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const w = sortedAscending(wall);
    const c = sortedAscending(cpu);
    liveSteps[name] = {
      steps: w.length, p50Ms: round1(percentileOfSorted(w, 50)!), p99Ms: round1(percentileOfSorted(w, 99)!), maxMs: round1(w.at(-1)!),
      cpuP99Ms: round1(percentileOfSorted(c, 99)!), cpuMaxMs: round1(c.at(-1)!), totalCpuMs: Math.round(cpu.reduce((a, b) => a + b, 0)), goalMs: 50,
    };
  }
  const out = {
    bench: 'hazards',
    region: world.region.id,
    repeat,
    subcells: terrain.rows * terrain.cols,
    roadNodes: world.roads?.nodeCount ?? 0,
    floodTerrainBuildMs: terrainMs,
    plumeAfterWindShift: { ...stats(plumeMs), goalMs: 50, ...last },
    floodAtNewLevel: { ...stats(floodMs), goalMs: 50, ...flood },
    engineStepsAt60x: liveSteps,
    peakRssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runHazardsBench(process.argv.slice(2));
