// The units assigned to an incident: callsign with its station and type, status (a unit a closure has
// stopped is "stopped: no open road", not "en route" while its marker stays put), the time left to
// arrival, and why the ETA grew when a closure re-routed it.
import type { ReactNode } from 'react';
import type { BoardIncident, BoardState, BoardUnit } from '../../../shared/board-state.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { formatEta, STATUS_COLOURS } from '../domain-view.ts';
import type { DrillNotes } from '../live/drill-notes.ts';

const MOVING = new Set(['enRoute', 'returning', 'availableOnRoad']);

/** A unit that should be driving but has no leg: a closure stopped it where it is (PLACE_UNREACHABLE). */
export function isStopped(u: BoardUnit): boolean {
  return MOVING.has(u.status) && u.leg === undefined;
}

export function AssignedUnits(props: { incident: BoardIncident; board: BoardState; now: number; notes?: DrillNotes; busy: boolean; ended: boolean; onRelease(unitId: string): void }): ReactNode {
  const ctx = useBoard();
  const { t, lang } = useNames();
  const zh = lang.startsWith('zh');
  return (
    <ul className="unit-list">
      {props.incident.unitIds.map((id) => {
        const u = props.board.units[id];
        const stopped = u !== undefined && isStopped(u);
        const left = u?.status === 'enRoute' && u.leg ? (u.leg.arriveAt - props.now) / 1000 : undefined;
        const grew = u?.status === 'enRoute' ? props.notes?.etaGrowth(id) : undefined;
        const closure = grew ? props.board.closures[grew.closureId] : undefined;
        return (
          <li key={id} data-testid="assigned-unit" data-id={id} data-status={u?.status ?? ''} data-stopped={stopped ? 'true' : undefined}>
            <span className="dot" style={{ background: u ? (stopped ? '#7a7f87' : STATUS_COLOURS[u.status]) : '#888' }} />
            {ctx.unitLabel(id, lang)} <span className="muted">{u ? (ctx.map.unitTypes[u.type]?.[zh ? 'zh' : 'en'] ?? u.type) : ''} · {u ? ctx.stationName(u.stationId, lang) : ''}</span>
            {' · '}
            {stopped ? <span className="error" data-testid="unit-stopped">{t('incident.stopped')}</span> : u ? t(`unitStatus.${u.status}`) : ''}
            {left !== undefined && left > 0 && <span className="muted"> · {t('incident.arrivesIn', { eta: formatEta(left) })}</span>}
            {grew && (
              <div className="warn small-text" data-testid="eta-grew">
                {t('incident.etaGrew', { minutes: Math.round((grew.arriveAt - grew.announcedAt) / 60_000), closure: grew.closureId, reason: closure ? t(`closureReason.${closure.reason}`) : t('incident.closureGone') })}
              </div>
            )}
            {ctx.rights.dispatch && !props.ended && (
              <button type="button" className="small" disabled={props.busy} onClick={() => props.onRelease(id)}>{t('incident.release')}</button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
