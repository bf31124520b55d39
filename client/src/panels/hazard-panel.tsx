// The hazards panel of the board (issue 10 §4): for each hazard of the drill what the model says now
// (a release's wind, stability, zone lengths and people by level of concern; a flood's level, extent,
// boat-only area, stranded people and closed roads), the model's limits as warnings, and the
// evacuations under way with their end. A commander or controller orders the evacuation of a circle
// around a release's source or a flood's deepest cell (EVACUATE_AREA); the controller shifts the
// wind, stops or restarts a release and raises or lowers the water (a hazard inject written and
// fired now, through the drill script like every inject). Only shown when the drill has hazards.
// Texts are in this file (zh / en) so that the shared dictionaries stay untouched by the hazard layer.
import { useState, type ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { LatLon } from '../../../shared/geo.ts';
import type { BoardHazard } from '../../../shared/board-state.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import { useCommand } from './use-command.ts';
import { ZONE_COLOURS } from '../map/draw-hazard-zones.ts';

const TEXT = {
  title: { zh: '灾害态势', en: 'Hazards' },
  cleared: { zh: '已消散', en: 'cleared' },
  flood: { zh: '洪水', en: 'Flood' },
  'chemical-release': { zh: '化学品泄漏', en: 'Chemical release' },
  wind: { zh: '风', en: 'wind' },
  people: { zh: '区内人数', en: 'people inside' },
  level: { zh: '水位', en: 'level' },
  flooded: { zh: '淹没', en: 'flooded' },
  boatOnly: { zh: '仅舟艇可达', en: 'boats only' },
  stranded: { zh: '被困', en: 'stranded' },
  closedRoads: { zh: '封闭道路', en: 'roads closed' },
  evacuate: { zh: '疏散半径内人员', en: 'Evacuate within' },
  evacuations: { zh: '疏散', en: 'Evacuations' },
  evacDone: { zh: '已完成', en: 'done' },
  evacUntil: { zh: '预计完成', en: 'done by' },
  windShift: { zh: '改变风向风速', en: 'Set the wind' },
  stop: { zh: '停止泄漏', en: 'Stop release' },
  restart: { zh: '重新泄漏', en: 'Restart release' },
  raise: { zh: '水位 +0.5 m', en: 'Water +0.5 m' },
  lower: { zh: '水位 −0.5 m', en: 'Water −0.5 m' },
  erg: { zh: 'ERG 初始隔离', en: 'ERG isolation' },
} as const;

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

export function HazardPanel(props: { board: BoardState; now: number; live: boolean }): ReactNode {
  const { rights } = useBoard();
  const { lang } = useNames();
  const { run, busy, error } = useCommand();
  const [radiusM, setRadiusM] = useState(1000);
  const [wind, setWind] = useState({ fromDeg: 180, speedMS: 3 });
  const tx = (k: keyof typeof TEXT): string => (lang.startsWith('zh') ? TEXT[k].zh : TEXT[k].en);
  const hazards = Object.values(props.board.hazards ?? {});
  if (hazards.length === 0) return null;
  const canEvacuate = props.live && (rights.dispatch || rights.control);
  const inject = (hazard: Record<string, unknown>) => void run({ type: 'ADD_INJECT', inject: { kind: 'hazard', at: Math.ceil(props.now / 1000), hazard } });
  const evacuations = Object.values(props.board.evacuations ?? {});
  return (
    <div className="map-panel hazard-panel" data-testid="hazard-panel">
      <h3>{tx('title')}</h3>
      {hazards.map((h) => {
        const z = h.zones;
        const centre = evacuationCentre(h);
        return (
          <section key={h.id} data-testid="hazard-row" data-id={h.id} data-kind={h.kind}>
            <h4>{tx(h.kind)} · {h.id}{h.substanceId ? ` · ${h.substanceId}` : ''}{h.cleared ? ` · ${tx('cleared')}` : ''}</h4>
            {z?.kind === 'chemical-release' && (
              <>
                <p data-testid="hazard-wind">{tx('wind')} {z.windFromDeg}° {z.windMS} m/s · {z.stability} · {z.terrain}</p>
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
                  {z.warnings.map((w) => <li key={w.code} data-testid="hazard-warning" data-code={w.code} role="note">⚠ {w.message}</li>)}
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
                <input type="number" min={100} max={20000} step={100} value={radiusM} aria-label="radius m" onChange={(e) => setRadiusM(Number(e.target.value) || 1000)} />
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
      {props.live && rights.control && hazards.some((h) => h.kind === 'chemical-release') && (
        <p>
          <input type="number" min={0} max={360} value={wind.fromDeg} aria-label="wind from deg" onChange={(e) => setWind({ ...wind, fromDeg: Number(e.target.value) })} />°
          <input type="number" min={0} max={30} step={0.5} value={wind.speedMS} aria-label="wind m/s" onChange={(e) => setWind({ ...wind, speedMS: Number(e.target.value) })} /> m/s
          <button type="button" className="small" disabled={busy} data-testid="wind-shift" onClick={() => inject({ action: 'wind-shift', wind })}>{tx('windShift')}</button>
        </p>
      )}
      {evacuations.length > 0 && (
        <>
          <h4>{tx('evacuations')}</h4>
          <ul>
            {evacuations.map((ev) => (
              <li key={ev.id} data-testid="evacuation-row" data-id={ev.id} data-done={ev.done}>
                {ev.id}: T+{formatElapsed(ev.orderedAt)} → {ev.done ? `${tx('evacDone')} (${ev.people ?? 0})` : ev.doneAt !== undefined ? `${tx('evacUntil')} T+${formatElapsed(ev.doneAt)}` : '…'}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
