// The recommendation (调派建议) as a table: unit with its station, ETA (hours kept), and the doctrine
// rule that put it there (辖区站, 就近调度, 专业优先, 梯次增援, 夜间加强…) in the UI language, with
// the rule's explanation as the tooltip. Units are listed by ETA.
import type { ReactNode } from 'react';
import type { RecommendedUnit } from '../../../shared/recommendation.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { formatEta } from '../domain-view.ts';
import { ruleOf } from '../dispatch-rule.ts';

export function ReasonCell({ reason }: { reason: RecommendedUnit['reason'] }): ReactNode {
  const { t } = useNames();
  const r = ruleOf(reason);
  const fills = r.fills ? t(`need.${r.fills}`, { defaultValue: r.fills }) : '';
  const hint = t(`ruleHint.${r.rule}`, { fills, vsNearest: r.vsNearest ?? '', localEta: r.localEta ?? '' });
  return (
    <td title={hint} data-rule={r.rule}>
      <strong>{t(`rule.${r.rule}`)}</strong>{fills && r.rule !== 'minFirefighters' && r.rule !== 'minStations' ? <span className="muted"> · {fills}</span> : null}
    </td>
  );
}

export function RecommendationTable(props: { units: readonly RecommendedUnit[]; picked: ReadonlySet<string>; onPick(unitId: string, on: boolean): void }): ReactNode {
  const ctx = useBoard();
  const { t, lang } = useNames();
  const rows = [...props.units].sort((a, b) => a.etaSec - b.etaSec);
  return (
    <table className="recs" data-testid="recommendation">
      <thead><tr><th /><th>{t('incident.unit')}</th><th>{t('incident.eta')}</th><th>{t('incident.reason')}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.unitId} data-testid="rec-row" data-id={r.unitId} data-eta={r.etaSec}>
            <td>
              <input type="checkbox" aria-label={t('incident.pickUnit', { unit: ctx.unitLabel(r.unitId, lang) })} data-unit={r.unitId} checked={props.picked.has(r.unitId)} onChange={(e) => props.onPick(r.unitId, e.target.checked)} />
            </td>
            <td>{ctx.unitLabel(r.unitId, lang)} <span className="muted">{ctx.map.unitTypes[r.type]?.[lang.startsWith('zh') ? 'zh' : 'en'] ?? r.type} · {ctx.stationName(r.stationId, lang)}</span></td>
            <td className="num">{formatEta(r.etaSec)}</td>
            <ReasonCell reason={r.reason} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
