// The evacuation area tool of the hazards panel (issue 10 §4: "the commander orders evacuation of an
// area drawn on the map"). Draw: each click on the map adds a corner (board-map.tsx), or, from the
// keyboard, the arrow keys move the map and "add corner" puts one under the cross at its centre;
// undo the last corner (Backspace), close the area on its first corner, with Enter or Finish; Esc or
// Cancel drops it. Closed, the area is shown with the people the population data puts inside it and
// the longest it can take (asked of the server: no hidden truth), and the order goes out only when
// confirmed, as EVACUATE_AREA with a polygon (the connection gives it its command id). A refusal is
// shown in the board's language.
import { useEffect, useState, type ReactNode } from 'react';
import { useNames } from '../i18n/i18n.ts';
import { ADD_CENTRE_CORNER, draftClose, draftUndo, emptyDraft, MIN_CORNERS, type AreaDraft } from '../map/area-draft.ts';
import type { EvacuationEstimate } from '../live/rest.ts';
import { useCommand, useRefusalText } from './use-command.ts';

export type EstimateArea = (area: { kind: 'polygon'; ring: [number, number][] }) => Promise<EvacuationEstimate>;

type Estimated = { state: 'loading' } | { state: 'ok'; estimate: EvacuationEstimate } | { state: 'failed'; message: string; code?: string };

export function EvacuationDraw(props: { draft?: AreaDraft; onDraft(d: AreaDraft | undefined): void; estimate: EstimateArea }): ReactNode {
  const { t } = useNames();
  const { run, busy, error } = useCommand();
  const describe = useRefusalText();
  const [note, setNote] = useState('');
  const [estimated, setEstimated] = useState<Estimated>();
  const [ordered, setOrdered] = useState(false);
  const { draft, onDraft, estimate } = props;
  const closedRing = draft?.closed ? JSON.stringify(draft.points) : undefined;

  // Ask for the estimate each time an outline is closed (the same outline is not asked twice).
  useEffect(() => {
    if (!closedRing) {
      setEstimated(undefined);
      return;
    }
    let current = true;
    setEstimated({ state: 'loading' });
    estimate({ kind: 'polygon', ring: JSON.parse(closedRing) as [number, number][] }).then(
      (e) => { if (current) setEstimated({ state: 'ok', estimate: e }); },
      (err: unknown) => {
        if (!current) return;
        const e = err as { message?: string; code?: string };
        setEstimated({ state: 'failed', message: e.message ?? String(err), ...(e.code ? { code: e.code } : {}) });
      },
    );
    return () => { current = false; };
  }, [closedRing, estimate]);

  if (!draft) {
    return (
      <p>
        <button type="button" className="small" data-testid="evac-draw" onClick={() => { setOrdered(false); setNote(''); onDraft(emptyDraft()); }}>{t('hazard.draw')}</button>
        {ordered && <span role="status" className="muted" data-testid="evac-ordered"> {t('hazard.ordered')}</span>}
        {error && <span className="error" role="alert"> {t('incident.refused', { message: error })}</span>}
      </p>
    );
  }

  const order = async (): Promise<void> => {
    const r = await run({ type: 'EVACUATE_AREA', area: { kind: 'polygon', ring: draft.points }, note: note.trim() });
    if (r?.ok) {
      setOrdered(true);
      onDraft(undefined);
    }
  };

  return (
    <fieldset className="evac-draw" data-testid="evac-draft" data-corners={draft.points.length} data-closed={draft.closed}>
      <legend>{t('hazard.drawTitle')}</legend>
      {!draft.closed ? (
        <>
          <p role="status" aria-live="polite" data-testid="evac-hint">{t('hazard.drawHint', { count: draft.points.length })}</p>
          <p className="muted small-text">{t('hazard.drawKeyboard')}</p>
          <div className="actions">
            <button type="button" className="small" data-testid="evac-add-centre" onClick={() => window.dispatchEvent(new CustomEvent(ADD_CENTRE_CORNER))}>{t('hazard.addCentre')}</button>
            <button type="button" className="small" data-testid="evac-undo" disabled={draft.points.length === 0} onClick={() => onDraft(draftUndo(draft))}>{t('hazard.undo')}</button>
            <button type="button" className="small" data-testid="evac-finish" disabled={draft.points.length < MIN_CORNERS} onClick={() => onDraft(draftClose(draft))}>{t('hazard.finish')}</button>
            <button type="button" className="small" data-testid="evac-cancel" onClick={() => onDraft(undefined)}>{t('hazard.cancel')}</button>
          </div>
        </>
      ) : (
        <>
          <p role="status" aria-live="polite" data-testid="evac-estimate" data-people={estimated?.state === 'ok' ? estimated.estimate.people : undefined}>
            {estimated?.state === 'ok'
              ? (estimated.estimate.people > 0 ? t('hazard.estimate', { people: estimated.estimate.people, minutes: estimated.estimate.minutesAtMost }) : t('hazard.estimateNobody'))
              : estimated?.state === 'failed' ? <span className="error" role="alert" title={estimated.message}>{describe(estimated.message, estimated.code)}</span>
              : t('hazard.estimating')}
          </p>
          <label className="field">
            {t('hazard.note')}
            <input type="text" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} data-testid="evac-note" />
          </label>
          <div className="actions">
            <button type="button" className="small" data-testid="evac-confirm" disabled={busy || estimated?.state === 'loading'} onClick={() => void order()}>{t('hazard.confirm')}</button>
            <button type="button" className="small" data-testid="evac-back" onClick={() => onDraft(draftUndo(draft))}>{t('hazard.back')}</button>
            <button type="button" className="small" data-testid="evac-cancel" onClick={() => onDraft(undefined)}>{t('hazard.cancel')}</button>
          </div>
          {error && <p className="error" role="alert" data-testid="evac-refused">{t('incident.refused', { message: error })}</p>}
        </>
      )}
    </fieldset>
  );
}
