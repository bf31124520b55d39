// Reads an OpenStreetMap XML extract (.osm) as a stream with saxes: every node's coordinates, the
// drivable highway ways with their tags, and named places. Memory holds the nodes, not the text.
// Problems are reported at the line:col of the element: bad XML, a node without valid coordinates,
// a road way that refers to a node the file does not contain.
import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import { roadKindOfTags } from './highway-tags.ts';
import { ImportError, MAX_ISSUES, type ImportIssue } from './import-error.ts';
import { NodeStore, type RawPlace, type RawRoads, type RawWay } from './raw-roads.ts';

interface Pos { line: number; col: number }
interface OpenWay { id: string; refs: number[]; refPos: Pos[]; tags: Record<string, string>; pos: Pos }
interface OpenNode { id: number; lat: number; lon: number; tags: Record<string, string> | undefined }
interface PendingRef { way: string; ref: number; pos: Pos; wayIndex: number; k: number }

/** Node tags kept: a named place (village, town, suburb…) names the grid cell it falls in. */
const PLACE_VALUES = new Set(['city', 'town', 'village', 'hamlet', 'suburb', 'quarter', 'neighbourhood', 'locality', 'isolated_dwelling']);

export async function readOsmXml(file: string, shown: string): Promise<RawRoads> {
  const nodes = new NodeStore();
  const ways: RawWay[] = [];
  const places: RawPlace[] = [];
  const issues: ImportIssue[] = [];
  const pending: PendingRef[] = [];
  let skippedWays = 0;
  let sawOsm = false;
  let node: OpenNode | undefined;
  let way: OpenWay | undefined;
  let tagStart: Pos = { line: 1, col: 1 };

  const issue = (pos: Pos, message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ file: shown, line: pos.line, col: pos.col, message });
  };
  const parser = new SaxesParser({ position: true, xmlns: false } as const);
  parser.on('error', (err) => {
    // saxes prefixes "line:col: " with a 0-based column; ours is 1-based on both. Stop at the first:
    // after bad XML the rest of the file cannot be trusted.
    const m = /^(\d+):(\d+): (.*)$/s.exec(err.message);
    throw new ImportError([...issues, { file: shown, line: m ? Number(m[1]) : parser.line, col: m ? Number(m[2]) + 1 : parser.column + 1, message: `malformed XML: ${m ? m[3] : err.message}` }]);
  });
  parser.on('opentagstart', (tag) => {
    // saxes reports the tag once it has read the name and the character after it.
    tagStart = { line: parser.line, col: Math.max(1, parser.column - tag.name.length - 1) };
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes;
    const pos = tagStart;
    switch (tag.name) {
      case 'osm':
        sawOsm = true;
        break;
      case 'node': {
        const id = Number(a.id);
        const lat = Number(a.lat);
        const lon = Number(a.lon);
        if (!Number.isSafeInteger(id)) issue(pos, `<node> has no valid id (got ${JSON.stringify(a.id ?? '')}; expected a whole number)`);
        else if (a.lat === undefined || !(lat >= -90 && lat <= 90)) issue(pos, `<node id=${id}> has no valid lat (got ${JSON.stringify(a.lat ?? '')}; expected -90 … 90)`);
        else if (a.lon === undefined || !(lon >= -180 && lon <= 180)) issue(pos, `<node id=${id}> has no valid lon (got ${JSON.stringify(a.lon ?? '')}; expected -180 … 180)`);
        else {
          nodes.add(id, lat, lon);
          node = { id, lat, lon, tags: undefined };
        }
        break;
      }
      case 'way':
        way = { id: a.id ?? '?', refs: [], refPos: [], tags: {}, pos };
        break;
      case 'nd':
        if (way) {
          const ref = Number(a.ref);
          if (!Number.isSafeInteger(ref)) issue(pos, `<way id=${way.id}> has an <nd> without a valid ref (got ${JSON.stringify(a.ref ?? '')})`);
          else { way.refs.push(ref); way.refPos.push(pos); }
        }
        break;
      case 'tag':
        if (a.k !== undefined && a.v !== undefined) {
          if (way) way.tags[a.k] = a.v;
          else if (node && (a.k === 'place' || a.k === 'name')) (node.tags ??= {})[a.k] = a.v;
        }
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'node' && node) {
      const t = node.tags;
      if (t?.name && t.place && PLACE_VALUES.has(t.place)) places.push({ name: t.name, lat: node.lat, lon: node.lon });
      node = undefined;
    } else if (tag.name === 'way' && way) {
      const kind = roadKindOfTags(way.tags);
      if (!kind || way.refs.length < 2) skippedWays++;
      else {
        const idx = new Int32Array(way.refs.length);
        way.refs.forEach((ref, k) => {
          const i = nodes.indexOf(ref);
          if (i !== undefined) idx[k] = i;
          // Nodes usually come first; an unsorted file may still define it later.
          else pending.push({ way: way!.id, ref, pos: way!.refPos[k]!, wayIndex: ways.length, k });
        });
        ways.push({ id: way.id, nodes: idx, kind });
      }
      way = undefined;
    }
  });

  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) parser.write(chunk as string);
  parser.close();

  if (!sawOsm) issue({ line: 1, col: 1 }, 'not an OpenStreetMap XML file (expected an <osm> root element)');
  for (const p of pending) {
    const i = nodes.indexOf(p.ref);
    if (i === undefined) issue(p.pos, `<way id=${p.way}> refers to missing node ${p.ref} (an extract cut without complete ways? re-extract with osmium extract --strategy complete_ways)`);
    else ways[p.wayIndex]!.nodes[p.k] = i;
  }
  if (issues.length > 0) throw new ImportError(issues);
  return { source: `OpenStreetMap extract ${shown}`, fromOsm: true, nodes, ways, places, skippedWays };
}
