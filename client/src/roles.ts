// What each role may do on the board. The server enforces it anyway; the board only offers what the
// role may do, so an observer sees no dispatch buttons and only the controller sees the console.
import type { JoinRole } from '../../shared/live.ts';
import { may } from '../../shared/roles.ts';

export interface RoleRights {
  /** Triage, grade, dispatch, release, raise grade, reinforcement, unit out of service. */
  dispatch: boolean;
  /** Clock (start, pause, speed, step), injects, ad-hoc injects. */
  control: boolean;
}

/** Read from the server's role × action matrix (shared/roles.ts), so board and server never disagree. */
export function rightsOf(role: JoinRole | undefined): RoleRights {
  if (!role) return { dispatch: false, control: false };
  return { dispatch: may(role, 'command:DISPATCH_UNITS'), control: may(role, 'control:start') };
}
