// A refusal shown in the board's language (the original sentence as the tooltip).
import type { ReactNode } from 'react';
import { useNames } from '../i18n/i18n.ts';
import { useRefusalText } from './use-command.ts';

export function RefusalNote({ refusal }: { refusal?: { message: string; code?: string } }): ReactNode {
  const { t } = useNames();
  const describe = useRefusalText();
  if (!refusal) return null;
  return <p className="error" role="alert" title={refusal.message}>{t('incident.refused', { message: describe(refusal.message, refusal.code) })}</p>;
}
