import { Button, Card, Checkbox, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import type { CarrierCode, CarrierCodeIssued, CarrierCodeLookup } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { formatDate } from '../i18n';
import { PinDisplay } from '../access/PinDisplay';
import { AddCarrierCodeDialog } from './AddCarrierCodeDialog';
import { ShownOnce } from './CodeDisplay';
import { describeDays, describeHours } from './describe';

type Action = { kind: 'lookup' | 'regenerate' | 'revoke'; code: CarrierCode };

const titles = { lookup: 'Look up carrier code', regenerate: 'Regenerate carrier code', revoke: 'Revoke carrier code' } as const;

/** Settings → Carrier access: door codes for couriers that work only in their delivery hours. */
export function CarrierAccess() {
  const codes = useQuery(() => invoke('carrierCodes.list', {}), []);
  const [adding, setAdding] = useState(false);
  const [action, setAction] = useState<Action | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="carrier-access">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="carrier-access">
            Carrier access
          </Title>
          <Button leftSection={<IconTruckDelivery size={16} aria-hidden />} onClick={() => setAdding(true)}>
            Add carrier code
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          A carrier code opens the package room only on its days and hours (this computer&apos;s local time). Outside them the keypad treats
          it as a wrong PIN. Each entry appears in the Activity log with the carrier&apos;s name.
        </Text>
        <ErrorAlert error={codes.error} title="Could not load carrier codes" />
        <Table aria-label="Carrier codes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Carrier</Table.Th>
              <Table.Th>Days</Table.Th>
              <Table.Th>Hours</Table.Th>
              <Table.Th>Ends</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {codes.data?.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{describeDays(c.days)}</Table.Td>
                <Table.Td>{describeHours(c)}</Table.Td>
                <Table.Td>{c.untilDate ?? 'No end date'}</Table.Td>
                <Table.Td>
                  {formatDate(c.createdAt)}
                  {c.createdBy ? ` by ${c.createdBy}` : ''}
                </Table.Td>
                <Table.Td ta="right">
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {(['lookup', 'regenerate', 'revoke'] as const).map((kind) => (
                      <Button
                        key={kind}
                        size="xs"
                        variant="subtle"
                        color={kind === 'revoke' ? 'red' : undefined}
                        aria-label={`${kind === 'lookup' ? 'Look up' : kind === 'regenerate' ? 'Regenerate' : 'Revoke'} the code for ${c.name}`}
                        onClick={() => setAction({ kind, code: c })}
                      >
                        {kind === 'lookup' ? 'Look up' : kind === 'regenerate' ? 'Regenerate' : 'Revoke'}
                      </Button>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {codes.data?.length === 0 && <Text c="dimmed">No carrier codes yet.</Text>}
      </Stack>
      <AddCarrierCodeDialog opened={adding} onClose={() => setAdding(false)} onAdded={codes.reload} />
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? titles[action.kind] : ''}>
        {action && <CodeAction action={action} onChanged={codes.reload} onClose={() => setAction(null)} />}
      </Modal>
    </Card>
  );
}

function CodeAction({ action, onChanged, onClose }: { action: Action; onChanged: () => void; onClose: () => void }) {
  const { kind, code } = action;
  const [verified, setVerified] = useState(false);
  const [shown, setShown] = useState<CarrierCodeLookup | CarrierCodeIssued | null>(null);
  const { run, busy, error } = useAction(async () => {
    if (kind === 'lookup') setShown(await invoke('carrierCodes.lookup', { id: code.id, identityVerified: true }));
    else if (kind === 'regenerate') setShown(await invoke('carrierCodes.regenerate', { id: code.id }));
    else {
      await invoke('carrierCodes.revoke', { id: code.id });
      onClose();
    }
    if (kind !== 'lookup') onChanged();
  });

  if (shown && 'carrierCode' in shown) return <ShownOnce name={code.name} code={shown.code} onDone={onClose} />;
  if (shown) {
    return (
      <Stack>
        <PinDisplay label={`Code for ${code.name}`} pin={shown.code} />
        <Text size="sm">Issued {formatDate(shown.createdAt)}. This look-up is recorded in the Activity log with your name.</Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            Done
          </Button>
        </Group>
      </Stack>
    );
  }
  const confirm = { lookup: 'Show code', regenerate: 'Regenerate', revoke: 'Revoke' }[kind];
  return (
    <Stack>
      {kind === 'lookup' && (
        <>
          <Text>
            Confirm that the person asking is entitled to the {code.name} code (for example, a known driver or the carrier&apos;s dispatcher
            on a call you placed) before you show it. Each look-up is recorded in the Activity log with your name.
          </Text>
          <Checkbox
            label="I have verified who is asking for this code"
            required
            checked={verified}
            onChange={(e) => setVerified(e.currentTarget.checked)}
          />
        </>
      )}
      {kind === 'regenerate' && (
        <Text>The current {code.name} code stops working at once. The new code keeps the same days and hours.</Text>
      )}
      {kind === 'revoke' && (
        <Text>The {code.name} code stops opening the door at once. This cannot be undone; add a new code instead.</Text>
      )}
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          color={kind === 'lookup' ? undefined : 'red'}
          disabled={kind === 'lookup' && !verified}
          loading={busy}
          onClick={() => void run()}
        >
          {confirm}
        </Button>
      </Group>
    </Stack>
  );
}
