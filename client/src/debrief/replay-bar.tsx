// The scrubber's controls: a time slider over the whole exercise, steps of a minute, jumps to the
// previous and next event, and playback at a chosen speed (sim seconds per wall second).
import type { ReactNode } from 'react';
import { useNames } from '../i18n/i18n.ts';
import { formatElapsed } from '../live/sim-clock.ts';

export const PLAYBACK_SPEEDS = [10, 30, 60, 120, 600] as const;
const MINUTE = 60_000;

export function ReplayBar(props: {
  at: number;
  endsAt: number;
  previousAt?: number;
  nextAt?: number;
  playing: boolean;
  speed: number;
  onSeek(at: number): void;
  onPlay(playing: boolean): void;
  onSpeed(speed: number): void;
  children?: ReactNode;
}): ReactNode {
  const { t } = useNames();
  const seek = (ms: number): void => props.onSeek(Math.max(0, Math.min(props.endsAt, ms)));
  return (
    <div className="replay-bar" data-testid="replay-bar" data-at={props.at} data-ends-at={props.endsAt}>
      <strong>{t('debrief.replay')}</strong>
      <span className="replay-bar__time" data-testid="replay-time">T+{formatElapsed(props.at)}</span>
      <button type="button" className="small" onClick={() => props.onPlay(!props.playing)} data-testid="replay-play" aria-pressed={props.playing}>
        {props.playing ? `❚❚ ${t('debrief.pause')}` : `▶ ${t('debrief.play')}`}
      </button>
      <select aria-label={t('debrief.speed')} value={props.speed} onChange={(e) => props.onSpeed(Number(e.target.value))} data-testid="replay-speed">
        {PLAYBACK_SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
      </select>
      <button type="button" className="small" title={t('debrief.prevEvent')} disabled={props.previousAt === undefined} onClick={() => props.previousAt !== undefined && seek(props.previousAt)} data-testid="replay-prev">|◀</button>
      <button type="button" className="small" onClick={() => seek(props.at - MINUTE)}>{t('debrief.back1m')}</button>
      <input type="range" className="replay-bar__slider" aria-label={t('debrief.time')} min={0} max={props.endsAt} step={1000} value={Math.min(props.at, props.endsAt)}
        onChange={(e) => seek(Number(e.target.value))} data-testid="replay-slider" />
      <button type="button" className="small" onClick={() => seek(props.at + MINUTE)}>{t('debrief.fwd1m')}</button>
      <button type="button" className="small" title={t('debrief.nextEvent')} disabled={props.nextAt === undefined} onClick={() => props.nextAt !== undefined && seek(props.nextAt)} data-testid="replay-next">▶|</button>
      <span className="replay-bar__end muted">T+{formatElapsed(props.endsAt)}</span>
      {props.children}
    </div>
  );
}
