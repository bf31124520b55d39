// @vitest-environment happy-dom
// The board's panels as the debrief's replay uses them: the calls queue lists the calls waiting at
// the moment shown with no alert banner and no tone (a replay passing a call must not ring), while
// the live board still alerts with a tone; the clock says playback or replay, never "Running", and
// shows the moment replayed (local time and T+), with the playback speed only while playing.
// happy-dom has no audio: a counting AudioContext stands in for the browser's, to hear the tone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { CallsQueue } from '../../client/src/panels/calls-queue.tsx';
import { ClockBar } from '../../client/src/panels/clock-bar.tsx';
import { syncClock } from '../../client/src/live/sim-clock.ts';
import type { ClockState } from '../../shared/live.ts';
import { callReceived, demoBoard, renderPanel } from './board-fixture.tsx';

let tones = 0;
class CountingAudioContext {
  readonly currentTime = 0;
  readonly destination = {};
  constructor() { tones++; }
  createOscillator() { return { frequency: { value: 0 }, connect: (x: unknown) => x, start: () => undefined, stop: () => undefined, onended: undefined }; }
  createGain() { return { gain: { value: 0 }, connect: (x: unknown) => x }; }
  close() { return Promise.resolve(); }
}
const g = globalThis as { AudioContext?: unknown };
const had = g.AudioContext;
beforeEach(() => { tones = 0; g.AudioContext = CountingAudioContext; });
afterEach(() => { cleanup(); g.AudioContext = had; });

describe('CallsQueue in a replay', () => {
  it('lists the calls waiting at the moment shown, silently', () => {
    const view = renderPanel(<CallsQueue board={demoBoard()} now={0} onOpen={() => undefined} silent />);
    view.update(<CallsQueue board={demoBoard([callReceived('INC-00001')])} now={120_000} onOpen={() => undefined} silent />);
    view.update(<CallsQueue board={demoBoard([callReceived('INC-00001'), callReceived('INC-00002', 90_000)])} now={150_000} onOpen={() => undefined} silent />);
    expect(screen.getAllByTestId('call-row').map((r) => r.getAttribute('data-id'))).toEqual(['INC-00001', 'INC-00002']);
    expect(screen.queryByTestId('call-alert')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.querySelector('.call-row--new')).toBeNull();
    expect(tones).toBe(0);
  });

  it('still rings on the live board (the same counting audio hears it)', () => {
    const view = renderPanel(<CallsQueue board={demoBoard()} now={0} onOpen={() => undefined} />);
    view.update(<CallsQueue board={demoBoard([callReceived('INC-00001')])} now={120_000} onOpen={() => undefined} />);
    expect(screen.getByTestId('call-alert')).toBeTruthy();
    expect(tones).toBe(1);
  });
});

describe('ClockBar in a replay', () => {
  const START = '2026-06-12T19:30:00+08:00';
  const clock = (over: Partial<ClockState>): ClockState => ({ status: 'running', simTime: 300_000, wallAt: Date.now(), speed: 60, endsAt: 10_800_000, startIso: START, ...over });
  /** The clock bar of a replay at T+5:00, as shown. */
  const replayClock = (over: Partial<ClockState>, ended = false): HTMLElement => {
    render(<ClockBar sync={syncClock(undefined, clock(over), Date.now())} ended={ended} replay />);
    return screen.getByTestId('clock');
  };

  it('says playback while playing, with the moment replayed and the playback speed', () => {
    const el = replayClock({});
    expect(el.getAttribute('data-status')).toBe('playback');
    expect(el.textContent).toContain('Playback');
    expect(el.textContent).not.toContain('Running');
    expect(el.textContent).toContain('2026-06-12 19:35');
    expect(el.textContent).toContain('T+00:05');
    expect(el.textContent).toContain('×60');
  });

  it('says replay (paused) when stopped at a moment, without a speed; ended drills too', () => {
    const el = replayClock({ status: 'paused', speed: 1 }, true);
    expect(el.getAttribute('data-status')).toBe('paused');
    expect(el.textContent).toContain('Replay (paused)');
    expect(el.textContent).not.toContain('Scenario ended');
    expect(el.textContent).toContain('2026-06-12 19:35:00');
    expect(el.textContent).toContain('T+00:05:00');
    expect(el.textContent).not.toContain('×');
  });
});
