// The event line function the panels share: names from the board context, sizes with their unit.
import { useCallback } from 'react';
import type { BoardState } from '../../../shared/board-state.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { describeEvent } from '../event-text.ts';
import { sizeText } from '../domain-view.ts';
import { useRefusalText } from './use-command.ts';

/** What the lines may also use: the controller's inject titles, and when each closure reopened (seq). */
export interface EventTextContext {
  injectName?(injectId: string): string | undefined;
  reopenedAt?: ReadonlyMap<string, number>;
}

export function useEventText(board: BoardState | undefined, more: EventTextContext = {}): (e: DomainEvent) => string {
  const ctx = useBoard();
  const names = useNames();
  const { t, lang } = names;
  const refusal = useRefusalText();
  return useCallback(
    (e: DomainEvent) => describeEvent(e, t, names, (id) => ctx.unitLabel(id, lang), (id) => ctx.stationName(id, lang), {
      size: (incidentId, n) => {
        const type = board?.incidents[incidentId]?.type;
        return type ? sizeText(ctx.map, type, n, lang) : String(Math.round(n * 10) / 10);
      },
      refusal,
      ...(more.injectName ? { injectName: more.injectName } : {}),
      ...(more.reopenedAt ? { reopened: (closureId: string, seq: number) => (more.reopenedAt!.get(closureId) ?? Infinity) <= seq } : {}),
    }),
    // names is rebuilt each render; t and lang are what it depends on.
    [ctx, t, lang, board, refusal, more.injectName, more.reopenedAt],
  );
}
