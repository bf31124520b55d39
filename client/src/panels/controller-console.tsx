// The controller's console (导调台): the clock (start, pause, resume, speed 0.5×-120×, step by the
// next scheduled happening or a chosen time, stop with a confirmation), the mode, the scenario's
// scripted injects (fire now, skip; fired and skipped ones stay listed, also after a reload), ad-hoc
// injects, the closures and outages in force, and the participants with their roles.
import { useState, type ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { CommandInput } from '../../../shared/commands.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import type { LatLon } from '../../../shared/geo.ts';
import type { ControlAction, Participant } from '../../../shared/live.ts';
import { MAX_SPEED, MIN_SPEED } from '../../../shared/live.ts';
import { INCIDENT_TYPES, type IncidentType } from '../../../shared/domain/incident-types.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import type { ClockSync } from '../live/sim-clock.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import type { ScriptedInject } from '../live/rest.ts';
import { useCommand, useFading, useRefusalText } from './use-command.ts';
import { AdhocInjects } from './adhoc-injects.tsx';
import { ActiveDisruptions } from './active-disruptions.tsx';
import { injectTitle, languageHalf } from '../inject-title.ts';
import type { ScriptEntryView } from '../../../shared/drill/script-entry.ts';

export const SPEEDS = [0.5, 1, 2, 5, 10, 30, 60, 120].filter((s) => s >= MIN_SPEED && s <= MAX_SPEED);
/** Step sizes offered besides "to the next scheduled happening" (sim ms). */
export const STEPS = [60_000, 300_000, 900_000] as const;

const isIncidentType = (s: string): s is IncidentType => (INCIDENT_TYPES as readonly string[]).includes(s);

/** A command waiting for the controller's click on the map. */
export interface ArmedPick { label: string; build(p: LatLon): CommandInput }

export interface InjectRow { id: string; at: number; label: string; state: 'pending' | 'fired' | 'skipped' }

/**
 * The inject list: the pending ones the server lists (the controller's script) and the fired or skipped
 * ones from the board state, labelled from the call each brought (so a reload keeps them listed).
 */
export function injectRows(pending: readonly ScriptedInject[], board: BoardState | undefined, log: readonly DomainEvent[], describeIncident: (id: string) => string, describeInject: (i: ScriptedInject) => string = (i) => i.label,
  /** The title of an inject of the script (not a call: a power cut, a comms outage…), by id. */
  titleOf: (id: string) => string | undefined = () => undefined): InjectRow[] {
  const fired = new Set(board?.firedInjects);
  const skipped = new Set(board?.skippedInjects);
  const rows: InjectRow[] = pending.map((i) => ({ id: i.id, at: i.at, label: describeInject(i), state: fired.has(i.id) ? 'fired' : skipped.has(i.id) ? 'skipped' : 'pending' }));
  const known = new Set(rows.map((r) => r.id));
  for (const e of log) {
    if ((e.type !== 'INJECT_FIRED' && e.type !== 'INJECT_SKIPPED') || known.has(e.injectId) || e.injectId === 'scripted') continue;
    known.add(e.injectId);
    const incidentId = e.type === 'INJECT_FIRED' ? e.incidentId : undefined;
    rows.push({ id: e.injectId, at: e.t, label: incidentId ? describeIncident(incidentId) : titleOf(e.injectId) ?? e.injectId, state: e.type === 'INJECT_FIRED' ? 'fired' : 'skipped' });
  }
  for (const id of [...fired, ...skipped]) {
    if (known.has(id)) continue;
    rows.push({ id, at: -1, label: titleOf(id) ?? id, state: fired.has(id) ? 'fired' : 'skipped' });
  }
  return rows.sort((a, b) => a.at - b.at);
}

export function ControllerConsole(props: {
  sync?: ClockSync;
  board?: BoardState;
  participants: readonly Participant[];
  injects: readonly ScriptedInject[];
  armed?: ArmedPick;
  onArm(pick: ArmedPick | undefined): void;
  log?: readonly DomainEvent[];
  onNewExercise?(): void;
  /** The drill script (MSEL): titles of the injects that bring no call (power cut, comms outage…). */
  script?: readonly ScriptEntryView[];
}): ReactNode {
  const ctx = useBoard();
  const { t, lang, incidentType } = useNames();
  const { run, busy, error, errorDetail } = useCommand();
  const describe = useRefusalText();
  const [controlError, setControlError] = useFading<string>();
  const [confirmStop, setConfirmStop] = useState(false);
  const [stepMs, setStepMs] = useState<number | ''>('');
  if (!ctx.rights.control) return null;
  const status = props.sync?.clock.status;
  const control = async (c: ControlAction): Promise<void> => {
    setControlError(undefined);
    try {
      await ctx.actions.control(c);
    } catch (err) {
      const e = err as { message?: string; error?: { code?: string } };
      setControlError(describe(e.message ?? String(err), e.error?.code));
    }
  };
  const board = props.board;
  const rows = injectRows(props.injects, board, props.log ?? [], (id) => {
    const inc = board?.incidents[id];
    return inc ? `${incidentType(inc.type)}${inc.description ? ` · ${languageHalf(inc.description, lang)}` : ''}` : id;
  }, (i) => (i.type && isIncidentType(i.type) ? `${incidentType(i.type)}${i.description ? ` · ${languageHalf(i.description, lang)}` : ''}` : i.label), (id) => {
    const entry = props.script?.find((e) => e.id === id);
    return entry ? injectTitle(entry, t, lang, incidentType) : undefined;
  });
  const live = status === 'running' || status === 'paused' || status === 'created';
  return (
    <section className="panel console" data-testid="controller-console">
      <h2>{t('console.title')}</h2>
      <div className="actions">
        {status === 'created' && <button type="button" className="primary" data-testid="control-start" onClick={() => void control({ action: 'start' })}>{t('console.start')}</button>}
        {status === 'running' && <button type="button" data-testid="control-pause" onClick={() => void control({ action: 'pause' })}>{t('console.pause')}</button>}
        {status === 'paused' && <button type="button" className="primary" data-testid="control-resume" onClick={() => void control({ action: 'resume' })}>{t('console.resume')}</button>}
        <label className="inline">
          {t('console.speed')}
          <select data-testid="control-speed" value={props.sync?.clock.speed ?? 1} disabled={!live} onChange={(e) => void control({ action: 'speed', speed: Number(e.target.value) })}>
            {[...new Set([...SPEEDS, props.sync?.clock.speed ?? 1])].sort((a, b) => a - b).map((s) => <option key={s} value={s}>×{s}</option>)}
          </select>
        </label>
        {(status === 'running' || status === 'paused') && !confirmStop && <button type="button" data-testid="control-stop" onClick={() => setConfirmStop(true)}>{t('console.stop')}</button>}
      </div>
      {(status === 'paused' || status === 'created') && (
        <div className="actions">
          <select aria-label={t('console.stepBy')} data-testid="control-step-by" value={stepMs} onChange={(e) => setStepMs(e.target.value === '' ? '' : Number(e.target.value))}>
            <option value="">{t('console.stepNext')}</option>
            {STEPS.map((ms) => <option key={ms} value={ms}>{t('console.stepMinutes', { minutes: ms / 60_000 })}</option>)}
          </select>
          <button type="button" data-testid="control-step" title={stepMs === '' ? t('console.stepNextHint') : t('console.stepByHint', { minutes: stepMs / 60_000 })}
            onClick={() => void control(stepMs === '' ? { action: 'step' } : { action: 'step', ms: stepMs })}>
            {t('console.step')}
          </button>
          <span className="muted small-text">{stepMs === '' ? t('console.stepNextHint') : t('console.stepByHint', { minutes: stepMs / 60_000 })}</span>
        </div>
      )}
      {confirmStop && (
        <div className="confirm" role="alertdialog" data-testid="confirm-stop">
          {t('console.confirmStop')}{' '}
          <button type="button" className="danger" data-testid="confirm-stop-yes" onClick={() => { setConfirmStop(false); void control({ action: 'stop' }); }}>{t('console.stopNow')}</button>
          <button type="button" autoFocus onClick={() => setConfirmStop(false)}>{t('common.cancel')}</button>
        </div>
      )}
      <div className="actions">
        <label className="inline">
          {t('console.mode')}
          <select value={board?.mode ?? 'manual'} disabled={!live} onChange={(e) => void run({ type: 'SET_MODE', mode: e.target.value as 'auto' | 'manual' })}>
            <option value="manual">{t('console.manual')}</option>
            <option value="auto">{t('console.auto')}</option>
          </select>
        </label>
        {props.onNewExercise && <button type="button" data-testid="new-exercise-open" onClick={props.onNewExercise}>{t('create.open')}</button>}
      </div>
      {controlError && <p className="error" role="alert">{controlError}</p>}
      {error && <p className="error" role="alert" title={errorDetail}>{t('incident.refused', { message: error })}</p>}

      <h3>{t('console.injects')}</h3>
      {rows.length === 0 && <p className="muted">{t('console.noInjects')}</p>}
      <ul className="injects">
        {rows.map((i) => (
          <li key={i.id} data-testid="inject-row" data-id={i.id} data-state={i.state}>
            {i.at >= 0 && <span className="muted">T+{formatElapsed(i.at)}</span>} {i.label}
            {i.state === 'fired' ? <span className="muted"> · {t('console.fired')}</span> : i.state === 'skipped' ? <span className="muted"> · {t('console.skipped')}</span> : live && (
              <>
                <button type="button" className="small" disabled={busy} onClick={() => void run({ type: 'FIRE_INJECT', injectId: i.id })}>{t('console.fireNow')}</button>
                <button type="button" className="small" disabled={busy} onClick={() => void run({ type: 'SKIP_INJECT', injectId: i.id })}>{t('console.skip')}</button>
              </>
            )}
          </li>
        ))}
      </ul>

      {live && <AdhocInjects board={board} armed={props.armed} onArm={props.onArm} />}
      {board && <ActiveDisruptions board={board} log={props.log ?? []} live={live} />}

      <h3>{t('console.participants')}</h3>
      <ul className="participants" data-testid="participants">
        {props.participants.map((p) => (
          <li key={p.id}><span className={`dot ${p.connected ? 'online' : 'offline'}`} /> {p.name} · {t(`role.${p.role}`)} <span className="muted">{p.connected ? t('console.connected') : t('console.offline')}</span></li>
        ))}
      </ul>
    </section>
  );
}
