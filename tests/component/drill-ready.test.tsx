// @vitest-environment happy-dom
// The board made drill-ready (issue 12): what a trainer, a commander and an observer ran into in a full
// drill, each checked on the panel where a user meets it: ETAs past an hour, the rule behind each
// recommended unit, the controller's hidden truth, the ad-hoc call form, closures and outages in force,
// adding any unit, the safeguards, the end of a drill, speeds and steps, Chinese without English or
// raw codes, readable unit names, sizes with units and refusals that fade.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { IncidentDetail, ASK_RAISE_EVENT } from '../../client/src/panels/incident-detail.tsx';
import { ControllerConsole, injectRows } from '../../client/src/panels/controller-console.tsx';
import { CallsQueue, waitingCalls } from '../../client/src/panels/calls-queue.tsx';
import { EventLog } from '../../client/src/panels/event-log.tsx';
import { IncidentList } from '../../client/src/panels/incident-list.tsx';
import { UnitBoard } from '../../client/src/panels/unit-board.tsx';
import { DrillEnded } from '../../client/src/panels/drill-ended.tsx';
import { TriageForm } from '../../client/src/panels/triage-form.tsx';
import { formatEta } from '../../client/src/domain-view.ts';
import { DrillNotes } from '../../client/src/live/drill-notes.ts';
import { BoardStore } from '../../client/src/live/board-store.ts';
import { syncClock } from '../../client/src/live/sim-clock.ts';
import type { Recommendation } from '../../shared/recommendation.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { ClockState } from '../../shared/live.ts';
import { OLD_TOWN, callReceived, demoBoard, gradedIncident, recorder, renderPanel, type Unsequenced } from './board-fixture.tsx';

const settle = (): Promise<void> => act(async () => { await new Promise((r) => setTimeout(r, 0)); });
const seq = (events: Unsequenced[]): DomainEvent[] => events.map((e, i) => ({ ...e, seq: i + 1 }) as DomainEvent);
const sync = (status: ClockState['status'], simTime = 0) =>
  syncClock(undefined, { status, simTime, wallAt: 0, speed: 1, endsAt: 7_200_000, startIso: '2026-06-12T10:00:00+08:00' }, 0);

beforeEach(async () => { await i18next.changeLanguage('en'); });
afterEach(async () => { cleanup(); await i18next.changeLanguage('en'); });

const dispatched = (unitId: string, etaSec: number, t = 100_000): Unsequenced => ({
  type: 'UNIT_DISPATCHED', t, unitId, incidentId: 'INC-00001', reason: { need: 'water', echelon: 1, note: '' }, etaSec, by: 'commander',
});

describe('ETAs and the recommendation (items 2, 12)', () => {
  it('keeps the hours of an ETA: 6 h 12 min 32 s is 6:12:32, 107 min 27 s is 1:47:27', () => {
    expect(formatEta(6 * 3600 + 12 * 60 + 32)).toBe('6:12:32');
    expect(formatEta(107 * 60 + 27)).toBe('1:47:27');
    expect(formatEta(250)).toBe('04:10');
  });

  const rec: Recommendation = {
    incidentId: 'INC-00001', grade: 1,
    units: [
      { unitId: 'prov-base-SG-1', stationId: 'prov-base', type: 'SG', etaSec: 6 * 3600 + 12 * 60 + 32, reason: { need: 'water', echelon: 3, note: 'provincial reinforcement: local and neighbouring units exhausted (ETA 372:32)' } },
      { unitId: 'qs-gucheng-SG-1', stationId: 'qs-gucheng', type: 'SG', etaSec: 21 * 60 + 6, reason: { need: 'home-station', echelon: 1, note: 'home station qs-gucheng always goes first; fills water (ETA 21:06)' } },
      { unitId: 'qs-special-JY-1', stationId: 'qs-special', type: 'JY', etaSec: 300, reason: { need: 'rescue', echelon: 1, note: 'specialist for rescue (专业优先), ETA 5:00 vs nearest 4:10' } },
      { unitId: 'qs-chengdong-SG-1', stationId: 'qs-chengdong', type: 'SG', etaSec: 280, reason: { need: 'water', echelon: 1, note: 'nearest available (ETA 4:40)' } },
      { unitId: 'qs-chengbei-SG-1', stationId: 'qs-chengbei', type: 'SG', etaSec: 600, reason: { need: 'strengthen', echelon: 1, note: 'night: first dispatch strengthened; nearest available (ETA 10:00)' } },
    ],
    unmet: [{ capability: 'aerial', missing: 1, note: '2 available units with aerial cannot reach the site: roads closed' }],
  };

  it('lists units by ETA with the hours, names the doctrine rule, and says why units are missing', async () => {
    const board = demoBoard([...gradedIncident('INC-00001'), { type: 'COMMS_OUTAGE_STARTED', t: 95_000, stationId: 'qs-chengxi', note: 'controller', by: 'controller' }]);
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions: recorder({ recommendation: rec }) });
    await settle();
    const table = screen.getByTestId('recommendation');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['', 'Unit', 'ETA', 'Reason']);
    const rows = screen.getAllByTestId('rec-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['qs-chengdong-SG-1', 'qs-special-JY-1', 'qs-chengbei-SG-1', 'qs-gucheng-SG-1', 'prov-base-SG-1']);
    expect(rows.at(-1)!.textContent).toContain('6:12:32');
    expect(rows.map((r) => r.querySelector('[data-rule]')!.getAttribute('data-rule'))).toEqual(['nearest', 'specialist', 'night', 'homeStation', 'echelonProvince']);
    expect(rows[1]!.textContent).toContain('Specialist first (专业优先)');
    expect(rows[1]!.querySelector('[data-rule]')!.getAttribute('title')).toContain('nearest: 4:10');
    expect(rows[3]!.textContent).toContain('Home station (辖区站) · Water');
    expect(screen.getByTestId('unmet').textContent).toContain('2 available Aerial units cannot reach the site: roads closed.');
    expect(screen.getByTestId('comms-out-note').textContent).toContain('Chengxi');
  });

  it('shows the rules and their tooltips in Chinese', async () => {
    await i18next.changeLanguage('zh-CN');
    const board = demoBoard(gradedIncident('INC-00001'));
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions: recorder({ recommendation: rec }) });
    await settle();
    const cells = screen.getAllByTestId('rec-row').map((r) => r.querySelector('[data-rule]')!);
    expect(cells.map((c) => c.textContent)).toEqual(['就近调度 · 供水灭火', '专业优先 · 抢险救援', '夜间加强', '辖区站 · 供水灭火', '梯次增援(省级) · 供水灭火']);
    for (const c of cells) expect(c.getAttribute('title')).not.toMatch(/[A-Za-z]{3,}/);
    expect(screen.getByTestId('unmet').textContent).toContain('2 辆可用的登高/举高力量因道路封闭无法到场');
  });
});

describe('the controller sees the hidden truth (item 7)', () => {
  const events = seq([
    { ...(callReceived('INC-00001') as Extract<Unsequenced, { type: 'CALL_RECEIVED' }>), reportedSize: 20, truth: { size: 320, trapped: 3, deadlinesMin: [20, 30, 40], unfounded: false } },
    ...gradedIncident('INC-00001').slice(1),
  ]);
  const notes = new DrillNotes();
  for (const e of events) notes.add(e);
  const board = demoBoard(gradedIncident('INC-00001'));

  it('marks it as hidden from players on the controller board', async () => {
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={events} notes={notes} />, { role: 'controller' });
    await settle();
    const truth = screen.getByTestId('hidden-truth');
    expect(truth.textContent).toContain('players do not see this');
    expect(truth.textContent).toContain('real size 320 m², 3 trapped at the call');
    // 320 m² of a building fire is past the Level 2 threshold (250 m², seeds/incident-models.yaml).
    expect(screen.getByTestId('true-grade').textContent).toBe('Level 2');
  });

  it('is not there for a commander, even with the same notes', async () => {
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={events} notes={notes} />, { role: 'commander' });
    await settle();
    expect(screen.queryByTestId('hidden-truth')).toBeNull();
  });

  it('is folded from the controller events, not from redacted ones', () => {
    const n = new DrillNotes();
    const { truth: _t, ...redacted } = events[0] as Extract<DomainEvent, { type: 'CALL_RECEIVED' }>;
    n.add(redacted as DomainEvent);
    expect(n.truth.size).toBe(0);
  });
});

describe('closures, stopped units and the timeline (items 3, 9)', () => {
  const closed: Unsequenced[] = [
    ...gradedIncident('INC-00001'),
    dispatched('qs-gucheng-SG-1', 240),
    { type: 'ROAD_CLOSED', t: 110_000, closureId: 'cl-1', reason: 'flood', area: { kind: 'circle', center: OLD_TOWN, radiusM: 400 }, note: 'controller', closedEdges: 12, by: 'controller', until: 1_310_000 },
    { type: 'UNIT_EN_ROUTE', t: 160_000, unitId: 'qs-gucheng-SG-1', incidentId: 'INC-00001', leg: { from: OLD_TOWN, to: OLD_TOWN, departAt: 160_000, arriveAt: 160_000, distanceM: 0 } },
    { type: 'PLACE_UNREACHABLE', t: 160_000, location: OLD_TOWN, unitId: 'qs-gucheng-SG-1', incidentId: 'INC-00001', closureIds: ['cl-1'] },
    { type: 'PLACE_UNREACHABLE', t: 160_000, location: OLD_TOWN, incidentId: 'INC-00001', closureIds: ['cl-1'] },
  ];

  it('says a unit stopped by a closure is stopped, and names the incident in the timeline', async () => {
    const board = demoBoard(closed);
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={seq(closed)} />);
    await settle();
    expect(screen.getByTestId('assigned-unit').getAttribute('data-stopped')).toBe('true');
    expect(screen.getByTestId('unit-stopped').textContent).toBe('Stopped: no open road');
    const lines = Array.from(screen.getByTestId('timeline').querySelectorAll('li')).map((li) => li.textContent);
    expect(lines).toContain('T+00:02:40 Gucheng Tender 1 stopped: no open road to INC-00001 (closures cl-1)');
    expect(lines).toContain('T+00:02:40 INC-00001 cut off: no open road reaches it (closures cl-1)');
  });

  it('reads PLACE_REACHABLE in words in both languages', async () => {
    const events = seq([...closed, { type: 'ROAD_REOPENED', t: 400_000, closureId: 'cl-1', by: 'controller' }, { type: 'PLACE_REACHABLE', t: 400_000, location: OLD_TOWN, incidentId: 'INC-00001', closureId: 'cl-1' }]);
    renderPanel(<EventLog log={events} />);
    expect(screen.getByTestId('event-log').textContent).toContain('INC-00001 can be reached again');
    expect(screen.getByTestId('event-log').textContent).toContain('Road closure cl-1 reopened');
    cleanup();
    await i18next.changeLanguage('zh-CN');
    renderPanel(<EventLog log={events} />);
    const text = screen.getByTestId('event-log').textContent!;
    expect(text).toContain('INC-00001 恢复可达');
    expect(text).not.toContain('ev.');
    expect(text).toContain('道路封闭 cl-1(洪水):12 段');
  });

  it('lists closures and outages in force with reopen, restore and their ends (the engine ends timed ones, not the board)', async () => {
    const events = [...closed, { type: 'COMMS_OUTAGE_STARTED', t: 120_000, stationId: 'qs-chengxi', note: 'controller', by: 'controller', until: 1_920_000 } as Unsequenced];
    const board = demoBoard(events);
    const actions = recorder();
    const ui = (now: number) => <ControllerConsole sync={sync('running', now)} board={board} participants={[]} injects={[]} onArm={() => undefined} log={seq(events)} />;
    const view = renderPanel(ui(600_000), { role: 'controller', actions });
    const row = screen.getByTestId('closure-row');
    expect(row.textContent).toContain('Road closure cl-1: flood');
    expect(row.textContent).toContain('T+00:01:50 → until T+00:21:50');
    expect(screen.getByTestId('outage-row').textContent).toContain('Comms cut: Chengxi');
    expect(screen.getByTestId('outage-row').textContent).toContain('T+00:02:00 → until T+00:32:00');
    await act(async () => { fireEvent.click(screen.getByTestId('restore-comms')); });
    expect(actions.commands).toEqual([{ type: 'SET_COMMS_OUTAGE', stationId: 'qs-chengxi', on: false }]);
    await act(async () => { fireEvent.click(within(row).getByTestId('reopen-road')); });
    expect(actions.commands.at(-1)).toEqual({ type: 'REOPEN_ROAD', closureId: 'cl-1' });
    // The clock passes the closure's end (T+00:21:50): the engine's timer reopens it; the board sends nothing.
    actions.commands.length = 0;
    await act(async () => { view.update(ui(1_310_000)); });
    await act(async () => { view.update(ui(1_320_000)); });
    expect(actions.commands).toEqual([]);
  });

  it('puts a chosen duration into the closure it arms', async () => {
    let armed: { build(p: [number, number]): unknown } | undefined;
    renderPanel(<ControllerConsole sync={sync('running', 60_000)} board={demoBoard()} participants={[]} injects={[]} onArm={(a) => { armed = a; }} />, { role: 'controller' });
    fireEvent.change(screen.getByLabelText('Cause of the closure'), { target: { value: 'plume' } });
    fireEvent.change(screen.getByLabelText('Closure duration'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('adhoc-closure'));
    expect(armed?.build(OLD_TOWN)).toEqual({ type: 'CLOSE_ROAD', area: { kind: 'circle', center: OLD_TOWN, radiusM: 300 }, reason: 'plume', note: 'controller', durationMs: 1_800_000 });
  });

  it('cuts the comms of a team for a chosen time (the engine ends the outage by itself)', async () => {
    const actions = recorder();
    renderPanel(<ControllerConsole sync={sync('running', 60_000)} board={demoBoard()} participants={[]} injects={[]} onArm={() => undefined} />, { role: 'controller', actions });
    fireEvent.change(screen.getByTestId('comms-station'), { target: { value: 'qs-chengxi' } });
    fireEvent.change(screen.getByLabelText('Outage duration'), { target: { value: '60' } });
    await act(async () => { fireEvent.click(screen.getByTestId('comms-toggle')); });
    expect(actions.commands).toEqual([{ type: 'SET_COMMS_OUTAGE', stationId: 'qs-chengxi', on: true, note: 'controller', durationMs: 3_600_000 }]);
  });
});

describe('adding any unit and the safeguards (items 10, 11)', () => {
  it('finds an available unit by type and station with its ETA and dispatches it', async () => {
    const board = demoBoard([...gradedIncident('INC-00001'), dispatched('qs-gucheng-SG-1', 240)]);
    const actions = recorder({ etas: { 'qs-special-DG-54-1': 7 * 60 + 5 } });
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions });
    await settle();
    fireEvent.change(screen.getByTestId('add-unit-search'), { target: { value: 'aerial special' } });
    await settle();
    const rows = screen.getAllByTestId('add-unit-row');
    const row = rows.find((r) => r.getAttribute('data-id') === 'qs-special-DG-54-1')!;
    expect(row.textContent).toContain('Aerial platform 54 m');
    expect(within(row).getByTestId('add-unit-eta').textContent).toBe('07:05');
    await act(async () => { fireEvent.click(within(row).getByRole('button', { name: 'Dispatch' })); });
    expect(actions.commands).toEqual([{ type: 'DISPATCH_UNITS', incidentId: 'INC-00001', unitIds: ['qs-special-DG-54-1'] }]);
  });

  it('previews a reinforcement and sends only the needs the commander keeps', async () => {
    const board = demoBoard([...gradedIncident('INC-00001'), dispatched('qs-gucheng-SG-1', 240)]);
    const actions = recorder();
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions });
    await settle();
    fireEvent.click(screen.getByTestId('reinforce-open'));
    // Building fire Level 2 card: water ×6, rescue ×1, aerial ×1; one water unit (SG) assigned → 5 + 1 + 1.
    const lines = screen.getAllByTestId('reinforce-line');
    expect(lines.map((l) => [l.getAttribute('data-need'), (l.querySelector('input') as HTMLInputElement).value])).toEqual([['water', '5'], ['rescue', '1'], ['aerial', '1']]);
    expect(screen.getByTestId('reinforce-total').textContent).toBe('7 vehicles will be dispatched (nearest available first).');
    expect(actions.commands).toEqual([]);
    fireEvent.change(within(lines[0]!).getByRole('spinbutton'), { target: { value: '2' } });
    fireEvent.click(within(lines[1]!).getByRole('button', { name: 'Remove' }));
    await act(async () => { fireEvent.click(screen.getByTestId('reinforce-confirm')); });
    expect(actions.commands).toEqual([{ type: 'REQUEST_REINFORCEMENT', incidentId: 'INC-00001', needs: [{ capability: 'water', vehicles: 2 }, { capability: 'aerial', vehicles: 1 }] }]);
  });

  it('asks before cancelling as a false alarm when people are known trapped', async () => {
    const events: Unsequenced[] = [...gradedIncident('INC-00001'), { type: 'SIZE_UP_REPORTED', t: 200_000, incidentId: 'INC-00001', size: 40, trapped: 2, trueGrade: 1, unfounded: false }];
    const board = demoBoard(events);
    const actions = recorder();
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions });
    await settle();
    await act(async () => { fireEvent.click(screen.getByTestId('cancel-incident')); });
    expect(actions.commands).toEqual([]);
    expect(screen.getByTestId('confirm-cancel').textContent).toContain('2 people are known to be trapped here');
    await act(async () => { fireEvent.click(screen.getByTestId('confirm-cancel-yes')); });
    expect(actions.commands).toEqual([{ type: 'CANCEL_INCIDENT', incidentId: 'INC-00001', reason: 'false-alarm' }]);
  });

  it('asks before the R key raises the grade', async () => {
    const board = demoBoard(gradedIncident('INC-00001'));
    const actions = recorder();
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions });
    await settle();
    await act(async () => { window.dispatchEvent(new CustomEvent(ASK_RAISE_EVENT)); });
    expect(actions.commands).toEqual([]);
    expect(screen.getByTestId('confirm-raise').textContent).toContain('Raise Level 1 to Level 2?');
    await act(async () => { fireEvent.click(screen.getByTestId('confirm-raise-yes')); });
    // No reason typed: none sent (the board used to send its role, 'commander', as the reason).
    expect(actions.commands).toEqual([{ type: 'RAISE_GRADE', incidentId: 'INC-00001', grade: 2, reason: '' }]);
  });

  it('asks before stopping the exercise', async () => {
    const actions = recorder();
    renderPanel(<ControllerConsole sync={sync('running')} board={demoBoard()} participants={[]} injects={[]} onArm={() => undefined} />, { role: 'controller', actions });
    await act(async () => { fireEvent.click(screen.getByTestId('control-stop')); });
    expect(actions.controls).toEqual([]);
    expect(screen.getByTestId('confirm-stop').textContent).toContain('It cannot be resumed');
    await act(async () => { fireEvent.click(screen.getByTestId('confirm-stop-yes')); });
    expect(actions.controls).toEqual([{ action: 'stop' }]);
  });
});

describe('ready to close after overhaul (manual mode)', () => {
  const working: Unsequenced[] = [
    ...gradedIncident('INC-00001'),
    dispatched('qs-gucheng-SG-1', 240),
    { type: 'UNIT_ARRIVED', t: 400_000, unitId: 'qs-gucheng-SG-1', incidentId: 'INC-00001' },
    { type: 'INCIDENT_UNDER_CONTROL', t: 1_200_000, incidentId: 'INC-00001', size: 25 },
  ];

  it('marks the incident ready to close in the list and the detail once overhaul is reported, and the commander closes it', async () => {
    const before = demoBoard(working);
    renderPanel(<IncidentList board={before} onSelect={() => undefined} />);
    expect(screen.queryByTestId('ready-to-close')).toBeNull();
    cleanup();
    const board = demoBoard([...working, { type: 'OVERHAUL_COMPLETED', t: 2_400_000, incidentId: 'INC-00001' }]);
    expect(board.incidents['INC-00001']!.overhaulDone).toBe(true);
    renderPanel(<IncidentList board={board} onSelect={() => undefined} />);
    expect(screen.getByTestId('incident-row').textContent).toContain('ready to close');
    cleanup();
    const actions = recorder();
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions });
    await settle();
    expect(screen.getByTestId('incident-ready').textContent).toBe('Overhaul done: the scene reports it is ready to close. Closing sends its units home.');
    expect(screen.getByTestId('close-incident').className).toBe('primary');
    await act(async () => { fireEvent.click(screen.getByTestId('close-incident')); });
    expect(actions.commands).toEqual([{ type: 'CLOSE_INCIDENT', incidentId: 'INC-00001' }]);
  });

  it('says it in Chinese, and drops the mark once the incident is closed', async () => {
    await i18next.changeLanguage('zh-CN');
    const board = demoBoard([...working, { type: 'OVERHAUL_COMPLETED', t: 2_400_000, incidentId: 'INC-00001' }]);
    renderPanel(<IncidentList board={board} onSelect={() => undefined} />);
    expect(screen.getByTestId('ready-to-close').textContent).toBe('可结案');
    cleanup();
    const closed = demoBoard([...working, { type: 'OVERHAUL_COMPLETED', t: 2_400_000, incidentId: 'INC-00001' }, { type: 'INCIDENT_CLOSED', t: 2_500_000, incidentId: 'INC-00001', finalSize: 25, rescued: 0, dead: 0 }]);
    renderPanel(<IncidentDetail incident={closed.incidents['INC-00001']!} board={closed} log={[]} />);
    await settle();
    expect(screen.queryByTestId('incident-ready')).toBeNull();
  });
});

describe('the end of a drill, speed and step (items 13, 16)', () => {
  it('takes no more calls once the drill is over and links the debrief', () => {
    const board = demoBoard([callReceived('INC-00002')]);
    expect(waitingCalls(board)).toHaveLength(1);
    renderPanel(<CallsQueue board={board} now={120_000} onOpen={() => undefined} over />);
    expect(screen.getByTestId('calls-count').textContent).toBe('0');
    expect(screen.queryAllByTestId('call-row')).toHaveLength(0);
    expect(screen.getByTestId('calls-queue').textContent).toContain('The drill is over');
    cleanup();
    renderPanel(<DrillEnded exerciseId="ex-1" stopped />);
    expect(screen.getByTestId('drill-ended').textContent).toContain('The drill was stopped.');
    expect(screen.getByTestId('debrief-link').getAttribute('data-report')).toBe('/api/exercises/ex-1/report?lang=en');
  });

  it('offers 0.5× and says how far a step goes', async () => {
    const actions = recorder();
    renderPanel(<ControllerConsole sync={sync('paused')} board={demoBoard()} participants={[]} injects={[]} onArm={() => undefined} />, { role: 'controller', actions });
    const speeds = Array.from((screen.getByTestId('control-speed') as HTMLSelectElement).options).map((o) => o.value);
    expect(speeds[0]).toBe('0.5');
    expect(screen.getByTestId('control-step').getAttribute('title')).toContain('to the next scheduled happening');
    fireEvent.change(screen.getByTestId('control-step-by'), { target: { value: '300000' } });
    expect(screen.getByTestId('control-step').getAttribute('title')).toBe('Step advances the paused clock by 5 sim minutes.');
    await act(async () => { fireEvent.click(screen.getByTestId('control-step')); });
    expect(actions.controls).toEqual([{ action: 'step', ms: 300_000 }]);
  });
});

describe('Chinese without English or raw codes (item 17), names and numbers (items 18, 19)', () => {
  it('translates refusals, closure causes, cancel and out-of-service reasons, inject types; players see no script', async () => {
    await i18next.changeLanguage('zh-CN');
    const events = seq([
      { type: 'INJECT_FIRED', t: 50_000, injectId: 'scripted', early: false, incidentId: 'INC-00001' },
      callReceived('INC-00001'),
      { type: 'UNIT_OUT_OF_SERVICE', t: 70_000, unitId: 'qs-gucheng-SG-1', reason: 'breakdown' },
      { type: 'INCIDENT_CANCELLED', t: 80_000, incidentId: 'INC-00001', reason: 'false-alarm' },
      { type: 'ROAD_CLOSED', t: 90_000, closureId: 'cl-2', reason: 'plume', area: { kind: 'circle', center: OLD_TOWN, radiusM: 300 }, note: 'controller', closedEdges: 4, by: 'controller' },
    ]);
    renderPanel(<EventLog log={events} />, { role: 'commander' });
    const log = screen.getByTestId('event-log').textContent!;
    expect(log).toContain('停用:车辆故障');
    expect(log).toContain('取消(误报)');
    expect(log).toContain('毒气扩散');
    expect(log).not.toContain('scripted');
    expect(log).not.toContain('导调事件');
    cleanup();
    const board = demoBoard([...gradedIncident('INC-00001')]);
    const actions = recorder({ refuse: 'cannot close incident INC-00001: it is onScene (only an incident under control can be closed)' });
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions });
    await settle();
    await act(async () => { fireEvent.click(screen.getByText('结案')); });
    expect(screen.getByTestId('command-error').textContent).toBe('被拒绝:无法结案警情 INC-00001:当前为力量到场(只有已控制的警情才能结案)。');
    cleanup();
    renderPanel(<ControllerConsole sync={sync('running')} board={demoBoard()} participants={[]} injects={[{ id: 'call-2', at: 4_200_000, label: 'x', type: 'traffic-accident', description: '桥头追尾' }]} onArm={() => undefined} />, { role: 'controller' });
    const row = screen.getByTestId('inject-row').textContent!;
    expect(row).toContain('交通事故 · 桥头追尾');
    expect(row).not.toContain('traffic-accident');
    const reasons = Array.from((screen.getByLabelText('封路原因') as HTMLSelectElement).options).map((o) => o.textContent);
    expect(reasons).toEqual(['洪水', '坍塌', '毒气扩散', '交通事故', '其他']);
  });

  it('shows refused commands in the log and the incident timeline, in the UI language (item 15)', async () => {
    await i18next.changeLanguage('zh-CN');
    const events = seq([
      ...gradedIncident('INC-00001'),
      { type: 'COMMAND_REFUSED', t: 120_000, command: { type: 'CLOSE_INCIDENT', incidentId: 'INC-00001' }, by: { role: 'commander' }, error: { code: 'not-allowed-in-state', message: 'cannot close incident INC-00001: it is graded (only an incident under control can be closed)' } },
    ]);
    renderPanel(<EventLog log={events} />);
    expect(screen.getByTestId('event-log').textContent).toContain('指令被拒绝:指挥员的结案:无法结案警情 INC-00001:当前为已定级(只有已控制的警情才能结案)。');
    cleanup();
    const board = demoBoard(gradedIncident('INC-00001'));
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={events} />, { role: 'observer' });
    await settle();
    expect(screen.getByTestId('timeline').textContent).toContain('指令被拒绝:指挥员的结案');
  });

  it('keeps a refusal about an incident in its timeline, also when the log is loaded later (board fold)', async () => {
    const refused: Unsequenced = { type: 'COMMAND_REFUSED', t: 120_000, command: { type: 'CLOSE_INCIDENT', incidentId: 'INC-00001' }, by: { role: 'commander' }, error: { code: 'not-allowed-in-state', message: 'cannot close incident INC-00001: it is graded (only an incident under control can be closed)' } };
    const board = demoBoard([...gradedIncident('INC-00001'), refused]);
    const inc = board.incidents['INC-00001']!;
    expect(inc.eventSeqs).toHaveLength(gradedIncident('INC-00001').length + 1);
    // Only the incident's first events are here: the timeline offers the rest, the refusal counted.
    renderPanel(<IncidentDetail incident={inc} board={board} log={[]} onLoadOlder={() => undefined} />, { role: 'observer' });
    await settle();
    expect(screen.getByText(`${gradedIncident('INC-00001').length + 1} earlier events not loaded`, { exact: false })).toBeTruthy();
  });

  it('has a line for every domain event type in both languages (no raw ev.* keys)', async () => {
    const { readFileSync } = await import('node:fs');
    const types = [...readFileSync('shared/events.ts', 'utf8').matchAll(/type: '([A-Z_]+)'/g)].map((m) => m[1]!);
    expect(types.length).toBeGreaterThan(30);
    for (const lang of ['en', 'zh-CN']) {
      const ev = (i18next.getResourceBundle(lang, 'translation') as { ev: Record<string, string> }).ev;
      expect(types.filter((t) => !ev[t]), lang).toEqual([]);
    }
  });

  it('keeps fired injects listed after a reload (from the board state and the history)', () => {
    const events = seq([{ type: 'INJECT_FIRED', t: 60_000, injectId: 'inj-1', early: false, incidentId: 'INC-00001' }, callReceived('INC-00001')]);
    const board = demoBoard([{ type: 'INJECT_FIRED', t: 60_000, injectId: 'inj-1', early: false, incidentId: 'INC-00001' }, callReceived('INC-00001')]);
    const rows = injectRows([{ id: 'inj-2', at: 600_000, label: 'later' }], board, events, () => 'Building fire · a house on fire');
    expect(rows.map((r) => [r.id, r.state, r.label])).toEqual([['inj-1', 'fired', 'Building fire · a house on fire'], ['inj-2', 'pending', 'later']]);
  });

  it('names units by callsign in English too, with their station beside them', async () => {
    const board = demoBoard([...gradedIncident('INC-00001'), dispatched('qs-gucheng-SG-1', 240)]);
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />);
    await settle();
    const unit = screen.getByTestId('assigned-unit').textContent!;
    expect(unit).toContain('Gucheng Tender 1');
    expect(unit).toContain('Gucheng (Old Town) Small Station');
    expect(unit).not.toContain('qs-gucheng-SG-1');
    cleanup();
    renderPanel(<UnitBoard board={board} onSelectUnit={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Filter by station or unit'), { target: { value: 'gucheng' } });
    expect(screen.getAllByTestId('unit-row')[0]!.textContent).not.toContain('qs-gucheng');
  });

  it('gives a size its unit and the grade it implies; counts units in words; rounds coordinates', async () => {
    const events: Unsequenced[] = [...gradedIncident('INC-00001'), { type: 'SIZE_UP_REPORTED', t: 200_000, incidentId: 'INC-00001', size: 82.3, trapped: 0, trueGrade: 1, unfounded: false }, dispatched('qs-gucheng-SG-1', 240)];
    const board = demoBoard(events);
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={seq(events)} />);
    await settle();
    expect(screen.getByTestId('incident-known').textContent).toContain('size 82 m²');
    expect(screen.getByTestId('implied-grade').textContent).toBe(' · implies Level 1');
    expect(screen.getByTestId('timeline').textContent).toContain('INC-00001 size-up: size 82 m², trapped 0');
    cleanup();
    renderPanel(<IncidentList board={board} onSelect={() => undefined} />);
    expect(screen.getByTestId('unit-count').textContent).toBe('1 unit');
    cleanup();
    const call = demoBoard([{ ...(callReceived('INC-00003') as Extract<Unsequenced, { type: 'CALL_RECEIVED' }>), location: [24.61, 110.56174999999999] }]).incidents['INC-00003']!;
    renderPanel(<TriageForm incident={call} picking={false} onPickOnMap={() => undefined} onFlyTo={() => undefined} onDone={() => undefined} />);
    expect((screen.getByLabelText('Longitude') as HTMLInputElement).value).toBe('110.56175');
  });

  it('lets an old refusal fade', async () => {
    const board = demoBoard(gradedIncident('INC-00001'));
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions: recorder({ refuse: 'no incident INC-9' }) });
    await settle();
    const { REFUSAL_MS } = await import('../../client/src/panels/use-command.ts');
    const { vi } = await import('vitest');
    vi.useFakeTimers();
    try {
      await act(async () => { fireEvent.click(screen.getByText('Close incident')); });
      expect(screen.getByTestId('command-error').textContent).toBe('Refused: There is no incident INC-9.');
      await act(async () => { vi.advanceTimersByTime(REFUSAL_MS + 10); });
      expect(screen.queryByTestId('command-error')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the board store keeps the truth and why an ETA grew (items 7, 12)', () => {
  it('notes a reroute that made a unit later than ordered', () => {
    const store = new BoardStore(() => 0);
    store.applySnapshot({ exerciseId: 'x', seq: 0, board: demoBoard(), clock: { status: 'running', simTime: 0, wallAt: 0, speed: 1, endsAt: 1, startIso: '2026-06-12T10:00:00+08:00' } });
    const events = seq([
      ...gradedIncident('INC-00001'),
      dispatched('qs-gucheng-SG-1', 240),
      { type: 'UNIT_REROUTED', t: 150_000, unitId: 'qs-gucheng-SG-1', incidentId: 'INC-00001', leg: { from: OLD_TOWN, to: OLD_TOWN, departAt: 150_000, arriveAt: 940_000, distanceM: 5000 }, closureId: 'cl-1' },
    ]);
    store.applyDelta({ exerciseId: 'x', fromSeq: 0, toSeq: events.length, events, clock: { status: 'running', simTime: 150_000, wallAt: 0, speed: 1, endsAt: 1, startIso: '' } });
    // Ordered at T+100 s with ETA 240 s → due at 340 s; the new route arrives at 940 s: 10 min later.
    expect(store.getState().notes.etaGrowth('qs-gucheng-SG-1')).toEqual({ announcedAt: 340_000, arriveAt: 940_000, closureId: 'cl-1' });
  });
});
