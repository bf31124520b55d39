// Where this browser tab keeps the join code and name (sessionStorage), so a reload rejoins, the
// debrief page opens with the same code, and a live fork can hand the tab its new controller code.
export const CODE_KEY = 'fire-sim.code';
export const NAME_KEY = 'fire-sim.joinName';

/** Keeps `code` (and the name) for this tab: the next load of the board joins with it. */
export function rememberJoin(code: string, name?: string): void {
  globalThis.sessionStorage?.setItem(CODE_KEY, code);
  if (name !== undefined) globalThis.sessionStorage?.setItem(NAME_KEY, name);
}
