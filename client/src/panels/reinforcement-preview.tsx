// Request reinforcement (请求增援) with a preview: the commander sees and chooses what will be asked
// for before anything moves. It starts from what the next grade's run card still lacks against the
// units assigned (the engine's default, which once sent 23 units at once), one line per capability
// with its vehicle count; lines can be changed or removed and capabilities added. Nothing is sent
// until "Request" is pressed; the command then names exactly these needs.
import { useState, type ReactNode } from 'react';
import type { BoardIncident, BoardState } from '../../../shared/board-state.ts';
import { CAPABILITIES, type Capability } from '../../../shared/domain/forces.ts';
import type { Grade } from '../../../shared/domain/grades.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { requirementVsAssigned } from '../domain-view.ts';

export interface NeedLine { capability: Capability; vehicles: number }

/** What the next grade's card adds over what is assigned: the starting point of the preview. */
export function defaultReinforcement(inc: BoardIncident, board: BoardState, map: ReturnType<typeof useBoard>['map']): NeedLine[] {
  const next = Math.min(5, (inc.grade ?? inc.reportedGrade) + 1) as Grade;
  const rows = requirementVsAssigned({ ...inc, grade: next }, board, map);
  const lines = new Map<Capability, number>();
  for (const r of rows) {
    if (r.need === 'firefighters' || r.need === 'stations') continue;
    const missing = r.required - r.assigned;
    if (missing > 0) lines.set(r.need, (lines.get(r.need) ?? 0) + missing);
  }
  return [...lines].map(([capability, vehicles]) => ({ capability, vehicles }));
}

export function ReinforcementPreview(props: { incident: BoardIncident; board: BoardState; busy: boolean; onRequest(needs: NeedLine[]): void; onClose(): void }): ReactNode {
  const ctx = useBoard();
  const { t } = useNames();
  const [lines, setLines] = useState<NeedLine[]>(() => defaultReinforcement(props.incident, props.board, ctx.map));
  const [adding, setAdding] = useState<Capability | ''>('');
  const total = lines.reduce((s, l) => s + l.vehicles, 0);
  const set = (i: number, vehicles: number): void => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, vehicles } : l)).filter((l) => l.vehicles > 0));
  return (
    <div className="preview" role="dialog" aria-label={t('reinforce.title')} data-testid="reinforcement-preview">
      <h3>{t('reinforce.title')}</h3>
      <p className="muted">{t('reinforce.hint')}</p>
      {lines.length === 0 && <p className="muted">{t('reinforce.empty')}</p>}
      <ul>
        {lines.map((l, i) => (
          <li key={l.capability} data-testid="reinforce-line" data-need={l.capability}>
            {t(`need.${l.capability}`)} ×
            <input type="number" min={0} max={20} value={l.vehicles} aria-label={t(`need.${l.capability}`)} style={{ width: '4em' }} onChange={(e) => set(i, Math.max(0, Math.min(20, Number(e.target.value) || 0)))} />
            <button type="button" className="small" onClick={() => set(i, 0)}>{t('reinforce.remove')}</button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <select value={adding} onChange={(e) => setAdding(e.target.value as Capability | '')} aria-label={t('reinforce.add')}>
          <option value="">{t('reinforce.add')}…</option>
          {CAPABILITIES.filter((c) => !lines.some((l) => l.capability === c)).map((c) => <option key={c} value={c}>{t(`need.${c}`)}</option>)}
        </select>
        <button type="button" className="small" disabled={!adding} onClick={() => { if (adding) setLines((ls) => [...ls, { capability: adding, vehicles: 1 }]); setAdding(''); }}>+</button>
      </div>
      <p data-testid="reinforce-total">{t('reinforce.total', { count: total })}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={props.busy || total === 0} data-testid="reinforce-confirm" onClick={() => props.onRequest(lines)}>{t('reinforce.request', { count: total })}</button>
        <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
