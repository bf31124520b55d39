// The exercise clock everyone sees: status, elapsed sim time, local scenario time and speed. It ticks
// locally between server messages (interpolated) and stops when the link is lost.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatElapsed, formatLocal, simNow, type ClockSync } from '../live/sim-clock.ts';

export function ClockBar({ sync, frozenAt, ended }: { sync?: ClockSync; frozenAt?: number; ended?: boolean }): ReactNode {
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
  return (
    <div className={`clock clock--${clock.status}${frozenAt !== undefined ? ' clock--frozen' : ''}`} data-testid="clock" data-status={clock.status} data-sim-ms={Math.floor(sim)}>
      <span className="clock__status">{ended ? t('clock.ended') : t(`clock.${clock.status}`)}</span>
      <span className="clock__local" title={t('clock.elapsed')}>{formatLocal(clock.startIso, sim)}</span>
      <span className="clock__elapsed">T+{formatElapsed(sim)}</span>
      <span className="clock__speed">{t('clock.speed', { speed: clock.speed })}</span>
    </div>
  );
}
