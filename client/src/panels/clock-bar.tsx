// The exercise clock everyone sees: status, elapsed sim time, local scenario time and speed. It ticks
// locally between server messages (interpolated) and stops when the link is lost.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatElapsed, formatLocal, simNow, type ClockSync } from '../live/sim-clock.ts';

/**
 * `replay`: the debrief's scrubber drives this clock: it says playback or replay (never "running"),
 * and shows the moment being replayed and, while playing, the playback speed.
 */
export function ClockBar({ sync, frozenAt, ended, replay }: { sync?: ClockSync; frozenAt?: number; ended?: boolean; replay?: boolean }): ReactNode {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const running = sync?.clock.status === 'running' && frozenAt === undefined;
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [running]);
  if (!sync) return <div className="clock" data-testid="clock" data-status="unknown">--:--:--</div>;
  const sim = simNow(sync, running ? now : Date.now(), frozenAt);
  const { clock } = sync;
  const status = replay ? (running ? 'playback' : 'paused') : clock.status;
  const label = replay ? t(running ? 'clock.playback' : 'clock.replayPaused') : ended ? t('clock.ended') : t(`clock.${clock.status}`);
  return (
    <div className={`clock clock--${status}${replay ? ' clock--replay' : ''}${frozenAt !== undefined ? ' clock--frozen' : ''}`} data-testid="clock" data-status={status} data-replay={replay ? 'true' : undefined} data-sim-ms={Math.floor(sim)}>
      <span className="clock__status">{label}</span>
      <span className="clock__local" title={t(replay ? 'clock.replayTime' : 'clock.elapsed')}>{formatLocal(clock.startIso, sim)}</span>
      <span className="clock__elapsed">T+{formatElapsed(sim)}</span>
      {(!replay || running) && <span className="clock__speed">{t('clock.speed', { speed: clock.speed })}</span>}
    </div>
  );
}
