// Add any available unit to an incident (beyond the recommendation, as the README promises): search
// by callsign, station or vehicle type; each match shows its ETA to the incident as the dispatch order
// would (turnout plus the drive), "no road" when closures cut it off, and whether its station can be
// given orders (comms cut).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { BoardIncident, BoardState } from '../../../shared/board-state.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { formatEta } from '../domain-view.ts';
import type { UnitEta } from '../live/connection.ts';

const MATCHES = 8;
const AVAILABLE = new Set(['inStation', 'availableOnRoad']);

export function AddUnit(props: { incident: BoardIncident; board: BoardState; busy: boolean; onAdd(unitId: string): void }): ReactNode {
  const ctx = useBoard();
  const { t, lang } = useNames();
  const [query, setQuery] = useState('');
  const [etas, setEtas] = useState<Record<string, UnitEta>>({});
  const q = query.trim().toLowerCase();
  const matches = useMemo(() => {
    if (q.length === 0) return [];
    return Object.values(props.board.units).filter((u) => {
      if (!AVAILABLE.has(u.status)) return false;
      const type = ctx.map.unitTypes[u.type];
      const hay = [u.id, u.type, ctx.unitLabel(u.id, 'zh'), ctx.unitLabel(u.id, 'en'), ctx.stationName(u.stationId, 'zh'), ctx.stationName(u.stationId, 'en'), type?.zh ?? '', type?.en ?? ''].join(' ').toLowerCase();
      return q.split(/\s+/).every((w) => hay.includes(w));
    }).slice(0, MATCHES);
  }, [q, props.board, props.board.seq, ctx]);
  const key = matches.map((u) => u.id).join(',');
  useEffect(() => {
    if (!key) return;
    let gone = false;
    ctx.actions.etas(props.incident.id, key.split(',')).then(
      (list) => { if (!gone) setEtas((e) => ({ ...e, ...Object.fromEntries(list.map((x) => [x.unitId, x])) })); },
      () => undefined,
    );
    return () => { gone = true; };
  }, [key, props.incident.id, ctx.actions]);
  return (
    <div className="add-unit" data-testid="add-unit">
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('incident.addUnitSearch')} aria-label={t('incident.addUnitSearch')} data-testid="add-unit-search" />
      {q && matches.length === 0 && <p className="muted">{t('incident.addUnitNone')}</p>}
      <ul>
        {matches.map((u) => {
          const eta = etas[u.id];
          const type = ctx.map.unitTypes[u.type];
          return (
            <li key={u.id} data-testid="add-unit-row" data-id={u.id}>
              <span>{ctx.unitLabel(u.id, lang)} <span className="muted">{type ? type[lang.startsWith('zh') ? 'zh' : 'en'] : u.type} · {ctx.stationName(u.stationId, lang)}</span></span>
              <span className="num" data-testid="add-unit-eta">
                {eta === undefined ? '…' : eta.etaSec === null ? t('incident.noRoad') : formatEta(eta.etaSec)}
                {eta && !eta.orderable ? <span className="error"> {t('incident.commsCutShort')}</span> : null}
              </span>
              <button type="button" className="small" disabled={props.busy || eta?.etaSec === null || eta?.orderable === false} onClick={() => props.onAdd(u.id)}>{t('incident.addUnit')}</button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
