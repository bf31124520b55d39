// Incident detail: what is known (size with its unit and the grade it implies), for the controller
// the hidden truth, the run card's requirement against what is assigned, the assigned units (stopped
// by a closure, ETA and why it grew), the recommended units with ETA and the doctrine rule, why units
// are missing, the actions (dispatch recommended or selected units, add any available unit, release,
// raise the grade, request reinforcement with a preview, close, cancel with a confirmation when people
// are trapped), and the incident's timeline.
import { useEffect, useState, type ReactNode } from 'react';
import type { BoardIncident, BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import type { Recommendation } from '../../../shared/recommendation.ts';
import { GRADES, type Grade } from '../../../shared/domain/grades.ts';
import { ENDED_INCIDENT_STATUSES } from '../../../shared/domain/status.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { gradeHex, impliedGrade, readyToClose, requirementVsAssigned, sizeText } from '../domain-view.ts';
import { hiddenFromLog, refusedIncident } from '../event-text.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import type { DrillNotes } from '../live/drill-notes.ts';
import { useCommand } from './use-command.ts';
import { useEventText } from './use-event-text.ts';
import { RecommendationTable } from './recommendation-table.tsx';
import { AddUnit } from './add-unit.tsx';
import { ReinforcementPreview } from './reinforcement-preview.tsx';
import { AssignedUnits } from './assigned-units.tsx';
import { HiddenTruth } from './hidden-truth.tsx';
import { languageHalf } from '../inject-title.ts';

/** Fired by the R shortcut: the detail asks for a confirmation before raising the grade. */
export const ASK_RAISE_EVENT = 'board:ask-raise';

/** Why needs are unmet, in the UI language (the engine's note says when closed roads keep units away). */
function unmetNote(note: string | undefined, t: ReturnType<typeof useNames>['t']): string {
  if (!note) return '';
  const m = /^(\d+) available units? with (\S+) cannot reach the site: roads closed/.exec(note);
  return m ? t('incident.unmetRoadsClosed', { count: Number(m[1]), need: t(`need.${m[2]}`, { defaultValue: m[2] }) }) : '';
}

export function IncidentDetail(props: {
  incident: BoardIncident;
  board: BoardState;
  log: readonly DomainEvent[];
  onLoadOlder?(incident: BoardIncident): void;
  /** Sim ms now (remaining ETAs); the board's last event time when not given. */
  now?: number;
  notes?: DrillNotes;
}): ReactNode {
  const { incident: inc, board } = props;
  const ctx = useBoard();
  const names = useNames();
  const { t, lang } = names;
  const { run, busy, error, errorDetail } = useCommand();
  const eventText = useEventText(board);
  const [rec, setRec] = useState<Recommendation | undefined>();
  const [recError, setRecError] = useState<string | undefined>();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState<'cancel' | 'raise' | undefined>();
  const [reinforcing, setReinforcing] = useState(false);
  const ended = ENDED_INCIDENT_STATUSES.has(inc.status);
  const grade = inc.grade;
  const [raiseTo, setRaiseTo] = useState<Grade | undefined>();
  // Why the grade goes up, as the commander types it (optional): the timeline and report show it.
  const [raiseReason, setRaiseReason] = useState('');
  const raise = (to: Grade): void => { setRaiseReason(''); void run({ type: 'RAISE_GRADE', incidentId: inc.id, grade: to, reason: raiseReason.trim() }); };
  const nextGrade = GRADES.find((g) => g > (grade ?? 0));
  const now = props.now ?? board.now;

  // Ask for a recommendation whenever what it depends on changes, and again every few seconds (other
  // incidents take units, units come free, ETAs shrink) or soon after a failed request.
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setRefresh((n) => n + 1), recError ? 2_000 : 5_000);
    return () => clearInterval(id);
  }, [recError]);
  const recKey = `${inc.id}|${grade ?? ''}|${inc.unitIds.join(',')}|${inc.status}`;
  useEffect(() => {
    if (ended || grade === undefined || !ctx.rights.dispatch) {
      setRec(undefined);
      return;
    }
    let gone = false;
    ctx.actions.recommend(inc.id).then(
      (r) => {
        if (gone) return;
        setRec(r);
        setRecError(undefined);
        // Keep the dispatcher's ticks on units still recommended.
        setPicked((p) => new Set(r.units.map((u) => u.unitId).filter((id) => p.has(id))));
      },
      (err: unknown) => { if (!gone) { setRec(undefined); setRecError(err instanceof Error ? err.message : String(err)); } },
    );
    return () => { gone = true; };
    // recKey sums up the incident fields the recommendation depends on.
  }, [recKey, refresh, ctx.actions, ctx.rights.dispatch]);

  // The R shortcut asks here first: a grade raise cannot be undone.
  useEffect(() => {
    const ask = (): void => { if (!ended && nextGrade && grade !== undefined && ctx.rights.dispatch) setConfirm('raise'); };
    window.addEventListener(ASK_RAISE_EVENT, ask);
    return () => window.removeEventListener(ASK_RAISE_EVENT, ask);
  }, [ended, nextGrade, grade, ctx.rights.dispatch]);
  useEffect(() => { setConfirm(undefined); setReinforcing(false); }, [inc.id]);

  const needs = requirementVsAssigned(inc, board, ctx.map);
  const timeline = props.log.filter((e) => ('incidentId' in e && e.incidentId === inc.id) || refusedIncident(e) === inc.id);
  const missing = inc.eventSeqs.length - timeline.length;
  const stationName = (id: string): string => ctx.stationName(id, lang);
  const implied = impliedGrade(ctx.map, inc.type, inc.knownSize, inc.knownTrapped);
  const truth = ctx.rights.control ? props.notes?.truth.get(inc.id) : undefined;
  const trappedKnown = Math.max(inc.knownTrapped, truth ? truth.trapped - inc.rescued - inc.dead : 0);
  const homeCut = inc.homeStationId !== undefined && board.commsOut.includes(inc.homeStationId);
  const raiseGrade = (raiseTo ?? nextGrade)!;
  const ready = readyToClose(inc);

  return (
    <section className="panel incident" data-testid="incident-detail" data-id={inc.id} data-status={inc.status} data-grade={grade ?? ''}>
      <h2>
        <span className="grade-chip" style={{ background: gradeHex(grade) }} data-testid="incident-grade">{names.grade(grade)}</span>
        {names.incidentType(inc.type)} · {inc.id}
      </h2>
      <div className="incident__status" data-testid="incident-status">{t(`incidentStatus.${inc.status}`)}</div>
      <p data-testid="incident-known">
        {t('incident.known', { size: sizeText(ctx.map, inc.type, inc.knownSize, lang), trapped: inc.knownTrapped, rescued: inc.rescued, dead: inc.dead })}
        {implied !== undefined && (
          <span className={grade !== undefined && implied > grade ? 'warn' : 'muted'} data-testid="implied-grade"> · {t('incident.implies', { grade: names.grade(implied) })}</span>
        )}
      </p>
      {truth && <HiddenTruth incident={inc} truth={truth} />}
      {inc.homeStationId && <p className="muted">{t('incident.home', { station: stationName(inc.homeStationId) })}</p>}
      {homeCut && <p className="error" data-testid="home-comms-cut">{t('incident.homeCommsCut', { station: stationName(inc.homeStationId!) })}</p>}
      {inc.unreachable && <p className="error" data-testid="incident-unreachable">{t('incident.unreachable')}</p>}
      {ready && <p className="ready-note" role="status" data-testid="incident-ready">{t('incident.readyToClose')}</p>}
      {inc.description && <p className="call-row__desc">{languageHalf(inc.description, lang)}</p>}

      {needs.length > 0 && (
        <>
          <h3>{t('incident.requirement')}</h3>
          <table className="needs" data-testid="needs-table">
            <thead><tr><th>{t('incident.need')}</th><th>{t('incident.required')}</th><th>{t('incident.assigned')}</th></tr></thead>
            <tbody>
              {needs.map((n) => (
                <tr key={n.key} className={n.assigned >= n.required ? 'met' : 'unmet'} data-testid="need-row" data-need={n.need}>
                  <td>{t(`need.${n.need}`)}{n.minAerialM ? ` ≥${n.minAerialM} m` : ''}</td>
                  <td>{n.required}</td>
                  <td>{n.assigned}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h3>{t('incident.units')} ({inc.unitIds.length})</h3>
      <AssignedUnits incident={inc} board={board} now={now} notes={props.notes} busy={busy} ended={ended} onRelease={(id) => void run({ type: 'RELEASE_UNIT', unitId: id })} />

      {ctx.rights.dispatch && !ended && (
        <>
          <h3>{t('incident.recommendation')}</h3>
          {(!rec || rec.units.length === 0) && <p className="muted">{recError ?? t('incident.noRecommendation')}</p>}
          {rec && rec.units.length > 0 && (
            <RecommendationTable units={rec.units} picked={picked}
              onPick={(id, on) => setPicked((p) => { const n = new Set(p); if (on) n.add(id); else n.delete(id); return n; })} />
          )}
          {rec && rec.unmet.length > 0 && (
            <div className="error" data-testid="unmet">
              {t('incident.unmet', { needs: rec.unmet.map((u) => `${t(`need.${u.capability}`)} ×${u.missing}`).join(', ') })}
              {rec.unmet.map((u) => unmetNote(u.note, t)).filter(Boolean).map((s) => <div key={s} className="muted">{s}</div>)}
            </div>
          )}
          {board.commsOut.length > 0 && (
            <p className="muted" data-testid="comms-out-note">{t('incident.commsOutStations', { stations: board.commsOut.map(stationName).join(lang.startsWith('zh') ? '、' : ', ') })}</p>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={busy || !rec || rec.units.length === 0} data-testid="dispatch-recommended"
              onClick={() => void run({ type: 'DISPATCH_RECOMMENDED', incidentId: inc.id })}>
              {t('incident.dispatchRecommended')}
            </button>
            <button type="button" disabled={busy || picked.size === 0}
              onClick={() => void run({ type: 'DISPATCH_UNITS', incidentId: inc.id, unitIds: [...picked] })}>
              {t('incident.dispatchSelected')}
            </button>
          </div>
          <details className="add-unit-box">
            <summary>{t('incident.addUnitTitle')}</summary>
            <AddUnit incident={inc} board={board} busy={busy} onAdd={(id) => void run({ type: 'DISPATCH_UNITS', incidentId: inc.id, unitIds: [id] })} />
          </details>
          <div className="actions">
            <select aria-label={t('incident.raiseTo')} value={raiseTo ?? nextGrade ?? ''} onChange={(e) => setRaiseTo(Number(e.target.value) as Grade)} disabled={!nextGrade}>
              {GRADES.filter((g) => g > (grade ?? 0)).map((g) => <option key={g} value={g}>{names.grade(g)}</option>)}
            </select>
            <input type="text" className="raise-reason" data-testid="raise-reason" maxLength={200} value={raiseReason} disabled={!nextGrade}
              aria-label={t('incident.raiseReason')} placeholder={t('incident.raiseReason')} onChange={(e) => setRaiseReason(e.target.value)} />
            <button type="button" disabled={busy || !nextGrade || grade === undefined} data-testid="raise-grade"
              onClick={() => raise(raiseGrade)}>
              {t('incident.raiseGrade')}
            </button>
            <button type="button" disabled={busy || grade === undefined} data-testid="reinforce-open" onClick={() => setReinforcing(true)}>
              {t('incident.reinforcement')}
            </button>
          </div>
          {confirm === 'raise' && nextGrade && (
            <div className="confirm" role="alertdialog" data-testid="confirm-raise">
              {t('incident.confirmRaise', { from: names.grade(grade), to: names.grade(nextGrade) })}{' '}
              <button type="button" className="primary" autoFocus data-testid="confirm-raise-yes"
                onClick={() => { setConfirm(undefined); raise(nextGrade); }}>
                {t('incident.raiseTo')} {names.grade(nextGrade)}
              </button>
              <button type="button" onClick={() => setConfirm(undefined)}>{t('common.cancel')}</button>
            </div>
          )}
          {reinforcing && (
            <ReinforcementPreview incident={inc} board={board} busy={busy} onClose={() => setReinforcing(false)}
              onRequest={(lines) => { setReinforcing(false); void run({ type: 'REQUEST_REINFORCEMENT', incidentId: inc.id, needs: lines }); }} />
          )}
          <div className="actions">
            <button type="button" className={ready ? 'primary' : undefined} disabled={busy} data-testid="close-incident" onClick={() => void run({ type: 'CLOSE_INCIDENT', incidentId: inc.id })}>{t('incident.close')}</button>
            <button type="button" disabled={busy} data-testid="cancel-incident"
              onClick={() => (trappedKnown > 0 ? setConfirm('cancel') : void run({ type: 'CANCEL_INCIDENT', incidentId: inc.id, reason: 'false-alarm' }))}>
              {t('incident.cancel')}
            </button>
          </div>
          {confirm === 'cancel' && (
            <div className="confirm" role="alertdialog" data-testid="confirm-cancel">
              {t('incident.confirmCancel', { count: trappedKnown })}{' '}
              <button type="button" className="danger" data-testid="confirm-cancel-yes"
                onClick={() => { setConfirm(undefined); void run({ type: 'CANCEL_INCIDENT', incidentId: inc.id, reason: 'false-alarm' }); }}>
                {t('incident.cancelAnyway')}
              </button>
              <button type="button" autoFocus onClick={() => setConfirm(undefined)}>{t('incident.keepIncident')}</button>
            </div>
          )}
          {error && <p className="error" role="alert" data-testid="command-error" title={errorDetail}>{t('incident.refused', { message: error })}</p>}
        </>
      )}

      <h3>{t('incident.timeline')}</h3>
      {missing > 0 && props.onLoadOlder && (
        <p className="muted">
          {t('incident.olderEvents', { count: missing })}{' '}
          <button type="button" className="small" onClick={() => props.onLoadOlder?.(inc)}>{t('incident.loadOlder')}</button>
        </p>
      )}
      <ol className="timeline" data-testid="timeline">
        {timeline.filter((e) => !hiddenFromLog(e)).map((e) => (
          <li key={e.seq}><span className="muted">T+{formatElapsed(e.t)}</span> {eventText(e)}</li>
        ))}
      </ol>
    </section>
  );
}
