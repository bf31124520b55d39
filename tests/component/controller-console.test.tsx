// @vitest-environment happy-dom
// The controller console: only the controller gets it; the clock buttons follow the exercise status
// and send control actions; scripted injects can be fired or skipped; ad-hoc injects send commands.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { ControllerConsole, type ArmedPick } from '../../client/src/panels/controller-console.tsx';
import { syncClock } from '../../client/src/live/sim-clock.ts';
import { scriptedInjectsOf } from '../../client/src/live/rest.ts';
import type { PendingInject } from '../../server/engine/types.ts';
import type { ClockState } from '../../shared/live.ts';
import { OLD_TOWN, demoBoard, recorder, renderPanel } from './board-fixture.tsx';

afterEach(cleanup);

const sync = (status: ClockState['status']) =>
  syncClock(undefined, { status, simTime: 0, wallAt: 0, speed: 60, endsAt: 3_600_000, startIso: '2026-06-12T10:00:00+08:00' }, 0);
// The inject timeline exactly as the server sends it (GET /api/exercises/:id, PendingInject), read
// the way the board reads it.
const pending: PendingInject[] = [{ id: 'call-2', at: 4_200_000, type: 'traffic-accident', location: OLD_TOWN, description: 'Two cars on Qingshui Bridge' }];
const injects = scriptedInjectsOf({ injects: pending });

describe('ControllerConsole', () => {
  it('is not offered to commanders or observers', () => {
    for (const role of ['commander', 'observer'] as const) {
      renderPanel(<ControllerConsole sync={sync('created')} board={demoBoard()} participants={[]} injects={injects} onArm={() => undefined} />, { role });
      expect(screen.queryByTestId('controller-console')).toBeNull();
      cleanup();
    }
  });

  it('starts, pauses and changes speed; fires and skips injects; arms a new call at a map click', async () => {
    const actions = recorder();
    let armed: ArmedPick | undefined;
    const ui = (status: ClockState['status']) => (
      <ControllerConsole sync={sync(status)} board={demoBoard()} participants={[{ id: 'p1', role: 'commander', name: 'Duty commander', connected: true }]}
        injects={injects} onArm={(a) => { armed = a; }} />
    );
    const view = renderPanel(ui('created'), { role: 'controller', actions });
    expect(screen.queryByTestId('control-pause')).toBeNull();
    await act(async () => { fireEvent.click(screen.getByTestId('control-start')); });
    view.update(ui('running'));
    expect(screen.queryByTestId('control-start')).toBeNull();
    await act(async () => { fireEvent.click(screen.getByTestId('control-pause')); });
    await act(async () => { fireEvent.change(screen.getByTestId('control-speed'), { target: { value: '120' } }); });
    expect(actions.controls).toEqual([{ action: 'start' }, { action: 'pause' }, { action: 'speed', speed: 120 }]);

    // The scripted inject is listed with what it brings: its incident type and what the caller says.
    expect(screen.getByTestId('controller-console').textContent).toContain('Two cars on Qingshui Bridge');
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Fire now' })); });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Skip' })); });
    // A new call carries what the caller says (not the button's label) and, optionally, the hidden truth.
    expect((screen.getByTestId('adhoc-call') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('adhoc-call-text'), { target: { value: 'Smoke from the third floor, a child inside' } });
    fireEvent.change(screen.getByTestId('adhoc-call-trapped'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('adhoc-call-size'), { target: { value: '120' } });
    fireEvent.click(screen.getByTestId('adhoc-call'));
    expect(armed?.build(OLD_TOWN)).toEqual({ type: 'RECEIVE_CALL', location: OLD_TOWN, incidentType: 'building-fire', reportedGrade: 1, description: 'Smoke from the third floor, a child inside', size: 120, trapped: 2 });
    expect(actions.commands).toEqual([{ type: 'FIRE_INJECT', injectId: 'call-2' }, { type: 'SKIP_INJECT', injectId: 'call-2' }]);
    expect(screen.getByTestId('participants').textContent).toContain('Duty commander');
  });
});
