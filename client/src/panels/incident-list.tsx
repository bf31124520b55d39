// Active incidents (在处警情), most recent first, each with its grade colour and status, and a
// "ready to close" mark once the scene reports overhaul done (manual mode: closing is the players'
// decision); ended ones on request. Selecting one opens its detail and highlights it on the map.
import { useState, type ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import { ENDED_INCIDENT_STATUSES } from '../../../shared/domain/status.ts';
import { readyToClose } from '../domain-view.ts';
import { useNames } from '../i18n/i18n.ts';
import { gradeHex, INCIDENT_GLYPH } from '../domain-view.ts';

export function IncidentList(props: { board?: BoardState; selectedId?: string; onSelect(id: string): void }): ReactNode {
  const { t, incidentType, grade } = useNames();
  const [showEnded, setShowEnded] = useState(false);
  const all = props.board ? Object.values(props.board.incidents) : [];
  const list = all
    .filter((i) => i.status !== 'callReceived' && (showEnded || !ENDED_INCIDENT_STATUSES.has(i.status)))
    .sort((a, b) => b.receivedAt - a.receivedAt)
    .slice(0, 300);
  return (
    <section className="panel incidents" data-testid="incident-list">
      <h2>
        {t('incidents.title')}
        <label className="inline">
          <input type="checkbox" checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)} /> {t('incidents.ended')}
        </label>
      </h2>
      {list.length === 0 && <p className="muted">{t('incidents.empty')}</p>}
      <ul className="incident-rows">
        {list.map((i) => (
          <li key={i.id} className={i.id === props.selectedId ? 'selected' : ''} data-testid="incident-row" data-id={i.id} data-status={i.status} data-grade={i.grade ?? ''}>
            <button type="button" onClick={() => props.onSelect(i.id)}>
              <span className="grade-chip" style={{ background: gradeHex(i.grade) }}>{INCIDENT_GLYPH[i.type]}</span>
              <span>{i.id} · {incidentType(i.type)}</span>
              <span className="muted">{grade(i.grade)} · {t(`incidentStatus.${i.status}`)} · <span data-testid="unit-count">{t('incidents.units', { count: i.unitIds.length })}</span>
                {readyToClose(i) && <> · <span className="ready-to-close" data-testid="ready-to-close">{t('incidents.readyToClose')}</span></>}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
