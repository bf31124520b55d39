// What each role may do on the board. The server enforces it anyway; the board only offers what the
// role may do, so an observer sees no dispatch buttons and only the controller sees the console.
import type { JoinRole } from '../../shared/live.ts';

export interface RoleRights {
  /** Triage, grade, dispatch, release, raise grade, reinforcement, unit out of service. */
  dispatch: boolean;
  /** Clock (start, pause, speed, step), injects, ad-hoc injects. */
  control: boolean;
}

export const ROLE_RIGHTS: Record<JoinRole, RoleRights> = {
  controller: { dispatch: true, control: true },
  commander: { dispatch: true, control: false },
  observer: { dispatch: false, control: false },
};

export function rightsOf(role: JoinRole | undefined): RoleRights {
  return role ? ROLE_RIGHTS[role] : { dispatch: false, control: false };
}
