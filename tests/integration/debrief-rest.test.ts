/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// The debrief over real HTTP on a real server and SQLite file: the tabletop is stepped 40 minutes
// with one commander dispatch; the controller scrubs it while it runs (the index follows the log);
// the report opens for the controller and the observer at once, for the commander only after the
// drill is stopped, as a PDF too (pages rendered to images and checked for ink); the replay scrubber
// gives the board at a past moment; a fork from T with nothing changed compares equal to the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createExercise, testServer, tmpDir, type Created, type TestServer } from './server-kit.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN = 60_000;
/** The PDF and its page images are kept to look at. */
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/debrief');
let s: TestServer;
let ex: Created;
let fire: string;

beforeAll(async () => {
  s = await testServer({ dbFile: join(tmpDir(), 'debrief.db') });
  ex = await createExercise(s.url, { scenario: 'tabletop-highrise', seed: 7 });
  const step = (ms: number) => api(s.url, `/api/exercises/${ex.id}/control`, { method: 'POST', code: ex.codes.controller, body: { action: 'step', ms } });
  expect((await step(7 * MIN)).status).toBe(200);
  const view = await api(s.url, `/api/exercises/${ex.id}/snapshot`, { code: ex.codes.commander });
  fire = Object.keys(view.body.board.incidents)[0]!;
  const cmd = (command: unknown) => api(s.url, `/api/exercises/${ex.id}/commands`, { method: 'POST', code: ex.codes.commander, body: command });
  expect((await cmd({ type: 'TRIAGE_CALL', incidentId: fire, incidentType: 'high-rise-fire', grade: 2 })).status).toBe(200);
  expect((await cmd({ type: 'DISPATCH_RECOMMENDED', incidentId: fire })).status).toBe(200);
  expect((await step(33 * MIN)).status).toBe(200);
});

afterAll(async () => { await s?.close(); });

/** The grey values of a binary PGM (P5, 8 bits): header "P5 w h 255" then w×h bytes. */
function pgmPixels(raw: Buffer): Uint8Array {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(raw.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [w, h] = [Number(header[1]), Number(header[2])];
  return new Uint8Array(raw.subarray(header[0].length, header[0].length + w * h));
}

describe('debrief routes', () => {
  it('lets the controller scrub the running drill, its index following the growing log', async () => {
    const at = async (ms: number) => (await api(s.url, `/api/exercises/${ex.id}/replay?at=${ms}&recent=3`, { code: ex.codes.controller })).body;
    const first = await at(6 * MIN);
    expect(first.endsAt).toBe(40 * MIN);
    expect(first.state.incidents[fire]).toMatchObject({ status: 'callReceived' });
    // Players wait until it is over.
    expect((await api(s.url, `/api/exercises/${ex.id}/replay?at=0`, { code: ex.codes.commander })).status).toBe(403);
    // The controller closes a road at 40:00, then the drill runs on to 45:00.
    const cmd = await api(s.url, `/api/exercises/${ex.id}/commands`, { method: 'POST', code: ex.codes.controller, body: { type: 'CLOSE_ROAD', closureId: 'scrub-test', reason: 'accident', area: { kind: 'circle', center: [24.6, 110.55], radiusM: 200 } } });
    expect(cmd.status, JSON.stringify(cmd.body)).toBe(200);
    expect((await api(s.url, `/api/exercises/${ex.id}/control`, { method: 'POST', code: ex.codes.controller, body: { action: 'step', ms: 5 * MIN } })).status).toBe(200);
    const later = await at(45 * MIN);
    expect(later.endsAt).toBe(45 * MIN);
    expect(Object.keys(later.state.closures)).toContain('scrub-test');
    expect(later.recent.some((e: any) => e.type === 'ROAD_CLOSED' && e.closureId === 'scrub-test')).toBe(true);
    expect(Object.keys((await at(39 * MIN)).state.closures)).not.toContain('scrub-test');
  });

  it('serves the report to the controller and observer during the drill, to commanders after it', async () => {
    const html = await api(s.url, `/api/exercises/${ex.id}/report?format=html&lang=en`, { code: ex.codes.observer });
    expect(html.status).toBe(200);
    expect(String(html.body)).toContain('After-action report');
    expect(String(html.body)).toContain('data-chart="response-histogram"');
    const early = await api(s.url, `/api/exercises/${ex.id}/report?format=json`, { code: ex.codes.commander });
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/once the drill is over/);
    expect((await api(s.url, `/api/exercises/${ex.id}/control`, { method: 'POST', code: ex.codes.controller, body: { action: 'stop' } })).status).toBe(200);
    const late = await api(s.url, `/api/exercises/${ex.id}/report?format=json`, { code: ex.codes.commander });
    expect(late.status).toBe(200);
    const dispatch = late.body.evaluation.decisions.find((d: any) => d.command === 'DISPATCH_RECOMMENDED');
    expect(dispatch).toMatchObject({ incidentId: fire, verdict: 'as-recommended', role: 'commander' });
    expect(dispatch.recommended.length).toBeGreaterThan(0);
  });

  it('prints the report as an A4 PDF over REST: pages rendered by pdftoppm carry ink', async () => {
    const res = await fetch(`${s.url}/api/exercises/${ex.id}/report?format=pdf&lang=zh`, { headers: { 'x-join-code': ex.codes.observer } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`${ex.id}-report-zh.pdf`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = join(ARTIFACTS, 'rest-pdf');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+59\d(\.\d+)? x 841(\.\d+)? pts \(A4\)/);
    expect(execFileSync('pdftotext', ['-l', '1', file, '-'], { encoding: 'utf8' })).toContain('推演总结报告');
    // Grey PGM pages at 40 dpi: a page with content has dark pixels (text, chart lines), a blank one none
    // (the last page may hold a few lines only).
    execFileSync('pdftoppm', ['-r', '40', '-gray', file, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.pgm')).sort();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const raw = readFileSync(join(dir, page));
      expect(statSync(join(dir, page)).size).toBeGreaterThan(1000);
      const pixels = pgmPixels(raw);
      const dark = pixels.filter((v) => v < 128).length;
      expect(dark, `${page} has content`).toBeGreaterThan(200);
    }
  });

  it('scrubs: the board at 6 minutes has the call and no unit dispatched yet; at 30 minutes units are out', async () => {
    const at6 = await api(s.url, `/api/exercises/${ex.id}/replay?at=${6 * MIN}`, { code: ex.codes.observer });
    expect(at6.status).toBe(200);
    expect(at6.body.state.incidents[fire]).toMatchObject({ status: 'callReceived' });
    expect(Object.values(at6.body.state.units).every((u: any) => u.status === 'inStation' || u.incidentId !== fire)).toBe(true);
    const at30 = await api(s.url, `/api/exercises/${ex.id}/replay?at=${30 * MIN}`, { code: ex.codes.observer });
    expect(at30.body.state.incidents[fire].unitIds.length).toBeGreaterThan(0);
    expect(at30.body.recent.at(-1).t).toBeLessThanOrEqual(30 * MIN);
  });

  it('forks from T with nothing changed: the same figures side by side; refused for a commander', async () => {
    const fork = await api(s.url, `/api/exercises/${ex.id}/fork`, { method: 'POST', code: ex.codes.controller, body: { at: 10 * MIN } });
    expect(fork.status).toBe(200);
    expect(fork.body.refused).toEqual([]);
    const inj = fork.body.comparison.incidents.find((i: any) => i.a?.incidentId === fire);
    expect(inj.b).toEqual(inj.a);
    expect((await api(s.url, `/api/exercises/${ex.id}/fork`, { method: 'POST', code: ex.codes.commander, body: { at: 0 } })).status).toBe(403);
  });
});
