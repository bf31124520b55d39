// XState's pure `transition()` costs ~15 µs; a metropolitan year needs ~10⁶ of them. The machines
// are pure and their context is small and discrete, so (snapshot, event key) → next snapshot is a
// function: compute it once with XState and reuse the (immutable) snapshot objects afterwards.
// tests/unit/machines.test.ts checks the memo against direct transitions on every path.
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

export interface Stepped {
  accepted: boolean;
  next: AnyMachineSnapshot;
}

export interface Stepper<E extends EventObject> {
  initial: AnyMachineSnapshot;
  step(snapshot: AnyMachineSnapshot, event: E): Stepped;
  /**
   * The snapshot with this state value and context (engine snapshots store only these two): the
   * shared one when this process has seen it, else XState's resolveState. The machines have no
   * history states, children or outputs, so value + context is the whole machine state.
   */
  restore(value: unknown, context: unknown): AnyMachineSnapshot;
}

export function memoStepper<E extends EventObject>(machine: AnyStateMachine, keyOf: (e: E) => string): Stepper<E> {
  const cache = new WeakMap<AnyMachineSnapshot, Map<string, Stepped>>();
  const byValue = new Map<string, AnyMachineSnapshot>();
  const share = (s: AnyMachineSnapshot): AnyMachineSnapshot => {
    // One object per distinct (value, context) keeps the cache small and comparisons cheap.
    const id = JSON.stringify([s.value, s.context]);
    const known = byValue.get(id);
    if (known) return known;
    byValue.set(id, s);
    return s;
  };
  const initial = share(initialTransition(machine)[0] as AnyMachineSnapshot);
  return {
    initial,
    restore(value, context) {
      const known = byValue.get(JSON.stringify([value, context]));
      if (known) return known;
      const resolved = machine.resolveState({ value: value as never, context: context as never }) as AnyMachineSnapshot;
      if (JSON.stringify([resolved.value, resolved.context]) !== JSON.stringify([value, context])) {
        throw new Error(`cannot restore machine ${machine.id}: state ${JSON.stringify(value)} does not resolve to itself`);
      }
      return share(resolved);
    },
    step(snapshot, event) {
      let row = cache.get(snapshot);
      if (!row) { row = new Map(); cache.set(snapshot, row); }
      const key = keyOf(event);
      let hit = row.get(key);
      if (!hit) {
        const accepted = snapshot.can(event);
        const next = accepted ? share(transition(machine, snapshot, event)[0] as AnyMachineSnapshot) : snapshot;
        hit = { accepted, next };
        row.set(key, hit);
      }
      return hit;
    },
  };
}
