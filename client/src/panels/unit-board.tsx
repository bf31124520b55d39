// Unit status board (力量状态): every unit grouped by tier and station, with filters by status, tier
// and text; stations fold open. The dispatcher can take a unit out of service and back.
import { useState, type ReactNode } from 'react';
import type { BoardState, BoardUnit } from '../../../shared/board-state.ts';
import { UNIT_STATUSES, type UnitStatus } from '../../../shared/domain/status.ts';
import { TIERS, type Tier } from '../../../shared/domain/forces.ts';
import type { MapStation } from '../../../shared/map-data.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { STATUS_COLOURS, stationColour } from '../domain-view.ts';
import { useCommand } from './use-command.ts';
import { isStopped } from './assigned-units.tsx';

const ROW_LIMIT = 400;
const AVAILABLE: ReadonlySet<UnitStatus> = new Set(['inStation', 'availableOnRoad']);

export interface UnitFilter { status: UnitStatus | ''; tier: Tier | ''; text: string }

/** The region's stations and, after them, the reinforcements teams that have arrived (their staging stations). */
export function withTeams(stations: readonly MapStation[], board: BoardState): readonly MapStation[] {
  const teams = Object.values(board.teams ?? {});
  if (teams.length === 0) return stations;
  return [...stations, ...teams.map((tm): MapStation => ({ id: tm.id, name: tm.name, nameZh: tm.nameZh, kind: tm.kind, tier: tm.tier, jurisdictionId: '', location: tm.location, units: [] }))];
}

/** Units passing the filter, grouped by station (stations in roster order). */
export function filterUnits(board: BoardState, stations: readonly MapStation[], f: UnitFilter, label: (id: string) => string): { station: MapStation; units: BoardUnit[] }[] {
  const text = f.text.trim().toLowerCase();
  const byStation = new Map<string, BoardUnit[]>();
  for (const u of Object.values(board.units)) {
    const list = byStation.get(u.stationId);
    if (list) list.push(u);
    else byStation.set(u.stationId, [u]);
  }
  const out: { station: MapStation; units: BoardUnit[] }[] = [];
  for (const s of stations) {
    if (f.tier && s.tier !== f.tier) continue;
    const stationHit = !text || s.name.toLowerCase().includes(text) || s.nameZh.includes(f.text.trim()) || s.id.includes(text);
    const units = (byStation.get(s.id) ?? []).filter(
      (u) => (!f.status || u.status === f.status) && (stationHit || u.id.toLowerCase().includes(text) || u.type.toLowerCase() === text || label(u.id).includes(f.text.trim())),
    );
    if (units.length > 0) out.push({ station: s, units });
  }
  return out;
}

export function UnitBoard(props: { board?: BoardState; selectedUnitId?: string; onSelectUnit(id: string): void }): ReactNode {
  const ctx = useBoard();
  const { t, lang } = useNames();
  const [filter, setFilter] = useState<UnitFilter>({ status: '', tier: '', text: '' });
  const [open, setOpen] = useState<Set<string>>(new Set());
  const { run, busy, error } = useCommand();
  if (!props.board) return null;
  const groups = filterUnits(props.board, withTeams(ctx.map.stations, props.board), filter, (id) => ctx.unitLabel(id, lang));
  const total = Object.keys(props.board.units).length;
  const shown = groups.reduce((s, g) => s + g.units.length, 0);
  const expandAll = filter.status !== '' || filter.text.trim() !== '';
  let rows = 0;
  return (
    <section className="panel unit-board" data-testid="unit-board">
      <div className="filters">
        <input placeholder={t('units.search')} aria-label={t('units.search')} value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
        <select aria-label={t('units.statusFilter')} value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as UnitStatus | '' })}>
          <option value="">{t('units.allStatuses')}</option>
          {UNIT_STATUSES.map((s) => <option key={s} value={s}>{t(`unitStatus.${s}`)}</option>)}
        </select>
        <select aria-label={t('units.tierFilter')} value={filter.tier} onChange={(e) => setFilter({ ...filter, tier: e.target.value as Tier | '' })}>
          <option value="">{t('units.allTiers')}</option>
          {TIERS.map((s) => <option key={s} value={s}>{t(`tier.${s}`)}</option>)}
        </select>
        <span className="muted" data-testid="unit-count">{t('units.count', { shown, total })}</span>
      </div>
      {error && <p className="error" role="alert">{t('incident.refused', { message: error })}</p>}
      {TIERS.filter((tier) => groups.some((g) => g.station.tier === tier)).map((tier) => (
        <div key={tier} className="tier-group">
          <h3>{t(`tier.${tier}`)}</h3>
          {groups.filter((g) => g.station.tier === tier).map(({ station, units }) => {
            const isOpen = expandAll || open.has(station.id);
            const available = units.filter((u) => AVAILABLE.has(u.status)).length;
            return (
              <div key={station.id} className="station-group" data-testid="station-group" data-id={station.id}>
                <button type="button" className="station-head" aria-expanded={isOpen}
                  onClick={() => setOpen((o) => { const n = new Set(o); if (n.has(station.id)) n.delete(station.id); else n.add(station.id); return n; })}>
                  <span className="dot" style={{ background: stationColour(station) }} />
                  {lang.startsWith('zh') ? station.nameZh : station.name}
                  <span className="muted">{t('units.available', { available, total: units.length })}</span>
                  {props.board!.commsOut.includes(station.id) && <span className="error"> ⚡</span>}
                </button>
                {isOpen && (
                  <ul className="unit-rows">
                    {units.map((u) => {
                      if (rows++ >= ROW_LIMIT) return null;
                      return (
                        <li key={u.id} data-testid="unit-row" data-id={u.id} data-status={u.status} className={u.id === props.selectedUnitId ? 'selected' : ''}>
                          <button type="button" className="link" onClick={() => props.onSelectUnit(u.id)}>
                            <span className="dot" style={{ background: STATUS_COLOURS[u.status] }} />
                            {ctx.unitLabel(u.id, lang)} <span className="muted">{ctx.map.unitTypes[u.type]?.[lang.startsWith('zh') ? 'zh' : 'en'] ?? u.type}</span>
                          </button>
                          {/* 断网: the board keeps the unit's last reported status; what it does now is not known. */}
                          <span>{props.board!.commsOut.includes(u.stationId) ? <span className="error" data-testid="unit-no-contact">{t('units.noContact', { status: t(`unitStatus.${u.status}`) })}</span> : isStopped(u) ? t('incident.stopped') : t(`unitStatus.${u.status}`)}{u.incidentId ? ` → ${u.incidentId}` : ''}{u.outOfServiceReason ? ` (${t(`oosReason.${u.outOfServiceReason}`, { defaultValue: u.outOfServiceReason })})` : ''}</span>
                          {ctx.rights.dispatch && u.status === 'outOfService' && (
                            <button type="button" className="small" disabled={busy} onClick={() => void run({ type: 'SET_UNIT_IN_SERVICE', unitId: u.id })}>{t('units.inService')}</button>
                          )}
                          {ctx.rights.dispatch && AVAILABLE.has(u.status) && (
                            <button type="button" className="small" disabled={busy} onClick={() => void run({ type: 'SET_UNIT_OUT_OF_SERVICE', unitId: u.id, reason: 'maintenance' })}>{t('units.outOfService')}</button>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </section>
  );
}
