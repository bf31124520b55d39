// The controller's console (导调台): the clock (start, pause, resume, speed, step, stop), the mode,
// the scenario's scripted injects (fire now, skip), ad-hoc injects (a new call where you click, a
// road closure, a unit breakdown, a comms outage for a team) and the participants with their roles.
import { useState, type ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { CommandInput } from '../../../shared/commands.ts';
import type { LatLon } from '../../../shared/geo.ts';
import type { ControlAction, Participant } from '../../../shared/live.ts';
import { MAX_SPEED, MIN_SPEED } from '../../../shared/live.ts';
import { INCIDENT_TYPES, type IncidentType } from '../../../shared/domain/incident-types.ts';
import { GRADES, type Grade } from '../../../shared/domain/grades.ts';
import { CLOSURE_REASONS, type ClosureReason } from '../../../shared/events.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import type { ClockSync } from '../live/sim-clock.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import type { ScriptedInject } from '../live/rest.ts';
import { useCommand } from './use-command.ts';

export const SPEEDS = [1, 2, 5, 10, 30, 60, 120].filter((s) => s >= MIN_SPEED && s <= MAX_SPEED);

/** A command waiting for the controller's click on the map. */
export interface ArmedPick { label: string; build(p: LatLon): CommandInput }

export function ControllerConsole(props: {
  sync?: ClockSync;
  board?: BoardState;
  participants: readonly Participant[];
  injects: readonly ScriptedInject[];
  armed?: ArmedPick;
  onArm(pick: ArmedPick | undefined): void;
}): ReactNode {
  const ctx = useBoard();
  const { t, lang, incidentType, grade } = useNames();
  const { run, busy, error } = useCommand();
  const [controlError, setControlError] = useState<string | undefined>();
  const [callType, setCallType] = useState<IncidentType>('building-fire');
  const [callGrade, setCallGrade] = useState<Grade>(1);
  const [radius, setRadius] = useState(300);
  const [reason, setReason] = useState<ClosureReason>('flood');
  const [unitId, setUnitId] = useState('');
  const [stationId, setStationId] = useState('');
  if (!ctx.rights.control) return null;
  const status = props.sync?.clock.status;
  const control = async (c: ControlAction): Promise<void> => {
    setControlError(undefined);
    try {
      await ctx.actions.control(c);
    } catch (err) {
      setControlError(err instanceof Error ? err.message : String(err));
    }
  };
  const board = props.board;
  const fired = new Set(board?.firedInjects);
  const skipped = new Set(board?.skippedInjects);
  const breakable = board ? Object.values(board.units).filter((u) => u.status !== 'outOfService').slice(0, 2000) : [];
  const commsOut = new Set(board?.commsOut);
  return (
    <section className="panel console" data-testid="controller-console">
      <h2>{t('console.title')}</h2>
      <div className="actions">
        {status === 'created' && <button type="button" className="primary" data-testid="control-start" onClick={() => void control({ action: 'start' })}>{t('console.start')}</button>}
        {status === 'running' && <button type="button" data-testid="control-pause" onClick={() => void control({ action: 'pause' })}>{t('console.pause')}</button>}
        {status === 'paused' && <button type="button" className="primary" data-testid="control-resume" onClick={() => void control({ action: 'resume' })}>{t('console.resume')}</button>}
        {status === 'paused' && <button type="button" onClick={() => void control({ action: 'step' })}>{t('console.step')}</button>}
        <label className="inline">
          {t('console.speed')}
          <select data-testid="control-speed" value={props.sync?.clock.speed ?? 1} onChange={(e) => void control({ action: 'speed', speed: Number(e.target.value) })}>
            {[...new Set([...SPEEDS, props.sync?.clock.speed ?? 1])].sort((a, b) => a - b).map((s) => <option key={s} value={s}>×{s}</option>)}
          </select>
        </label>
        {(status === 'running' || status === 'paused') && <button type="button" onClick={() => void control({ action: 'stop' })}>{t('console.stop')}</button>}
      </div>
      <div className="actions">
        <label className="inline">
          {t('console.mode')}
          <select value={board?.mode ?? 'manual'} onChange={(e) => void run({ type: 'SET_MODE', mode: e.target.value as 'auto' | 'manual' })}>
            <option value="manual">{t('console.manual')}</option>
            <option value="auto">{t('console.auto')}</option>
          </select>
        </label>
      </div>
      {controlError && <p className="error" role="alert">{controlError}</p>}
      {error && <p className="error" role="alert">{t('incident.refused', { message: error })}</p>}

      <h3>{t('console.injects')}</h3>
      {props.injects.length === 0 && <p className="muted">{t('console.noInjects')}</p>}
      <ul className="injects">
        {props.injects.map((i) => (
          <li key={i.id} data-testid="inject-row" data-id={i.id}>
            <span className="muted">T+{formatElapsed(i.at)}</span> {i.label}
            {fired.has(i.id) ? <span className="muted"> · {t('console.fired')}</span> : skipped.has(i.id) ? <span className="muted"> · {t('console.skipped')}</span> : (
              <>
                <button type="button" className="small" disabled={busy} onClick={() => void run({ type: 'FIRE_INJECT', injectId: i.id })}>{t('console.fireNow')}</button>
                <button type="button" className="small" disabled={busy} onClick={() => void run({ type: 'SKIP_INJECT', injectId: i.id })}>{t('console.skip')}</button>
              </>
            )}
          </li>
        ))}
      </ul>

      <h3>{t('console.adhoc')}</h3>
      {props.armed && <p className="picking" role="status">{t('console.clickMap')} {props.armed.label} <button type="button" className="small" onClick={() => props.onArm(undefined)}>{t('common.cancel')}</button></p>}
      <div className="actions">
        <select aria-label={t('triage.type')} value={callType} onChange={(e) => setCallType(e.target.value as IncidentType)}>
          {INCIDENT_TYPES.map((it) => <option key={it} value={it}>{incidentType(it)}</option>)}
        </select>
        <select aria-label={t('triage.grade')} value={callGrade} onChange={(e) => setCallGrade(Number(e.target.value) as Grade)}>
          {GRADES.map((g) => <option key={g} value={g}>{grade(g)}</option>)}
        </select>
        <button type="button" data-testid="adhoc-call" onClick={() => props.onArm({
          label: t('console.newCall'),
          build: (p) => ({ type: 'RECEIVE_CALL', location: p, incidentType: callType, reportedGrade: callGrade, description: t('console.newCall') }),
        })}>{t('console.newCall')}</button>
      </div>
      <div className="actions">
        <select aria-label="reason" value={reason} onChange={(e) => setReason(e.target.value as ClosureReason)}>
          {CLOSURE_REASONS.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <label className="inline">{t('console.radius')}<input type="number" min={20} max={50000} value={radius} onChange={(e) => setRadius(Number(e.target.value))} style={{ width: '6em' }} /></label>
        <button type="button" onClick={() => props.onArm({
          label: t('console.roadClosure'),
          build: (p) => ({ type: 'CLOSE_ROAD', area: { kind: 'circle', center: p, radiusM: radius }, reason, note: 'controller' }),
        })}>{t('console.roadClosure')}</button>
      </div>
      <div className="actions">
        <select aria-label={t('console.breakdown')} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          <option value="">{t('console.breakdown')}…</option>
          {breakable.map((u) => <option key={u.id} value={u.id}>{ctx.unitLabel(u.id, lang)} ({u.type})</option>)}
        </select>
        <button type="button" disabled={!unitId || busy} onClick={() => void run({ type: 'SET_UNIT_OUT_OF_SERVICE', unitId, reason: 'breakdown' })}>{t('console.breakdown')}</button>
      </div>
      <div className="actions">
        <select aria-label={t('console.comms')} value={stationId} onChange={(e) => setStationId(e.target.value)}>
          <option value="">{t('console.comms')}…</option>
          {ctx.map.stations.map((s) => <option key={s.id} value={s.id}>{ctx.stationName(s.id, lang)}{commsOut.has(s.id) ? ' ⚡' : ''}</option>)}
        </select>
        <button type="button" disabled={!stationId || busy} onClick={() => void run({ type: 'SET_COMMS_OUTAGE', stationId, on: !commsOut.has(stationId), note: 'controller' })}>
          {commsOut.has(stationId) ? t('console.commsOff') : t('console.commsOn')}
        </button>
      </div>

      <h3>{t('console.participants')}</h3>
      <ul className="participants" data-testid="participants">
        {props.participants.map((p) => (
          <li key={p.id}><span className={`dot ${p.connected ? 'online' : 'offline'}`} /> {p.name} · {t(`role.${p.role}`)} <span className="muted">{p.connected ? t('console.connected') : t('console.offline')}</span></li>
        ))}
      </ul>
    </section>
  );
}
