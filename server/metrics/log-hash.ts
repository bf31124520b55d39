// Fingerprint of an event log: SHA-256 over its canonical JSON lines (`JSON.stringify(event)` + '\n',
// the same bytes a JSONL export holds), fed incrementally so a year-long run never holds the log.
// Two runs with the same scenario and seed must print the same hash; anything else is a determinism bug.
import { createHash } from 'node:crypto';
import type { DomainEvent } from '../../shared/events.ts';

export interface LogHasher {
  add(event: DomainEvent): void;
  /** Hex digest of the events added so far; may be called any number of times. */
  hex(): string;
  readonly count: number;
}

export function createLogHasher(): LogHasher {
  const hash = createHash('sha256');
  let count = 0;
  return {
    add(event) {
      hash.update(`${JSON.stringify(event)}\n`);
      count++;
    },
    hex: () => hash.copy().digest('hex'),
    get count() {
      return count;
    },
  };
}
