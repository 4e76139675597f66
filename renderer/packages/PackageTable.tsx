import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { PackageItem } from '../../src/contract';
import { EditDialog, HandOverDialog, ReturnDialog } from './PackageDialogs';
import { days, describePickup, recipientLabel, statusColors, statusLabels } from './labels';

type Dialog = { kind: 'handOver' | 'return' | 'edit'; item: PackageItem } | null;

interface Props {
  items: PackageItem[];
  label: string;
  /** Sorting by age: the header button toggles it. */
  sort?: { oldestFirst: boolean; toggle: () => void };
  showRecipient?: boolean;
  onChanged: () => void;
}

export function StatusBadges({ item }: { item: PackageItem }) {
  return (
    <Group gap={4}>
      <Badge color={statusColors[item.status]} variant="light">
        {statusLabels[item.status]}
      </Badge>
      {item.returnToSender && (
        <Badge color="orange" variant="filled">
          Return to sender?
        </Badge>
      )}
      {item.perishable && (
        <Badge color="teal" variant="outline">
          Perishable
        </Badge>
      )}
    </Group>
  );
}

/** The package list: one row per package, with Hand over, Return to sender and Edit. */
export function PackageTable({ items, label, sort, showRecipient = true, onChanged }: Props) {
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
            <Table.Th>Tracking number</Table.Th>
            <Table.Th>Carrier</Table.Th>
            {showRecipient && <Table.Th>Recipient</Table.Th>}
            <Table.Th>Shelf</Table.Th>
            <Table.Th>Logged</Table.Th>
            <Table.Th aria-sort={sort ? (sort.oldestFirst ? 'descending' : 'ascending') : undefined}>
              {sort ? (
                <Button variant="subtle" size="compact-sm" onClick={sort.toggle}>
                  Age {sort.oldestFirst ? '(oldest first)' : '(newest first)'}
                </Button>
              ) : (
                'Age'
              )}
            </Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => {
            const here = p.status === 'waiting' || p.status === 'missing';
            return (
              <Table.Tr key={p.id}>
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
                {showRecipient && <Table.Td>{recipientLabel(p)}</Table.Td>}
                <Table.Td>{p.shelf ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{new Date(p.loggedAt).toLocaleString()}</Text>
                  <Text size="xs" c="dimmed">
                    by {p.loggedBy}
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
                  <Group gap={4} wrap="nowrap">
                    {here && (
                      <Button
                        size="compact-sm"
                        onClick={() => setDialog({ kind: 'handOver', item: p })}
                        aria-label={`Hand over ${p.tracking}`}
                      >
                        Hand over
                      </Button>
                    )}
                    {here && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        onClick={() => setDialog({ kind: 'return', item: p })}
                        aria-label={`Return ${p.tracking} to sender`}
                      >
                        Return to sender
                      </Button>
                    )}
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setDialog({ kind: 'edit', item: p })}
                      aria-label={`Edit ${p.tracking}`}
                    >
                      Edit
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {dialog?.kind === 'handOver' && <HandOverDialog item={dialog.item} onClose={close} onDone={done} />}
      {dialog?.kind === 'return' && <ReturnDialog item={dialog.item} onClose={close} onDone={done} />}
      {dialog?.kind === 'edit' && <EditDialog item={dialog.item} onClose={close} onDone={done} />}
    </>
  );
}
