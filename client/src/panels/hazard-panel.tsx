// The hazards panel of the board (issue 10 §4): for each hazard of the drill what the model says now
// (a release's wind, stability, zone lengths and people by level of concern; a flood's level, extent,
// boat-only area, stranded people and closed roads), the model's limits as warnings, and the
// evacuations under way with their progress (how far through their time for everyone; the people
// still inside, the hidden truth, on the controller's board only). A commander or controller draws
// an area to evacuate on the map (evacuation-draw.tsx) or evacuates a circle around a release's
// source or a flood's deepest cell (EVACUATE_AREA); the controller shifts the wind, stops or
// restarts a release and raises or lowers the water (a hazard inject written and fired now, through
// the drill script like every inject). Only shown when the drill has hazards. Texts: hazard.* of the
// board's i18n files.
import { useState, type ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { LatLon } from '../../../shared/geo.ts';
import type { BoardHazard } from '../../../shared/board-state.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import { useCommand } from './use-command.ts';
import { ZONE_COLOURS } from '../map/draw-hazard-zones.ts';
import type { AreaDraft } from '../map/area-draft.ts';
import { EvacuationDraw, type EstimateArea } from './evacuation-draw.tsx';
import { evacuationTimeShare } from './evacuation-view.ts';

function evacuationCentre(h: BoardHazard): LatLon | undefined {
  if (h.zones?.kind === 'chemical-release') return h.zones.erg.center;
  const z = h.zones;
  if (z?.kind === 'flood' && z.grid && z.cells.length > 0) {
    const g = z.grid;
    const deepest = z.cells.reduce((a, b) => (b.maxDepthM > a.maxDepthM ? b : a));
    return [g.south + (deepest.r + 0.5) * g.cellLat, g.west + (deepest.c + 0.5) * g.cellLon];
  }
  return h.location;
}

export interface HazardPanelProps {
  board: BoardState;
  now: number;
  live: boolean;
  /** The evacuation area being drawn, and where its estimate comes from (the board page owns both). */
  draft?: AreaDraft;
  onDraft?(d: AreaDraft | undefined): void;
  estimate?: EstimateArea;
}

export function HazardPanel(props: HazardPanelProps): ReactNode {
  const { rights } = useBoard();
  const { t, lang } = useNames();
  const zh = lang.startsWith('zh');
  const { run, busy, error } = useCommand();
  const [radiusM, setRadiusM] = useState(1000);
  const [wind, setWind] = useState({ fromDeg: 180, speedMS: 3 });
  // On a small screen the details cover the map: they fold away (the evacuations and the tool stay).
  const [folded, setFolded] = useState(false);
  const tx = (k: string): string => t(`hazard.${k}`);
  const hazards = Object.values(props.board.hazards ?? {});
  if (hazards.length === 0) return null;
  const canEvacuate = props.live && (rights.dispatch || rights.control);
  const inject = (hazard: Record<string, unknown>) => void run({ type: 'ADD_INJECT', inject: { kind: 'hazard', at: Math.ceil(props.now / 1000), hazard } });
  const evacuations = Object.values(props.board.evacuations ?? {});
  return (
    <div className="map-panel hazard-panel" data-testid="hazard-panel">
      <h3>
        {tx('title')}{' '}
        <button type="button" className="small link" aria-expanded={!folded} data-testid="hazard-fold" onClick={() => setFolded(!folded)}>{folded ? tx('show') : tx('hide')}</button>
      </h3>
      {canEvacuate && props.onDraft && props.estimate && hazards.some((h) => !h.cleared) && (
        <EvacuationDraw {...(props.draft ? { draft: props.draft } : {})} onDraft={props.onDraft} estimate={props.estimate} />
      )}
      {/* Evacuations first: what the commander ordered, and for the controller who is still inside. */}
      {!props.draft && evacuations.length > 0 && (
        <>
          <h4>{tx('evacuations')}</h4>
          <ul>
            {evacuations.map((ev) => {
              const share = evacuationTimeShare(ev, props.now);
              return (
                <li key={ev.id} data-testid="evacuation-row" data-id={ev.id} data-done={ev.done}
                  {...(ev.peopleInside === undefined ? {} : { 'data-people-inside': ev.peopleInside })}>
                  {t('hazard.evacRow', { id: ev.id, at: formatElapsed(ev.orderedAt) })}
                  {!ev.done && ev.people !== undefined && <> · {t('hazard.evacPeople', { people: ev.people })}</>}
                  {' → '}
                  {ev.done ? `${tx('evacDone')} (${t('hazard.evacMoved', { people: ev.people ?? 0 })})` : ev.doneAt !== undefined ? `${tx('evacUntil')} T+${formatElapsed(ev.doneAt)}` : '…'}
                  {!ev.done && (
                    <div>
                      <progress max={100} value={Math.round(share * 100)} aria-label={t('hazard.evacProgress', { percent: Math.round(share * 100) })} data-testid="evacuation-progress" />{' '}
                      {t('hazard.evacProgress', { percent: Math.round(share * 100) })}
                    </div>
                  )}
                  {ev.peopleInside !== undefined && !ev.done && (
                    <div className="hidden-truth" data-testid="evacuation-inside" title={tx('truthTag')}>
                      {t('hazard.evacInside', { inside: ev.peopleInside, people: ev.people ?? '?' })} <span className="muted">({tx('truthTag')})</span>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {/* While an area is drawn the panel keeps to the tool, so it hides as little of the map as it can. */}
      {!props.draft && !folded && hazards.map((h) => {
        const z = h.zones;
        const centre = evacuationCentre(h);
        return (
          <section key={h.id} data-testid="hazard-row" data-id={h.id} data-kind={h.kind}>
            <h4>{tx(h.kind)} · {h.id}{h.substanceId ? ` · ${t(`hazard.substance.${h.substanceId}`, { defaultValue: h.substanceId })}` : ''}{h.cleared ? ` · ${tx('cleared')}` : ''}</h4>
            {z?.kind === 'chemical-release' && (
              <>
                <p data-testid="hazard-wind">{tx('wind')} {z.windFromDeg}° {z.windMS} m/s · {z.stability} · {t(`hazard.terrain.${z.terrain}`, { defaultValue: z.terrain })}</p>
                <ul className="hazard-zones">
                  {z.threat.map((t) => (
                    <li key={t.level} data-testid="hazard-zone" data-level={t.level}>
                      <span className="swatch" style={{ background: ZONE_COLOURS[t.level] }} /> {t.basis} {t.ppm} ppm: {Math.round(t.lengthM)} × {Math.round(t.widthM)} m
                    </li>
                  ))}
                  <li>{tx('erg')} {z.erg.isolationM} m ({z.erg.edition})</li>
                </ul>
                <p>{tx('people')}: L3 {z.peopleByLevel.level3} · L2 {z.peopleByLevel.level2} · L1 {z.peopleByLevel.level1}</p>
                <ul className="hazard-warnings">
                  {z.warnings.map((w) => <li key={w.code} data-testid="hazard-warning" data-code={w.code} role="note" title={w.message}>⚠ {zh ? t(`hazard.warning.${w.code}`, { defaultValue: w.message }) : w.message}</li>)}
                </ul>
              </>
            )}
            {z?.kind === 'flood' && (
              <p data-testid="hazard-flood">
                {tx('level')} {z.levelM} m · {tx('flooded')} {z.floodedAreaKm2} km² · {tx('boatOnly')} {z.boatOnlyAreaKm2} km² · {tx('stranded')} {z.stranded} · {tx('closedRoads')} {z.closedRoadKm} km
              </p>
            )}
            {canEvacuate && centre && !h.cleared && (
              <p>
                <button type="button" className="small" disabled={busy} data-testid="evacuate-area"
                  onClick={() => void run({ type: 'EVACUATE_AREA', area: { kind: 'circle', center: centre, radiusM }, note: `${h.id}: ${radiusM} m` })}>
                  {tx('evacuate')} {radiusM} m
                </button>
                <input type="number" min={100} max={20000} step={100} value={radiusM} aria-label={tx('radius')} onChange={(e) => setRadiusM(Number(e.target.value) || 1000)} />
              </p>
            )}
            {props.live && rights.control && h.kind === 'chemical-release' && (
              <p>
                <button type="button" className="small" disabled={busy} data-testid="hazard-stop" onClick={() => inject({ action: 'release-stop', hazardId: h.id })}>{tx('stop')}</button>
                <button type="button" className="small" disabled={busy} data-testid="hazard-restart" onClick={() => inject({ action: 'release-start', hazardId: h.id })}>{tx('restart')}</button>
              </p>
            )}
            {props.live && rights.control && h.kind === 'flood' && (
              <p>
                <button type="button" className="small" disabled={busy} data-testid="water-up" onClick={() => inject({ action: 'water-level', hazardId: h.id, deltaM: 0.5 })}>{tx('raise')}</button>
                <button type="button" className="small" disabled={busy} data-testid="water-down" onClick={() => inject({ action: 'water-level', hazardId: h.id, deltaM: -0.5 })}>{tx('lower')}</button>
              </p>
            )}
          </section>
        );
      })}
      {!props.draft && !folded && props.live && rights.control && hazards.some((h) => h.kind === 'chemical-release') && (
        <p>
          <input type="number" min={0} max={360} value={wind.fromDeg} aria-label={tx('windFrom')} onChange={(e) => setWind({ ...wind, fromDeg: Number(e.target.value) })} />°
          <input type="number" min={0} max={30} step={0.5} value={wind.speedMS} aria-label={tx('windSpeed')} onChange={(e) => setWind({ ...wind, speedMS: Number(e.target.value) })} /> m/s
          <button type="button" className="small" disabled={busy} data-testid="wind-shift" onClick={() => inject({ action: 'wind-shift', wind })}>{tx('windShift')}</button>
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
