// The event log (事件日志): the latest events, newest first, one line each in the board's language.
import type { ReactNode } from 'react';
import type { DomainEvent } from '../../../shared/events.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { describeEvent } from '../event-text.ts';
import { formatElapsed } from '../live/sim-clock.ts';

const SHOWN = 200;

export function EventLog({ log }: { log: readonly DomainEvent[] }): ReactNode {
  const ctx = useBoard();
  const names = useNames();
  const { t, lang } = names;
  const shown = log.filter((e) => e.type !== 'COMMAND_ACCEPTED').slice(-SHOWN).reverse();
  return (
    <section className="panel event-log" data-testid="event-log">
      {shown.length === 0 && <p className="muted">{t('log.empty')}</p>}
      <ol>
        {shown.map((e) => (
          <li key={e.seq} data-type={e.type}>
            <span className="muted">#{e.seq} T+{formatElapsed(e.t)}</span>{' '}
            {describeEvent(e, t, names, (id) => ctx.unitLabel(id, lang), (id) => ctx.stationName(id, lang))}
          </li>
        ))}
      </ol>
    </section>
  );
}
