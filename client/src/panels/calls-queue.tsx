// Incoming calls (来警队列): calls received and not yet triaged, oldest first. A new call raises an
// alert (banner, flashing row and a short tone) until the dispatcher opens a call or dismisses it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BoardState, BoardIncident } from '../../../shared/board-state.ts';
import { useNames } from '../i18n/i18n.ts';
import { languageHalf } from '../inject-title.ts';
import { formatElapsed } from '../live/sim-clock.ts';

/** Calls waiting to be taken; none once the drill is over (nobody answers them any more). */
export function waitingCalls(board: BoardState | undefined, over = board?.ended ?? false): BoardIncident[] {
  if (!board || over) return [];
  return Object.values(board.incidents).filter((i) => i.status === 'callReceived').sort((a, b) => a.receivedAt - b.receivedAt);
}

function beep(): void {
  // A short tone where the browser allows audio; silence is fine (the banner is the alert).
  try {
    const AC = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!AC) return;
    const ctx = new AC();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
    osc.onended = () => void ctx.close();
  } catch {
    /* no audio */
  }
}

/** `silent`: the debrief's replay lists the calls waiting at the moment shown, with no alert and no tone. */
export function CallsQueue(props: { board?: BoardState; now: number; selectedId?: string; onOpen(incidentId: string): void; over?: boolean; silent?: boolean }): ReactNode {
  const { t, lang, incidentType, grade } = useNames();
  const over = props.over ?? props.board?.ended ?? false;
  const calls = waitingCalls(props.board, over);
  const seen = useRef(new Set<string>());
  const [alerting, setAlerting] = useState<string[]>([]);
  useEffect(() => {
    if (props.silent) return;
    const fresh = calls.filter((c) => !seen.current.has(c.id)).map((c) => c.id);
    if (fresh.length === 0) return;
    for (const id of fresh) seen.current.add(id);
    setAlerting((a) => [...a, ...fresh]);
    beep();
  }, [calls, props.silent]);
  const live = alerting.filter((id) => calls.some((c) => c.id === id));
  return (
    <section className="panel calls" data-testid="calls-queue">
      <h2>
        {t('calls.title')} <span className="badge" data-testid="calls-count">{calls.length}</span>
      </h2>
      {live.length > 0 && (
        <div className="call-alert" role="alert" data-testid="call-alert" onClick={() => setAlerting([])}>
          {t('calls.alert', { count: calls.length })}
        </div>
      )}
      {calls.length === 0 && <p className="muted">{over ? t('calls.over') : t('calls.empty')}</p>}
      <ul className="call-list">
        {calls.map((c) => (
          <li
            key={c.id}
            className={`call-row${live.includes(c.id) ? ' call-row--new' : ''}${c.id === props.selectedId ? ' call-row--selected' : ''}`}
            data-testid="call-row"
            data-id={c.id}
          >
            <div className="call-row__head">
              <strong>{c.id}</strong>
              <span className="muted">{t('calls.ago', { time: formatElapsed(props.now - c.receivedAt) })}</span>
            </div>
            <div>{t('calls.reported', { type: incidentType(c.type), grade: grade(c.reportedGrade) })}</div>
            {c.description && <div className="call-row__desc">{languageHalf(c.description, lang)}</div>}
            <button
              type="button"
              onClick={() => {
                setAlerting([]);
                props.onOpen(c.id);
              }}
            >
              {/* The replay's copy is read-only: it shows the call, nobody takes it. */}
              {t(props.silent ? 'calls.show' : 'calls.open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
