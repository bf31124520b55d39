// The event log (事件日志): the latest events, newest first, one line each in the board's language.
// The controller's injects are named by their title (from the drill script), and a re-route that a
// reopened closure allowed says so rather than "around" a closure that is gone.
import { useCallback, useMemo, type ReactNode } from 'react';
import type { ScriptEntryView } from '../../../shared/drill/script-entry.ts';
import { injectTitle } from '../inject-title.ts';
import type { BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { useNames } from '../i18n/i18n.ts';
import { hiddenFromLog } from '../event-text.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import { useEventText } from './use-event-text.ts';

const SHOWN = 200;

export function EventLog({ log, board, script }: { log: readonly DomainEvent[]; board?: BoardState; script?: readonly ScriptEntryView[] }): ReactNode {
  const { t, lang, incidentType } = useNames();
  const reopenedAt = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of log) if (e.type === 'ROAD_REOPENED' && !m.has(e.closureId)) m.set(e.closureId, e.seq);
    return m;
  }, [log]);
  const byId = useMemo(() => new Map((script ?? []).map((s) => [s.id, s])), [script]);
  const injectName = useCallback((id: string) => {
    const entry = byId.get(id);
    return entry ? injectTitle(entry, t, lang, incidentType) : undefined;
  }, [byId, t, lang, incidentType]);
  const text = useEventText(board, { injectName, reopenedAt });
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
