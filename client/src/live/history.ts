// The event history behind a snapshot: a board that joins (or reloads) mid-drill gets the state at
// once, then the events that led there over REST (redacted for players, as on the socket), so its
// event log, timelines and the controller's hidden truth are the same as on a board that was there.
import type { BoardStore } from './board-store.ts';
import { BoardStore as Store } from './board-store.ts';
import { fetchEventPage } from './rest.ts';

/** Fetches the stored events up to what the board holds (at most the log's length back) into the store's log. */
export async function loadHistory(store: BoardStore, exerciseId: string, code: string): Promise<void> {
  const upTo = store.getState().board?.seq ?? 0;
  let after = Math.max(0, upTo - Store.LOG_LIMIT);
  const events = [];
  while (after < upTo) {
    const page = await fetchEventPage(exerciseId, code, after, Math.min(5_000, upTo - after));
    if (page.length === 0) break;
    events.push(...page);
    after = page.at(-1)!.seq;
  }
  // Deltas may have come in meanwhile: only what the board has folded goes into the log (the rest comes with its delta).
  const held = store.getState().board?.seq ?? 0;
  store.mergeHistory(events.filter((e) => e.seq <= held), { complete: true });
}
