// The board: joins the exercise with the code, follows the snapshot and deltas, and lays out the map
// and the panels the role may use. Keyboard shortcuts for the dispatcher's frequent actions.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatLon } from '../../../shared/geo.ts';
import type { RegionMap } from '../../../shared/map-data.ts';
import type { BoardIncident } from '../../../shared/board-state.ts';
import { BoardStore } from '../live/board-store.ts';
import { connectLive, type LiveActions, type LiveConnection } from '../live/connection.ts';
import { fetchEvacuationEstimate, fetchEvents, fetchInjects, fetchRegionMap, type ScriptedInject } from '../live/rest.ts';
import { draftClose, draftUndo, type AreaDraft } from '../map/area-draft.ts';
import { evacuationMapLabel } from '../panels/evacuation-view.ts';
import type { BoardEvacuation } from '../../../shared/hazard-board.ts';
import { MselTimeline } from '../panels/msel-timeline.tsx';
import { useScript } from '../live/script-view.ts';
import { languageHalf } from '../inject-title.ts';
import { simNow } from '../live/sim-clock.ts';
import { useLiveState } from '../live/use-live.ts';
import { BoardProvider } from '../board-context.tsx';
import { rightsOf } from '../roles.ts';
import { setLanguage } from '../i18n/i18n.ts';
import { BoardMap, flyTo, type LayerKey } from '../map/board-map.tsx';
import { useStationLabels } from '../map/station-labels.ts';
import { ConnectionBanner } from '../panels/connection-banner.tsx';
import { ClockBar } from '../panels/clock-bar.tsx';
import { CallsQueue, waitingCalls } from '../panels/calls-queue.tsx';
import { TriageForm } from '../panels/triage-form.tsx';
import { ASK_RAISE_EVENT, IncidentDetail } from '../panels/incident-detail.tsx';
import { loadHistory } from '../live/history.ts';
import { DrillEnded } from '../panels/drill-ended.tsx';
import { NewExercise } from './new-exercise.tsx';
import { useFading } from '../panels/use-command.ts';
import { RefusalNote } from '../panels/refusal-note.tsx';
import { IncidentList } from '../panels/incident-list.tsx';
import { UnitBoard } from '../panels/unit-board.tsx';
import { EventLog } from '../panels/event-log.tsx';
import { ControllerConsole, type ArmedPick } from '../panels/controller-console.tsx';
import { defaultLayers, LayerPanel, SettingsDialog, ShortcutsHelp, TILE_URL_KEY } from '../panels/map-controls.tsx';
import { CoveragePanel, describeGap } from '../panels/coverage-panel.tsx';
import { HazardPanel } from '../panels/hazard-panel.tsx';
import { useCoverage } from '../live/use-coverage.ts';

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

export function BoardPage(props: { code: string; name: string; onLeave(): void; onRejected(reason: string): void }): ReactNode {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const store = useMemo(() => new BoardStore(), [props.code]);
  const [conn, setConn] = useState<LiveConnection | undefined>();
  useEffect(() => {
    const c = connectLive(store, { code: props.code, name: props.name });
    setConn(c);
    return () => c.close();
  }, [store, props.code, props.name]);
  const live = useLiveState(store);
  const { board, welcome } = live;
  const roleRights = rightsOf(welcome?.role);
  // Once the drill is over nobody dispatches any more: the panels show what happened, read-only.
  const endedStatus = live.clock?.clock.status;
  const drillOver = board?.ended === true || endedStatus === 'stopped' || endedStatus === 'archived';
  const rights = useMemo(() => (drillOver ? { ...roleRights, dispatch: false } : roleRights), [drillOver, roleRights.dispatch, roleRights.control]);
  useEffect(() => {
    if (live.link === 'rejected') props.onRejected(live.linkError ?? '');
  }, [live.link, live.linkError, props]);

  const [mapData, setMapData] = useState<RegionMap | undefined>();
  const [mapError, setMapError] = useState<string | undefined>();
  useEffect(() => {
    if (!welcome?.regionId) return;
    fetchRegionMap(welcome.regionId).then(setMapData, (e: unknown) => setMapError(String(e)));
  }, [welcome?.regionId]);
  const [injects, setInjects] = useState<ScriptedInject[]>([]);
  useEffect(() => {
    if (welcome?.role !== 'controller') return;
    fetchInjects(welcome.exerciseId, props.code).then(setInjects, () => setInjects([]));
  }, [welcome?.exerciseId, welcome?.role, props.code]);

  // The drill script (controller only): the MSEL timeline and the console's inject titles.
  const script = useScript(welcome?.exerciseId ?? '', props.code, live.log.length, 1000, welcome?.role === 'controller');

  // A snapshot brings the state, not the events that led to it: fetch them (reload, late join).
  const hasBoard = board !== undefined;
  useEffect(() => {
    if (!welcome || !hasBoard || live.historyLoaded) return;
    loadHistory(store, welcome.exerciseId, props.code).catch(() => store.mergeHistory([], { complete: true }));
  }, [welcome, hasBoard, live.historyLoaded, store, props.code]);

  const actions = useMemo((): LiveActions => {
    const off = (): Promise<never> => Promise.reject(new Error(t('link.connecting')));
    return conn ?? { command: off, control: off, recommend: off, etas: off };
  }, [conn, t]);

  const [selectedIncidentId, setSelectedIncidentId] = useState<string | undefined>();
  const [selectedUnitId, setSelectedUnitId] = useState<string | undefined>();
  const [triageId, setTriageId] = useState<string | undefined>();
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<LatLon | undefined>();
  const [armed, setArmed] = useState<ArmedPick | undefined>();
  // The evacuation area being drawn (hazard drills): the map adds its corners, the hazards panel orders it.
  const [draft, setDraft] = useState<AreaDraft | undefined>();
  const [layers, setLayers] = useState<Record<LayerKey, boolean>>(defaultLayers);
  const coverage = useCoverage(welcome?.regionId, { bands: layers.coverage, figures: layers.coverage || layers.coverageGaps });
  const [tileUrl, setTileUrl] = useState(() => globalThis.localStorage?.getItem(TILE_URL_KEY) ?? '');
  const [dialog, setDialog] = useState<'settings' | 'help' | 'new-exercise' | undefined>();
  const [tab, setTab] = useState<'units' | 'log'>('units');
  const [adhocError, setAdhocError] = useFading<{ message: string; code?: string }>();

  const triaging = triageId && board?.incidents[triageId]?.status === 'callReceived' ? board.incidents[triageId] : undefined;
  const selected = selectedIncidentId ? board?.incidents[selectedIncidentId] : undefined;
  const now = simNow(live.clock, Date.now(), live.frozenAt);
  // The drill is over when the scenario ran out or the controller stopped it.
  const clockStatus = live.clock?.clock.status;
  const over = board?.ended === true || clockStatus === 'stopped' || clockStatus === 'archived';

  const openCall = useCallback((id: string) => {
    setTriageId(id);
    setSelectedIncidentId(id);
    setPicked(undefined);
    const inc = store.getState().board?.incidents[id];
    if (inc) flyTo(inc.location);
  }, [store]);

  const onPick = useCallback((p: LatLon) => {
    if (armed) {
      const cmd = armed.build(p);
      setArmed(undefined);
      actions.command(cmd).then((r) => setAdhocError(r.ok ? undefined : { message: r.error.message, code: r.error.code }), (e: unknown) => setAdhocError({ message: String(e) }));
      return;
    }
    setPicked(p);
    setPicking(false);
  }, [armed, actions, setAdhocError]);

  // Keyboard shortcuts (listed in the ? overlay).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        setPicking(false);
        setArmed(undefined);
        setDraft(undefined);
        setDialog(undefined);
        if (typing(e.target)) (e.target as HTMLElement).blur();
        else setTriageId(undefined);
        return;
      }
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      // Drawing an evacuation area: Enter closes it, Backspace takes back the last corner.
      if (draft && !draft.closed && (e.key === 'Enter' || e.key === 'Backspace') && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        setDraft(e.key === 'Enter' ? draftClose(draft) : draftUndo(draft));
        return;
      }
      const s = store.getState();
      const inc = selectedIncidentId ? s.board?.incidents[selectedIncidentId] : undefined;
      if (e.key === '?') setDialog('help');
      else if (e.key === 'a' || e.key === 'A') {
        const st = s.clock?.clock.status;
        const next = waitingCalls(s.board, s.board?.ended === true || st === 'stopped' || st === 'archived')[0];
        if (next && rights.dispatch) openCall(next.id);
      } else if ((e.key === 'd' || e.key === 'D') && inc?.grade && rights.dispatch) {
        void actions.command({ type: 'DISPATCH_RECOMMENDED', incidentId: inc.id });
      } else if ((e.key === 'r' || e.key === 'R') && inc?.grade && rights.dispatch) {
        // A grade raise cannot be undone: R asks the incident detail to confirm it.
        window.dispatchEvent(new CustomEvent(ASK_RAISE_EVENT));
      } else if (e.key === '/') {
        const search = document.getElementById('place-search');
        if (search) { e.preventDefault(); search.focus(); }
      } else if (e.key === ' ' && rights.control && s.clock) {
        e.preventDefault();
        const st = s.clock.clock.status;
        if (st === 'running') void actions.control({ action: 'pause' }).catch(() => undefined);
        else if (st === 'paused') void actions.control({ action: 'resume' }).catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, selectedIncidentId, rights.dispatch, rights.control, actions, openCall, draft]);

  const estimateArea = useCallback(
    (area: { kind: 'polygon'; ring: [number, number][] }) => fetchEvacuationEstimate(welcome?.exerciseId ?? '', props.code, area),
    [welcome?.exerciseId, props.code],
  );
  const evacuationLabel = useCallback((ev: BoardEvacuation, at: number) => evacuationMapLabel(ev, at, t), [t]);

  const loadOlder = useCallback((inc: BoardIncident) => {
    if (!welcome) return;
    const from = Math.min(...inc.eventSeqs) - 1;
    fetchEvents(welcome.exerciseId, props.code, from).then((evs) => store.mergeHistory(evs.filter((e) => e.seq <= (store.getState().board?.seq ?? 0))), () => undefined);
  }, [welcome, props.code, store]);

  const stationLabels = useStationLabels(mapData, store, lang, t);

  const coverageGapLabel = (g: Parameters<typeof describeGap>[0]): string => describeGap(g, t, (id) => {
    const st = mapData?.stations.find((s) => s.id === id);
    return st ? (lang.startsWith('zh') ? st.nameZh : st.name) : id;
  }, lang);

  if (!mapData || !welcome) {
    return (
      <div className="board board--loading" data-testid="board-loading">
        <ConnectionBanner link={live.link} linkError={live.linkError ?? mapError} />
        {mapError && <p className="error">{mapError}</p>}
        <button type="button" onClick={props.onLeave}>{t('app.leave')}</button>
      </div>
    );
  }

  return (
    <BoardProvider map={mapData} actions={actions} rights={rights}>
      <div className={`board role-${welcome.role}`} data-testid="board" data-role={welcome.role} data-link={live.link} data-seq={board?.seq ?? 0}>
        <header className="board__header">
          <strong className="board__title">{t('app.title')}</strong>
          <span className="board__exercise" title={welcome.exerciseName}>{languageHalf(welcome.exerciseName, lang, ' · ')}</span>
          {mapData.fictional && <span className="tag" title={mapData.note}>{t('app.fictional')}: {lang.startsWith('zh') ? mapData.nameZh : mapData.name}</span>}
          <ClockBar sync={live.clock} frozenAt={live.frozenAt} ended={board?.ended} />
          <span className="tag" data-testid="role">{t(`role.${welcome.role}`)}</span>
          {/* The controller may scrub back through a drill that is still running (others once it is over). */}
          {welcome.role === 'controller' && !over && <a href={`?debrief=${encodeURIComponent(welcome.exerciseId)}`} data-testid="replay-link" title={t('debrief.openReplay')}>{t('debrief.openReplay')}</a>}
          <span className="spacer" />
          <button type="button" onClick={() => setLanguage(lang.startsWith('zh') ? 'en' : 'zh-CN')} data-testid="lang-switch">{t('app.language')}</button>
          <button type="button" onClick={() => setDialog('settings')}>{t('app.settings')}</button>
          <button type="button" onClick={() => setDialog('help')}>{t('app.help')}</button>
          <button type="button" onClick={props.onLeave}>{t('app.leave')}</button>
        </header>
        <div className="board__banners">
          <ConnectionBanner link={live.link} linkError={live.linkError} />
          {over && <DrillEnded exerciseId={welcome.exerciseId} stopped={!board?.ended} code={props.code} />}
          {live.notices.map((n) => (
            <div key={n.id} className={`notice notice--${n.level}`} role="status" onClick={() => store.dismissNotice(n.id)}>{n.message}</div>
          ))}
        </div>
        <aside className="board__left">
          <CallsQueue board={board} now={now} selectedId={triageId} onOpen={openCall} over={over} />
          {triaging && (
            <TriageForm key={triaging.id} incident={triaging} picked={picked} picking={picking} onPickOnMap={() => setPicking(!picking)} onFlyTo={flyTo}
              onDone={() => { setTriageId(undefined); setPicking(false); }} />
          )}
          <RefusalNote refusal={adhocError} />
          <ControllerConsole sync={live.clock} board={board} participants={live.participants} injects={injects} armed={armed} onArm={setArmed}
            log={live.log} script={script.script} onNewExercise={() => setDialog('new-exercise')} />
          {welcome?.role === 'controller' && <MselTimeline exerciseId={welcome.exerciseId} code={props.code} log={live.log} now={now} shared={script} live={live.clock?.clock.status === 'running' || live.clock?.clock.status === 'paused' || live.clock?.clock.status === 'created'} />}
        </aside>
        <main className="board__map">
          <BoardMap data={mapData} store={store} layers={layers} lang={lang} stationLabels={stationLabels}
            selectedIncidentId={selectedIncidentId} selectedUnitId={selectedUnitId} picking={picking || armed !== undefined} onPick={onPick}
            onSelect={(sel) => {
              if (sel.incidentId) {
                const inc = board?.incidents[sel.incidentId];
                if (inc?.status === 'callReceived' && rights.dispatch) openCall(sel.incidentId);
                else setSelectedIncidentId(sel.incidentId);
              }
              if (sel.unitId) { setSelectedUnitId(sel.unitId); setTab('units'); }
            }}
            tileUrl={tileUrl || undefined}
            coverage={{ isochrones: layers.coverage ? coverage.isochrones.value : undefined, gaps: layers.coverageGaps ? coverage.figures.value?.gaps : undefined }}
            describeGap={coverageGapLabel}
            onStationClick={(id) => { if (layers.coverage) coverage.select(id); }}
            {...(draft ? { draft } : {})} onDraft={setDraft} evacuationLabel={evacuationLabel} />
          <LayerPanel layers={layers} onChange={setLayers} />
          {board && layers.hazards && <HazardPanel board={board} now={now} live={!over} {...(draft ? { draft } : {})} onDraft={setDraft} estimate={estimateArea} />}
          {(layers.coverage || layers.coverageGaps) && <CoveragePanel coverage={coverage} showBands={layers.coverage} showGaps={layers.coverageGaps} onFlyTo={flyTo} />}
        </main>
        <aside className="board__right">
          <IncidentList board={board} selectedId={selectedIncidentId} onSelect={(id) => { setSelectedIncidentId(id); const inc = board?.incidents[id]; if (inc) flyTo(inc.location); }} />
          {selected && board && selected.status !== 'callReceived' && <IncidentDetail incident={selected} board={board} log={live.log} onLoadOlder={loadOlder} now={now} notes={live.notes} />}
        </aside>
        <section className="board__bottom">
          <nav className="tabs">
            <button type="button" aria-pressed={tab === 'units'} onClick={() => setTab('units')}>{t('units.title')}</button>
            <button type="button" aria-pressed={tab === 'log'} onClick={() => setTab('log')}>{t('log.title')}</button>
          </nav>
          {tab === 'units' ? <UnitBoard board={board} selectedUnitId={selectedUnitId} onSelectUnit={setSelectedUnitId} /> : <EventLog log={live.log} board={board} script={script.script} />}
        </section>
        {dialog === 'settings' && (
          <SettingsDialog tileUrl={tileUrl} onClose={() => setDialog(undefined)}
            onSave={(url) => { globalThis.localStorage?.setItem(TILE_URL_KEY, url); setTileUrl(url); setDialog(undefined); }} />
        )}
        {dialog === 'help' && <ShortcutsHelp onClose={() => setDialog(undefined)} />}
        {dialog === 'new-exercise' && (
          <div className="overlay" onClick={(e) => { if (e.target === e.currentTarget) setDialog(undefined); }}>
            <div className="dialog"><NewExercise onClose={() => setDialog(undefined)} /></div>
          </div>
        )}
      </div>
    </BoardProvider>
  );
}
