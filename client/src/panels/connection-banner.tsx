// The banner that says the board is not live: connecting, disconnected (reconnecting by itself),
// resynchronising after a missed update, or refused. Nothing is shown while live.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkStatus } from '../live/board-store.ts';

export function ConnectionBanner({ link, linkError }: { link: LinkStatus; linkError?: string }): ReactNode {
  const { t } = useTranslation();
  if (link === 'live') return null;
  return (
    <div className={`link-banner link-banner--${link}`} role="alert" data-testid="link-banner" data-link={link}>
      {t(`link.${link}`, { reason: linkError ?? '' })}
    </div>
  );
}
