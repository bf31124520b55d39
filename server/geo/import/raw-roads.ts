// What a road reader (OSM XML, OSM PBF, GeoJSON) hands to the graph builder: node coordinates by
// a dense index, the drivable ways as lists of node indexes with their road kind, and named places.
// NodeStore maps the file's node ids to dense indexes in growable typed arrays (an OSM extract has
// millions of nodes, most of them building corners: a Map of numbers and two Float64Arrays keep
// that to ~40 bytes a node).
import type { RoadKind } from './highway-tags.ts';

export interface RawWay {
  /** The way's id in its file (OSM id, or `features[3]` for GeoJSON), for messages. */
  id: string;
  /** Dense node indexes along the way. */
  nodes: Int32Array;
  kind: RoadKind;
}

export interface RawPlace {
  name: string;
  lat: number;
  lon: number;
}

export interface RawRoads {
  /** Where the roads came from, for region.note and the road file header. */
  source: string;
  /** True for OpenStreetMap data (the note then carries the ODbL attribution). */
  fromOsm: boolean;
  nodes: NodeStore;
  ways: RawWay[];
  places: RawPlace[];
  /** Ways skipped because they are not drivable roads (footways, buildings…), for the report. */
  skippedWays: number;
}

export class NodeStore {
  private readonly index = new Map<number, number>();
  lat = new Float64Array(1024);
  lon = new Float64Array(1024);
  count = 0;

  /** Adds a node; returns its dense index (an id seen before is overwritten in place). */
  add(id: number, lat: number, lon: number): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.count++;
      if (i >= this.lat.length) this.grow();
      this.index.set(id, i);
    }
    this.lat[i] = lat;
    this.lon[i] = lon;
    return i;
  }

  indexOf(id: number): number | undefined {
    return this.index.get(id);
  }

  private grow(): void {
    const lat = new Float64Array(this.lat.length * 2);
    const lon = new Float64Array(this.lon.length * 2);
    lat.set(this.lat);
    lon.set(this.lon);
    this.lat = lat;
    this.lon = lon;
  }
}
