// The store of ended incidents (server/engine/kernel/ended-incidents.ts) keeps the engine's own ids
// (INC-00042) in arrays by their number and any other id in a Map: both answer has, get, size and
// keys as the Map it replaced did, and an id that only looks like an engine id is not confused with
// one (INC-0042 and INC-00042 are different incidents).
import { describe, expect, it } from 'vitest';
import { EndedIncidents } from '../../server/engine/kernel/ended-incidents.ts';
import { incidentStepper } from '../../server/engine/kernel/simulation.ts';
import type { EndedIncident } from '../../server/engine/kernel/state.ts';

const record = (id: string, lat: number): EndedIncident => ({ id, snap: incidentStepper.initial, trueType: 'building-fire', location: [lat, 110.5] });

describe('ended incidents store', () => {
  it('answers has, get, size and keys for engine ids and other ids alike', () => {
    const ended = new EndedIncidents();
    for (const [id, lat] of [['INC-00003', 24.1], ['INC-00001', 24.2], ['scripted-7', 24.3], ['INC-123456', 24.4]] as const) ended.set(id, record(id, lat));
    expect(ended.size).toBe(4);
    expect(ended.has('INC-00001')).toBe(true);
    expect(ended.has('INC-00002')).toBe(false);
    expect(ended.has('INC-0001')).toBe(false);
    expect(ended.has('INC-1')).toBe(false);
    expect(ended.get('INC-00003')).toEqual(record('INC-00003', 24.1));
    expect(ended.get('scripted-7')).toEqual(record('scripted-7', 24.3));
    expect(ended.get('INC-123456')?.location).toEqual([24.4, 110.5]);
    expect(ended.get('INC-00002')).toBeUndefined();
    // Engine ids by number, then the others as they came.
    expect([...ended.keys()]).toEqual(['INC-00001', 'INC-00003', 'INC-123456', 'scripted-7']);
  });

  it('keeps an id that is not the engine spelling of its number apart from the engine id', () => {
    const ended = new EndedIncidents();
    ended.set('INC-0042', record('INC-0042', 24.5));
    ended.set('INC-00042', record('INC-00042', 24.6));
    ended.set('INC-00042', record('INC-00042', 24.7)); // set again: replaced, not counted twice
    expect(ended.size).toBe(2);
    expect(ended.get('INC-0042')?.location[0]).toBe(24.5);
    expect(ended.get('INC-00042')?.location[0]).toBe(24.7);
    ended.clear();
    expect(ended.size).toBe(0);
    expect(ended.has('INC-00042')).toBe(false);
    expect([...ended.keys()]).toEqual([]);
  });
});
