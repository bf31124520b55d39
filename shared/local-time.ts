// Sim time and local time of day. A scenario starts at an instant (ISO string with its own offset);
// the region's UTC offset gives the local time there. Day/night rules, traffic factors and the call
// profile's hour-of-day shape all read the local time of day, computed here once.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** ms since local midnight (region time) at the scenario's start, in [0, DAY_MS). */
export function localMsOfDayAtStart(startIso: string, utcOffsetHours: number): number {
  return (((Date.parse(startIso) + utcOffsetHours * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Local hour of day (0..23) at sim time t, given the local ms of day at t = 0. */
export function localHourAt(startLocalMs: number, t: number): number {
  return Math.floor(((((startLocalMs + t) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/** Whether a local hour falls in the night of the doctrine (`fromHour` to `toHour`, which may wrap past midnight). */
export function isNightHour(hour: number, night: { fromHour: number; toHour: number }): boolean {
  const { fromHour, toHour } = night;
  return fromHour > toHour ? hour >= fromHour || hour < toHour : hour >= fromHour && hour < toHour;
}
