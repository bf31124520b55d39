// The after-action report inside the debrief: the HTML the server renders (the same page the PDF
// prints) in the board's language, and the PDF to download. Both need the join code in a header,
// which a plain link cannot send, so they are fetched and handed to the frame or the download.
import { useEffect, useState, type ReactNode } from 'react';
import { useNames } from '../i18n/i18n.ts';

const reportUrl = (exerciseId: string, format: 'html' | 'pdf', lang: string): string =>
  `/api/exercises/${encodeURIComponent(exerciseId)}/report?format=${format}&lang=${lang.startsWith('zh') ? 'zh' : 'en'}`;

async function fetchReport(url: string, code: string): Promise<Response> {
  const res = await fetch(url, { headers: { 'x-join-code': code } });
  if (!res.ok) throw new Error(((await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`);
  return res;
}

export function ReportView(props: { exerciseId: string; code: string; lang: string }): ReactNode {
  const { t } = useNames();
  const [html, setHtml] = useState<string>();
  const [error, setError] = useState<string>();
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    let gone = false;
    setHtml(undefined);
    setError(undefined);
    fetchReport(reportUrl(props.exerciseId, 'html', props.lang), props.code).then((r) => r.text()).then(
      (text) => { if (!gone) setHtml(text); },
      (e: unknown) => { if (!gone) setError(e instanceof Error ? e.message : String(e)); },
    );
    return () => { gone = true; };
  }, [props.exerciseId, props.code, props.lang]);
  const downloadPdf = async (): Promise<void> => {
    setPrinting(true);
    setError(undefined);
    try {
      const blob = await (await fetchReport(reportUrl(props.exerciseId, 'pdf', props.lang), props.code)).blob();
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${props.exerciseId}-report-${props.lang.startsWith('zh') ? 'zh' : 'en'}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPrinting(false);
    }
  };
  return (
    <section className="debrief-report" aria-label={t('debrief.report')} data-testid="debrief-report">
      <div className="debrief-report__bar">
        <button type="button" onClick={() => void downloadPdf()} disabled={printing} data-testid="report-pdf">⤓ {t('debrief.pdf')}{printing ? '…' : ''}</button>
        {error && <span className="error" role="alert"> {error}</span>}
      </div>
      {html ? <iframe title={t('debrief.report')} srcDoc={html} className="debrief-report__frame" data-testid="report-frame" /> : !error && <p>{t('debrief.reportLoading')}</p>}
    </section>
  );
}
