import { Badge, Group, Stack, Text } from '@mantine/core';
import type { PackageItem, PackagePutAside } from '../../src/contract';
import { wholeBadgeProps } from '../components/headerBadge';
import { formatDateTime, useTranslation } from '../i18n';
import { personLabel } from './labels';

/**
 * What was read off an unmatched package's label (the ship-to lines, how the reading ended) and whom it may be for:
 * the Unmatched queue's recipient cell, the package's detail and the Assign dialog.
 */
export function ReadingSummary({ putAside, candidates = true }: { putAside: PackagePutAside; candidates?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      {putAside.outcome && (
        <Text size="xs" fw={500}>
          {t(`packages.unmatched.outcome.${putAside.outcome}`)}
        </Text>
      )}
      {putAside.shipTo.length > 0 ? (
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-line' }} aria-label={t('packages.unmatched.readLabel')}>
          {putAside.shipTo.join('\n')}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          {t('packages.unmatched.nothingRead')}
        </Text>
      )}
      {candidates && putAside.candidates.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('packages.unmatched.maybe', { names: putAside.candidates.map((c) => personLabel(c.recipient)).join('; ') })}
        </Text>
      )}
    </Stack>
  );
}

/** The recipient cell of a package: "Unmatched" and what was read while it has no recipient. */
export function UnmatchedCell({ item }: { item: PackageItem }) {
  const { t } = useTranslation();
  if (!item.putAside) return null;
  return (
    <Stack gap={4}>
      <Group gap={4}>
        <Badge color="grape" variant="light" {...wholeBadgeProps}>
          {t('packages.unmatched.nobody')}
        </Badge>
      </Group>
      <ReadingSummary putAside={item.putAside} />
    </Stack>
  );
}

/** Who put it aside and when, and who assigned it: the package's detail. */
export function PutAsideHistory({ putAside }: { putAside: PackagePutAside }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {t('packages.unmatched.putAsideBy', { name: putAside.by, when: formatDateTime(putAside.at) })}
      {putAside.assigned &&
        ` ${t('packages.unmatched.assignedBy', { name: putAside.assigned.by, when: formatDateTime(putAside.assigned.at) })}`}
    </Text>
  );
}
