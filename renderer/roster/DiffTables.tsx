import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type {
  RosterFieldChange,
  RosterLinked,
  RosterMoveOut,
  RosterNewRecipient,
  RosterRecipientChange,
  RosterRowError,
} from '../../src/contract';
import { fieldLabels, moveOutReasons } from './labels';

const shown = (v: string | null) => v ?? '—';

function Changes({ changes }: { changes: RosterFieldChange[] }) {
  return (
    <>
      {changes.map((c) => (
        <Group key={c.field} gap={6} wrap="nowrap">
          <Text size="sm">
            {fieldLabels[c.field]}: {shown(c.from)} → {shown(c.to)}
          </Text>
          {!c.applied && (
            <Badge size="xs" color="gray" variant="outline">
              kept the manual edit
            </Badge>
          )}
        </Group>
      ))}
    </>
  );
}

const Conflict = ({ on }: { on: boolean }) =>
  on ? (
    <Badge size="sm" color="orange" variant="light">
      Edited in Packroom
    </Badge>
  ) : null;

export function NewTable({ rows }: { rows: RosterNewRecipient[] }) {
  return (
    <Table striped aria-label="New recipients">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Line</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Unit</Table.Th>
          <Table.Th>Email</Table.Th>
          <Table.Th>Phone</Table.Th>
          <Table.Th>Resident ID</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.externalId}>
            <Table.Td>{r.line}</Table.Td>
            <Table.Td>
              {r.lastName}, {r.firstName}
            </Table.Td>
            <Table.Td>{r.unit}</Table.Td>
            <Table.Td>{shown(r.email)}</Table.Td>
            <Table.Td>{shown(r.phone)}</Table.Td>
            <Table.Td>{r.externalId}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ChangeTable({ rows, label, reason }: { rows: (RosterRecipientChange | RosterMoveOut)[]; label: string; reason?: boolean }) {
  return (
    <Table striped aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Line</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Unit</Table.Th>
          <Table.Th>{reason ? 'Why' : 'Changes'}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.externalId}>
            <Table.Td>{r.line ?? '—'}</Table.Td>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td>{r.unit}</Table.Td>
            <Table.Td>{reason && 'reason' in r ? moveOutReasons[r.reason] : <Changes changes={r.changes} />}</Table.Td>
            <Table.Td>
              <Conflict on={r.conflict} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ErrorTable({ rows, label = 'Rows with errors' }: { rows: RosterRowError[]; label?: string }) {
  return (
    <Table striped aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Line</Table.Th>
          <Table.Th>Column</Table.Th>
          <Table.Th>Problem</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((e, i) => (
          <Table.Tr key={`${e.line}-${i}`}>
            <Table.Td>{e.line}</Table.Td>
            <Table.Td>{e.column ?? 'whole row'}</Table.Td>
            <Table.Td>{e.reason}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Recipients added by hand that the file's rows match by unit and name; each link can be undone before applying. */
export function LinkedTable({ rows, busy, onUnlink }: { rows: RosterLinked[]; busy: boolean; onUnlink: (recipientId: number) => void }) {
  return (
    <Table striped aria-label="Recipients added by hand, linked to the file">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Line</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Unit</Table.Th>
          <Table.Th>Resident ID in the file</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.recipientId}>
            <Table.Td>{r.line}</Table.Td>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td>{r.unit}</Table.Td>
            <Table.Td>{r.externalId}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="default" disabled={busy} onClick={() => onUnlink(r.recipientId)} aria-label={`Unlink ${r.name}`}>
                Unlink: not the same person
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
