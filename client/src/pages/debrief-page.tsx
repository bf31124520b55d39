// The debrief page (复盘): the after-action report of an exercise as the server renders it (the same
// page the PDF prints), and a replay scrubber: a time slider over the exercise that shows the board's
// incidents, unit counts and the last events at that moment, with playback at a chosen speed.
// Opened with `?debrief=<exercise-id>` after joining (the code stays in this tab).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';

interface ReplayReply { at: number; endsAt: number; state: BoardState; recent: DomainEvent[] }

const clock = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

export function DebriefPage({ code, exerciseId }: { code: string; exerciseId: string }): ReactNode {
  const [lang, setLang] = useState<'zh' | 'en'>('zh');
  const [html, setHtml] = useState<string>();
  const [error, setError] = useState<string>();
  const [at, setAt] = useState(0);
  const [replay, setReplay] = useState<ReplayReply>();
  const [speed, setSpeed] = useState(60);
  const [playing, setPlaying] = useState(false);
  const endsAt = useRef(0);
  const base = `/api/exercises/${encodeURIComponent(exerciseId)}`;

  useEffect(() => {
    setHtml(undefined);
    fetch(`${base}/report?format=html&lang=${lang}`, { headers: { 'x-join-code': code } })
      .then(async (r) => (r.ok ? setHtml(await r.text()) : setError(((await r.json()) as { error: { message: string } }).error.message)))
      .catch((e: unknown) => setError(String(e)));
  }, [base, code, lang]);

  useEffect(() => {
    const ctl = new AbortController();
    fetch(`${base}/replay?at=${Math.round(at)}&recent=20`, { headers: { 'x-join-code': code }, signal: ctl.signal })
      .then(async (r) => {
        if (!r.ok) return setError(((await r.json()) as { error: { message: string } }).error.message);
        const body = (await r.json()) as ReplayReply;
        endsAt.current = body.endsAt;
        setReplay(body);
      })
      .catch(() => {});
    return () => ctl.abort();
  }, [base, code, at]);

  useEffect(() => {
    if (!playing) return;
    // Playback: a tick every 250 ms moves the slider by speed × 250 ms of sim time.
    const timer = setInterval(() => setAt((t) => {
      const next = t + speed * 250;
      if (next >= endsAt.current) setPlaying(false);
      return Math.min(next, endsAt.current);
    }), 250);
    return () => clearInterval(timer);
  }, [playing, speed]);

  const units = replay ? Object.values(replay.state.units) : [];
  const busy = units.filter((u) => u.status !== 'inStation').length;
  return (
    <div className="debrief-page" style={{ display: 'grid', gridTemplateColumns: '1fr 380px', gap: 12, padding: 12, height: '100vh', boxSizing: 'border-box' }}>
      <section aria-label={lang === 'zh' ? '推演总结报告' : 'After-action report'} style={{ display: 'flex', flexDirection: 'column' }}>
        <div>
          <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{lang === 'zh' ? 'English' : '中文'}</button>
          {error && <span role="alert" style={{ color: '#b00', marginLeft: 8 }}>{error}</span>}
        </div>
        {html ? <iframe title="report" srcDoc={html} style={{ flex: 1, border: '1px solid #ccc', width: '100%' }} /> : <p>{lang === 'zh' ? '报告生成中…' : 'Building the report…'}</p>}
      </section>
      <section aria-label={lang === 'zh' ? '回放' : 'Replay'} style={{ overflow: 'auto' }}>
        <h2>{lang === 'zh' ? '回放' : 'Replay'} {clock(replay?.at ?? at)}</h2>
        <input type="range" aria-label="time" min={0} max={replay?.endsAt ?? 0} step={1000} value={at} onChange={(e) => setAt(Number(e.target.value))} style={{ width: '100%' }} />
        <div>
          <button type="button" onClick={() => setPlaying(!playing)}>{playing ? '❚❚' : '▶'}</button>
          <select aria-label="speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {[10, 30, 60, 120, 600].map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
          <span style={{ marginLeft: 8 }}>{lang === 'zh' ? `出动车辆 ${busy} / ${units.length}` : `units out ${busy} / ${units.length}`}</span>
        </div>
        <h3>{lang === 'zh' ? '警情' : 'Incidents'}</h3>
        <ul>{replay && Object.values(replay.state.incidents).map((i) => <li key={i.id}>{i.id} {i.type} {i.grade ? `L${i.grade}` : ''} {i.status} · {i.unitIds.length}</li>)}</ul>
        <h3>{lang === 'zh' ? '最近事件' : 'Last events'}</h3>
        <ol>{replay?.recent.map((e) => <li key={e.seq}>{clock(e.t)} {e.type}</li>)}</ol>
      </section>
    </div>
  );
}
