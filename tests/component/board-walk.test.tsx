// @vitest-environment happy-dom
// What walking the board as a trainer and a commander still showed after the drill-ready fixes
// (issue 12): a status word capitalised in the middle of an English refusal ("it is Graded"), the
// controller's inject list naming a fired power cut by its bare id ("power"), and scenario texts
// written "中文 / English" shown in both languages at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import i18next from 'i18next';
import { IncidentDetail } from '../../client/src/panels/incident-detail.tsx';
import { ControllerConsole } from '../../client/src/panels/controller-console.tsx';
import { languageHalf } from '../../client/src/inject-title.ts';
import { syncClock } from '../../client/src/live/sim-clock.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { ScriptEntryView } from '../../shared/drill/script-entry.ts';
import { CallsQueue } from '../../client/src/panels/calls-queue.tsx';
import { HazardPanel } from '../../client/src/panels/hazard-panel.tsx';
import { EventLog } from '../../client/src/panels/event-log.tsx';
import { callReceived, demoBoard, gradedIncident, recorder, renderPanel } from './board-fixture.tsx';

const settle = (): Promise<void> => act(async () => { await new Promise((r) => setTimeout(r, 0)); });
const running = syncClock(undefined, { status: 'running', simTime: 2_400_000, wallAt: 0, speed: 1, endsAt: 18_000_000, startIso: '2026-07-21T06:00:00+08:00' }, 0);

beforeEach(async () => { await i18next.changeLanguage('en'); });
afterEach(async () => { cleanup(); await i18next.changeLanguage('en'); });

describe('refusals read as sentences', () => {
  it('writes the incident state in lower case inside an English sentence, and in Chinese in Chinese', async () => {
    const board = demoBoard(gradedIncident('INC-00001'));
    const refuse = 'cannot close incident INC-00001: it is graded (only an incident under control can be closed)';
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions: recorder({ refuse }) });
    await settle();
    await act(async () => { fireEvent.click(screen.getByTestId('close-incident')); });
    expect(screen.getByTestId('command-error').textContent).toBe('Refused: Cannot close incident INC-00001: it is graded (only an incident under control can be closed).');
    // The status stays capitalised where it stands alone, as the incident's state.
    expect(screen.getByTestId('incident-status').textContent).toBe('Graded');
    cleanup();
    await i18next.changeLanguage('zh-CN');
    renderPanel(<IncidentDetail incident={board.incidents['INC-00001']!} board={board} log={[]} />, { actions: recorder({ refuse }) });
    await settle();
    await act(async () => { fireEvent.click(screen.getByTestId('close-incident')); });
    expect(screen.getByTestId('command-error').textContent).toBe('被拒绝:无法结案警情 INC-00001:当前为已定级(只有已控制的警情才能结案)。');
  });
});

describe("the controller's inject list", () => {
  // The flood drill's power cut and comms outage as the script gives them, fired from the log.
  const script: ScriptEntryView[] = [
    { id: 'power', kind: 'power-outage', status: 'fired', at: 1_800_000, adHoc: false, description: '市电中断，指挥中心启用柴油发电机 / mains power lost, the centre on its diesel generator' },
    { id: 'longjiang-cut', kind: 'comms-outage', status: 'fired', at: 2_400_000, adHoc: false, description: '龙江镇基站被淹 / the Longjiang base station is under water' },
  ];
  const log = [
    { type: 'INJECT_FIRED', seq: 1, t: 1_800_000, injectId: 'power', early: false },
    { type: 'INJECT_FIRED', seq: 2, t: 2_400_000, injectId: 'longjiang-cut', early: false },
  ] as DomainEvent[];
  const rows = (): string[] => screen.getAllByTestId('inject-row').map((r) => r.textContent ?? '');

  it('names a fired inject that brought no call by its kind and description, never its bare id', async () => {
    renderPanel(<ControllerConsole sync={running} board={demoBoard()} participants={[]} injects={[]} onArm={() => undefined} log={log} script={script} />, { role: 'controller' });
    expect(rows()).toEqual([
      'T+00:30:00 Power cut · mains power lost, the centre on its diesel generator · fired',
      'T+00:40:00 Comms outage · the Longjiang base station is under water · fired',
    ]);
    cleanup();
    await i18next.changeLanguage('zh-CN');
    renderPanel(<ControllerConsole sync={running} board={demoBoard()} participants={[]} injects={[]} onArm={() => undefined} log={log} script={script} />, { role: 'controller' });
    expect(rows()[0]).toBe('T+00:30:00 断电 · 市电中断，指挥中心启用柴油发电机 · 已触发');
    expect(rows().join(' ')).not.toMatch(/power|longjiang|[A-Za-z]{4,}/);
  });

  it('shows the half of a "中文 / English" text in the UI language, and other texts whole', () => {
    expect(languageHalf('龙江镇基站被淹 / the Longjiang base station is under water', 'en')).toBe('the Longjiang base station is under water');
    expect(languageHalf('龙江镇基站被淹 / the Longjiang base station is under water', 'zh-CN')).toBe('龙江镇基站被淹');
    expect(languageHalf('smoke / fire on floor 3', 'zh-CN')).toBe('smoke / fire on floor 3');
    expect(languageHalf('桥头追尾', 'en')).toBe('桥头追尾');
  });
});

describe('a flood drill on the Chinese board', () => {
  it("shows a stranded caller's words and the flood's name in Chinese only", async () => {
    await i18next.changeLanguage('zh-CN');
    // As the flood model writes a stranded people's call (both languages, the board picks one).
    const call = { ...callReceived('INC-00007'), reportedType: 'flood-rescue' as const, description: '被洪水围困(水深 0.5 米,在楼内避险) / people cut off by flood water (0.5 m deep, sheltering in their building)' };
    const board = demoBoard([call, { type: 'HAZARD_STARTED', t: 0, hazardId: 'qing-flood', kind: 'flood', note: '' }]);
    renderPanel(<CallsQueue board={board} now={120_000} onOpen={() => undefined} />);
    expect(screen.getByTestId('call-row').textContent).toContain('被洪水围困(水深 0.5 米,在楼内避险)');
    expect(screen.getByTestId('call-row').textContent).not.toMatch(/people|flood/);
    cleanup();
    renderPanel(<HazardPanel board={board} now={120_000} live />, { role: 'observer' });
    expect(screen.getByTestId('hazard-row').querySelector('h4')!.textContent).toBe('洪水 · qing-flood');
  });
});

describe("the controller's event log", () => {
  const script: ScriptEntryView[] = [
    { id: 'power', kind: 'power-outage', status: 'fired', at: 1_800_000, adHoc: false, description: '市电中断，指挥中心启用柴油发电机 / mains power lost, the centre on its diesel generator' },
  ];
  const leg = { from: [24.6, 110.5], to: [24.61, 110.51], departAt: 0, arriveAt: 600_000, points: [] } as unknown as Extract<DomainEvent, { type: 'UNIT_REROUTED' }>['leg'];
  const log = [
    { type: 'INJECT_FIRED', seq: 1, t: 1_800_000, injectId: 'power', early: false },
    { type: 'UNIT_REROUTED', seq: 2, t: 1_900_000, unitId: 'qs-gucheng-SG-1', leg, closureId: 'closure-1' },
    { type: 'ROAD_REOPENED', seq: 3, t: 2_000_000, closureId: 'closure-1', by: 'system' },
    { type: 'UNIT_REROUTED', seq: 4, t: 2_000_000, unitId: 'qs-gucheng-SG-1', leg, closureId: 'closure-1' },
  ] as DomainEvent[];
  const line = (seq: number): string => screen.getByTestId('event-log').querySelector(`li:nth-child(${5 - seq})`)!.textContent ?? '';

  it('names injects by their title, and a re-route after a reopening as taking the freed roads', async () => {
    await i18next.changeLanguage('en');
    renderPanel(<EventLog log={log} board={demoBoard()} script={script} />, { role: 'controller' });
    expect(line(1)).toContain('Scripted inject fired: Power cut · mains power lost, the centre on its diesel generator');
    expect(line(1)).not.toContain('power fired');
    expect(line(2)).toContain('Gucheng Tender 1 rerouted around closure closure-1');
    expect(line(4)).toContain('Gucheng Tender 1 takes the roads closure closure-1 had closed (reopened)');
    cleanup();
    await i18next.changeLanguage('zh-CN');
    renderPanel(<EventLog log={log} board={demoBoard()} script={script} />, { role: 'controller' });
    expect(line(1)).toContain('导调事件已触发:断电 · 市电中断，指挥中心启用柴油发电机');
    expect(line(4)).toContain('已恢复通行');
  });
});

