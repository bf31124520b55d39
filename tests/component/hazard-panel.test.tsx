// @vitest-environment happy-dom
// The hazards panel (issue 10 §4) on a board folded from a real engine run of the shipped chlorine
// scenario: the zones with their lengths and the model's limits as warnings, updated when the wind
// turns; a commander evacuates around the source, or draws an area (corners, undo, close), sees the
// people the population data puts inside and confirms the order; the controller sees the people still
// inside an evacuation, the commander only its time; the controller shifts the wind through a hazard
// inject; a drill without hazards shows no panel.
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { draftClick, type AreaDraft } from '../../client/src/map/area-draft.ts';
import type { EstimateArea } from '../../client/src/panels/evacuation-draw.tsx';
import { visibleEvent } from '../../server/api/redact.ts';
import type { LatLon } from '../../shared/geo.ts';
import { HazardPanel } from '../../client/src/panels/hazard-panel.tsx';
import { applyEvent, type BoardState } from '../../shared/board-state.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { demoBoard, recorder, renderPanel } from './board-fixture.tsx';

afterEach(cleanup);
const world = loadWorld({});
const engine = createEngine(engineConfigFor(world, loadScenario('scenarios/hazard-chlorine-park.yaml', world)));
const early: DomainEvent[] = [...engine.start(), ...engine.advanceTo(10 * 60_000)];
const later: DomainEvent[] = engine.advanceTo(35 * 60_000);
const fold = (events: DomainEvent[], board: BoardState = demoBoard()): BoardState => {
  for (const e of events) applyEvent(board, e);
  return board;
};

describe('HazardPanel', () => {
  it('shows the release, its three zones and the model limits as warnings, and follows the wind shift', () => {
    const board = fold(early);
    const view = renderPanel(<HazardPanel board={board} now={10 * 60_000} live={true} />, { role: 'observer' });
    expect(screen.getByTestId('hazard-row').dataset.id).toBe('cl2-park');
    expect(screen.getAllByTestId('hazard-zone').map((z) => z.dataset.level)).toEqual(['3', '2', '1']);
    expect(screen.getByTestId('hazard-wind').textContent).toContain('270° 3 m/s');
    expect(screen.getAllByTestId('hazard-warning').map((w) => w.dataset.code)).toEqual(expect.arrayContaining(['dense-gas', 'near-source', 'no-terrain-steering']));
    expect(screen.queryByTestId('evacuate-area')).toBeNull(); // an observer only watches
    view.update(<HazardPanel board={fold(later, board)} now={35 * 60_000} live={true} />);
    expect(screen.getByTestId('hazard-wind').textContent).toContain('180° 3 m/s');
  });

  it('a commander evacuates around the source; the controller shifts the wind now', async () => {
    const board = fold(early);
    const actions = recorder();
    renderPanel(<HazardPanel board={board} now={10 * 60_000} live={true} />, { role: 'commander', actions });
    expect(screen.queryByTestId('wind-shift')).toBeNull();
    await act(async () => { fireEvent.click(screen.getByTestId('evacuate-area')); });
    expect(actions.commands[0]).toMatchObject({ type: 'EVACUATE_AREA', area: { kind: 'circle', center: [expect.closeTo(24.6135, 9), expect.closeTo(110.65085, 9)], radiusM: 1000 } });
    cleanup();
    const ctl = recorder();
    renderPanel(<HazardPanel board={board} now={10 * 60_000} live={true} />, { role: 'controller', actions: ctl });
    await act(async () => { fireEvent.click(screen.getByTestId('wind-shift')); });
    expect(ctl.commands[0]).toMatchObject({ type: 'ADD_INJECT', inject: { kind: 'hazard', at: 600, hazard: { action: 'wind-shift', wind: { fromDeg: 180, speedMS: 3 } } } });
  });

  it('lists an evacuation until it is done', () => {
    const board = fold([...early, { type: 'EVACUATION_ORDERED', area: { kind: 'circle', center: [24.6135, 110.65085], radiusM: 1000 }, note: '', by: 'commander', evacuationId: 'evac-1', doneAt: 1_800_000, seq: 9000, t: 700_000 }]);
    const view = renderPanel(<HazardPanel board={board} now={12 * 60_000} live={true} />);
    expect(screen.getByTestId('evacuation-row').dataset.done).toBe('false');
    expect(screen.getByTestId('evacuation-row').textContent).toContain('T+00:30:00');
    applyEvent(board, { type: 'AREA_EVACUATED', evacuationId: 'evac-1', area: { kind: 'circle', center: [24.6135, 110.65085], radiusM: 1000 }, people: 120, orderedAt: 700_000, seq: 9001, t: 1_800_000 });
    view.update(<HazardPanel board={{ ...board }} now={31 * 60_000} live={true} />);
    expect(screen.getByTestId('evacuation-row').dataset.done).toBe('true');
    expect(screen.getByTestId('evacuation-row').textContent).toContain('120');
  });

  it('is not there when the drill has no hazard', () => {
    renderPanel(<HazardPanel board={demoBoard()} now={0} live={true} />);
    expect(screen.queryByTestId('hazard-panel')).toBeNull();
  });

  it('a commander draws an area corner by corner, undoes one, closes it, sees the estimate and orders it', async () => {
    const board = fold(early);
    const actions = recorder();
    const asked: unknown[] = [];
    const estimate: EstimateArea = async (area) => { asked.push(area); return { people: 1234, minutesAtMost: 134 }; };
    // The board page owns the draft; here a click on the map is draftClick, as board-map.tsx does.
    let click: (p: LatLon, nearFirst?: boolean) => void = () => undefined;
    function Page() {
      const [draft, setDraft] = useState<AreaDraft | undefined>();
      click = (p, nearFirst = false) => setDraft((d) => (d ? draftClick(d, p, nearFirst) : d));
      return <HazardPanel board={board} now={10 * 60_000} live={true} {...(draft ? { draft } : {})} onDraft={setDraft} estimate={estimate} />;
    }
    renderPanel(<Page />, { role: 'commander', actions });
    fireEvent.click(screen.getByTestId('evac-draw'));
    const corners: LatLon[] = [[24.60, 110.64], [24.60, 110.68], [24.63, 110.68], [24.99, 110.99], [24.63, 110.64]];
    act(() => { for (const p of corners.slice(0, 4)) click(p); });
    expect(screen.getByTestId('evac-draft').dataset.corners).toBe('4');
    fireEvent.click(screen.getByTestId('evac-undo')); // the stray fourth corner
    act(() => click(corners[4]!));
    expect(screen.getByTestId('evac-hint').textContent).toContain('4');
    // A click on the first corner closes the outline; the server is asked how many people live inside.
    act(() => click(corners[0]!, true));
    await waitFor(() => expect(screen.getByTestId('evac-estimate').dataset.people).toBe('1234'));
    const ring = [corners[0], corners[1], corners[2], corners[4]];
    expect(asked).toEqual([{ kind: 'polygon', ring }]);
    expect(screen.getByTestId('evac-estimate').textContent).toContain('1234');
    expect(actions.commands).toEqual([]); // nothing is ordered before the confirmation
    fireEvent.change(screen.getByTestId('evac-note'), { target: { value: 'east of the park' } });
    await act(async () => { fireEvent.click(screen.getByTestId('evac-confirm')); });
    expect(actions.commands).toEqual([{ type: 'EVACUATE_AREA', area: { kind: 'polygon', ring }, note: 'east of the park' }]);
    expect(screen.queryByTestId('evac-draft')).toBeNull();
    expect(screen.getByTestId('evac-ordered')).toBeTruthy();
  });

  it('Finish needs three corners; Cancel drops the drawing; a refusal is shown in Chinese on the zh board', async () => {
    const board = fold(early);
    const actions = recorder({ refuse: 'area: expected a circle or a polygon to evacuate (a line holds nobody)' });
    let click: (p: LatLon) => void = () => undefined;
    function Page() {
      const [draft, setDraft] = useState<AreaDraft | undefined>();
      click = (p) => setDraft((d) => (d ? draftClick(d, p, false) : d));
      return <HazardPanel board={board} now={10 * 60_000} live={true} {...(draft ? { draft } : {})} onDraft={setDraft} estimate={async () => ({ people: 0, minutesAtMost: 10 })} />;
    }
    await act(async () => { await i18next.changeLanguage('zh-CN'); });
    try {
      renderPanel(<Page />, { role: 'commander', actions });
      // Screen-reader labels, the substance, the land use and the model's limits are Chinese too.
      expect(screen.getByLabelText('疏散半径(米)')).toBeTruthy();
      expect(screen.getByTestId('hazard-row').textContent).toContain('氯气');
      expect(screen.getByTestId('hazard-wind').textContent).toMatch(/城区|开阔地/);
      expect(screen.getAllByTestId('hazard-warning').map((w) => w.textContent).join(' ')).toContain('比空气重');
      fireEvent.click(screen.getByText('绘制疏散区域'));
      act(() => { click([24.6, 110.64]); click([24.6, 110.68]); });
      expect((screen.getByText('完成') as HTMLButtonElement).disabled).toBe(true);
      fireEvent.click(screen.getByText('取消'));
      expect(screen.queryByTestId('evac-draft')).toBeNull();
      fireEvent.click(screen.getByText('绘制疏散区域'));
      act(() => { click([24.6, 110.64]); click([24.6, 110.68]); click([24.63, 110.68]); });
      fireEvent.click(screen.getByText('完成'));
      await waitFor(() => expect(screen.getByTestId('evac-estimate').textContent).toContain('无常住人员'));
      await act(async () => { fireEvent.click(screen.getByText('下达疏散令')); });
      expect(screen.getByTestId('evac-refused').textContent).toContain('线段内没有人员');
    } finally {
      await act(async () => { await i18next.changeLanguage('en'); });
    }
  });

  it('shows the controller the people still inside (hidden truth) and the commander only how far through its time it is', () => {
    const area = { kind: 'polygon' as const, ring: [[24.6, 110.64], [24.6, 110.68], [24.63, 110.68]] as LatLon[] };
    const events: DomainEvent[] = [
      { type: 'EVACUATION_ORDERED', area, note: '', by: 'commander', evacuationId: 'evac-1', doneAt: 70 * 60_000, people: 1200, firefighters: 0, seq: 9000, t: 10 * 60_000 },
      { type: 'EVACUATION_PROGRESS', evacuationId: 'evac-1', peopleInside: 1200, seq: 9001, t: 10 * 60_000 },
      { type: 'EVACUATION_PROGRESS', evacuationId: 'evac-1', peopleInside: 600, seq: 9002, t: 40 * 60_000 },
    ];
    const controllerBoard = fold([...early, ...events]);
    const playerBoard = fold([...early, ...events.flatMap((e) => visibleEvent('player', e) ?? [])]);
    renderPanel(<HazardPanel board={controllerBoard} now={40 * 60_000} live={true} />, { role: 'controller' });
    expect(screen.getByTestId('evacuation-row').dataset.peopleInside).toBe('600');
    expect(screen.getByTestId('evacuation-inside').textContent).toContain('600 of 1200');
    cleanup();
    renderPanel(<HazardPanel board={playerBoard} now={40 * 60_000} live={true} />, { role: 'commander' });
    expect(screen.getByTestId('evacuation-row').dataset.peopleInside).toBeUndefined();
    expect(screen.queryByTestId('evacuation-inside')).toBeNull();
    // 30 of the 60 minutes have gone by.
    expect((screen.getByTestId('evacuation-progress') as HTMLProgressElement).value).toBe(50);
    expect(screen.getByTestId('evacuation-row').textContent).toContain('about 1200 people');
  });
});
