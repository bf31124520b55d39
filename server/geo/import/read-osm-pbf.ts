// Reads an OpenStreetMap PBF extract (.osm.pbf) blob by blob: this module walks the file's framing
// (length-prefixed BlobHeader + Blob) and inflates each blob itself, so a truncated or corrupt file
// is reported with the blob number and byte offset; osm-pbf-parser-node decodes the primitive
// blocks (dense nodes, ways). One blob is in memory at a time besides the node coordinates.
import fs from 'node:fs';
import { inflateSync } from 'node:zlib';
import { parse as parseBlock } from 'osm-pbf-parser-node';
import { roadKindOfTags } from './highway-tags.ts';
import { ImportError, MAX_ISSUES, type ImportIssue } from './import-error.ts';
import { NodeStore, type RawPlace, type RawRoads, type RawWay } from './raw-roads.ts';

/** The format's own limits (OSM PBF spec): BlobHeader < 64 KiB, Blob < 32 MiB. */
const MAX_HEADER = 64 * 1024;
const MAX_BLOB = 32 * 1024 * 1024;

interface OsmNode { type: 'node'; id: number; lat: number; lon: number; tags?: Record<string, string> }
interface OsmWay { type: 'way'; id: number; refs: number[]; tags?: Record<string, string> }
type OsmElement = OsmNode | OsmWay | { type: 'relation' };

const PLACE_VALUES = new Set(['city', 'town', 'village', 'hamlet', 'suburb', 'quarter', 'neighbourhood', 'locality', 'isolated_dwelling']);
// Only the tags the import reads are decoded (the library filters by key while it parses).
// parse() hands its second argument to the withTags option as a whole, hence this shape.
const TAG_FILTER = { node: ['place', 'name'], way: ['highway', 'oneway', 'junction', 'maxspeed', 'area'], relation: false };

/** Minimal protobuf reading for the two framing messages (BlobHeader, Blob). */
class ProtoReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get done(): boolean { return this.pos >= this.buf.length; }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
      if (shift > 63) throw new Error('varint too long');
    }
  }
  bytes(): Uint8Array {
    const n = this.varint();
    if (this.pos + n > this.buf.length) throw new Error('field runs past the end of the message');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function readBlobHeader(buf: Uint8Array): { type: string; datasize: number } {
  const r = new ProtoReader(buf);
  let type = '';
  let datasize = -1;
  while (!r.done) {
    const key = r.varint();
    if (key >> 3 === 1 && (key & 7) === 2) type = Buffer.from(r.bytes()).toString('utf8');
    else if (key >> 3 === 3 && (key & 7) === 0) datasize = r.varint();
    else r.skip(key & 7);
  }
  if (!type || datasize < 0) throw new Error('BlobHeader without type or datasize');
  return { type, datasize };
}

function inflateBlob(buf: Uint8Array): Buffer {
  const r = new ProtoReader(buf);
  while (!r.done) {
    const key = r.varint();
    const field = key >> 3;
    if (field === 1 && (key & 7) === 2) return Buffer.from(r.bytes()); // raw
    if (field === 3 && (key & 7) === 2) return inflateSync(r.bytes()); // zlib_data
    if (field >= 4 && field <= 7) throw new Error(`compression ${['lzma', 'bzip2', 'lz4', 'zstd'][field - 4]} is not supported (expected zlib; re-encode with osmium cat)`);
    r.skip(key & 7);
  }
  throw new Error('Blob without data');
}

export async function readOsmPbf(file: string, shown: string): Promise<RawRoads> {
  const nodes = new NodeStore();
  const ways: RawWay[] = [];
  const places: RawPlace[] = [];
  const issues: ImportIssue[] = [];
  const pendingWays: { id: number; refs: number[]; kind: NonNullable<ReturnType<typeof roadKindOfTags>>; blob: number }[] = [];
  let skippedWays = 0;

  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const read = (offset: number, n: number, what: string, blob: number, blobAt: number): Buffer => {
      const buf = Buffer.alloc(n);
      const got = n === 0 ? 0 : fs.readSync(fd, buf, 0, n, offset);
      if (got < n) {
        throw new ImportError([{ file: shown, where: `blob ${blob} at byte ${blobAt}`, message: `file ends inside the ${what} (${got} of ${n} bytes; truncated download?)` }]);
      }
      return buf;
    };
    let offset = 0;
    for (let blob = 1; offset < size; blob++) {
      const at = offset;
      const where = `blob ${blob} at byte ${at}`;
      const fail = (message: string): never => { throw new ImportError([{ file: shown, where, message }]); };
      const headerLen = read(offset, 4, 'blob header length', blob, at).readUInt32BE(0);
      if (headerLen === 0 || headerLen > MAX_HEADER) fail(`blob header length ${headerLen} is out of range (expected 1 … ${MAX_HEADER}; not an OSM PBF file?)`);
      let header: { type: string; datasize: number };
      try {
        header = readBlobHeader(read(offset + 4, headerLen, 'blob header', blob, at));
      } catch (err) {
        if (err instanceof ImportError) throw err;
        return fail(`bad blob header: ${(err as Error).message} (not an OSM PBF file?)`);
      }
      if (header.datasize > MAX_BLOB) fail(`blob size ${header.datasize} is out of range (expected ≤ ${MAX_BLOB})`);
      if (blob === 1 && header.type !== 'OSMHeader') fail(`first blob is "${header.type}" (expected "OSMHeader"; not an OSM PBF file?)`);
      const body = read(offset + 4 + headerLen, header.datasize, 'blob data', blob, at);
      offset += 4 + headerLen + header.datasize;
      if (header.type !== 'OSMData') continue; // the header block and unknown blob types carry no roads
      let elements: OsmElement[];
      try {
        elements = parseBlock(inflateBlob(body), TAG_FILTER as never) as OsmElement[];
      } catch (err) {
        return fail(`cannot decode the block: ${(err as Error).message}`);
      }
      for (const e of elements) {
        if (e.type === 'node') {
          nodes.add(e.id, e.lat, e.lon);
          const t = e.tags;
          if (t?.name && t.place && PLACE_VALUES.has(t.place)) places.push({ name: t.name, lat: e.lat, lon: e.lon });
        } else if (e.type === 'way') {
          const kind = e.tags ? roadKindOfTags(e.tags) : undefined;
          if (!kind || e.refs.length < 2) skippedWays++;
          else pendingWays.push({ id: e.id, refs: e.refs, kind, blob });
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  // Resolved at the end: a file need not list nodes before the ways that use them.
  for (const w of pendingWays) {
    const idx = new Int32Array(w.refs.length);
    let ok = true;
    w.refs.forEach((ref, k) => {
      const i = nodes.indexOf(ref);
      if (i !== undefined) idx[k] = i;
      else {
        ok = false;
        if (issues.length < MAX_ISSUES) issues.push({ file: shown, where: `blob ${w.blob}`, message: `way ${w.id} refers to missing node ${ref} (an extract cut without complete ways? re-extract with osmium extract --strategy complete_ways)` });
      }
    });
    if (ok) ways.push({ id: String(w.id), nodes: idx, kind: w.kind });
  }
  if (issues.length > 0) throw new ImportError(issues);
  if (ways.length === 0 && nodes.count === 0) throw new ImportError([{ file: shown, message: 'no OSM data in the file (expected nodes and ways)' }]);
  return { source: `OpenStreetMap extract ${shown}`, fromOsm: true, nodes, ways, places, skippedWays };
}
