// The after-action report of a drill with hazards: a chlorine release (20 minutes, then it clears)
// and a river flood (a gauge rising to 2.5 m at T+2 h), run headless on the demo county. The HTML
// gets a threat-zone chart and a flood chart with their axes, and a hazards table; the zone areas
// the report measures from the log's rings agree with the zone lengths and widths the log carries.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import type { DomainEvent } from '../../shared/events.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { loadCoverageConfig } from '../../server/scenario/load-coverage-config.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { reportFromLog, type BuiltReport } from '../../server/report/build-report.ts';
import { renderReport } from '../../server/report/report-output.ts';

const SCENARIO = `name: Chlorine and flood report test
nameZh: 氯气泄漏与洪水报告测试
region: demo-county
start: 2026-07-20T08:00:00+08:00
duration: 3h
mode: auto
background: { enabled: false }
weather:
  - { at: 0, wind: { fromDeg: 90, speedMS: 3 }, stability: D }
hazards:
  - kind: chemical-release
    id: cl2
    at: 5m
    substance: chlorine
    source: { kind: continuous, rateKgS: 1, duration: 20m }
    site: { kind: fixed, location: Hedong Chemical Park }
  - kind: flood
    id: qing
    level: { kind: gauge, readings: [{ at: 0, levelM: 0 }, { at: 2h, levelM: 2.5 }], recessionMPerH: 0.5 }
`;

let dir: string;
let events: DomainEvent[];
let built: BuiltReport;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'report-hazards-'));
  const file = path.join(dir, 'hazards.yaml');
  writeFileSync(file, SCENARIO);
  const world = loadWorld({});
  const scenario = loadScenario(file, world);
  const engine = createEngine(engineConfigFor(world, scenario));
  events = [...engine.start(), ...engine.advanceTo(engine.endsAt)];
  built = reportFromLog({ world, scenario, seed: scenario.seed, mode: scenario.mode, events, coverageConfig: loadCoverageConfig('seeds') });
}, 120_000);

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const parse = (html: string): Document => {
  const w = new Window();
  w.document.write(html);
  return w.document as unknown as Document;
};

describe('report with hazards', () => {
  it('measures each threat zone from its ring in agreement with the zone length and width in the log', () => {
    const cl2 = built.model.hazards.find((h) => h.id === 'cl2');
    expect(cl2?.kind).toBe('chemical-release');
    if (cl2?.kind !== 'chemical-release') return;
    const first = events.find((e) => e.type === 'ZONES_UPDATED' && e.hazardId === 'cl2' && e.zones.kind === 'chemical-release');
    if (first?.type !== 'ZONES_UPDATED' || first.zones.kind !== 'chemical-release') throw new Error('no chlorine zones in the log');
    const p = cl2.points.find((x) => x.t === first.t)!;
    for (const z of first.zones.threat) {
      const area = p[`level${z.level}Km2` as 'level1Km2'];
      // A footprint of length L and greatest width W fills part of its L × W box: an ellipse would
      // fill π/4 = 0.785, a plume's teardrop somewhat less; never more than the box.
      const box = (z.lengthM * z.widthM) / 1e6;
      expect(area / box, `level ${z.level}: ${area} km² in a ${z.lengthM} × ${z.widthM} m box`).toBeGreaterThan(0.4);
      expect(area / box).toBeLessThanOrEqual(1);
    }
    // Nested footprints: the level 1 zone is the largest, level 3 the smallest.
    expect(p.level1Km2).toBeGreaterThan(p.level2Km2);
    expect(p.level2Km2).toBeGreaterThan(p.level3Km2);
    // The release stops at 25 minutes; the zones clear after it and the series ends at zero.
    expect(cl2.clearedAt).toBeGreaterThan(25 * 60_000);
    expect(cl2.points.at(-1)).toMatchObject({ level1Km2: 0, level2Km2: 0, level3Km2: 0 });
  });

  it('draws a threat-zone chart and a flood chart with their axes, and lists the hazards', async () => {
    const doc = parse(String(await renderReport(built.model, built.map, { format: 'html', lang: 'en' })));
    const charts = Array.from(doc.querySelectorAll('figure[data-chart]')).map((f) => f.getAttribute('data-chart'));
    expect(charts).toEqual(['response-histogram', 'unit-gantt', 'incident-map', 'coverage-over-time', 'hazard-zones', 'flood-level']);
    const texts = (id: string): string[] => Array.from(doc.querySelectorAll(`figure[data-chart="${id}"] svg text`)).map((t) => t.textContent ?? '');
    expect(texts('hazard-zones')).toEqual(expect.arrayContaining(['hours', 'area km²', 'AEGL-3', 'AEGL-2', 'AEGL-1']));
    expect(texts('flood-level')).toEqual(expect.arrayContaining(['hours', 'level m', 'area km²', 'Water level', 'Flooded area']));
    // Three step lines on the zone chart, three on the flood chart (level, flooded, boat only).
    expect(doc.querySelectorAll('figure[data-chart="hazard-zones"] svg path[fill="none"]').length).toBeGreaterThanOrEqual(3);
    const rows = Array.from(doc.querySelectorAll('#hazards tbody tr')).map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent));
    // In the order they started: the river is rising from the start, the release at 5 minutes.
    expect(rows.map((r) => r[0])).toEqual(['qing', 'cl2']);
    expect(rows[1]![1]).toBe('chemical release (chlorine)');
    expect(rows[1]![3]).not.toBe('—');
    const flood = built.model.hazards.find((h) => h.kind === 'flood');
    if (flood?.kind !== 'flood') throw new Error('no flood series');
    const top = Math.max(...flood.points.map((p) => p.levelM));
    expect(top).toBe(2.5);
    expect(rows[0]![4]).toContain('level 2.50 m');
  });
});
