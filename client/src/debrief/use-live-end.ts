// Where the replay slider ends while the drill is still going (the controller's scrubber over a
// running exercise): the live log's end, i.e. the exercise clock. The clock is read from the server
// every few seconds and run on locally between reads at its speed, so the slider's end follows the
// drill without the user seeking; a stopped (or archived) drill's end no longer moves, and the
// reading stops.
import { useEffect, useState } from 'react';
import type { ExerciseStatus } from '../../../shared/live.ts';
import { getJson } from '../live/rest.ts';

/** How often the exercise's clock is read again (a pause, a speed change or the end are seen this late). */
const READ_MS = 3_000;
/** How often the end is moved on between reads (the slider's step is a second; each move re-renders the page). */
const TICK_MS = 1_000;

interface ClockReading { status: ExerciseStatus; simTime: number; speed: number; endsAt: number; readAt: number }

const following = (status: ExerciseStatus | undefined): boolean => status === 'created' || status === 'running' || status === 'paused';

/** The live end (sim ms) of a drill still going, or undefined once it has stopped (or before the first read). */
export function useLiveEnd(exerciseId: string, code: string, status: ExerciseStatus | undefined): number | undefined {
  const [reading, setReading] = useState<ClockReading>();
  const [now, setNow] = useState(() => Date.now());
  const follow = following(reading?.status ?? status);
  useEffect(() => {
    if (!follow) return;
    let gone = false;
    const read = (): void => {
      getJson<{ status: ExerciseStatus; simTime: number; speed: number; endsAt: number }>(`/api/exercises/${encodeURIComponent(exerciseId)}`, code)
        .then((v) => { if (!gone) setReading({ status: v.status, simTime: v.simTime, speed: v.speed, endsAt: v.endsAt, readAt: Date.now() }); }, () => undefined);
    };
    read();
    const reads = setInterval(read, READ_MS);
    const ticks = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => { gone = true; clearInterval(reads); clearInterval(ticks); };
  }, [exerciseId, code, follow]);
  if (!reading || !following(reading.status)) return undefined;
  const ran = reading.status === 'running' ? Math.max(0, now - reading.readAt) * reading.speed : 0;
  return Math.min(reading.endsAt, Math.floor((reading.simTime + ran) / 1_000) * 1_000);
}
