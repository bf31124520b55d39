// The drill is over (the scenario ran out, or the controller stopped it): a banner everyone sees,
// saying so and where the debrief (after-action report) is.
import type { ReactNode } from 'react';
import { useNames } from '../i18n/i18n.ts';

/** Where an exercise's debrief lives on the board. */
export const debriefHref = (exerciseId: string): string => `/exercises/${encodeURIComponent(exerciseId)}/debrief`;

export function DrillEnded(props: { exerciseId: string; stopped: boolean }): ReactNode {
  const { t } = useNames();
  return (
    <div className="drill-ended" role="status" data-testid="drill-ended">
      <strong>{props.stopped ? t('ended.stopped') : t('ended.ranOut')}</strong>{' '}
      {t('ended.noMore')}{' '}
      <a href={debriefHref(props.exerciseId)} target="_blank" rel="noreferrer" data-testid="debrief-link">{t('ended.debrief')}</a>
    </div>
  );
}
