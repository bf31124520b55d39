// @vitest-environment happy-dom
// The coverage panel against the real exercise server (REST on 127.0.0.1, the demo county): the
// region's figures with the statement of whether they include turnout, a station's isochrone legend
// (3/5/8/10/15 min with areas), the turnout switch changing both the statement and the bands, cached
// answers shown at once when the commander flips back, the gaps listed with their nearest station,
// both languages, and a failed fetch shown as an error (with a retry), never as an empty panel.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import type { CoverageFigures, StationIsochrones } from '../../shared/schemas/coverage.ts';
import { CoveragePanel } from '../../client/src/panels/coverage-panel.tsx';
import { useCoverage } from '../../client/src/live/use-coverage.ts';
import { MAP, renderPanel } from './board-fixture.tsx';

let dir: string;
let server: { url: string; child: ChildProcess };
const serverLog: string[] = [];

/**
 * The real exercise server, in its own process: this file runs in happy-dom, whose URL class the
 * server's own module-level file URLs cannot use, and a browser page talks to another process anyway.
 */
const SERVER_SCRIPT = `
import { startServer } from './server/api/start-server.ts';
const [dbFile, clientDist] = process.argv.slice(1);
const s = await startServer({ port: 0, dbFile, clientDist, demo: false, log: (l) => process.stderr.write(l + '\\n') });
process.stdout.write(JSON.stringify({ url: s.url }) + '\\n');
process.on('SIGTERM', () => void s.close().then(() => process.exit(0)));
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coverage-panel-'));
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVER_SCRIPT, join(dir, 'fire-sim.db'), join(dir, 'no-client')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => serverLog.push(d.toString()));
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => { throw new Error(`the server exited (${String(code)}): ${serverLog.join('')}`); }),
  ])) as [string];
  server = { url: (JSON.parse(first) as { url: string }).url, child };
  // The board fetches relative URLs (/api/...): the page is served by the exercise server.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${server.url}/`);
}, 60_000);

afterAll(async () => {
  if (server?.child.exitCode === null) {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(cleanup);

/** The page's wiring in small: the hook fetches, the panel shows. */
function Harness(props: { regionId: string; bands?: boolean; gaps?: boolean }): React.ReactNode {
  const bands = props.bands ?? true;
  const coverage = useCoverage(props.regionId, { bands, figures: true });
  return <CoveragePanel coverage={coverage} showBands={bands} showGaps={props.gaps ?? false} />;
}

const text = (id: string): string => screen.getByTestId(id).textContent ?? '';
const legend = (): { minutes: string | null; text: string }[] =>
  screen.getAllByTestId('coverage-band').map((b) => ({ minutes: b.getAttribute('data-minutes'), text: b.textContent ?? '' }));

/** What the server answers, read directly (the numbers the panel must show). */
async function serverJson<T>(path: string): Promise<T> {
  const res = await globalThis.fetch(`${server.url}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('coverage panel', () => {
  it('shows the figures of the 5-minute rescue circle and says whether they include turnout', async () => {
    const f = await serverJson<CoverageFigures>('/api/regions/demo-county/coverage?time=day');
    renderPanel(<Harness regionId="demo-county" bands={false} />, { role: 'observer' });
    await waitFor(() => expect(screen.getByTestId('coverage-figures')).toBeTruthy(), { timeout: 20_000 });
    expect(screen.getByText('Population in the 5-minute rescue circle (5分钟消防救援圈)')).toBeTruthy();
    expect(text('coverage-pop5')).toBe(`${(f.populationWithin5min * 100).toFixed(1)}%`);
    expect(text('coverage-builtUp5')).toBe(`${(f.builtUpWithin5min * 100).toFixed(1)}%`);
    expect(text('coverage-micro3')).toBe(`${(f.microPopulationWithin3min * 100).toFixed(1)}%`);
    expect(text('coverage-township')).toBe(`${(f.townshipPopulationWithinTarget * 100).toFixed(1)}%`);
    expect(screen.getByText(`Population within the township team target (乡镇专职队, ${f.townshipTargetMinutes} min)`)).toBeTruthy();
    // The demo county's figures are computed with turnout (seeds/coverage.yaml): the panel says so.
    expect(f.turnoutIncluded).toBe(true);
    expect(text('coverage-figures-turnout')).toBe('The figures include turnout (出动时间): dispatch order to arrival.');
    expect(screen.getByText(`${f.uncoveredPopulation.toLocaleString('en')} people outside the 5-minute rescue circle.`)).toBeTruthy();
    // Without the isochrone layer there is no station choice to make.
    expect(screen.queryByTestId('coverage-station')).toBeNull();
  });

  it('draws the legend of a station\'s bands and states whether turnout is included; answers are cached', async () => {
    const plain = await serverJson<StationIsochrones>('/api/regions/demo-county/isochrones/qs-gucheng?time=day&turnout=0');
    renderPanel(<Harness regionId="demo-county" />, { role: 'observer' });
    // Before a station is chosen: the default thresholds, no statement, a hint.
    expect(legend().map((b) => b.minutes)).toEqual(['3', '5', '8', '10', '15']);
    expect(screen.getByText('Click a station on the map or choose one above.')).toBeTruthy();
    expect(screen.queryByTestId('coverage-turnout')).toBeNull();
    const gucheng = MAP.stations.find((s) => s.id === 'qs-gucheng')!;
    expect(screen.getByRole('option', { name: gucheng.name })).toBeTruthy();

    fireEvent.change(screen.getByTestId('coverage-station'), { target: { value: 'qs-gucheng' } });
    await waitFor(() => expect(screen.getByTestId('coverage-legend').getAttribute('data-count')).toBe('5'), { timeout: 20_000 });
    expect(legend()).toEqual(plain.bands.map((b) => ({ minutes: String(b.minutes), text: `${b.minutes} min · ${b.areaKm2.toLocaleString('en', { maximumFractionDigits: 1 })} km²` })));
    expect(screen.getByTestId('coverage-turnout').getAttribute('data-included')).toBe('false');
    expect(text('coverage-turnout')).toBe('Travel time only: turnout (出动时间) is NOT included.');

    // Turnout on: the statement names the turnout added, and every band shrinks (less time to drive).
    const withTurnout = await serverJson<StationIsochrones>('/api/regions/demo-county/isochrones/qs-gucheng?time=day&turnout=1');
    fireEvent.click(screen.getByTestId('coverage-turnout-switch'));
    await waitFor(() => expect(screen.getByTestId('coverage-turnout').getAttribute('data-included')).toBe('true'), { timeout: 20_000 });
    expect(withTurnout.turnoutSeconds).toBeGreaterThan(0);
    expect(text('coverage-turnout')).toBe(`Times count from the dispatch order: turnout (出动时间) of ${Math.round(withTurnout.turnoutSeconds)} s is included.`);
    const area5 = (iso: StationIsochrones): number => iso.bands.find((b) => b.minutes === 5)!.areaKm2;
    expect(area5(withTurnout)).toBeLessThan(area5(plain));
    expect(legend()[1]!.text).toBe(`5 min · ${area5(withTurnout).toLocaleString('en', { maximumFractionDigits: 1 })} km²`);

    // Back to travel only: the cached answer is on screen at once, with no loading line.
    fireEvent.click(screen.getByTestId('coverage-turnout-switch'));
    expect(screen.queryByTestId('coverage-loading')).toBeNull();
    expect(screen.getByTestId('coverage-turnout').getAttribute('data-included')).toBe('false');

    // Night: a new question, so the old answer is not shown as if it were the night's.
    fireEvent.click(screen.getByTestId('coverage-time-night'));
    expect(screen.queryByTestId('coverage-turnout')).toBeNull();
    expect(screen.getByTestId('coverage-loading')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('coverage-legend').getAttribute('data-count')).toBe('5'), { timeout: 20_000 });
    expect(screen.getByText('Coverage figures (Night)')).toBeTruthy();
  });

  it('lists the gaps with their people and nearest station', async () => {
    const f = await serverJson<CoverageFigures>('/api/regions/demo-county/coverage?time=day');
    renderPanel(<Harness regionId="demo-county" bands={false} gaps />, { role: 'observer' });
    await waitFor(() => expect(screen.getAllByTestId('coverage-gap').length).toBe(f.gaps.length), { timeout: 20_000 });
    expect(f.gaps.length).toBeGreaterThan(0);
    const g = f.gaps[0]!;
    const nearest = MAP.stations.find((s) => s.id === g.nearestStationId)!;
    expect(screen.getAllByTestId('coverage-gap')[0]!.textContent).toBe(
      `${g.place}: ${g.population.toLocaleString('en')} people outside the circle; nearest ${nearest.name}, ${g.minutes!.toFixed(1)} min`,
    );
    expect(screen.getByText(`Coverage gaps (覆盖盲区): ${f.gaps.length}`)).toBeTruthy();
  });

  it('speaks Chinese: 5分钟消防救援圈, 出动时间', async () => {
    await act(async () => { await i18next.changeLanguage('zh-CN'); });
    try {
      renderPanel(<Harness regionId="demo-county" />, { role: 'observer' });
      fireEvent.change(screen.getByTestId('coverage-station'), { target: { value: 'qs-gucheng' } });
      await waitFor(() => expect(screen.getByTestId('coverage-turnout')).toBeTruthy(), { timeout: 20_000 });
      await waitFor(() => expect(screen.getByTestId('coverage-figures')).toBeTruthy(), { timeout: 20_000 });
      expect(text('coverage-turnout')).toBe('仅为行车时间:未含出动时间。');
      expect(screen.getByText('5分钟消防救援圈覆盖人口')).toBeTruthy();
      expect(text('coverage-figures-turnout')).toBe('指标已含出动时间:自下达出动指令至到场。');
      expect(legend()[0]!.text).toMatch(/^3 分钟 · [\d.]+ 平方公里$/);
    } finally {
      await act(async () => { await i18next.changeLanguage('en'); });
    }
  });

  it('shows a failed fetch as an error with the server\'s reason, not as an empty panel', async () => {
    renderPanel(<Harness regionId="atlantis" bands={false} gaps />, { role: 'observer' });
    await waitFor(() => expect(screen.getByTestId('coverage-error')).toBeTruthy(), { timeout: 20_000 });
    expect(screen.getByRole('alert').textContent).toMatch(/^Coverage could not be loaded: no region atlantis \(expected one of: .*demo-county.*\)Retry$/);
    expect(screen.queryByTestId('coverage-figures')).toBeNull();
    expect(screen.queryByTestId('coverage-gaps')).toBeNull();
    // Retry asks again (a failure is not cached): the loading line shows, then the error again.
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByTestId('coverage-figures-loading')).toBeTruthy();
    expect(screen.queryByTestId('coverage-error')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('coverage-error')).toBeTruthy(), { timeout: 20_000 });
  });
});
