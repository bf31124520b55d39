// The engine's incident ids: `INC-` and the call's number, five digits or more (`INC-00042`). One
// place makes them (Simulation.takeIncidentId) and reads them back (the ended-incident store keeps
// its records by number).
const PREFIX = 'INC-';

/** The id of the n-th call. */
export const incidentIdOf = (n: number): string => `${PREFIX}${String(n).padStart(5, '0')}`;

/** The number of an id incidentIdOf made (`INC-00042` → 42), else -1 (an id of another form). */
export function incidentNumberOf(id: string): number {
  if (!id.startsWith(PREFIX)) return -1;
  const n = Number(id.slice(PREFIX.length));
  // Only the one spelling incidentIdOf makes maps to n (no sign, exponent, spaces or other padding).
  return Number.isSafeInteger(n) && n >= 0 && incidentIdOf(n) === id ? n : -1;
}
