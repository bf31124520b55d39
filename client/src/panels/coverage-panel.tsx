// The coverage panel on the map (覆盖范围): which station's isochrones are drawn, day or night, turnout
// included or not, the legend of the bands with their areas, a plain statement of whether the times
// include turnout (出动时间) — for the bands and for the figures separately, since they are computed
// with different settings — the region's figures (5-minute rescue circle and the rest) and its gaps.
// A failed fetch is an error with a retry, never an empty panel that looks like "all covered".
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { LatLon } from '../../../shared/geo.ts';
import type { CoverageFigures, CoverageGap, StationIsochrones } from '../../../shared/schemas/coverage.ts';
import { TIERS } from '../../../shared/domain/forces.ts';
import type { MapStation } from '../../../shared/map-data.ts';
import { useBoard } from '../board-context.tsx';
import { bandColour, DEFAULT_BAND_MINUTES, GAP_COLOUR } from '../domain-view.ts';
import type { CoverageState } from '../live/use-coverage.ts';

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** The tooltip of a gap marker, also the line of the gap list. */
export function describeGap(g: CoverageGap, t: TFunction, stationName: (id: string) => string, lang: string): string {
  const place = g.place ?? g.jurisdictionId;
  const population = g.population.toLocaleString(lang);
  return g.nearestStationId && g.minutes !== null
    ? t('coverage.gap', { place, population, station: stationName(g.nearestStationId), minutes: g.minutes.toFixed(1) })
    : t('coverage.gapUnreached', { place, population });
}

export interface CoveragePanelProps {
  coverage: CoverageState;
  /** The isochrone layer is on: offer the station, the turnout switch and the legend. */
  showBands: boolean;
  /** The gaps layer is on: list the gaps. */
  showGaps: boolean;
  onFlyTo?(p: LatLon): void;
}

export function CoveragePanel({ coverage, showBands, showGaps, onFlyTo }: CoveragePanelProps): ReactNode {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const board = useBoard();
  const name = (id: string): string => board.stationName(id, lang);
  return (
    <div className="map-panel coverage" data-testid="coverage-panel">
      <h2>{t('coverage.title')}</h2>
      <div className="row" role="group" aria-label={t('coverage.timeOfDay')}>
        <button type="button" aria-pressed={coverage.time === 'day'} onClick={() => coverage.setTime('day')} data-testid="coverage-time-day">{t('coverage.day')}</button>
        <button type="button" aria-pressed={coverage.time === 'night'} onClick={() => coverage.setTime('night')} data-testid="coverage-time-night">{t('coverage.night')}</button>
      </div>
      {showBands && <BandsSection coverage={coverage} stations={board.map.stations} name={name} t={t} lang={lang} />}
      <FiguresSection coverage={coverage} showGaps={showGaps} name={name} t={t} lang={lang} onFlyTo={onFlyTo} />
    </div>
  );
}

function Failed(props: { message: string; onRetry(): void; t: TFunction }): ReactNode {
  return (
    <div className="error" role="alert" data-testid="coverage-error">
      {props.t('coverage.error', { message: props.message })}
      <button type="button" className="small" onClick={props.onRetry}>{props.t('coverage.retry')}</button>
    </div>
  );
}

function StationSelect(props: { value?: string; stations: MapStation[]; onChange(id: string | undefined): void; t: TFunction; lang: string }): ReactNode {
  const { t, lang } = props;
  const label = (s: MapStation): string => (lang.startsWith('zh') ? s.nameZh : s.name);
  const groups: [string, MapStation[]][] = [
    ...TIERS.map((tier): [string, MapStation[]] => [t(`tier.${tier}`), props.stations.filter((s) => s.tier === tier && s.kind !== 'micro')]),
    [t('tier.micro'), props.stations.filter((s) => s.kind === 'micro')],
  ];
  return (
    <label className="field">
      <span>{t('coverage.station')}</span>
      <select value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || undefined)} data-testid="coverage-station">
        <option value="">{t('coverage.pickStation')}</option>
        {groups.filter(([, list]) => list.length > 0).map(([g, list]) => (
          <optgroup key={g} label={g}>
            {[...list].sort((a, b) => label(a).localeCompare(label(b), lang)).map((s) => <option key={s.id} value={s.id}>{label(s)}</option>)}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

function BandsSection(props: { coverage: CoverageState; stations: MapStation[]; name(id: string): string; t: TFunction; lang: string }): ReactNode {
  const { coverage, t, lang } = props;
  const { value: iso, error, loading } = coverage.isochrones;
  return (
    <section data-testid="coverage-bands-section">
      <StationSelect value={coverage.stationId} stations={props.stations} onChange={coverage.select} t={t} lang={lang} />
      <label className="inline">
        <input type="checkbox" checked={coverage.turnout} onChange={(e) => coverage.setTurnout(e.target.checked)} data-testid="coverage-turnout-switch" />
        {t('coverage.turnoutSwitch')}
      </label>
      {!coverage.stationId && <p className="muted">{t('coverage.pickHint')}</p>}
      {loading && <p className="muted" data-testid="coverage-loading">{t('coverage.loadingBands')}</p>}
      {error && <Failed message={error} onRetry={coverage.retry} t={t} />}
      {iso && <TurnoutStatement iso={iso} t={t} />}
      <Legend iso={iso} t={t} lang={lang} />
    </section>
  );
}

/** Says what the drawn times count, from the server's answer (not from the switch, which may be ahead of it). */
function TurnoutStatement({ iso, t }: { iso: StationIsochrones; t: TFunction }): ReactNode {
  return (
    <p className="coverage-turnout" data-testid="coverage-turnout" data-included={String(iso.turnoutIncluded)}>
      {iso.turnoutIncluded ? t('coverage.turnoutIncluded', { seconds: Math.round(iso.turnoutSeconds) }) : t('coverage.turnoutExcluded')}
    </p>
  );
}

function Legend({ iso, t, lang }: { iso?: StationIsochrones; t: TFunction; lang: string }): ReactNode {
  const rows = iso
    ? [...iso.bands].sort((a, b) => a.minutes - b.minutes).map((b) => ({ minutes: b.minutes, area: b.areaKm2 as number | undefined }))
    : DEFAULT_BAND_MINUTES.map((minutes) => ({ minutes, area: undefined as number | undefined }));
  return (
    <div className="legend coverage-legend" data-testid="coverage-legend" data-count={iso ? iso.bands.length : 0}>
      {rows.map((r, rank) => (
        <span key={r.minutes} data-testid="coverage-band" data-minutes={r.minutes}>
          <i style={{ background: bandColour(rank) }} />
          {t('coverage.minutes', { minutes: r.minutes })}
          {r.area !== undefined && <span className="muted"> · {t('coverage.area', { area: r.area.toLocaleString(lang, { maximumFractionDigits: 1 }) })}</span>}
        </span>
      ))}
    </div>
  );
}

function FiguresSection(props: { coverage: CoverageState; showGaps: boolean; name(id: string): string; t: TFunction; lang: string; onFlyTo?(p: LatLon): void }): ReactNode {
  const { coverage, t, lang } = props;
  const { value: f, error, loading } = coverage.figures;
  return (
    <section data-testid="coverage-figures-section">
      <h3>{t('coverage.figuresTitle', { time: t(`coverage.${coverage.time}`) })}</h3>
      {loading && <p className="muted" data-testid="coverage-figures-loading">{t('coverage.loadingFigures')}</p>}
      {error && <Failed message={error} onRetry={coverage.retry} t={t} />}
      {f && <Figures f={f} t={t} lang={lang} />}
      {f && props.showGaps && <GapList gaps={f.gaps} name={props.name} t={t} lang={lang} onFlyTo={props.onFlyTo} />}
    </section>
  );
}

function Figures({ f, t, lang }: { f: CoverageFigures; t: TFunction; lang: string }): ReactNode {
  const rows: [id: string, label: string, value: string][] = [
    ['pop5', t('coverage.pop5'), pct(f.populationWithin5min)],
    ['builtUp5', t('coverage.builtUp5'), pct(f.builtUpWithin5min)],
    ['micro3', t('coverage.micro3'), pct(f.microPopulationWithin3min)],
    ['township', t('coverage.township', { minutes: f.townshipTargetMinutes }), pct(f.townshipPopulationWithinTarget)],
  ];
  return (
    <div data-testid="coverage-figures">
      <p className="coverage-turnout" data-testid="coverage-figures-turnout" data-included={String(f.turnoutIncluded)}>
        {f.turnoutIncluded ? t('coverage.figuresTurnoutIncluded') : t('coverage.figuresTurnoutExcluded')}
      </p>
      <table className="coverage-figures">
        <tbody>
          {rows.map(([id, label, value]) => (
            <tr key={id}><td>{label}</td><td className="num" data-testid={`coverage-${id}`}>{value}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('coverage.uncovered', { people: f.uncoveredPopulation.toLocaleString(lang) })}</p>
    </div>
  );
}

function GapList(props: { gaps: CoverageGap[]; name(id: string): string; t: TFunction; lang: string; onFlyTo?(p: LatLon): void }): ReactNode {
  const { t } = props;
  return (
    <div data-testid="coverage-gaps">
      <h3><i className="gap-swatch" style={{ borderColor: GAP_COLOUR }} />{t('coverage.gapsTitle', { n: props.gaps.length })}</h3>
      {props.gaps.length === 0 ? <p className="muted">{t('coverage.noGaps')}</p> : (
        <ol className="coverage-gap-list">
          {props.gaps.map((g) => (
            <li key={`${g.lat},${g.lon}`} data-testid="coverage-gap">
              <button type="button" className="link" onClick={() => props.onFlyTo?.([g.lat, g.lon])}>{describeGap(g, t, props.name, props.lang)}</button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
