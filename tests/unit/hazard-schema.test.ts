// Hazard schemas (shared/schemas/hazard.ts): what a trainer writes in a scenario's hazards, weather
// and hazard injects parses to the values the models take; mistakes point at the field.
import { describe, expect, it } from 'vitest';
import { parseDataText } from '../../server/files/read-data-file.ts';
import { DataFileError } from '../../server/files/data-file-error.ts';
import { HazardInjectSchema, HazardSchema, StabilitySchema, WeatherTimelineSchema } from '../../shared/schemas/hazard.ts';
import type { z } from 'zod';

function parseYaml<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  return parseDataText(text, 'test.yaml', schema, 'yaml').data;
}

function issuesOf(text: string, schema: z.ZodType): string[] {
  try {
    parseDataText(text, 'test.yaml', schema, 'yaml');
  } catch (err) {
    if (err instanceof DataFileError) return err.issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('hazard schemas', () => {
  it('parses a chlorine release at a fixed site with durations in ms and defaults filled', () => {
    const h = parseYaml(
      `kind: chemical-release
id: hz-cl2
at: 10m
substance: chlorine
source: { kind: continuous, rateKgS: 1.5, duration: 1h }
site: { kind: fixed, location: [24.6, 110.55] }
wind: { fromDeg: 270, speedMS: 3 }
stability: D
`,
      HazardSchema,
    );
    expect(h).toMatchObject({ kind: 'chemical-release', at: { offsetMs: 600_000 }, spill: 'large', terrain: 'auto', stability: 'D' });
    if (h.kind !== 'chemical-release' || h.source.kind !== 'continuous') throw new Error('wrong kind');
    expect(h.source).toEqual({ kind: 'continuous', rateKgS: 1.5, duration: 3_600_000, heightM: 0 });
  });

  it('parses a tanker puff with its ERG container and a gauge flood with recession', () => {
    const puff = parseYaml(`kind: chemical-release\nid: t1\nsubstance: ammonia\nsource: { kind: instantaneous, massKg: 2000 }\nsite: { kind: vehicle, location: Qingshui Plaza }\n`, HazardSchema);
    expect(puff).toMatchObject({ site: { kind: 'vehicle', container: 'highway-tank-truck' }, source: { massKg: 2000, heightM: 0 } });
    const flood = parseYaml(`kind: flood\nid: f1\nlevel:\n  kind: gauge\n  readings: [{ at: 0, levelM: 0 }, { at: 6h, levelM: 3 }]\n`, HazardSchema);
    expect(flood).toMatchObject({ kind: 'flood', roadClosureDepthM: 0.3, waters: 'river', level: { kind: 'gauge', recessionMPerH: 0.2, readings: [{ at: 0, levelM: 0 }, { at: 21_600_000, levelM: 3 }] } });
  });

  it('accepts stability as a class or the Pasquill table inputs, and rejects a day without insolation', () => {
    expect(StabilitySchema.parse('F')).toBe('F');
    expect(StabilitySchema.parse({ period: 'night', cloudOktas: 3 })).toEqual({ period: 'night', cloudOktas: 3 });
    expect(StabilitySchema.parse({ period: 'day', insolation: 'strong' })).toEqual({ period: 'day', insolation: 'strong', overcast: false });
    expect(StabilitySchema.safeParse({ period: 'day' }).success).toBe(false);
    expect(StabilitySchema.safeParse('G').success).toBe(false);
  });

  it('rejects unknown keys at their line, and weather out of time order', () => {
    const issues = issuesOf(`kind: chemical-release\nid: x\nsubstance: chlorine\nsource: { kind: continuous, rateKgS: 1, rate: 2 }\nsite: { kind: fixed, location: [24.6, 110.5] }\n`, HazardSchema);
    expect(issues.join('\n')).toMatch(/^4:\d+: source\.rate: unknown key "rate"/);
    const weather = issuesOf(`- { at: 30m, wind: { fromDeg: 90, speedMS: 2 } }\n- { at: 10m, wind: { fromDeg: 180, speedMS: 2 } }\n`, WeatherTimelineSchema);
    expect(weather.join('\n')).toMatch(/^2:\d+: 1\.at: weather points must be in increasing time order/);
  });

  it('parses the four hazard inject payloads; a water-level inject needs exactly one of levelM / deltaM', () => {
    expect(HazardInjectSchema.parse({ action: 'wind-shift', wind: { fromDeg: 180, speedMS: 4 } })).toEqual({ action: 'wind-shift', wind: { fromDeg: 180, speedMS: 4 } });
    expect(HazardInjectSchema.parse({ action: 'release-stop', hazardId: 'hz-1' })).toEqual({ action: 'release-stop', hazardId: 'hz-1' });
    expect(HazardInjectSchema.parse({ action: 'release-start', hazardId: 'hz-1' })).toEqual({ action: 'release-start', hazardId: 'hz-1' });
    expect(HazardInjectSchema.parse({ action: 'water-level', hazardId: 'f1', deltaM: 0.5 })).toEqual({ action: 'water-level', hazardId: 'f1', deltaM: 0.5 });
    expect(HazardInjectSchema.safeParse({ action: 'water-level', hazardId: 'f1', levelM: 1, deltaM: 0.5 }).success).toBe(false);
    expect(HazardInjectSchema.safeParse({ action: 'water-level', hazardId: 'f1' }).success).toBe(false);
  });
});

describe('hazard data files', () => {
  it('the shipped substances and flood rules load; each substance names its ERG edition', async () => {
    const { loadSubstances, loadFloodHazardRules } = await import('../../server/scenario/load-hazard-data.ts');
    const subs = loadSubstances('seeds').data.substances;
    expect(subs.map((s) => s.id)).toEqual(expect.arrayContaining(['chlorine', 'ammonia', 'hydrogen-sulfide', 'benzene', 'lpg', 'hydrogen-cyanide']));
    for (const s of subs) expect(s.erg.edition).toMatch(/^ERG\d{4}$/);
    expect(loadFloodHazardRules('seeds').data.classes.limits.map((l) => l.class)).toEqual(['H1', 'H2', 'H3', 'H4', 'H5']);
  });

  it('a mistake in a substance is reported at its line with the field path', async () => {
    const { SubstanceCatalogueSchema } = await import('../../shared/schemas/substances.ts');
    const text = `ergWindClasses: { lowBelowKmh: 10, highAboveKmh: 20, source: ERG 2016 }
substances:
  - id: chlorine
    name: Chlorine
    nameZh: 氯气
    cas: 7782-50-5
    un: 1017
    molecularWeight: 70.9
    denseGas: true
    concern:
      level1: { ppm: 5, basis: AEGL-1, source: test }
      level2: { ppm: 2, basis: AEGL-2, source: test }
      level3: { ppm: 20, basis: AEGL-9, source: test }
    erg: { edition: ERG2016, guide: 124, small: { isolateM: 60 }, source: test }
`;
    const issues = issuesOf(text, SubstanceCatalogueSchema);
    expect(issues.some((i) => /^13:\d+: substances\[0\]\.concern\.level3\.basis: /.test(i) || /^13:\d+: substances\.0\.concern\.level3\.basis: /.test(i))).toBe(true);
    expect(issues.some((i) => /^14:\d+: substances(\[0\]|\.0)\.erg\.large: give large or largeByContainer/.test(i))).toBe(true);
  });
});
