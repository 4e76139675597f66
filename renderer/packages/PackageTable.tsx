import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { PackageItem } from '../../src/contract';
import { rowOpens } from '../components/rowOpens';
import { AssignDialog } from './AssignDialog';
import { EditDialog, HandOverDialog, ReturnDialog } from './PackageDialogs';
import { formatDateTime, useTranslation } from '../i18n';
import { days, describePickup, isAssigned, recipientLabel, statusColors, statusLabel } from './labels';
import { UnmatchedCell } from './Unmatched';
import { wholeBadgeProps } from '../components/headerBadge';
import { OnHoldBadge, ReturnByBadge } from '../holds/HoldBadges';

type Dialog = { kind: PackageAction; item: PackageItem } | null;

interface Props {
  items: PackageItem[];
  label: string;
  /** Sorting by age: the header button toggles it. */
  sort?: { oldestFirst: boolean; toggle: () => void };
  showRecipient?: boolean;
  /** Opens a package's detail: a click on its row, or Enter on it. */
  onOpen?: (id: number) => void;
  onChanged: () => void;
}

export function StatusBadges({ item }: { item: PackageItem }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={statusColors[item.status]} variant="light" {...wholeBadgeProps}>
        {statusLabel(item.status)}
      </Badge>
      {item.returnToSender && (
        <Badge color="orange.9" variant="filled" {...wholeBadgeProps}>
          {t('packages.table.returnToSender')}
        </Badge>
      )}
      <ReturnByBadge hold={item.hold} />
      {item.perishable && (
        <Badge color="teal.9" variant="outline" {...wholeBadgeProps}>
          {t('packages.table.perishable')}
        </Badge>
      )}
      {item.signatureRequired && (
        <Badge color="grape.9" variant="outline" {...wholeBadgeProps}>
          {t('packages.table.signatureRequired')}
        </Badge>
      )}
    </Group>
  );
}

/** The package list: one row per package, with Hand over, Return to sender and Edit. */
export function PackageTable({ items, label, sort, showRecipient = true, onOpen, onChanged }: Props) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    onChanged();
  };
  return (
    <>
      <Table aria-label={label} striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('packages.table.tracking')}</Table.Th>
            <Table.Th>{t('packages.table.carrier')}</Table.Th>
            {showRecipient && <Table.Th>{t('packages.table.recipient')}</Table.Th>}
            <Table.Th>{t('packages.table.shelf')}</Table.Th>
            <Table.Th>{t('packages.table.logged')}</Table.Th>
            <Table.Th aria-sort={sort ? (sort.oldestFirst ? 'descending' : 'ascending') : undefined}>
              {sort ? (
                // Wraps like the other headers: on one line "Antigüedad (más recientes primero)" pushed Actions off a 1024 px screen.
                <Button
                  variant="subtle"
                  size="compact-sm"
                  h="auto"
                  py={2}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'start' } }}
                  onClick={sort.toggle}
                >
                  {t(sort.oldestFirst ? 'packages.table.ageOldest' : 'packages.table.ageNewest')}
                </Button>
              ) : (
                t('packages.table.age')
              )}
            </Table.Th>
            <Table.Th>{t('packages.table.status')}</Table.Th>
            <Table.Th>{t('packages.table.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => {
            return (
              <Table.Tr key={p.id} {...(onOpen && rowOpens(() => onOpen(p.id)))}>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {p.tracking}
                  </Text>
                  {p.note && (
                    <Text size="xs" c="dimmed">
                      {p.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{p.carrierLabel}</Table.Td>
                {showRecipient && (
                  <Table.Td>
                    {p.recipient ? (
                      <>
                        {recipientLabel(p)} <OnHoldBadge until={p.hold?.until} />
                      </>
                    ) : (
                      <UnmatchedCell item={p} />
                    )}
                  </Table.Td>
                )}
                <Table.Td>{p.shelf ?? t('common.none')}</Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(p.loggedAt)}</Text>
                  <Text size="xs" c="dimmed">
                    {t('packages.table.loggedBy', { name: p.loggedBy })}
                  </Text>
                </Table.Td>
                <Table.Td>{days(p.ageDays)}</Table.Td>
                <Table.Td>
                  <StatusBadges item={p} />
                  {p.pickup && (
                    <Text size="xs" c="dimmed">
                      {describePickup(p)}
                    </Text>
                  )}
                  {p.returned && (
                    <Text size="xs" c="dimmed">
                      {p.returned.reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <PackageActions item={p} onChoose={(kind) => setDialog({ kind, item: p })} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {dialog && <PackageActionDialog {...dialog} onClose={close} onDone={done} />}
    </>
  );
}

export type PackageAction = 'handOver' | 'return' | 'edit' | 'assign';

/** A package's actions: Hand over and Return to sender while it is here, and Edit; Assign while it is unmatched. */
export function PackageActions({ item, onChoose }: { item: PackageItem; onChoose: (action: PackageAction) => void }) {
  const { t } = useTranslation();
  if (!item.recipient) {
    return (
      <Button
        size="compact-sm"
        color="grape"
        onClick={() => onChoose('assign')}
        aria-label={t('packages.unmatched.assignLabel', { tracking: item.tracking })}
      >
        {t('packages.unmatched.assign')}
      </Button>
    );
  }
  const here = item.status === 'waiting' || item.status === 'missing';
  return (
    <Group gap={4} wrap="nowrap">
      {here && (
        <Button
          size="compact-sm"
          onClick={() => onChoose('handOver')}
          aria-label={t('packages.table.handOverLabel', { tracking: item.tracking })}
        >
          {t('packages.table.handOver')}
        </Button>
      )}
      {here && (
        <Button
          size="compact-sm"
          variant="light"
          color="red"
          onClick={() => onChoose('return')}
          aria-label={t('packages.table.returnLabel', { tracking: item.tracking })}
        >
          {t('packages.table.return')}
        </Button>
      )}
      <Button
        size="compact-sm"
        variant="default"
        onClick={() => onChoose('edit')}
        aria-label={t('packages.table.editLabel', { tracking: item.tracking })}
      >
        {t('common.edit')}
      </Button>
    </Group>
  );
}

/** The dialog of the action chosen in PackageActions. */
export function PackageActionDialog({
  kind,
  item,
  onClose,
  onDone,
}: {
  kind: PackageAction;
  item: PackageItem;
  onClose: () => void;
  onDone: () => void;
}) {
  if (kind === 'assign' || !isAssigned(item)) return <AssignDialog item={item} onClose={onClose} onDone={onDone} />;
  if (kind === 'handOver') return <HandOverDialog item={item} onClose={onClose} onDone={onDone} />;
  if (kind === 'return') return <ReturnDialog item={item} onClose={onClose} onDone={onDone} />;
  return <EditDialog item={item} onClose={onClose} onDone={onDone} />;
}
