// The live state for React, at most a few renders a second: deltas arrive at 5-10 Hz and a board
// with thousands of units need not re-render its panels on each (the map reads the store itself, every
// frame). Link changes (disconnect, resync) are shown at the next render, within `ms`.
import { useCallback, useSyncExternalStore } from 'react';
import type { BoardStore, LiveState } from './board-store.ts';

export function useLiveState(store: BoardStore, ms = 250): LiveState {
  const subscribe = useCallback(
    (notify: () => void) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let last = 0;
      const off = store.subscribe(() => {
        if (timer !== undefined) return;
        const wait = Math.max(0, last + ms - performance.now());
        timer = setTimeout(() => {
          timer = undefined;
          last = performance.now();
          notify();
        }, wait);
      });
      return () => {
        off();
        if (timer !== undefined) clearTimeout(timer);
      };
    },
    [store, ms],
  );
  return useSyncExternalStore(subscribe, store.getState);
}
