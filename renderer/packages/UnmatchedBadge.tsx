import { Badge } from '@mantine/core';
import { IconPackageImport } from '@tabler/icons-react';
import { routes } from '../app/routes';
import { headerBadgeProps } from '../components/headerBadge';
import { useTranslation } from '../i18n';
import { useUnmatchedCount } from './usePackages';

/** The header's "3 unmatched": a link to the Unmatched queue while parcels wait there, nothing otherwise. */
export function UnmatchedBadge() {
  const count = useUnmatchedCount().data ?? 0;
  return <UnmatchedCountBadge count={count} />;
}

export function UnmatchedCountBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Badge
      component="a"
      href={routes.unmatched()}
      color="grape"
      leftSection={<IconPackageImport size={16} aria-hidden />}
      {...headerBadgeProps}
      style={{ cursor: 'pointer' }}
    >
      {t('packages.unmatched.badge', { count })}
    </Badge>
  );
}
