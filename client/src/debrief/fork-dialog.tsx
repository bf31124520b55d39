// "What if": from the moment on the scrubber, a live fork (POST …/fork with live: true) — a new
// exercise paused at that moment, with the original's history up to there and the same random
// streams, which the players then continue on the board. The controller's only; the three new codes
// are shown once (the server keeps only their hashes), and the tab can open the fork as its controller.
import { useState, type ReactNode } from 'react';
import { useNames } from '../i18n/i18n.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import { RestError } from '../live/rest.ts';
import { rememberJoin } from '../join-storage.ts';

export interface LiveFork { id: string; codes: { controller: string; commander: string; observer: string }; at: number }

async function postFork(exerciseId: string, code: string, at: number): Promise<LiveFork> {
  const res = await fetch(`/api/exercises/${encodeURIComponent(exerciseId)}/fork`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-join-code': code },
    body: JSON.stringify({ at: Math.round(at), live: true }),
  });
  const body = (await res.json().catch(() => undefined)) as (LiveFork & { error?: { code?: string; message?: string } }) | undefined;
  if (!res.ok) throw new RestError(res.status, body?.error?.code ?? String(res.status), body?.error?.message ?? `HTTP ${res.status}`);
  return body!;
}

export function ForkDialog(props: { exerciseId: string; code: string; at: number; onClose(): void }): ReactNode {
  const { t } = useNames();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [made, setMade] = useState<LiveFork>();
  const time = formatElapsed(props.at);
  const create = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      setMade(await postFork(props.exerciseId, props.code, props.at));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="overlay" onClick={(e) => { if (e.target === e.currentTarget && !busy) props.onClose(); }}>
      <div className="dialog fork-dialog" role="dialog" aria-label={t('debrief.fork')} data-testid="fork-dialog">
        <h2>{t('debrief.forkTitle', { time })}</h2>
        {!made && (
          <>
            <p>{t('debrief.forkHint')}</p>
            {error && <p className="error" role="alert">{t('debrief.forkFailed', { message: error })}</p>}
            <button type="button" onClick={() => void create()} disabled={busy} data-testid="fork-create">{t('debrief.forkGo')}</button>{' '}
            <button type="button" onClick={props.onClose} disabled={busy}>{t('debrief.forkCancel')}</button>
          </>
        )}
        {made && (
          <>
            <p data-testid="fork-made" data-id={made.id}>{t('debrief.forkMade', { id: made.id, time })}</p>
            <table className="fork-codes">
              <tbody>
                {(['controller', 'commander', 'observer'] as const).map((role) => (
                  <tr key={role}><th>{t(`role.${role}`)}</th><td><code data-testid={`fork-code-${role}`}>{made.codes[role]}</code></td></tr>
                ))}
              </tbody>
            </table>
            <button type="button" data-testid="fork-open" onClick={() => { rememberJoin(made.codes.controller); globalThis.location.assign('/'); }}>{t('debrief.forkOpen')}</button>{' '}
            <button type="button" onClick={props.onClose}>{t('debrief.forkCancel')}</button>
          </>
        )}
      </div>
    </div>
  );
}
