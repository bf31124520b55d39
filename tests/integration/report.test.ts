// The after-action report of a recorded drill: the tabletop played by a scripted commander and
// stored in a real SQLite file, reported by the real command line (`sim report … --format html`)
// and in process (json, csv, pdf). The HTML is parsed: every chart is there with its axes, the
// 5-minute line sits where the axis puts 5 minutes, the tables are complete. The PDF is printed by
// chromium and rendered to PNG pages with pdftoppm (kept in test-artifacts/report/ to look at).
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { chromium } from 'playwright-core';
import { findChromium } from '../find-chromium.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { loadCoverageConfig } from '../../server/scenario/load-coverage-config.ts';
import { openDatabase } from '../../server/store/open-database.ts';
import { createExerciseStore } from '../../server/store/exercise-store.ts';
import { reportFromStore, type BuiltReport } from '../../server/report/build-report.ts';
import { renderReport } from '../../server/report/report-output.ts';
import { drillEngine, runCommanderScript, type ScriptedRun } from '../drill-script.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'report');
const HOUR = 3_600_000;

const world = loadWorld({});
const file = 'scenarios/tabletop-highrise.yaml';
const source = readFileSync(path.join(ROOT, file), 'utf8');
const scenario = loadScenario(file, world);
let dir: string;
let db: string;
let exerciseId: string;
let run: ScriptedRun;
let built: BuiltReport;

function sim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ['server/cli/main.ts', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'report-'));
  db = path.join(dir, 'drill.db');
  // Two hours of the three-hour drill: both scripted calls have rung and been handled.
  run = runCommanderScript(drillEngine(world, scenario, 7), 2 * HOUR);
  const database = openDatabase(db);
  const store = createExerciseStore(database);
  exerciseId = store.create(
    { prefix: 'ex-tabletop-7', name: 'tabletop', scenarioId: 'tabletop-highrise', scenarioSource: source, regionId: world.region.id, seed: 7, mode: 'manual', speed: 1, isDemo: false },
    [], run.events.slice(0, 1),
  );
  store.append(exerciseId, run.events.slice(1), run.events.at(-1)!.t);
  built = reportFromStore(store, exerciseId, () => world, loadCoverageConfig('seeds'));
  database.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (html: string): Document => {
  const w = new Window();
  w.document.write(html);
  return w.document as unknown as Document;
};
const all = (root: ParentNode, selector: string): Element[] => Array.from(root.querySelectorAll(selector));
const translateX = (el: Element): number => Number(/translate\(([-\d.]+)/.exec(el.getAttribute('transform') ?? '')?.[1]);

describe('after-action report', () => {
  it('sim report writes the HTML of a stored exercise with every chart, its axes and the target lines in place', async () => {
    const out = path.join(dir, 'report.html');
    const r = await sim('report', exerciseId, '--format', 'html', '--lang', 'en', '--db', db, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = parse(readFileSync(out, 'utf8'));
    const charts = all(doc, 'figure[data-chart]').map((f) => f.getAttribute('data-chart'));
    expect(charts).toEqual(['response-histogram', 'unit-gantt', 'incident-map', 'coverage-over-time']);

    const hist = doc.querySelector('figure[data-chart="response-histogram"] svg')!;
    const texts = all(hist, 'text');
    expect(texts.some((t) => t.textContent === 'minutes')).toBe(true);
    expect(texts.some((t) => t.textContent === 'incidents')).toBe(true);
    // The x-axis tick labels (same baseline, below the plot): where the axis puts 5 minutes.
    const five = texts.find((t) => t.textContent === '5' && /translate\([-\d.]+ 2\d\d/.test(t.getAttribute('transform') ?? ''))!;
    expect(five).toBeDefined();
    // Targets sorted by minutes: micro 3, the 5-minute rule, township 10; each a dashed vertical line.
    const dashed = all(hist, 'path[stroke-dasharray]').map((p) => /^M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)$/.exec(p.getAttribute('d') ?? ''));
    expect(dashed).toHaveLength(3);
    for (const m of dashed) expect(m![1]).toBe(m![3]); // vertical
    const xs = dashed.map((m) => Number(m![1]));
    expect(Math.abs(xs[1]! - translateX(five))).toBeLessThanOrEqual(1);
    expect(texts.some((t) => /5-minute rule \(5 min\)/.test(t.textContent ?? ''))).toBe(true);

    const gantt = doc.querySelector('figure[data-chart="unit-gantt"] svg')!;
    const ganttLabels = all(gantt, 'text').map((t) => t.textContent);
    expect(ganttLabels).toContain('hours');
    for (const u of built.model.units.units.slice(0, 10)) expect(ganttLabels).toContain(u);

    const map = doc.querySelector('figure[data-chart="incident-map"] svg')!;
    expect(all(map, 'text').map((t) => t.textContent)).toEqual(expect.arrayContaining(['lon', 'lat']));
    // Districts, water, built-up areas, roads and one marker per incident.
    expect(map.querySelectorAll('path, polygon, polyline').length).toBeGreaterThan(built.model.incidents.length + 10);

    // Tables complete: one row per incident, per timeline entry, per player decision.
    expect(doc.querySelectorAll('#incidents tbody tr').length).toBe(built.model.incidents.length);
    expect(doc.querySelectorAll('#timeline tbody tr').length).toBe(built.model.timeline.length);
    expect(doc.querySelectorAll('table.decisions tbody tr').length).toBe(built.model.evaluation!.decisions.length);
    expect(doc.querySelector('#timeline')!.textContent).toMatch(/call INC-\d+ high-rise-fire/);
    // The demo drill's expected actions and objectives are scored (they used to sit in a header comment).
    expect(doc.querySelectorAll('table.objectives tbody tr').length).toBe(3);
    expect(doc.querySelectorAll('table.actions tbody tr').length).toBe(7);
    expect(doc.querySelector('#evaluation')!.textContent).not.toMatch(/defines no expected actions/);
  });

  it('scores the tabletop\'s expected actions and rates its objectives P / S / M / U', () => {
    const ev = built.model.evaluation!;
    // The script grades the tower 2 and sends the recommendation (minus one unit) a minute after each
    // call: the first-alarm and bridge actions are met on time, by the commander; it never
    // escalates to level 3, so that action is missed 30 minutes after the 00:05 call.
    const verdicts = Object.fromEntries(ev.actions.map((a) => [a.id, a.verdict]));
    expect(verdicts).toEqual({
      'ea-grade': 'met', 'ea-aerial': 'met', 'ea-rescue': 'met', 'ea-smoke': 'met',
      'ea-level3': 'missed', 'ea-crash-rescue': 'met', 'ea-crash-on-scene': 'met',
    });
    const level3 = ev.actions.find((a) => a.id === 'ea-level3')!;
    expect(level3.deadlineAt).toBe((5 + 30) * 60_000);
    expect(ev.actions.find((a) => a.id === 'ea-aerial')).toMatchObject({ metAt: 6 * 60_000, deadlineAt: 10 * 60_000, by: 'cmdr-li' });
    // 4 of 4 met: P; 0 of 1: U; 2 of 2: P.
    expect(ev.objectives.map((o) => [o.id, o.rating])).toEqual([['obj-first-alarm', 'P'], ['obj-escalation', 'U'], ['obj-second-incident', 'P']]);
  });

  it('judges each decision against the recommendation of its moment, recomputed by replaying the log', () => {
    const ev = built.model.evaluation!;
    const dispatches = ev.decisions.filter((d) => d.command.startsWith('DISPATCH'));
    expect(dispatches.length).toBeGreaterThanOrEqual(2);
    const changed = dispatches.find((d) => d.incidentId === run.firstIncident)!;
    expect(changed).toMatchObject({ verdict: 'changed', added: [], left: [run.droppedUnit], participant: 'cmdr-li' });
    expect(changed.sinceCallSec).toBe(60);
    expect(dispatches.filter((d) => d.incidentId !== run.firstIncident).every((d) => d.verdict === 'as-recommended')).toBe(true);
    expect(ev.commanders.map((c) => c.who)).toEqual(['cmdr-li']);
  });

  it('says why each objective got its rating, and the dispatch mode, in Chinese in the Chinese report', async () => {
    const doc = parse(String(await renderReport(built.model, built.map, { format: 'html', lang: 'zh' })));
    const why = all(doc, 'table.objectives tbody tr').map((tr) => tr.querySelectorAll('td')[2]?.textContent ?? '');
    expect(why).toHaveLength(3);
    for (const w of why) expect(w).toMatch(/^得分率 [\d.]+ %/);
    expect(doc.body.textContent).toContain('人工调派 · 7');
    expect(doc.body.textContent).not.toMatch(/credit \d/);
  });

  it('exports incidents and unit timelines as CSV and the whole model as JSON', async () => {
    const incidents = String(await renderReport(built.model, built.map, { format: 'csv', lang: 'zh', table: 'incidents' }));
    expect(incidents.startsWith('\uFEFFid,source,type,')).toBe(true);
    expect(incidents.trim().split('\r\n')).toHaveLength(built.model.incidents.length + 1);
    const units = String(await renderReport(built.model, built.map, { format: 'csv', lang: 'zh', table: 'units' }));
    expect(units.trim().split('\r\n')).toHaveLength(built.model.units.segments.length + 1);
    const json = JSON.parse(String(await renderReport(built.model, built.map, { format: 'json', lang: 'zh' })));
    expect(json.meta).toMatchObject({ exerciseId, seed: 7, mode: 'manual', events: run.events.length });
  });

  it('prints a legible A4 PDF in Chinese and English (pages rendered to PNG to look at)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const lang of ['zh', 'en'] as const) {
      const pdf = await renderReport(built.model, built.map, { format: 'pdf', lang });
      const pdfFile = path.join(ARTIFACTS, `report-${lang}.pdf`);
      writeFileSync(pdfFile, pdf);
      const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 841(\.\d+)? pts \(A4\)/);
      const fonts = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' });
      expect(fonts).toMatch(/WenQuanYi|wqy/i); // the CJK font is embedded, so Chinese is drawn, not boxes
      const text = execFileSync('pdftotext', ['-l', '1', pdfFile, '-'], { encoding: 'utf8' });
      expect(text).toContain(lang === 'zh' ? '推演总结报告' : 'After-action report');
      execFileSync('pdftoppm', ['-r', '50', '-png', pdfFile, path.join(ARTIFACTS, `page-${lang}`)]);
    }
    expect(readdirSync(ARTIFACTS).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(4);
  });

  it('lays every table out within the A4 text width, in Chinese and English (nothing cut off at the page edge)', async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      // A4 less the 12 mm margins each side: 186 mm at 96 dpi.
      const page = await browser.newPage({ viewport: { width: Math.floor((186 / 25.4) * 96), height: 1000 } });
      await page.emulateMedia({ media: 'print' });
      for (const lang of ['zh', 'en'] as const) {
        await page.setContent(String(await renderReport(built.model, built.map, { format: 'html', lang })));
        const tables = await page.evaluate(() => Array.from(document.querySelectorAll('table')).map((t) => ({ cls: t.className, width: t.getBoundingClientRect().width, room: document.body.clientWidth })));
        expect(tables.length).toBeGreaterThanOrEqual(6);
        expect(tables.filter((t) => t.width > t.room + 1), lang).toEqual([]);
        // The times of the timeline stay on one line (they broke a digit per line when squeezed).
        const timeHeights = await page.evaluate(() => Array.from(document.querySelectorAll('table.timeline td:first-child')).map((td) => td.getBoundingClientRect().height));
        const lineHeight = Math.min(...timeHeights);
        expect(timeHeights.every((h) => h < lineHeight * 4), lang).toBe(true);
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
