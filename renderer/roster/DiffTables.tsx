import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type {
  RosterFieldChange,
  RosterLinked,
  RosterMoveOut,
  RosterNewRecipient,
  RosterRecipientChange,
  RosterRowError,
} from '../../src/contract';
import { i18n, sentenceText, useTranslation } from '../i18n';
import { fieldLabel, moveOutReason } from './labels';

const shown = (v: string | null) => v ?? i18n.t('common.none');

function Changes({ changes }: { changes: RosterFieldChange[] }) {
  const { t } = useTranslation();
  return (
    <>
      {changes.map((c) => (
        <Group key={c.field} gap={6} wrap="nowrap">
          <Text size="sm">{t('roster.tables.change', { field: fieldLabel(c.field), from: shown(c.from), to: shown(c.to) })}</Text>
          {!c.applied && (
            <Badge size="xs" color="gray" variant="outline">
              {t('roster.tables.keptManual')}
            </Badge>
          )}
        </Group>
      ))}
    </>
  );
}

function Conflict({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return on ? (
    <Badge size="sm" color="orange" variant="light">
      {t('roster.tables.edited')}
    </Badge>
  ) : null;
}

export function NewTable({ rows }: { rows: RosterNewRecipient[] }) {
  const { t } = useTranslation();
  return (
    <Table striped aria-label={t('roster.tables.new')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('roster.tables.line')}</Table.Th>
          <Table.Th>{t('roster.tables.name')}</Table.Th>
          <Table.Th>{t('roster.tables.unit')}</Table.Th>
          <Table.Th>{t('roster.tables.email')}</Table.Th>
          <Table.Th>{t('roster.tables.phone')}</Table.Th>
          <Table.Th>{t('roster.tables.residentId')}</Table.Th>
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
  const { t } = useTranslation();
  return (
    <Table striped aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('roster.tables.line')}</Table.Th>
          <Table.Th>{t('roster.tables.name')}</Table.Th>
          <Table.Th>{t('roster.tables.unit')}</Table.Th>
          <Table.Th>{reason ? t('roster.tables.why') : t('roster.tables.changes')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.externalId}>
            <Table.Td>{r.line ?? t('common.none')}</Table.Td>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td>{r.unit}</Table.Td>
            <Table.Td>{reason && 'reason' in r ? moveOutReason(r.reason) : <Changes changes={r.changes} />}</Table.Td>
            <Table.Td>
              <Conflict on={r.conflict} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ErrorTable({ rows, label }: { rows: RosterRowError[]; label?: string }) {
  const { t } = useTranslation();
  return (
    <Table striped aria-label={label ?? t('roster.tables.errors')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('roster.tables.line')}</Table.Th>
          <Table.Th>{t('roster.tables.column')}</Table.Th>
          <Table.Th>{t('roster.tables.problem')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((e, i) => (
          <Table.Tr key={`${e.line}-${i}`}>
            <Table.Td>{e.line}</Table.Td>
            <Table.Td>{e.column ?? t('roster.tables.wholeRow')}</Table.Td>
            <Table.Td>{sentenceText(e.reason)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Recipients added by hand that the file's rows match by unit and name; each link can be undone before applying. */
export function LinkedTable({ rows, busy, onUnlink }: { rows: RosterLinked[]; busy: boolean; onUnlink: (recipientId: number) => void }) {
  const { t } = useTranslation();
  return (
    <Table striped aria-label={t('roster.tables.linked')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('roster.tables.line')}</Table.Th>
          <Table.Th>{t('roster.tables.name')}</Table.Th>
          <Table.Th>{t('roster.tables.unit')}</Table.Th>
          <Table.Th>{t('roster.tables.residentIdInFile')}</Table.Th>
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
              <Button
                size="xs"
                variant="default"
                disabled={busy}
                onClick={() => onUnlink(r.recipientId)}
                aria-label={t('roster.tables.unlinkLabel', { name: r.name })}
              >
                {t('roster.tables.unlink')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
