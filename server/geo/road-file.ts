// The on-disk road network of an imported region (seeds/regions/<id>/roads.bin), written by
// `sim import-region` and read by loadRoadNetwork. Compact and quick to load: ~8 bytes a node and
// ~9 bytes a directed edge, read straight into typed arrays.
//
// Format, version 1 (all numbers little-endian):
//   bytes 0-7    magic "FSROADS1"
//   bytes 8-11   uint32 H: length of the JSON header in bytes
//   bytes 12-    JSON header, UTF-8, padded with spaces so the arrays start at a multiple of 8:
//                { format: "fire-sim-roads", version: 1, nodeCount: n, edgeCount: m, source,
//                  slots: [{ cls: <road class>, speedKmh: number | null }, …] }
//   then         int32 lat[n], int32 lon[n]   (degrees × 1e7)
//                int32 offsets[n+1]           (edges leaving node v are offsets[v] … offsets[v+1]-1)
//                int32 to[m]                  (head node of each edge)
//                float32 lengthM[m]           (metres)
//                uint8 slot[m]                (index into header.slots)
// A slot is a road class at a speed: speedKmh null means the class default (DEFAULT_ROAD_SPEEDS_KMH,
// so a later change of the defaults applies); a number is a speed from the data (maxspeed, track…).
import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { DataFileError } from '../files/data-file-error.ts';
import { displayPath } from '../files/read-data-file.ts';
import { buildRoadNetwork, DEFAULT_ROAD_SPEEDS_KMH, ROAD_CLASSES, type RoadClass, type RoadNetwork } from './road-network.ts';

export const ROAD_FILE_NAME = 'roads.bin';
const MAGIC = 'FSROADS1';
const E7 = 1e7;

export interface SpeedSlot {
  cls: RoadClass;
  /** undefined: the class default speed. */
  speedKmh: number | undefined;
}

const HeaderSchema = z.object({
  format: z.literal('fire-sim-roads'),
  version: z.literal(1),
  nodeCount: z.number().int().min(1),
  edgeCount: z.number().int().min(0),
  source: z.string(),
  slots: z.array(z.object({ cls: z.enum(ROAD_CLASSES), speedKmh: z.number().positive().nullable() })).min(1).max(256),
});

/** A directed road graph as typed arrays: nodes, edges with length and speed slot, and the slots. */
export interface RoadArrays {
  lat: Float64Array;
  lon: Float64Array;
  from: Int32Array;
  to: Int32Array;
  lengthM: Float32Array;
  slot: Uint8Array;
  /** Speed slots: 0-5 are the road classes at their default speed, later ones a class at a set speed. */
  slots: SpeedSlot[];
}

export interface RoadFileContent extends RoadArrays {
  source: string;
}

/** Coordinates as the file keeps them (1e-7 degrees, ~1 cm): round before deriving anything from them. */
export function roundE7(a: Float64Array): Float64Array {
  return a.map((x) => Math.round(x * E7) / E7);
}

/** A RoadNetwork whose edge classes are speed slots (several slots may share a road class). */
export function networkFromSlots(c: Omit<RoadFileContent, 'source'>, speedsKmh: Readonly<Record<RoadClass, number>> = DEFAULT_ROAD_SPEEDS_KMH): RoadNetwork {
  const net = buildRoadNetwork(c.lat, c.lon, c.from, c.to, c.lengthM, c.slot, speedsKmh);
  return {
    ...net,
    classes: c.slots.map((s) => s.cls),
    speedMps: Float64Array.from(c.slots, (s) => (s.speedKmh ?? speedsKmh[s.cls]) / 3.6),
  };
}

function checkEndianness(): void {
  if (os.endianness() !== 'LE') throw new Error('road files are little-endian; this machine is big-endian');
}

/** The file's bytes. Edges are stored grouped by tail (CSR), so `from` is not written. */
export function encodeRoadFile(c: RoadFileContent): Buffer {
  checkEndianness();
  const n = c.lat.length;
  const m = c.from.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[c.from[e]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  // Counting sort by tail, stable: edge order within a node stays as imported.
  const order = new Int32Array(m);
  const pos = offsets.slice(0, n);
  for (let e = 0; e < m; e++) order[pos[c.from[e]!]!++] = e;
  const to = Int32Array.from(order, (e) => c.to[e]!);
  const lengthM = Float32Array.from(order, (e) => c.lengthM[e]!);
  const slot = Uint8Array.from(order, (e) => c.slot[e]!);
  const header = {
    format: 'fire-sim-roads', version: 1, nodeCount: n, edgeCount: m, source: c.source,
    slots: c.slots.map((s) => ({ cls: s.cls, speedKmh: s.speedKmh ?? null })),
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (8 - ((12 + json.length) % 8)) % 8;
  json = Buffer.concat([json, Buffer.from(' '.repeat(pad))]);
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  const i32 = (a: ArrayLike<number>): Buffer => Buffer.from(Int32Array.from(a).buffer);
  return Buffer.concat([
    head, json,
    i32(Array.from(c.lat, (x) => Math.round(x * E7))),
    i32(Array.from(c.lon, (x) => Math.round(x * E7))),
    i32(offsets), i32(to),
    Buffer.from(lengthM.buffer), Buffer.from(slot.buffer),
  ]);
}

export function writeRoadFile(file: string, c: RoadFileContent): void {
  fs.writeFileSync(file, encodeRoadFile(c));
}

/** Reads and checks a road file; any problem is a DataFileError naming the file and the byte. */
export function readRoadFile(file: string): RoadFileContent {
  checkEndianness();
  const shown = displayPath(file);
  const fail = (message: string): never => {
    throw new DataFileError([{ file: shown, line: 1, col: 1, path: '', message }]);
  };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    return fail((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'road file not found' : `cannot read road file: ${(err as Error).message}`);
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return fail(`not a road file (expected it to start with "${MAGIC}"; written by sim import-region)`);
  const h = buf.readUInt32LE(8);
  if (12 + h > buf.length) return fail(`header of ${h} bytes runs past the end of the file (${buf.length} bytes; truncated?)`);
  let header: z.infer<typeof HeaderSchema>;
  try {
    header = HeaderSchema.parse(JSON.parse(buf.toString('utf8', 12, 12 + h)));
  } catch (err) {
    return fail(`bad header at byte 12: ${(err as Error).message.split('\n')[0]}`);
  }
  const n = header.nodeCount;
  const m = header.edgeCount;
  const start = 12 + h;
  const expected = start + 4 * (3 * n + 1) + m * 9;
  if (buf.length !== expected) return fail(`file is ${buf.length} bytes, expected ${expected} for ${n} nodes and ${m} edges (truncated or damaged?)`);
  let at = start;
  // Copies, not views: a Buffer's offset need not be aligned for Int32Array.
  const take = <T>(bytes: number, make: (ab: ArrayBuffer) => T): T => {
    const ab = buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + bytes) as ArrayBuffer;
    at += bytes;
    return make(ab);
  };
  const latE7 = take(4 * n, (ab) => new Int32Array(ab));
  const lonE7 = take(4 * n, (ab) => new Int32Array(ab));
  const offsets = take(4 * (n + 1), (ab) => new Int32Array(ab));
  const to = take(4 * m, (ab) => new Int32Array(ab));
  const lengthM = take(4 * m, (ab) => new Float32Array(ab));
  const slot = take(m, (ab) => new Uint8Array(ab));
  const lat = Float64Array.from(latE7, (x) => x / E7);
  const lon = Float64Array.from(lonE7, (x) => x / E7);
  if (offsets[0] !== 0 || offsets[n] !== m) fail(`edge offsets do not cover the ${m} edges`);
  const from = new Int32Array(m);
  for (let v = 0; v < n; v++) {
    if (offsets[v + 1]! < offsets[v]!) fail(`edge offsets decrease at node ${v}`);
    from.fill(v, offsets[v]!, offsets[v + 1]!);
  }
  for (let v = 0; v < n; v++) if (!(Math.abs(lat[v]!) <= 90 && Math.abs(lon[v]!) <= 180)) fail(`node ${v} has coordinates out of range`);
  for (let e = 0; e < m; e++) {
    if (to[e]! < 0 || to[e]! >= n) fail(`edge ${e} points to node ${to[e]} (expected 0 … ${n - 1})`);
    if (slot[e]! >= header.slots.length) fail(`edge ${e} has speed slot ${slot[e]} (expected 0 … ${header.slots.length - 1})`);
    if (!(lengthM[e]! >= 0 && Number.isFinite(lengthM[e]!))) fail(`edge ${e} has length ${lengthM[e]} (expected metres ≥ 0)`);
  }
  return {
    lat, lon, from, to, lengthM, slot, source: header.source,
    slots: header.slots.map((s) => ({ cls: s.cls, speedKmh: s.speedKmh ?? undefined })),
  };
}
