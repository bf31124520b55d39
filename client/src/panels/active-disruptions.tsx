// Closures and outages in force (断路、断网): each road closure with its cause, when it was closed and
// until when, with "reopen"; each team whose comms are cut, since and until when, with "restore".
// A closure or an outage with a duration ends by itself in the engine (a timer, in the log), with
// no board open; this panel only shows when.
import type { ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import { useCommand } from './use-command.ts';

/** The latest COMMS_OUTAGE_STARTED of each station still cut: its start and, with a duration, its end. */
function outageStarts(board: BoardState, log: readonly DomainEvent[]): Map<string, { t: number; until?: number }> {
  const out = new Map<string, { t: number; until?: number }>();
  for (const e of log) if (e.type === 'COMMS_OUTAGE_STARTED' && board.commsOut.includes(e.stationId)) out.set(e.stationId, { t: e.t, ...(e.until !== undefined ? { until: e.until } : {}) });
  return out;
}

export function ActiveDisruptions(props: { board: BoardState; log: readonly DomainEvent[]; live: boolean }): ReactNode {
  const ctx = useBoard();
  const { t, lang } = useNames();
  const { run, busy, error, errorDetail } = useCommand();
  const closures = Object.values(props.board.closures).sort((a, b) => a.closedAt - b.closedAt);
  const outages = outageStarts(props.board, props.log);

  const until = (u: number | undefined): string => {
    return u === undefined ? t('console.untilEnded') : t('console.untilTime', { time: formatElapsed(u) });
  };
  return (
    <div className="disruptions" data-testid="disruptions">
      <h3>{t('console.inForce')}</h3>
      {closures.length === 0 && props.board.commsOut.length === 0 && <p className="muted">{t('console.noneInForce')}</p>}
      <ul>
        {closures.map((c) => (
          <li key={c.id} data-testid="closure-row" data-id={c.id}>
            <span className="swatch" data-reason={c.reason} /> {t('console.closureLine', { reason: t(`closureReason.${c.reason}`), id: c.id })}
            <span className="muted"> · T+{formatElapsed(c.closedAt)} → {until(c.until)}</span>
            {props.live && <button type="button" className="small" disabled={busy} data-testid="reopen-road" onClick={() => void run({ type: 'REOPEN_ROAD', closureId: c.id })}>{t('console.reopen')}</button>}
          </li>
        ))}
        {props.board.commsOut.map((s) => (
          <li key={s} data-testid="outage-row" data-id={s}>
            {t('console.outageLine', { station: ctx.stationName(s, lang) })}
            <span className="muted"> · {outages.has(s) ? `T+${formatElapsed(outages.get(s)!.t)} → ${until(outages.get(s)!.until)}` : ''}</span>
            {props.live && <button type="button" className="small" disabled={busy} data-testid="restore-comms" onClick={() => void run({ type: 'SET_COMMS_OUTAGE', stationId: s, on: false })}>{t('console.restore')}</button>}
          </li>
        ))}
      </ul>
      {error && <p className="error" role="alert" title={errorDetail}>{t('incident.refused', { message: error })}</p>}
    </div>
  );
}
