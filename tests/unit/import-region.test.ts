// Region import from OpenStreetMap XML, OSM PBF and GeoJSON with CSV / GeoJSON rosters, all built at
// test time in a temp folder (tests/fixtures/import-fixtures.ts draws the little town): road classes,
// speeds and one-way rules, the kept strongly connected part, station snapping and districts by
// travel, the files written, loadWorld and an engine run on the imported region, and every kind of
// bad input reported at its line or record with nothing left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegion, type ImportOptions, type ImportReport } from '../../server/geo/import/import-region.ts';
import { ImportError } from '../../server/geo/import/import-error.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { readRoadFile } from '../../server/geo/road-file.ts';
import type { RoadNetwork } from '../../server/geo/road-network.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { DataFileError } from '../../server/files/data-file-error.ts';
import { createEngine } from '../../server/engine/engine.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { RegionSchema, type Region } from '../../shared/schemas/region.ts';
import {
  at, makeSeedsDir, nodeAt, osmNodes, osmPbf, osmXml, PLACE, ROSTER, rosterCsv, rosterGeoJson, roadsGeoJson, WAYS, writeFixture,
} from '../fixtures/import-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let tmp: string;
let files: Record<'osm' | 'pbf' | 'geojson' | 'csv' | 'rosterGeojson', string>;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'import-region-test-'));
  files = {
    osm: writeFixture(tmp, 'town.osm', osmXml()),
    pbf: writeFixture(tmp, 'town.osm.pbf', osmPbf()),
    geojson: writeFixture(tmp, 'town.geojson', roadsGeoJson()),
    csv: writeFixture(tmp, 'roster.csv', rosterCsv()),
    rosterGeojson: writeFixture(tmp, 'roster.geojson', rosterGeoJson()),
  };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What `sim import-region` hands the import: the scenario layer's world loader. */
const checkWorld = (seedsDir: string, regionId: string): void => void loadWorld({ seedsDir, regionId });

let seedsCount = 0;
function freshSeeds(): string {
  return makeSeedsDir(fs.mkdtempSync(path.join(tmp, `s${seedsCount++}-`)), ROOT);
}

async function importInto(seedsDir: string, roads: string, extra: Partial<ImportOptions> = {}): Promise<{ report: ImportReport; region: Region; net: RoadNetwork }> {
  const report = await importRegion({ roadsFile: roads, name: 'Test Town', nameZh: '测试镇', roster: files.csv, seedsDir, ...extra }, checkWorld);
  const region = RegionSchema.parse(JSON.parse(fs.readFileSync(path.join(seedsDir, 'regions', report.regionId, 'region.json'), 'utf8')));
  return { report, region, net: loadRoadNetwork(seedsDir, region) };
}

/** Index of the network node at the fixture's OSM node (coordinates kept to 1e-7°). */
function node(net: RoadNetwork, osmId: number): number {
  const [lat, lon] = nodeAt(osmId);
  for (let v = 0; v < net.nodeCount; v++) if (Math.abs(net.lat[v]! - lat) < 2e-7 && Math.abs(net.lon[v]! - lon) < 2e-7) return v;
  return -1;
}

/** The edge a → b (OSM node ids) as class and km/h, or undefined when it cannot be driven that way. */
function edge(net: RoadNetwork, a: number, b: number): { cls: string; kmh: number } | undefined {
  const u = node(net, a), v = node(net, b);
  if (u < 0 || v < 0) return undefined;
  for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) {
    if (net.out.targets[e] === v) return { cls: net.classes[net.out.cls[e]!]!, kmh: Math.round(net.speedMps[net.out.cls[e]!]! * 3.6) };
  }
  return undefined;
}

/** Every directed edge as "lat,lon→lat,lon class speed", sorted: the graph independent of node order. */
function edgeSet(net: RoadNetwork): string[] {
  const out: string[] = [];
  const p = (v: number): string => `${net.lat[v]!.toFixed(6)},${net.lon[v]!.toFixed(6)}`;
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) {
      out.push(`${p(u)}→${p(net.out.targets[e]!)} ${net.classes[net.out.cls[e]!]} ${Math.round(net.speedMps[net.out.cls[e]!]! * 3.6)} ${net.out.lengthM[e]!.toFixed(1)}`);
    }
  }
  return out.sort();
}

describe('import-region from OpenStreetMap XML', () => {
  let seeds: string;
  let got: Awaited<ReturnType<typeof importInto>>;
  beforeAll(async () => {
    seeds = freshSeeds();
    got = await importInto(seeds, files.osm);
  });

  it('maps highway tags to road classes and speeds, maxspeed winning', () => {
    const { net } = got;
    expect(edge(net, 1, 2)).toEqual({ cls: 'arterial', kmh: 60 }); // primary, maxspeed=60
    expect(edge(net, 3, 13)).toEqual({ cls: 'arterial', kmh: 50 }); // secondary: class default
    expect(edge(net, 5, 15)).toEqual({ cls: 'local', kmh: 40 }); // tertiary
    expect(edge(net, 11, 12)).toEqual({ cls: 'local', kmh: 30 }); // residential
    expect(edge(net, 5, 36)).toEqual({ cls: 'expressway', kmh: 80 }); // trunk
    expect(edge(net, 11, 51)).toEqual({ cls: 'rural', kmh: 20 }); // track
    expect(edge(net, 1, 12)).toBeUndefined(); // footway: not a road for a fire engine
  });

  it('respects oneway=yes, oneway=-1 and roundabouts, and keeps two-way streets two-way', () => {
    const { net } = got;
    expect(edge(net, 12, 2)).toBeDefined();
    expect(edge(net, 2, 12)).toBeUndefined();
    expect(edge(net, 14, 4)).toBeDefined(); // drawn 4→14 with oneway=-1
    expect(edge(net, 4, 14)).toBeUndefined();
    for (const [a, b] of [[21, 22], [22, 23], [23, 24], [24, 21]] as const) {
      expect(edge(net, a, b)).toBeDefined();
      expect(edge(net, b, a)).toBeUndefined();
    }
    expect(edge(net, 2, 3)).toBeDefined();
    expect(edge(net, 3, 2)).toBeDefined();
    expect(got.report.oneWaySegments).toBe(7); // 12→2, 14→4, 4 roundabout arcs, the motorway
  });

  it('keeps the largest strongly connected part and says what it dropped', () => {
    const { net, report } = got;
    expect(node(net, 35)).toBe(-1); // end of a one-way motorway: no way back
    expect(node(net, 41)).toBe(-1); // island
    expect(node(net, 61)).toBe(-1); // building corner
    expect(report.componentsDropped).toBe(2);
    expect(report.nodesDropped).toBe(3);
    expect(net.nodeCount).toBe(17);
    expect(net.edgeCount).toBe(report.directedEdges);
    expect(got.region.note).toContain('2 smaller parts with 3 nodes dropped');
  });

  it('writes region.json and roads.bin, and says where the data came from and what is estimated', () => {
    const { region, report } = got;
    const dir = path.join(seeds, 'regions', 'test-town');
    expect(fs.readdirSync(path.join(seeds, 'regions'))).toEqual(['test-town']); // no staging folder left
    expect(fs.readdirSync(dir).sort()).toEqual(['region.json', 'roads.bin']);
    expect(region).toMatchObject({ id: 'test-town', name: 'Test Town', nameZh: '测试镇', fictional: false, roads: { file: 'roads.bin' } });
    expect(region.note).toContain('© OpenStreetMap contributors');
    expect(region.note).toContain('ODbL');
    expect(region.note).toMatch(/land use is an ESTIMATE from road density/);
    expect(region.note).toMatch(/Population is an ESTIMATE from residential street length/);
    expect(report.populationEstimated).toBe(true);
    expect(region.cells.reduce((s, c) => s + c.population, 0)).toBe(report.population);
    expect(report.population).toBeGreaterThan(0);
    // A small town gets cells smaller than 1 km, covering the kept roads.
    expect(report.cellM).toBe(200);
    expect(region.cells.find((c) => c.place === PLACE.name)).toBeDefined();
    const roads = readRoadFile(path.join(dir, 'roads.bin'));
    expect(roads.lat.length).toBe(17);
    expect(roads.source).toContain('town.osm');
  });

  it('snaps stations to the road, builds districts by travel time and assigns supervisors', () => {
    const { region, report, net } = got;
    const snapOf = (id: string) => report.stations.find((s) => s.id === id)!;
    expect(snapOf('st-west').node).toBe(node(net, 11));
    expect(snapOf('st-west').offRoadM).toBe(14);
    expect(snapOf('micro-main').offRoadM).toBe(0);
    const station = (id: string) => region.stations.find((s) => s.id === id)!;
    expect(region.jurisdictions.map((j) => [j.id, j.kind, j.homeStationId])).toEqual([
      ['st-west-district', expect.any(String), 'st-west'],
      ['st-east-district', expect.any(String), 'st-east'],
      ['neighbour', 'neighbour', 'nb-station'],
      ['province', 'province', 'prov-base'],
    ]);
    // The micro station is closer to the west station as the crow flies, but the east one drives
    // there first along the 60 km/h main street: districts follow travel time.
    expect(station('micro-main')).toMatchObject({ jurisdictionId: 'st-east-district', supervisingStationId: 'st-east' });
    expect(station('twp-north').supervisingStationId).toMatch(/^st-(west|east)$/);
    expect(station('st-west').supervisingStationId).toBeUndefined();
    expect(station('nb-station').jurisdictionId).toBe('neighbour');
    expect(station('st-west').units.slice(0, 3).map((u) => u.id)).toEqual(['st-west-SG-1', 'st-west-SG-2', 'st-west-SG-3']);
    expect(station('st-west').specialties).toEqual(['water-rescue', 'hazmat']);
    const districtPeople = region.jurisdictions.reduce((s, j) => s + j.population, 0);
    expect(districtPeople).toBe(report.population);
  });

  it('loads with loadWorld and runs in the engine on its own roads', () => {
    const world = loadWorld({ seedsDir: seeds, regionId: 'test-town' });
    expect(world.region.stations).toHaveLength(ROSTER.length);
    const roads = loadRoadNetwork(seeds, world.region);
    expect(roads.nodeCount).toBe(17);
    const scenarioFile = writeFixture(tmp, 'drill.yaml', [
      'name: Test town drill', 'region: test-town', 'seed: 5', 'start: 2026-06-01T08:00:00+08:00', 'duration: 3h', 'mode: auto',
      'background: { enabled: false }',
      'calls:',
      `  - { at: 00:05:00, type: building-fire, location: ${PLACE.name}, reportedGrade: 1 }`,
      `  - { at: 00:30:00, type: building-fire, location: [${at(950, 50).join(', ')}], reportedGrade: 1 }`,
    ].join('\n'));
    const engine = createEngine({ world: { ...world, roads }, scenario: loadScenario(scenarioFile, world) });
    const events: DomainEvent[] = [...engine.start(), ...engine.advanceTo(engine.endsAt)];
    const triaged = events.filter((e) => e.type === 'INCIDENT_TRIAGED');
    expect(triaged).toHaveLength(2);
    expect(triaged.map((e) => e.type === 'INCIDENT_TRIAGED' && e.homeStationId)).toEqual(['st-west', 'st-east']);
    const arrived = new Set(events.filter((e) => e.type === 'UNIT_ARRIVED').map((e) => e.type === 'UNIT_ARRIVED' && e.incidentId));
    expect(arrived.size).toBe(2);
    const etas = events.flatMap((e) => (e.type === 'UNIT_DISPATCHED' && !e.unitId.startsWith('prov') && !e.unitId.startsWith('nb') ? [e.etaSec] : []));
    expect(etas.length).toBeGreaterThan(0);
    expect(Math.min(...etas)).toBeLessThan(300); // a town of 1.8 km: first units are minutes away
    // Both end within the 3 hours: closed after overhaul, or cancelled when the first crew finds nothing (unfounded).
    expect(events.filter((e) => e.type === 'INCIDENT_CLOSED' || e.type === 'INCIDENT_CANCELLED')).toHaveLength(2);
  });
});

describe('import-region from OSM PBF and GeoJSON', () => {
  it('builds the same graph from all three formats, with a CSV or a GeoJSON roster', async () => {
    const xml = await importInto(freshSeeds(), files.osm);
    const pbf = await importInto(freshSeeds(), files.pbf, { roster: files.rosterGeojson });
    const geo = await importInto(freshSeeds(), files.geojson);
    expect(edgeSet(pbf.net)).toEqual(edgeSet(xml.net));
    expect(edgeSet(geo.net)).toEqual(edgeSet(xml.net));
    expect(pbf.region.stations).toEqual(xml.region.stations);
    expect(pbf.region.cells).toEqual(xml.region.cells); // the PBF carries the place node too
    expect(geo.region.note).toContain('Imported from GeoJSON roads');
    expect(geo.region.note).not.toContain('OpenStreetMap contributors');
  });

  it('takes a population total or population points instead of the estimate', async () => {
    const total = await importInto(freshSeeds(), files.osm, { population: '5000' });
    expect(total.region.cells.reduce((s, c) => s + c.population, 0)).toBe(5000);
    expect(total.region.note).toContain('Population total 5000 as given');
    const points = writeFixture(tmp, 'people.csv', `lat,lon,population\n${at(300, 200).join(',')},1200\n${at(1100, 100).join(',')},800\n${at(0, 50_000).join(',')},999\n`);
    const byPoint = await importInto(freshSeeds(), files.osm, { population: points });
    expect(byPoint.region.cells.reduce((s, c) => s + c.population, 0)).toBe(2000);
    expect(byPoint.report.populationEstimated).toBe(false);
    expect(byPoint.report.warnings.join('\n')).toContain('1 population points lie outside the road extent');
  });

  it('replaces an existing region only with force', async () => {
    const seeds = freshSeeds();
    await importInto(seeds, files.osm);
    await expect(importInto(seeds, files.geojson)).rejects.toThrow(/region "test-town" already exists .* \(add --force to replace it\)/);
    const again = await importInto(seeds, files.geojson, { force: true });
    expect(again.region.note).toContain('GeoJSON');
    expect(fs.readdirSync(path.join(seeds, 'regions'))).toEqual(['test-town']);
  });
});

describe('import-region rejects bad input, naming the line or record, and writes nothing', () => {
  const expectRejected = async (roads: string, message: RegExp, extra: Partial<ImportOptions> = {}): Promise<ImportError> => {
    const seeds = freshSeeds();
    const err = await importInto(seeds, roads, extra).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(message);
    expect(fs.readdirSync(path.join(seeds, 'regions'))).toEqual([]); // no region, no staging folder
    return err as ImportError;
  };

  it('malformed XML at its line:col', async () => {
    const text = osmXml().replace('<way id="103">', '<way id="103" <oops>');
    const line = text.split('\n').findIndex((l) => l.includes('<oops>')) + 1;
    await expectRejected(writeFixture(tmp, 'bad.osm', text), new RegExp(`bad\\.osm:${line}:\\d+: malformed XML: `));
  });

  it('a way that refers to a missing node, at the <nd> of that way', async () => {
    const text = osmXml([...WAYS, { id: 42, refs: [1, 17], tags: { highway: 'residential' } }]);
    const line = text.split('\n').findIndex((l) => l.includes('<nd ref="17"/>')) + 1;
    await expectRejected(writeFixture(tmp, 'missing.osm', text), new RegExp(`missing\\.osm:${line}:5: <way id=42> refers to missing node 17`));
    await expectRejected(writeFixture(tmp, 'missing.osm.pbf', osmPbf([...WAYS, { id: 42, refs: [1, 17], tags: { highway: 'residential' } }])), /missing\.osm\.pbf: blob 2: way 42 refers to missing node 17/);
  });

  it('a node without valid coordinates', async () => {
    const text = osmXml().replace(/(<node id="3" lat=")[^"]+"/, '$1north"');
    await expectRejected(writeFixture(tmp, 'badnode.osm', text), /badnode\.osm:\d+:3: <node id=3> has no valid lat \(got "north"; expected -90 … 90\)/);
  });

  it('a truncated PBF, with the blob and byte where it ends', async () => {
    const pbf = osmPbf();
    await expectRejected(writeFixture(tmp, 'cut.osm.pbf', pbf.subarray(0, pbf.length - 40)), /cut\.osm\.pbf: blob 2 at byte \d+: file ends inside the blob data \(\d+ of \d+ bytes; truncated download\?\)/);
    await expectRejected(writeFixture(tmp, 'notpbf.osm.pbf', Buffer.from('<osm></osm>')), /notpbf\.osm\.pbf: blob 1 at byte 0: blob header length \d+ is out of range/);
  });

  it('GeoJSON of the wrong geometry, at the feature', async () => {
    const fc = JSON.parse(roadsGeoJson()) as { features: { geometry: { type: string } }[] };
    fc.features[3]!.geometry.type = 'Point';
    await expectRejected(writeFixture(tmp, 'points.geojson', JSON.stringify(fc, null, 2)), /points\.geojson:\d+:\d+: features\[3\]\.geometry\.type: expected LineString or MultiLineString \(got "Point"\)/);
    await expectRejected(writeFixture(tmp, 'broken.geojson', '{ "type": "FeatureCollection", "features": [ }'), /broken\.geojson:1:\d+: JSON syntax error/);
  });

  it('a CSV roster with an unknown kind, a bad lat and an unknown unit code: every problem with its line', async () => {
    const rows = ROSTER.map((s, i) => (i === 5 ? { ...s, kind: 'stationx' } : i === 2 ? { ...s, units: 'SG:1;DG:1' } : s));
    const csv = rosterCsv(rows).replace(/^(st-east,[^,]+,[^,]+,[^,]+,)[^,]+/m, '$1ninety');
    const err = await expectRejected(files.osm, /3 problems in .*bad-roster\.csv/, { roster: writeFixture(tmp, 'bad-roster.csv', csv) });
    const lines = err.message.split('\n').slice(1);
    expect(lines[0]).toMatch(/bad-roster\.csv:3: column lat: "ninety" is not a latitude \(expected a number -90 … 90\)$/);
    expect(lines[1]).toMatch(/bad-roster\.csv:4: column units: unit type "DG" is not in .*unit-types\.yaml \(expected one of: SG, XSG, .*DG-32, DG-54/);
    expect(lines[2]).toMatch(/bad-roster\.csv:7: column kind: "stationx" is not a force kind \(expected one of: special-service, class-1, .*micro\)$/);
  });

  it('a roster with a missing column, a duplicate id or an unknown jurisdiction', async () => {
    await expectRejected(files.osm, /nostaff\.csv:1: missing column "staff"/, { roster: writeFixture(tmp, 'nostaff.csv', rosterCsv(ROSTER, 'id,name,nameZh,kind,lat,lon,crew,units,specialties,jurisdiction')) });
    await expectRejected(files.osm, /dup\.csv:3: column id: duplicate station id "st-west" \(ids must be unique; first at line 2\)/, { roster: writeFixture(tmp, 'dup.csv', rosterCsv(ROSTER.map((s, i) => (i === 1 ? { ...s, id: 'st-west' } : s)))) });
    await expectRejected(files.osm, /juris\.csv:4: column jurisdiction: "nowhere" is not a national station with a district \(expected one of: st-west, st-east, neighbour, province\)/, { roster: writeFixture(tmp, 'juris.csv', rosterCsv(ROSTER.map((s, i) => (i === 2 ? { ...s, jurisdiction: 'nowhere' } : s)))) });
  });

  it('a GeoJSON roster with a non-point feature or a bad kind, at the feature', async () => {
    const fc = JSON.parse(rosterGeoJson()) as { features: { geometry: unknown; properties: Record<string, unknown> }[] };
    fc.features[1]!.geometry = { type: 'LineString', coordinates: [[110.5, 24.6], [110.6, 24.7]] };
    fc.features[4]!.properties.kind = 'brigade';
    const err = await expectRejected(files.osm, /2 problems/, { roster: writeFixture(tmp, 'bad-roster.geojson', JSON.stringify(fc, null, 2)) });
    expect(err.message).toMatch(/bad-roster\.geojson:\d+:\d+: features\[1\]\.geometry\.type: expected Point \(got "LineString"\)/);
    expect(err.message).toMatch(/bad-roster\.geojson:\d+:\d+: features\[4\]\.properties\.kind: "brigade" is not a force kind/);
  });

  it('a roster too thin for the run cards: the region would not load, so nothing is written', async () => {
    const thin = writeFixture(tmp, 'thin.csv', rosterCsv(ROSTER.slice(0, 2)));
    await expectRejected(files.osm, /the imported region would not load, so nothing was written[\s\S]*run-cards\.yaml:\d+:\d+: cards\.building-fire\.\d\.\S+: needs \d+/, { roster: thin });
  });

  it('no roster, or a roster without a national station, is refused with a clear message', async () => {
    await expect(importRegion({ roadsFile: files.osm, name: 'Test Town', seedsDir: freshSeeds() }, checkWorld)).rejects.toThrow(/give --roster <file\.csv\|file\.geojson>/);
    await expectRejected(files.osm, /no national station with a district of its own/, { roster: writeFixture(tmp, 'teams.csv', rosterCsv(ROSTER.filter((s) => !['special-service', 'class-1'].includes(s.kind) || s.jurisdiction))) });
  });

  it('a damaged road file is reported when the region loads', async () => {
    const seeds = freshSeeds();
    const { region } = await importInto(seeds, files.osm);
    const file = path.join(seeds, 'regions', 'test-town', 'roads.bin');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    expect(() => loadRoadNetwork(seeds, region)).toThrow(DataFileError);
    expect(() => loadRoadNetwork(seeds, region)).toThrow(/roads\.bin:1:1: file is \d+ bytes, expected \d+ for 17 nodes and \d+ edges \(truncated or damaged\?\)/);
  });
});

// Keep the fixture honest: the nodes the drawing promises are there.
it('fixture: the town has the nodes and ways it draws', () => {
  expect(osmNodes().length).toBe(24);
  expect(WAYS.filter((w) => w.tags.highway).length).toBe(15);
});
