// @vitest-environment happy-dom
// The clock everyone sees (interpolated while running, frozen when the link is lost), the banner
// while disconnected or resynchronising, and the board store that decides both: deltas that follow
// on are folded in, a missed one is a gap to resync, an old one is ignored.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ClockBar } from '../../client/src/panels/clock-bar.tsx';
import { ConnectionBanner } from '../../client/src/panels/connection-banner.tsx';
import { BoardStore } from '../../client/src/live/board-store.ts';
import { syncClock, simNow } from '../../client/src/live/sim-clock.ts';
import type { ClockState } from '../../shared/live.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { callReceived, demoBoard } from './board-fixture.tsx';

afterEach(cleanup);

const START = '2026-06-12T19:30:00+08:00';
const clock = (over: Partial<ClockState> = {}): ClockState => ({ status: 'running', simTime: 300_000, wallAt: 1_000_000, speed: 60, endsAt: 10_800_000, startIso: START, ...over });

describe('ClockBar', () => {
  it('shows local scenario time, elapsed time, status and speed', () => {
    const now = Date.now();
    const sync = syncClock(undefined, clock({ status: 'paused', wallAt: now }), now);
    render(<ClockBar sync={sync} />);
    const el = screen.getByTestId('clock');
    expect(el.getAttribute('data-status')).toBe('paused');
    expect(el.textContent).toContain('2026-06-12 19:35:00');
    expect(el.textContent).toContain('T+00:05:00');
    expect(el.textContent).toContain('Paused');
    expect(el.textContent).toContain('×60');
  });

  it('runs at the exercise speed between messages and freezes where the link was lost', () => {
    const sync = syncClock(undefined, clock(), 1_000_000);
    expect(simNow(sync, 1_010_000)).toBe(300_000 + 10_000 * 60);
    expect(simNow(sync, 1_010_000, 1_002_000)).toBe(300_000 + 2_000 * 60);
    expect(simNow(sync, 9_000_000)).toBe(10_800_000); // never past the scenario end
    const frozenAt = Date.now();
    const live = syncClock(undefined, clock({ wallAt: frozenAt - 10_000 }), frozenAt - 10_000);
    render(<ClockBar sync={live} frozenAt={frozenAt} />);
    expect(screen.getByTestId('clock').className).toContain('clock--frozen');
    expect(Number(screen.getByTestId('clock').getAttribute('data-sim-ms'))).toBe(300_000 + 10_000 * 60);
  });
});

describe('ConnectionBanner', () => {
  it('says the board is disconnected or resynchronising, and nothing when live', () => {
    const view = render(<ConnectionBanner link="disconnected" />);
    expect(screen.getByRole('alert').textContent).toContain('Disconnected from the exercise server');
    view.rerender(<ConnectionBanner link="resyncing" />);
    expect(screen.getByRole('alert').textContent).toContain('resynchronising');
    view.rerender(<ConnectionBanner link="live" />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('BoardStore', () => {
  const snapshot = () => ({ exerciseId: 'x', seq: 0, board: demoBoard(), clock: clock() });
  const ev = (seq: number): DomainEvent => ({ ...callReceived(`INC-${seq}`), seq } as DomainEvent);

  it('folds deltas that follow on, ignores old ones, and reports a gap', () => {
    let wall = 1_000_000;
    const store = new BoardStore(() => wall);
    store.applySnapshot(snapshot());
    expect(store.getState().link).toBe('live');
    expect(store.applyDelta({ exerciseId: 'x', fromSeq: 0, toSeq: 2, events: [ev(1), ev(2)], clock: clock() })).toBe('applied');
    expect(Object.keys(store.getState().board!.incidents)).toEqual(['INC-1', 'INC-2']);
    expect(store.applyDelta({ exerciseId: 'x', fromSeq: 0, toSeq: 2, events: [ev(1), ev(2)], clock: clock() })).toBe('stale');
    expect(store.applyDelta({ exerciseId: 'x', fromSeq: 5, toSeq: 6, events: [ev(6)], clock: clock() })).toBe('gap');
    expect(store.getState().board!.seq).toBe(2);
    // Losing the link freezes the clock at that moment; the next snapshot brings it back to live.
    wall += 5_000;
    store.setLink('disconnected', 'transport close');
    expect(store.getState().frozenAt).toBe(wall);
    store.applySnapshot({ ...snapshot(), seq: 6 });
    expect(store.getState().link).toBe('live');
    expect(store.getState().frozenAt).toBeUndefined();
  });
});
