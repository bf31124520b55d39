// Incident detail: what is known, the run card's requirement against what is assigned, the
// recommended units with ETA and reason, the actions (dispatch recommended or selected units,
// release, raise the grade, request reinforcement, close), and the incident's timeline.
import { useEffect, useState, type ReactNode } from 'react';
import type { BoardIncident, BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import type { Recommendation } from '../../../shared/recommendation.ts';
import { GRADES, type Grade } from '../../../shared/domain/grades.ts';
import { ENDED_INCIDENT_STATUSES } from '../../../shared/domain/status.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { gradeHex, requirementVsAssigned, STATUS_COLOURS } from '../domain-view.ts';
import { describeEvent } from '../event-text.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import { useCommand } from './use-command.ts';

export function IncidentDetail(props: {
  incident: BoardIncident;
  board: BoardState;
  log: readonly DomainEvent[];
  onLoadOlder?(incident: BoardIncident): void;
}): ReactNode {
  const { incident: inc, board } = props;
  const ctx = useBoard();
  const names = useNames();
  const { t, lang } = names;
  const { run, busy, error } = useCommand();
  const [rec, setRec] = useState<Recommendation | undefined>();
  const [recError, setRecError] = useState<string | undefined>();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const ended = ENDED_INCIDENT_STATUSES.has(inc.status);
  const grade = inc.grade;
  const [raiseTo, setRaiseTo] = useState<Grade | undefined>();
  const nextGrade = GRADES.find((g) => g > (grade ?? 0));

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

  const needs = requirementVsAssigned(inc, board, ctx.map);
  const timeline = props.log.filter((e) => 'incidentId' in e && e.incidentId === inc.id);
  const missing = inc.eventSeqs.length - timeline.length;
  const unitName = (id: string): string => ctx.unitLabel(id, lang);
  const stationName = (id: string): string => ctx.stationName(id, lang);

  return (
    <section className="panel incident" data-testid="incident-detail" data-id={inc.id} data-status={inc.status} data-grade={grade ?? ''}>
      <h2>
        <span className="grade-chip" style={{ background: gradeHex(grade) }} data-testid="incident-grade">{names.grade(grade)}</span>
        {names.incidentType(inc.type)} · {inc.id}
      </h2>
      <div className="incident__status" data-testid="incident-status">{t(`incidentStatus.${inc.status}`)}</div>
      <p>{t('incident.known', { size: inc.knownSize, trapped: inc.knownTrapped, rescued: inc.rescued, dead: inc.dead })}</p>
      {inc.homeStationId && <p className="muted">{t('incident.home', { station: stationName(inc.homeStationId) })}</p>}
      {inc.unreachable && <p className="error">{t('incident.unreachable')}</p>}
      {inc.description && <p className="call-row__desc">{inc.description}</p>}

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
      <ul className="unit-list">
        {inc.unitIds.map((id) => {
          const u = board.units[id];
          return (
            <li key={id} data-testid="assigned-unit" data-id={id} data-status={u?.status ?? ''}>
              <span className="dot" style={{ background: u ? STATUS_COLOURS[u.status] : '#888' }} />
              {unitName(id)} <span className="muted">{u?.type}</span> · {u ? t(`unitStatus.${u.status}`) : ''}
              {ctx.rights.dispatch && !ended && (
                <button type="button" className="small" disabled={busy} onClick={() => void run({ type: 'RELEASE_UNIT', unitId: id })}>{t('incident.release')}</button>
              )}
            </li>
          );
        })}
      </ul>

      {ctx.rights.dispatch && !ended && (
        <>
          <h3>{t('incident.recommendation')}</h3>
          {(!rec || rec.units.length === 0) && <p className="muted">{recError ?? t('incident.noRecommendation')}</p>}
          {rec && rec.units.length > 0 && (
            <table className="recs" data-testid="recommendation">
              <thead><tr><th /><th>{t('incident.units')}</th><th>{t('incident.eta')}</th><th>{t('incident.reason')}</th></tr></thead>
              <tbody>
                {rec.units.map((r) => (
                  <tr key={r.unitId} data-testid="rec-row" data-id={r.unitId}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={r.unitId}
                        checked={picked.has(r.unitId)}
                        onChange={(e) => setPicked((p) => { const n = new Set(p); if (e.target.checked) n.add(r.unitId); else n.delete(r.unitId); return n; })}
                      />
                    </td>
                    <td>{unitName(r.unitId)} <span className="muted">{r.type} · {stationName(r.stationId)}</span></td>
                    <td>{formatElapsed(r.etaSec * 1000).slice(3)}</td>
                    <td title={r.reason.note}>{t(`need.${r.reason.need}`)}{r.reason.echelon > 1 ? ` · ${t(`echelon.${r.reason.echelon}`)}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {rec && rec.unmet.length > 0 && (
            <p className="error">{t('incident.unmet', { needs: rec.unmet.map((u) => `${t(`need.${u.capability}`)} ×${u.missing}`).join(', ') })}</p>
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
          <div className="actions">
            <select aria-label={t('incident.raiseTo')} value={raiseTo ?? nextGrade ?? ''} onChange={(e) => setRaiseTo(Number(e.target.value) as Grade)} disabled={!nextGrade}>
              {GRADES.filter((g) => g > (grade ?? 0)).map((g) => <option key={g} value={g}>{names.grade(g)}</option>)}
            </select>
            <button type="button" disabled={busy || !nextGrade || grade === undefined} data-testid="raise-grade"
              onClick={() => void run({ type: 'RAISE_GRADE', incidentId: inc.id, grade: (raiseTo ?? nextGrade)!, reason: 'commander' })}>
              {t('incident.raiseGrade')}
            </button>
            <button type="button" disabled={busy || grade === undefined} onClick={() => void run({ type: 'REQUEST_REINFORCEMENT', incidentId: inc.id, needs: [] })}>
              {t('incident.reinforcement')}
            </button>
          </div>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void run({ type: 'CLOSE_INCIDENT', incidentId: inc.id })}>{t('incident.close')}</button>
            <button type="button" disabled={busy} onClick={() => void run({ type: 'CANCEL_INCIDENT', incidentId: inc.id, reason: 'false-alarm' })}>{t('incident.cancel')}</button>
          </div>
          {error && <p className="error" role="alert" data-testid="command-error">{t('incident.refused', { message: error })}</p>}
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
        {timeline.map((e) => (
          <li key={e.seq}><span className="muted">T+{formatElapsed(e.t)}</span> {describeEvent(e, t, names, unitName, stationName)}</li>
        ))}
      </ol>
    </section>
  );
}
