import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPlugConnectedX, IconSend } from '@tabler/icons-react';
import type { SiteStatus } from '../../src/contract';
import { headerBadgeProps } from '../components/headerBadge';
import { useTranslation } from '../i18n';
import { useSiteStatus } from './useSiteStatus';

/** The header's word on the other computers of the building; nothing on a single PC. */
export function SiteBadge() {
  return <SiteBadgeView status={useSiteStatus()} />;
}

/**
 * Cut off: since when, and how many changes wait (the desk keeps working; they go when the connection is back).
 * Connected with changes still going: a quiet count. Connected with nothing waiting, or not yet known: nothing.
 */
export function SiteBadgeView({ status }: { status: SiteStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  const count = status.pendingOut;
  if (status.connected) {
    if (count === 0) return null;
    return (
      <Badge color="gray" role="status" leftSection={<IconSend size={14} aria-hidden />} {...headerBadgeProps}>
        {t('site.badge.sending', { count })}
      </Badge>
    );
  }
  // Not connected and no time yet: the first attempt has not ended (just started); it says so in a moment.
  if (status.disconnectedSince === null) return null;
  const at = status.disconnectedSince;
  // Short on the badge, so the header still fits a 1024-pixel screen in Spanish; the whole sentence in its tooltip.
  const label = count === 0 ? t('site.badge.offline', { at }) : t('site.badge.offlineWaiting', { at, count });
  const said = `${count === 0 ? t('site.badge.offlineSaid', { at }) : t('site.badge.offlineSaidWaiting', { at, count })} ${t('site.badge.offlineHint')}`;
  return (
    <Tooltip label={said} multiline w={320} withinPortal>
      <Badge color="orange" role="status" tabIndex={0} leftSection={<IconPlugConnectedX size={16} aria-hidden />} {...headerBadgeProps}>
        {label}
        <VisuallyHidden>. {said}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}
