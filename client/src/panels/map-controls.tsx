// Small map-side panels: layer toggles with the legend, the settings dialog (optional tile URL, kept
// in localStorage) and the keyboard-shortcut help overlay.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADE_INFO } from '../../../shared/domain/grades.ts';
import { UNIT_STATUSES } from '../../../shared/domain/status.ts';
import { TIERS } from '../../../shared/domain/forces.ts';
import { COVERAGE_LAYER_KEYS, LAYER_KEYS, type LayerKey } from '../map/board-map.tsx';
import { MICRO_COLOUR, STATUS_COLOURS, TIER_COLOURS } from '../domain-view.ts';

export const TILE_URL_KEY = 'fire-sim.tileUrl';

export function defaultLayers(): Record<LayerKey, boolean> {
  const off: readonly LayerKey[] = COVERAGE_LAYER_KEYS;
  return Object.fromEntries(LAYER_KEYS.map((k) => [k, !off.includes(k)])) as Record<LayerKey, boolean>;
}

export function LayerPanel(props: { layers: Record<LayerKey, boolean>; onChange(l: Record<LayerKey, boolean>): void }): ReactNode {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const zh = i18n.language.startsWith('zh');
  return (
    <div className="map-panel layers" data-testid="layer-panel">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>{t('layers.title')}</button>
      {open && (
        <div>
          {LAYER_KEYS.map((k) => (
            <label key={k} className="layer-toggle">
              <input type="checkbox" data-layer={k} checked={props.layers[k]} onChange={(e) => props.onChange({ ...props.layers, [k]: e.target.checked })} /> {t(`layers.${k}`)}
            </label>
          ))}
          <div className="legend">
            {Object.values(GRADE_INFO).map((g) => <span key={g.hex}><i style={{ background: g.hex }} />{zh ? g.zh : g.en}</span>)}
          </div>
          <div className="legend">
            {UNIT_STATUSES.map((s) => <span key={s}><i className="round" style={{ background: STATUS_COLOURS[s] }} />{t(`unitStatus.${s}`)}</span>)}
          </div>
          <div className="legend">
            {TIERS.map((s) => <span key={s}><i className="round" style={{ background: TIER_COLOURS[s] }} />{t(`tier.${s}`)}</span>)}
            <span><i className="round" style={{ background: MICRO_COLOUR }} />{t('tier.micro')}</span>
          </div>
        </div>
      )}
    </div>
  );
}

export function SettingsDialog(props: { tileUrl: string; onSave(url: string): void; onClose(): void }): ReactNode {
  const { t } = useTranslation();
  const [url, setUrl] = useState(props.tileUrl);
  return (
    <div className="overlay" role="dialog" aria-label={t('app.settings')}>
      <form className="dialog" onSubmit={(e) => { e.preventDefault(); props.onSave(url.trim()); }}>
        <h2>{t('app.settings')}</h2>
        <label className="field"><span>{t('settings.tileUrl')}</span><input value={url} onChange={(e) => setUrl(e.target.value)} /></label>
        <p className="muted">{t('settings.tileHint')}</p>
        <div className="actions">
          <button type="submit" className="primary">{t('settings.save')}</button>
          <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}

export const SHORTCUTS: [key: string, help: string][] = [
  ['A', 'help.accept'],
  ['D', 'help.dispatch'],
  ['R', 'help.raise'],
  ['/', 'help.search'],
  ['Space', 'help.space'],
  ['Esc', 'help.escape'],
  ['?', 'help.help'],
];

export function ShortcutsHelp({ onClose }: { onClose(): void }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="overlay" role="dialog" aria-label={t('help.title')} onClick={onClose} data-testid="shortcuts-help">
      <div className="dialog">
        <h2>{t('help.title')}</h2>
        <table>
          <tbody>{SHORTCUTS.map(([k, h]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{t(h)}</td></tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}
