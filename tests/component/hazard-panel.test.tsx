// @vitest-environment happy-dom
// The hazards panel (issue 10 §4) on a board folded from a real engine run of the shipped chlorine
// scenario: the zones with their lengths and the model's limits as warnings, updated when the wind
// turns; a commander evacuates around the source; the controller shifts the wind through a hazard
// inject; a drill without hazards shows no panel.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
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
});
