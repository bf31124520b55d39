// Time-ordered queue of scheduled happenings. Ties on time are broken by the order of scheduling
// (a sequence number), so equal deadlines always fire in the same order on every run.
export interface Scheduled<P> {
  at: number;
  order: number;
  payload: P;
}

export class EventQueue<P> {
  private heap: Scheduled<P>[] = [];
  private nextOrder = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, payload: P): void {
    const item = { at, order: this.nextOrder++, payload };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = item;
  }

  peek(): Scheduled<P> | undefined {
    return this.heap[0];
  }

  pop(): Scheduled<P> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[child]!, last)) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }

  /** Items in firing order (for the state digest); does not disturb the queue. */
  ordered(): Scheduled<P>[] {
    return [...this.heap].sort((x, y) => (before(x, y) ? -1 : 1));
  }

  get scheduledCount(): number {
    return this.nextOrder;
  }

  /**
   * Replaces the contents (engine restore): the items with their original tie-break orders and the
   * counter the next push continues from, so equal deadlines keep firing in the same order.
   */
  load(items: readonly Scheduled<P>[], nextOrder: number): void {
    for (const it of items) if (!(it.order < nextOrder)) throw new Error(`queue item order ${it.order} is not below the counter ${nextOrder}`);
    this.heap = [...items].sort((x, y) => (before(x, y) ? -1 : 1)); // a sorted array is a valid heap
    this.nextOrder = nextOrder;
  }
}

function before(x: Scheduled<unknown>, y: Scheduled<unknown>): boolean {
  return x.at < y.at || (x.at === y.at && x.order < y.order);
}
