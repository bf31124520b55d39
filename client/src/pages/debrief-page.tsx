// The debrief page (复盘), opened with `?debrief=<exercise-id>` after joining (the code stays in this
// tab): a replay scrubber that drives the board's own map and panels (calls, incidents and their
// detail, units, closures and outages in force, the event log) with the state at the chosen moment,
// read-only; and the after-action report as the server renders it (the page the PDF prints), with
// the PDF to download. Controllers and observers may open it at any time, commanders once the drill
// is over (the server says so when it refuses). The controller may fork the drill live at the moment
// shown ("what if"): a new exercise paused there, which the players continue on the board.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionMap } from '../../../shared/map-data.ts';
import type { BoardIncident } from '../../../shared/board-state.ts';
import type { ExerciseStatus, JoinRole } from '../../../shared/live.ts';
import { BoardStore } from '../live/board-store.ts';
import type { LiveActions } from '../live/connection.ts';
import { fetchEvents, fetchRegionMap, getJson } from '../live/rest.ts';
import { useLiveState } from '../live/use-live.ts';
import { BoardProvider } from '../board-context.tsx';
import { rightsOf } from '../roles.ts';
import { setLanguage } from '../i18n/i18n.ts';
import { BoardMap, flyTo, type LayerKey } from '../map/board-map.tsx';
import { useStationLabels } from '../map/station-labels.ts';
import { ClockBar } from '../panels/clock-bar.tsx';
import { CallsQueue } from '../panels/calls-queue.tsx';
import { IncidentList } from '../panels/incident-list.tsx';
import { IncidentDetail } from '../panels/incident-detail.tsx';
import { UnitBoard } from '../panels/unit-board.tsx';
import { EventLog } from '../panels/event-log.tsx';
import { ActiveDisruptions } from '../panels/active-disruptions.tsx';
import { defaultLayers, LayerPanel } from '../panels/map-controls.tsx';
import { useReplay } from '../debrief/use-replay.ts';
import { useLiveEnd } from '../debrief/use-live-end.ts';
import { ReplayBar } from '../debrief/replay-bar.tsx';
import { ReportView } from '../debrief/report-view.tsx';
import { ForkDialog } from '../debrief/fork-dialog.tsx';

/** What GET /api/exercises/:id tells the debrief. */
interface ExerciseView { id: string; name: string; regionId: string; role: JoinRole; status: ExerciseStatus; startIso: string; endsAt: number }

const TICK_MS = 250;

/** The moment to open at: `at` in the address (sim ms), else the start. */
function initialMoment(): number {
  const at = Number(new URLSearchParams(globalThis.location?.search ?? '').get('at'));
  return Number.isFinite(at) && at > 0 ? Math.floor(at) : 0;
}

function keepMomentInAddress(at: number): void {
  const loc = globalThis.location;
  if (!loc || !globalThis.history) return;
  const params = new URLSearchParams(loc.search);
  if (params.get('at') === String(at)) return;
  params.set('at', String(at));
  globalThis.history.replaceState(globalThis.history.state, '', `${loc.pathname}?${params.toString()}${loc.hash}`);
}

export function DebriefPage({ code, exerciseId }: { code: string; exerciseId: string }): ReactNode {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const store = useMemo(() => new BoardStore(), [exerciseId, code]);
  const [exercise, setExercise] = useState<ExerciseView>();
  const [mapData, setMapData] = useState<RegionMap>();
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    getJson<ExerciseView>(`/api/exercises/${encodeURIComponent(exerciseId)}`, code).then(setExercise, (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, [exerciseId, code]);
  useEffect(() => {
    if (exercise) fetchRegionMap(exercise.regionId).then(setMapData, (e: unknown) => setLoadError(String(e)));
  }, [exercise?.regionId]);

  // The moment shown is kept in the address (`&at=<sim ms>`): a reload, or the link sent to someone, opens there.
  const [at, setAt] = useState(initialMoment);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (playing) return;
    // Once the slider rests: history.replaceState cost ~4 ms a move in the jump's path (profile).
    const timer = setTimeout(() => keepMomentInAddress(at), 250);
    return () => clearTimeout(timer);
  }, [at, playing]);
  const [speed, setSpeed] = useState(60);
  const replay = useReplay(store, exerciseId, code, at, { playing, speed, startIso: exercise?.startIso ?? '', endsAt: exercise?.endsAt ?? 0 });
  // A drill still going (the controller's scrubber): the slider's end follows its clock, not only the
  // last answer's end (which moved on only when the user sought).
  const liveEnd = useLiveEnd(exerciseId, code, exercise?.status);
  const endsAt = Math.max(replay.reply?.endsAt ?? 0, liveEnd ?? 0);
  const endsAtRef = useRef(endsAt);
  endsAtRef.current = endsAt;
  useEffect(() => {
    if (!playing) return;
    // Playback: every tick moves the moment on by speed × the tick; it stops at the end (read through
    // a ref: a following end must not restart the timer twice a second).
    const timer = setInterval(() => setAt((a) => {
      const end = endsAtRef.current;
      const next = Math.min(a + speed * TICK_MS, end);
      if (next >= end) setPlaying(false);
      return next;
    }), TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed]);

  const live = useLiveState(store);
  const board = live.board;
  const [view, setView] = useState<'board' | 'report'>('board');
  const [selectedIncidentId, setSelectedIncidentId] = useState<string>();
  const [selectedUnitId, setSelectedUnitId] = useState<string>();
  const [layers, setLayers] = useState<Record<LayerKey, boolean>>(defaultLayers);
  const [tab, setTab] = useState<'units' | 'log'>('units');
  const [forking, setForking] = useState(false);
  const stationLabels = useStationLabels(mapData, store, lang, t);
  // Read-only: nothing here sends a command (the hidden truth still shows for the controller).
  const rights = useMemo(() => ({ dispatch: false, control: rightsOf(exercise?.role).control }), [exercise?.role]);
  const actions = useMemo((): LiveActions => {
    const no = (): Promise<never> => Promise.reject(new Error(t('debrief.readOnly')));
    return { command: no, control: no, recommend: no, etas: no };
  }, [t]);
  const loadOlder = useCallback((inc: BoardIncident) => {
    const upTo = store.getState().board?.seq ?? 0;
    fetchEvents(exerciseId, code, Math.min(...inc.eventSeqs) - 1).then((evs) => store.mergeHistory(evs.filter((e) => e.seq <= upTo)), () => undefined);
  }, [exerciseId, code, store]);

  // The board's panels and map, made again only when what they show changes: moving the slider (or a
  // running drill's end moving on) re-renders the replay bar alone, not every panel row and marker
  // with the old moment's board (the browser profile showed each slider move re-rendering the whole
  // page before the new moment was even asked for).
  const selected = selectedIncidentId ? board?.incidents[selectedIncidentId] : undefined;
  const now = board?.now ?? 0;
  const body = useMemo(() => (!mapData ? null : view === 'report' ? (
          <ReportView exerciseId={exerciseId} code={code} lang={lang} />
        ) : (
          <>
            <aside className="board__left">
              <CallsQueue board={board} now={now} onOpen={(id) => setSelectedIncidentId(id)} over={false} silent />
              {board && <ActiveDisruptions board={board} log={live.log} live={false} />}
            </aside>
            <main className="board__map">
              <BoardMap data={mapData} store={store} layers={layers} lang={lang} stationLabels={stationLabels}
                selectedIncidentId={selectedIncidentId} selectedUnitId={selectedUnitId} picking={false} onPick={() => undefined}
                onSelect={(sel) => {
                  if (sel.incidentId) setSelectedIncidentId(sel.incidentId);
                  if (sel.unitId) { setSelectedUnitId(sel.unitId); setTab('units'); }
                }} />
              <LayerPanel layers={layers} onChange={setLayers} />
            </main>
            <aside className="board__right">
              <IncidentList board={board} selectedId={selectedIncidentId} onSelect={(id) => { setSelectedIncidentId(id); const inc = board?.incidents[id]; if (inc) flyTo(inc.location); }} />
              {selected && board && <IncidentDetail incident={selected} board={board} log={live.log} onLoadOlder={loadOlder} now={now} notes={live.notes} />}
            </aside>
            <section className="board__bottom">
              <nav className="tabs">
                <button type="button" aria-pressed={tab === 'units'} onClick={() => setTab('units')} data-testid="tab-units">{t('units.title')}</button>
                <button type="button" aria-pressed={tab === 'log'} onClick={() => setTab('log')} data-testid="tab-log">{t('log.title')}</button>
              </nav>
              {tab === 'units' ? <UnitBoard board={board} selectedUnitId={selectedUnitId} onSelectUnit={setSelectedUnitId} /> : <EventLog log={live.log} board={board} />}
            </section>
          </>
        )), [view, exerciseId, code, lang, board, now, selected, selectedIncidentId, selectedUnitId, live.log, live.notes, mapData, store, layers, stationLabels, loadOlder, tab, t]);

  // The moment the panels and log show in this render (their board is that answer's state itself),
  // for the board-jump bench and tests: the map draws it on the next animation frame.
  const shownAt = board !== undefined && board === replay.reply?.state ? replay.reply.at : undefined;
  const error = loadError ?? replay.error;
  if (!exercise || !mapData) {
    return (
      <div className="board board--loading" data-testid="debrief-loading">
        <p>{error ? <span className="error" role="alert">{error}</span> : t('debrief.loading')}</p>
        <a href="?">{t('debrief.toBoard')}</a>
      </div>
    );
  }
  return (
    <BoardProvider map={mapData} actions={actions} rights={rights}>
      <div className={`board debrief role-${exercise.role}`} data-testid="debrief" data-view={view} data-seq={board?.seq ?? 0} data-at={replay.reply?.at ?? ''}
        data-shown-at={shownAt ?? ''}>
        <header className="board__header">
          <strong className="board__title">{t('debrief.title')}</strong>
          <span className="board__exercise">{exercise.name}</span>
          <ClockBar sync={live.clock} ended={board?.ended} replay />
          <span className="tag" data-testid="role">{t(`role.${exercise.role}`)}</span>
          <nav className="tabs">
            <button type="button" aria-pressed={view === 'board'} onClick={() => setView('board')} data-testid="debrief-view-board">{t('debrief.board')}</button>
            <button type="button" aria-pressed={view === 'report'} onClick={() => setView('report')} data-testid="debrief-view-report">{t('debrief.report')}</button>
          </nav>
          <span className="spacer" />
          <button type="button" onClick={() => setLanguage(lang.startsWith('zh') ? 'en' : 'zh-CN')} data-testid="lang-switch">{t('app.language')}</button>
          <a href="?" className="button">{t('debrief.toBoard')}</a>
        </header>
        <div className="board__banners">
          <ReplayBar at={at} endsAt={endsAt} previousAt={replay.reply?.previousAt} nextAt={replay.reply?.nextAt} playing={playing} speed={speed}
            onSeek={(ms) => { setPlaying(false); setAt(ms); }} onPlay={(p) => { if (p && at >= endsAt) setAt(0); setPlaying(p); }} onSpeed={setSpeed}>
            {exercise.role === 'controller' && (
              <button type="button" className="small" disabled={replay.reply?.at !== at} onClick={() => { setPlaying(false); setForking(true); }} data-testid="fork-open-dialog">{t('debrief.fork')}</button>
            )}
          </ReplayBar>
          {error && <div className="notice notice--error" role="alert">{error}</div>}
        </div>
        {forking && <ForkDialog exerciseId={exerciseId} code={code} at={replay.reply?.at ?? at} onClose={() => setForking(false)} />}
        {body}
      </div>
    </BoardProvider>
  );
}
