import { Alert, Badge } from '@mantine/core';
import type { PackageHold } from '../../src/contract';
import { wholeBadgeProps } from '../components/headerBadge';
import { formatDate, useTranslation } from '../i18n';
import { useHolds } from './useHolds';

/** "On hold until 14 Dec 2026" beside a recipient: the hold in force now. */
export function OnHoldBadge({ until }: { until: string | null | undefined }) {
  const { t } = useTranslation();
  if (!until) return null;
  return (
    <Badge color="violet.9" variant="light" {...wholeBadgeProps}>
      {t('holds.onHoldUntil', { day: formatDate(until) })}
    </Badge>
  );
}

/** "Return by 20 Dec 2026": a package that arrived during a `return` hold. */
export function ReturnByBadge({ hold }: { hold: PackageHold | null }) {
  const { t } = useTranslation();
  if (!hold?.returnBy) return null;
  return (
    <Badge color="orange.9" variant="outline" {...wholeBadgeProps}>
      {t('holds.returnBy', { day: formatDate(hold.returnBy) })}
    </Badge>
  );
}

/** At intake, under the chosen recipient: they are away now, and what happens to this package. */
export function IntakeHoldNotice({ recipientId }: { recipientId: number | null }) {
  const { t } = useTranslation();
  const holds = useHolds(recipientId);
  const current = holds.data?.current;
  if (!current || current.state !== 'current') return null;
  const mode = current.mode === 'keep' ? t('holds.mode.keep') : t('holds.mode.returnAfter', { count: current.returnDays ?? 1 });
  return (
    <Alert color="violet" variant="light" role="status" title={t('holds.onHoldUntil', { day: formatDate(current.until) })}>
      {mode}
    </Alert>
  );
}
