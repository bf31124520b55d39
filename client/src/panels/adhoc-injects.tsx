// Ad-hoc injects (临机导调): a new call where the controller clicks, with what the caller says, the
// type, the reported grade and the hidden truth (size, trapped people); a road closure by area with
// its cause and an optional duration; a unit breakdown; a communications outage for a team with an
// optional duration. Both durations are the engine's timers (CLOSE_ROAD / SET_COMMS_OUTAGE
// durationMs): the closure or outage ends on time with no board open, and its end is in the log.
import { useState, type ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import { INCIDENT_TYPES, type IncidentType } from '../../../shared/domain/incident-types.ts';
import { GRADES, type Grade } from '../../../shared/domain/grades.ts';
import { CLOSURE_REASONS, type ClosureReason } from '../../../shared/events.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { useCommand } from './use-command.ts';
import type { ArmedPick } from './controller-console.tsx';

/** Out-of-service reasons the console offers (translated under oosReason.*). */
export const OOS_REASONS = ['breakdown', 'maintenance', 'crew-shortage', 'accident'] as const;
/** Durations offered for closures and outages, in minutes ('' = until ended by hand). */
const DURATIONS = [15, 30, 60, 120] as const;

export function AdhocInjects(props: { board?: BoardState; armed?: ArmedPick; onArm(pick: ArmedPick | undefined): void }): ReactNode {
  const ctx = useBoard();
  const { t, lang, incidentType, grade } = useNames();
  const { run, busy, error, errorDetail } = useCommand();
  const [callType, setCallType] = useState<IncidentType>('building-fire');
  const [callGrade, setCallGrade] = useState<Grade>(1);
  const [callText, setCallText] = useState('');
  const [trapped, setTrapped] = useState('');
  const [size, setSize] = useState('');
  const [radius, setRadius] = useState(300);
  const [reason, setReason] = useState<ClosureReason>('flood');
  const [closeFor, setCloseFor] = useState<number | ''>('');
  const [unitId, setUnitId] = useState('');
  const [oosReason, setOosReason] = useState<(typeof OOS_REASONS)[number]>('breakdown');
  const [stationId, setStationId] = useState('');
  const [cutFor, setCutFor] = useState<number | ''>('');
  const board = props.board;
  const breakable = board ? Object.values(board.units).filter((u) => u.status !== 'outOfService').slice(0, 2000) : [];
  const commsOut = new Set(board?.commsOut);
  const durationSelect = (value: number | '', set: (v: number | '') => void, label: string): ReactNode => (
    <select aria-label={label} value={value} onChange={(e) => set(e.target.value === '' ? '' : Number(e.target.value))}>
      <option value="">{t('console.untilEnded')}</option>
      {DURATIONS.map((m) => <option key={m} value={m}>{t('console.forMinutes', { minutes: m })}</option>)}
    </select>
  );
  const sizeN = Number(size);
  const trappedN = Number(trapped);
  return (
    <>
      <h3>{t('console.adhoc')}</h3>
      {props.armed && <p className="picking" role="status">{t('console.clickMap')} {props.armed.label} <button type="button" className="small" onClick={() => props.onArm(undefined)}>{t('common.cancel')}</button></p>}
      <fieldset className="adhoc-call" data-testid="adhoc-call-form">
        <legend>{t('console.newCallTitle')}</legend>
        <div className="actions">
          <select aria-label={t('triage.type')} value={callType} onChange={(e) => setCallType(e.target.value as IncidentType)}>
            {INCIDENT_TYPES.map((it) => <option key={it} value={it}>{incidentType(it)}</option>)}
          </select>
          <select aria-label={t('console.reportedGrade')} value={callGrade} onChange={(e) => setCallGrade(Number(e.target.value) as Grade)}>
            {GRADES.map((g) => <option key={g} value={g}>{grade(g)}</option>)}
          </select>
        </div>
        <textarea aria-label={t('console.callerSays')} placeholder={t('console.callerSaysHint')} rows={2} value={callText} onChange={(e) => setCallText(e.target.value)} data-testid="adhoc-call-text" />
        <div className="actions">
          <label className="inline">{t('console.trueTrapped')}<input type="number" min={0} max={500} value={trapped} onChange={(e) => setTrapped(e.target.value)} style={{ width: '4.5em' }} data-testid="adhoc-call-trapped" /></label>
          <label className="inline">{t('console.trueSize')}<input type="number" min={0} value={size} onChange={(e) => setSize(e.target.value)} style={{ width: '5.5em' }} data-testid="adhoc-call-size" /></label>
        </div>
        <p className="muted small-text">{t('console.truthHint')}</p>
        <button type="button" data-testid="adhoc-call" disabled={callText.trim() === ''} title={callText.trim() === '' ? t('console.callerSaysHint') : undefined} onClick={() => props.onArm({
          label: t('console.newCall'),
          build: (p) => ({
            type: 'RECEIVE_CALL', location: p, incidentType: callType, reportedGrade: callGrade, description: callText.trim(),
            ...(size.trim() !== '' && sizeN > 0 ? { size: sizeN } : {}),
            ...(trapped.trim() !== '' && Number.isInteger(trappedN) && trappedN >= 0 ? { trapped: trappedN } : {}),
          }),
        })}>{t('console.newCall')}</button>
      </fieldset>
      <div className="actions">
        <select aria-label={t('console.closureReason')} value={reason} onChange={(e) => setReason(e.target.value as ClosureReason)}>
          {CLOSURE_REASONS.map((r) => <option key={r} value={r}>{t(`closureReason.${r}`)}</option>)}
        </select>
        <label className="inline">{t('console.radius')}<input type="number" min={20} max={50000} value={radius} onChange={(e) => setRadius(Number(e.target.value))} style={{ width: '5.5em' }} /></label>
        {durationSelect(closeFor, setCloseFor, t('console.closureFor'))}
        <button type="button" data-testid="adhoc-closure" onClick={() => props.onArm({
          label: t('console.roadClosure'),
          build: (p) => ({ type: 'CLOSE_ROAD', area: { kind: 'circle', center: p, radiusM: radius }, reason, note: 'controller', ...(closeFor === '' ? {} : { durationMs: closeFor * 60_000 }) }),
        })}>{t('console.roadClosure')}</button>
      </div>
      <div className="actions">
        <select aria-label={t('console.breakdown')} value={unitId} onChange={(e) => setUnitId(e.target.value)} className="wide-select">
          <option value="">{t('console.breakdown')}…</option>
          {breakable.map((u) => <option key={u.id} value={u.id}>{ctx.unitLabel(u.id, lang)} · {ctx.stationName(u.stationId, lang)}</option>)}
        </select>
        <select aria-label={t('units.reason')} value={oosReason} onChange={(e) => setOosReason(e.target.value as (typeof OOS_REASONS)[number])}>
          {OOS_REASONS.map((r) => <option key={r} value={r}>{t(`oosReason.${r}`)}</option>)}
        </select>
        <button type="button" disabled={!unitId || busy} onClick={() => void run({ type: 'SET_UNIT_OUT_OF_SERVICE', unitId, reason: oosReason })}>{t('console.takeOut')}</button>
      </div>
      <div className="actions">
        <select aria-label={t('console.comms')} value={stationId} onChange={(e) => setStationId(e.target.value)} className="wide-select" data-testid="comms-station">
          <option value="">{t('console.comms')}…</option>
          {ctx.map.stations.map((s) => <option key={s.id} value={s.id}>{ctx.stationName(s.id, lang)}{commsOut.has(s.id) ? ` (${t('console.commsIsOut')})` : ''}</option>)}
        </select>
        {!commsOut.has(stationId) && durationSelect(cutFor, setCutFor, t('console.commsFor'))}
        <button type="button" disabled={!stationId || busy} data-testid="comms-toggle"
          onClick={() => void run(commsOut.has(stationId)
            ? { type: 'SET_COMMS_OUTAGE', stationId, on: false }
            : { type: 'SET_COMMS_OUTAGE', stationId, on: true, note: 'controller', ...(cutFor === '' ? {} : { durationMs: cutFor * 60_000 }) })}>
          {commsOut.has(stationId) ? t('console.commsOff') : t('console.commsOn')}
        </button>
      </div>
      {error && <p className="error" role="alert" title={errorDetail}>{t('incident.refused', { message: error })}</p>}
    </>
  );
}
