// One inject of the drill script (MSEL) as the engine's script view gives it and the controller
// console reads it: the one shape both sides of GET /api/exercises/:id → script use.
/** One inject of the drill script (MSEL) as the controller console shows it. */
export interface ScriptEntryView {
  id: string;
  kind: string;
  /** held: pending, fired only by the controller. */
  status: 'pending' | 'held' | 'fired' | 'skipped';
  /** Sim ms of its timer (fire, or check for a contingency); none: follows another inject, or held. */
  at?: number;
  after?: string;
  description?: string;
  /** A contingency: its condition, whether it holds now, and whether it is being watched. */
  contingency?: { when: unknown; holds: boolean; watching: boolean; until?: number };
  /** Written by the controller during the drill. */
  adHoc: boolean;
  /** How much later than scripted its time now is (POSTPONE_INJECTS); absent when not moved. */
  postponedMs?: number;
  /** What it brings, for the console's line: a call's reported incident type and the caller's words, a message's text. */
  type?: string;
  words?: string;
  text?: { zh: string; en: string };
}
