// The event log (事件日志): the latest events, newest first, one line each in the board's language.
import type { ReactNode } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { useNames } from '../i18n/i18n.ts';
import { hiddenFromLog } from '../event-text.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import { useEventText } from './use-event-text.ts';

const SHOWN = 200;

export function EventLog({ log, board }: { log: readonly DomainEvent[]; board?: BoardState }): ReactNode {
  const { t } = useNames();
  const text = useEventText(board);
  const visible = log.filter((e) => !hiddenFromLog(e));
  const shown = visible.slice(-SHOWN).reverse();
  return (
    <section className="panel event-log" data-testid="event-log" data-count={visible.length}>
      {shown.length === 0 && <p className="muted">{t('log.empty')}</p>}
      <ol>
        {shown.map((e) => (
          <li key={e.seq} data-type={e.type}>
            <span className="muted">#{e.seq} T+{formatElapsed(e.t)}</span> {text(e)}
          </li>
        ))}
      </ol>
    </section>
  );
}
