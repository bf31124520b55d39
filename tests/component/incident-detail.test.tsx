// @vitest-environment happy-dom
// Incident detail: the run card against what is assigned, the recommendation with ETA and reason,
// dispatch / raise grade commands, and what an observer is (not) offered.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { IncidentDetail } from '../../client/src/panels/incident-detail.tsx';
import type { Recommendation } from '../../shared/recommendation.ts';
import { demoBoard, gradedIncident, recorder, renderPanel } from './board-fixture.tsx';

afterEach(cleanup);

const board = demoBoard([
  ...gradedIncident('INC-00001'),
  { type: 'UNIT_DISPATCHED', t: 100_000, unitId: 'qs-gucheng-SG-1', incidentId: 'INC-00001', reason: { need: 'home-station', echelon: 1, note: '' }, etaSec: 240, by: 'commander' },
]);
const inc = board.incidents['INC-00001']!;
const recommendation: Recommendation = {
  incidentId: 'INC-00001',
  grade: 1,
  units: [
    { unitId: 'qs-gucheng-JY-1', stationId: 'qs-gucheng', type: 'JY', etaSec: 250, reason: { need: 'rescue', echelon: 1, note: 'nearest rescue' } },
    { unitId: 'qs-special-SG-1', stationId: 'qs-special', type: 'SG', etaSec: 420, reason: { need: 'water', echelon: 1, note: 'nearest water' } },
  ],
  unmet: [{ capability: 'water', missing: 1 }],
};

const settle = (): Promise<void> => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

describe('IncidentDetail', () => {
  it('shows the run card requirement against the units assigned', async () => {
    renderPanel(<IncidentDetail incident={inc} board={board} log={[]} />, { actions: recorder({ recommendation }) });
    await settle();
    const rows = screen.getAllByTestId('need-row').map((r) => [r.getAttribute('data-need'), ...Array.from(r.querySelectorAll('td')).slice(1).map((td) => td.textContent)]);
    // building-fire grade 1 (seeds/run-cards.yaml): water ×3, rescue ×1, 14 firefighters, 1 station; one SG (crew 4) assigned.
    expect(rows).toEqual([['water', '3', '1'], ['rescue', '1', '0'], ['firefighters', '14', '4'], ['stations', '1', '1']]);
    expect(screen.getByTestId('incident-grade').textContent).toBe('Level 1');
    expect(within(screen.getByTestId('assigned-unit')).getByText(/Turning out/)).toBeTruthy();
  });

  it('lists the recommended units with ETA and reason, and dispatches them', async () => {
    const actions = recorder({ recommendation });
    renderPanel(<IncidentDetail incident={inc} board={board} log={[]} />, { actions });
    await settle();
    const recs = screen.getAllByTestId('rec-row');
    expect(recs.map((r) => r.getAttribute('data-id'))).toEqual(['qs-gucheng-JY-1', 'qs-special-SG-1']);
    expect(recs[0]!.textContent).toContain('04:10');
    expect(recs[0]!.textContent).toContain('Rescue');
    expect(screen.getByText('Cannot be met now: Water ×1')).toBeTruthy();
    await act(async () => { fireEvent.click(screen.getByTestId('dispatch-recommended')); });
    await act(async () => { fireEvent.click(screen.getByLabelText('Pick Special Tender 1')); });
    await act(async () => { fireEvent.click(screen.getByText('Dispatch selected')); });
    // The reason of a raise is what the commander typed (trimmed), and the box empties after it.
    await act(async () => { fireEvent.change(screen.getByTestId('raise-reason'), { target: { value: ' smoke on floors 18-20 ' } }); });
    await act(async () => { fireEvent.click(screen.getByTestId('raise-grade')); });
    expect(actions.commands).toEqual([
      { type: 'DISPATCH_RECOMMENDED', incidentId: 'INC-00001' },
      { type: 'DISPATCH_UNITS', incidentId: 'INC-00001', unitIds: ['qs-special-SG-1'] },
      { type: 'RAISE_GRADE', incidentId: 'INC-00001', grade: 2, reason: 'smoke on floors 18-20' },
    ]);
    expect((screen.getByTestId('raise-reason') as HTMLInputElement).value).toBe('');
  });

  it('offers an observer no dispatch, release or grade buttons', async () => {
    renderPanel(<IncidentDetail incident={inc} board={board} log={[]} />, { role: 'observer', actions: recorder({ recommendation }) });
    await settle();
    expect(screen.queryByTestId('dispatch-recommended')).toBeNull();
    expect(screen.queryByTestId('raise-grade')).toBeNull();
    expect(screen.queryByText('Release')).toBeNull();
    // …but sees the same requirement and units.
    expect(screen.getAllByTestId('need-row')).toHaveLength(4);
    expect(screen.getAllByTestId('assigned-unit')).toHaveLength(1);
  });
});
