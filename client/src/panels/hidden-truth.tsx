// The hidden truth of an incident (导调 only): the real size, trapped people, whether the call is
// unfounded, and the grade the situation really calls for. The server sends it only to controllers;
// the board marks it as not seen by players so a trainer never reads it out by mistake.
import type { ReactNode } from 'react';
import type { BoardIncident } from '../../../shared/board-state.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { gradeHex, impliedGrade, sizeText } from '../domain-view.ts';
import type { IncidentTruth } from '../live/drill-notes.ts';

export function HiddenTruth({ incident, truth }: { incident: BoardIncident; truth: IncidentTruth }): ReactNode {
  const ctx = useBoard();
  const names = useNames();
  const { t, lang } = names;
  const grade = truth.trueGrade ?? impliedGrade(ctx.map, incident.type, truth.size, truth.trapped);
  return (
    <div className="hidden-truth" data-testid="hidden-truth">
      <div className="hidden-truth__head">{t('truth.title')}</div>
      <div>
        {t('truth.line', { size: sizeText(ctx.map, incident.type, truth.size, lang), trapped: truth.trapped })}
        {grade !== undefined && <> · {t('truth.grade')} <span className="grade-chip" style={{ background: gradeHex(grade) }} data-testid="true-grade">{names.grade(grade)}</span></>}
        {truth.unfounded && <strong className="warn"> · {t('truth.unfounded')}</strong>}
      </div>
    </div>
  );
}
