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
