// The reason a grade raise is shown with: what the person (or the automatic centre) gave, or nothing.
// Boards before this change sent their role ("commander") as the reason of every raise; a reason
// that only repeats who raised the grade says nothing, so it is shown as none.
import type { DomainEvent } from '../events.ts';

type GradeRaised = Extract<DomainEvent, { type: 'GRADE_RAISED' }>;

const ROLE_WORDS = new Set(['commander', 'controller', 'observer', 'system']);

/** The reason to show beside a GRADE_RAISED, or undefined when it gave none. */
export function gradeRaiseReason(e: Pick<GradeRaised, 'reason' | 'by'>): string | undefined {
  const reason = e.reason.trim();
  if (reason === '' || reason === e.by || ROLE_WORDS.has(reason)) return undefined;
  return reason;
}
