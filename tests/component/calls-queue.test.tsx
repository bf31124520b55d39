// @vitest-environment happy-dom
// The incoming-calls queue: quiet when nothing waits, alerts when a new call arrives, opens a call.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { CallsQueue } from '../../client/src/panels/calls-queue.tsx';
import { callReceived, demoBoard, gradedIncident, renderPanel } from './board-fixture.tsx';

afterEach(cleanup);

describe('CallsQueue', () => {
  it('alerts when a new call arrives, and the alert ends when the call is opened', () => {
    const opened: string[] = [];
    const view = renderPanel(<CallsQueue board={demoBoard()} now={0} onOpen={(id) => opened.push(id)} />);
    expect(screen.queryByTestId('call-alert')).toBeNull();
    expect(screen.getByText('No calls waiting.')).toBeTruthy();

    view.update(<CallsQueue board={demoBoard([callReceived('INC-00001')])} now={120_000} onOpen={(id) => opened.push(id)} />);
    const alert = screen.getByTestId('call-alert');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('New call: 1 waiting');
    expect(screen.getByTestId('calls-count').textContent).toBe('1');
    expect(screen.getByText('Reported: Building fire, Level 1')).toBeTruthy();
    expect(screen.getByText('00:01:00 ago')).toBeTruthy();

    fireEvent.click(screen.getByText('Take call'));
    expect(opened).toEqual(['INC-00001']);
    expect(screen.queryByTestId('call-alert')).toBeNull();
  });

  it('in the replay (silent) shows a call rather than offering to take it', () => {
    const opened: string[] = [];
    renderPanel(<CallsQueue board={demoBoard([callReceived('INC-00001')])} now={60_000} onOpen={(id) => opened.push(id)} silent />);
    expect(screen.queryByText('Take call')).toBeNull();
    fireEvent.click(screen.getByText('Show the call'));
    expect(opened).toEqual(['INC-00001']);
  });

  it('lists only calls not yet triaged, oldest first', () => {
    const board = demoBoard([...gradedIncident('INC-00001'), callReceived('INC-00003', 200_000), callReceived('INC-00002', 100_000)]);
    renderPanel(<CallsQueue board={board} now={300_000} onOpen={() => undefined} />);
    expect(screen.getAllByTestId('call-row').map((r) => r.getAttribute('data-id'))).toEqual(['INC-00002', 'INC-00003']);
    expect(screen.getByTestId('call-alert').textContent).toContain('New calls: 2 waiting');
  });
});
