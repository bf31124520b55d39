// @vitest-environment happy-dom
// The triage form: checks type, location and grade before anything is sent, and sends TRIAGE_CALL
// with what the dispatcher chose (including a place found by name).
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { TriageForm, validateTriage } from '../../client/src/panels/triage-form.tsx';
import { MAP, OLD_TOWN, callReceived, demoBoard, recorder, renderPanel } from './board-fixture.tsx';

afterEach(cleanup);

const incident = demoBoard([callReceived('INC-00001')]).incidents['INC-00001']!;
const form = (onDone = (): void => undefined) => (
  <TriageForm incident={incident} picking={false} onPickOnMap={() => undefined} onFlyTo={() => undefined} onDone={onDone} />
);
const submit = async (): Promise<void> => {
  await act(async () => {
    fireEvent.click(screen.getByTestId('triage-submit'));
  });
};

describe('validateTriage', () => {
  it('names every bad field and sends nothing', () => {
    const v = validateTriage({ incidentId: 'I', type: 'bonfire', lat: '10', lon: '', grade: '7' }, MAP.bounds);
    expect(v).toEqual({ errors: { type: 'triage.errors.type', location: 'triage.errors.location', grade: 'triage.errors.grade' } });
  });
  it('builds the command from good input', () => {
    const v = validateTriage({ incidentId: 'I', type: 'hazmat', lat: '24.6', lon: '110.55', grade: '3' }, MAP.bounds);
    expect(v).toEqual({ command: { type: 'TRIAGE_CALL', incidentId: 'I', incidentType: 'hazmat', location: [24.6, 110.55], grade: 3 } });
  });
});

describe('TriageForm', () => {
  it('sends TRIAGE_CALL with the chosen type and grade, then closes', async () => {
    const actions = recorder();
    let done = 0;
    renderPanel(form(() => done++), { actions });
    fireEvent.change(screen.getByTestId('triage-type'), { target: { value: 'high-rise-fire' } });
    fireEvent.change(screen.getByTestId('triage-grade'), { target: { value: '2' } });
    await submit();
    expect(actions.commands).toEqual([{ type: 'TRIAGE_CALL', incidentId: 'INC-00001', incidentType: 'high-rise-fire', location: OLD_TOWN, grade: 2 }]);
    expect(done).toBe(1);
  });

  it('refuses to send without a type or with a location outside the region', async () => {
    const actions = recorder();
    renderPanel(form(), { actions });
    fireEvent.change(screen.getByTestId('triage-type'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Latitude'), { target: { value: '31.2' } });
    await submit();
    expect(actions.commands).toEqual([]);
    expect(screen.getByText('Choose an incident type.')).toBeTruthy();
    expect(screen.getByText('The location must be a latitude and longitude inside the region.')).toBeTruthy();
  });

  it('finds a place by name and uses its location', async () => {
    const actions = recorder();
    renderPanel(form(), { actions });
    fireEvent.change(screen.getByLabelText('Search a place'), { target: { value: 'Qingshui Plaza' } });
    fireEvent.click(screen.getByText('⌕'));
    await submit();
    const plaza = MAP.places.find((p) => p.name === 'Qingshui Plaza')!.at;
    expect(actions.commands[0]).toMatchObject({ type: 'TRIAGE_CALL', location: plaza, grade: 1 });
  });

  it('shows the engine refusal and stays open', async () => {
    const actions = recorder({ refuse: 'incident INC-00001 is closed, already triaged' });
    let done = 0;
    renderPanel(form(() => done++), { actions });
    await submit();
    // The engine's sentence, read back into the board's words (status named, not its code).
    expect(screen.getByText('Refused: Incident INC-00001 is already triaged (closed).')).toBeTruthy();
    expect(done).toBe(0);
  });

  it('offers no submit button to an observer', () => {
    renderPanel(form(), { role: 'observer' });
    expect(screen.queryByTestId('triage-submit')).toBeNull();
  });
});
