// The drill is over (the scenario ran out, or the controller stopped it): a banner everyone sees,
// saying so and opening the debrief (the after-action report, GET /api/exercises/:id/report). The
// report needs the join code in a header, which a plain link cannot send: the board fetches it and
// opens it in a new tab. Commanders get it once the drill is over; controllers and observers always.
// The replay and debrief page (`?debrief=<id>`, the same tab: the code is kept for it) is linked beside.
import { useState, type ReactNode } from 'react';
import { useNames } from '../i18n/i18n.ts';

/** Where an exercise's after-action report is, in the board's language. */
export const debriefHref = (exerciseId: string, lang = 'zh'): string =>
  `/api/exercises/${encodeURIComponent(exerciseId)}/report?lang=${lang.startsWith('zh') ? 'zh' : 'en'}`;

export function DrillEnded(props: { exerciseId: string; stopped: boolean; code?: string }): ReactNode {
  const { t, lang } = useNames();
  const [error, setError] = useState<string | undefined>();
  const href = debriefHref(props.exerciseId, lang);
  const open = async (): Promise<void> => {
    setError(undefined);
    // Open the tab at once (a popup after an await is blocked), then fill it with the report.
    const tab = globalThis.open?.('', '_blank');
    try {
      const res = await fetch(href, { headers: props.code ? { 'x-join-code': props.code } : {} });
      if (!res.ok) throw new Error(((await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`);
      const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }));
      if (tab) tab.location.href = url;
      else globalThis.location.assign(url);
    } catch (err) {
      tab?.close();
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="drill-ended" role="status" data-testid="drill-ended">
      <strong>{props.stopped ? t('ended.stopped') : t('ended.ranOut')}</strong>{' '}
      {t('ended.noMore')}{' '}
      <button type="button" className="link" data-testid="debrief-link" data-report={href} onClick={() => void open()}>{t('ended.debrief')}</button>{' · '}
      <a href={`?debrief=${encodeURIComponent(props.exerciseId)}`} data-testid="replay-link">{t('debrief.openReplay')}</a>
      {error && <span className="error"> {error}</span>}
    </div>
  );
}
