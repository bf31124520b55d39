// @vitest-environment happy-dom
// The unit status board: grouped by tier and station, filtered by status, tier and text, and the
// out-of-service action (offered to dispatchers, not to observers).
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { UnitBoard } from '../../client/src/panels/unit-board.tsx';
import { MAP, demoBoard, gradedIncident, recorder, renderPanel } from './board-fixture.tsx';

afterEach(cleanup);

const board = demoBoard([
  ...gradedIncident('INC-00001'),
  { type: 'UNIT_DISPATCHED', t: 100_000, unitId: 'qs-gucheng-SG-1', incidentId: 'INC-00001', reason: { need: 'home-station', echelon: 1, note: '' }, etaSec: 240, by: 'commander' },
  { type: 'UNIT_OUT_OF_SERVICE', t: 110_000, unitId: 'qs-special-SG-2', reason: 'breakdown' },
]);
const total = MAP.stations.reduce((n, s) => n + s.units.length, 0);
const rows = (): string[] => screen.queryAllByTestId('unit-row').map((r) => `${r.getAttribute('data-id')}:${r.getAttribute('data-status')}`);

describe('UnitBoard', () => {
  it('groups stations by tier and counts every unit', () => {
    renderPanel(<UnitBoard board={board} onSelectUnit={() => undefined} />);
    expect(screen.getByTestId('unit-count').textContent).toBe(`${total} of ${total} units`);
    expect(screen.getByRole('heading', { name: 'National (国家综合性)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Township (乡镇)' })).toBeTruthy();
    // Stations are folded until opened.
    expect(rows()).toEqual([]);
    fireEvent.click(screen.getByText('Gucheng (Old Town) Small Station'));
    expect(rows()).toEqual(['qs-gucheng-SG-1:turningOut', 'qs-gucheng-JY-1:inStation']);
  });

  it('shows the units of a station cut off (断网) as no contact, with their last reported status', () => {
    const cut = demoBoard([
      ...gradedIncident('INC-00001'),
      { type: 'UNIT_DISPATCHED', t: 100_000, unitId: 'qs-gucheng-SG-1', incidentId: 'INC-00001', reason: { need: 'home-station', echelon: 1, note: '' }, etaSec: 240, by: 'commander' },
      { type: 'COMMS_OUTAGE_STARTED', t: 120_000, stationId: 'qs-gucheng', note: 'base station flooded', by: 'controller', reports: 'delayed' },
    ]);
    renderPanel(<UnitBoard board={cut} onSelectUnit={() => undefined} />);
    fireEvent.click(screen.getByText('Gucheng (Old Town) Small Station'));
    expect(screen.getAllByTestId('unit-no-contact').map((e) => e.textContent)).toEqual(['No contact (last report: Turning out)', 'No contact (last report: In station)']);
  });

  it('filters by status, by tier and by text', () => {
    renderPanel(<UnitBoard board={board} onSelectUnit={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Unit status'), { target: { value: 'outOfService' } });
    expect(rows()).toEqual(['qs-special-SG-2:outOfService']);
    expect(screen.getByText('Out of service (breakdown)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Unit status'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'township' } });
    const townshipStations = MAP.stations.filter((s) => s.tier === 'township');
    expect(screen.getAllByTestId('station-group')).toHaveLength(townshipStations.length);
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Filter by station or unit'), { target: { value: 'gucheng' } });
    expect(rows()).toEqual(['qs-gucheng-SG-1:turningOut', 'qs-gucheng-JY-1:inStation']);
  });

  it('takes an available unit out of service and brings one back', async () => {
    const actions = recorder();
    renderPanel(<UnitBoard board={board} onSelectUnit={() => undefined} />, { actions });
    fireEvent.change(screen.getByLabelText('Filter by station or unit'), { target: { value: 'qs-special-SG' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Out of service' })); });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Back in service' })); });
    expect(actions.commands).toEqual([
      { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: 'qs-special-SG-1', reason: 'maintenance' },
      { type: 'SET_UNIT_IN_SERVICE', unitId: 'qs-special-SG-2' },
    ]);
  });

  it('offers an observer no service buttons', () => {
    renderPanel(<UnitBoard board={board} onSelectUnit={() => undefined} />, { role: 'observer' });
    fireEvent.change(screen.getByLabelText('Filter by station or unit'), { target: { value: 'qs-special-SG' } });
    expect(rows().length).toBe(2);
    expect(screen.queryByRole('button', { name: 'Out of service' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Back in service' })).toBeNull();
  });
});

describe('UnitBoard with reinforcements', () => {
  it('lists an arrived team under its own name, in its tier, with its units', () => {
    const withTeam = demoBoard([
      { type: 'REINFORCEMENTS_ARRIVED', t: 60_000, injectId: 'late', source: 'provincial', team: { zh: '省机动支队', en: 'Provincial mobile team' }, stagingAt: [24.6, 110.55], units: [{ id: 'late-SG-1', type: 'SG' }, { id: 'late-JY-1', type: 'JY', crew: 6 }], stationId: 'staging-late' },
      { type: 'UNIT_BACK_IN_SERVICE', t: 60_000, unitId: 'late-SG-1' },
      { type: 'UNIT_BACK_IN_SERVICE', t: 60_000, unitId: 'late-JY-1' },
    ]);
    renderPanel(<UnitBoard board={withTeam} onSelectUnit={() => undefined} />);
    expect(screen.getByTestId('unit-count').textContent).toBe(`${total + 2} of ${total + 2} units`);
    fireEvent.click(screen.getByText('Provincial mobile team'));
    expect(rows()).toEqual(['late-SG-1:inStation', 'late-JY-1:inStation']);
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'national' } });
    expect(screen.getAllByTestId('station-group').map((g) => g.getAttribute('data-id'))).toContain('staging-late');
  });
});
