// An incident's hidden true situation (the evolution model of domain/evolution.ts moves it on):
// what it really is, how big, how fast it grows or is brought under control, and the people trapped.
import type { Grade } from '../../../shared/domain/grades.ts';

export interface TrappedPerson {
  /** Sim ms after which the person dies unless rescued. */
  deadline: number;
  status: 'trapped' | 'rescued' | 'dead';
}

export interface Truth {
  unfounded: boolean;
  size: number;
  sizeAt: number;
  /** Effective growth per minute since sizeAt. */
  growth: number;
  /** Output delivered by working units (same unit as demand). */
  output: number;
  phase: 'growing' | 'controlling' | 'controlled';
  /** Control progress 0..1 as of progressAt, and its rate per ms. */
  progress: number;
  progressAt: number;
  rate: number;
  trueGrade: Grade;
  people: TrappedPerson[];
}
