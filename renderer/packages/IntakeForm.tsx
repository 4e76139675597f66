import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  carrierIds,
  carrierLabels,
  type CarrierId,
  type PackageDetection,
  type PackageItem,
  type PackageSize,
  type RecipientSummary,
} from '../../src/contract';
import { RecipientPicker } from '../access/RecipientPicker';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { sizeOptions } from './labels';

const carrierOptions = carrierIds.map((id) => ({ value: id, label: carrierLabels[id] }));
const fields = ['tracking', 'carrier', 'carrierName', 'recipientId', 'shelf', 'size', 'note'];

interface Props {
  /** A tracking number to log (from a shelf check's "Log it now"). */
  prefill: string | null;
}

/**
 * Built for a USB scanner in keyboard mode: it types the number and Enter into the focused field.
 * Enter in Tracking number detects the carrier and moves to Recipient; choosing the recipient moves
 * to Shelf; Enter there (or in Note) logs the package and focus returns to Tracking number.
 */
export function IntakeForm({ prefill }: Props) {
  const trackingRef = useRef<HTMLInputElement>(null);
  const recipientRef = useRef<HTMLInputElement>(null);
  const shelfRef = useRef<HTMLInputElement>(null);
  const [tracking, setTracking] = useState(prefill ?? '');
  const [detection, setDetection] = useState<PackageDetection | null>(null);
  const [carrier, setCarrier] = useState<CarrierId | null>(null);
  const [carrierName, setCarrierName] = useState('');
  const [recipient, setRecipient] = useState<RecipientSummary | null>(null);
  const [shelf, setShelf] = useState('');
  const [size, setSize] = useState<PackageSize>('small');
  const [perishable, setPerishable] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<PackageItem | null>(null);

  useEffect(() => {
    if (prefill === null) trackingRef.current?.focus();
    else void detect(prefill);
    // Once, on opening: a new prefill remounts the form (see PackagesTab).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function detect(text: string) {
    try {
      const found = await invoke('packages.detect', { tracking: text });
      setTracking(found.tracking);
      setDetection(found);
      if (found.carrier) {
        setCarrier(found.carrier);
        setCarrierName(found.carrierName ?? '');
      }
      setErrors({});
      recipientRef.current?.focus();
    } catch (error) {
      setDetection(null);
      setErrors(splitError(error, fields).field);
    }
  }

  function onTrackingKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void detect(tracking);
  }

  function chooseRecipient(r: RecipientSummary | null) {
    setRecipient(r);
    // After the list closes: Mantine gives the text box focus back first.
    if (r) setTimeout(() => shelfRef.current?.focus(), 0);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!carrier) {
      setErrors({ carrier: 'Choose the carrier.' });
      return;
    }
    if (!recipient) {
      setErrors({ recipientId: 'Choose the recipient.' });
      recipientRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const item = await invoke('packages.log', {
        tracking,
        carrier,
        carrierName: carrier === 'other' ? carrierName : null,
        recipientId: recipient.id,
        shelf,
        size,
        perishable,
        note,
      });
      setLast(item);
      setTracking('');
      setDetection(null);
      setRecipient(null);
      setSize('small');
      setPerishable(false);
      setNote('');
      setErrors({});
      setFormError(null);
      trackingRef.current?.focus();
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
      if (split.field.tracking) trackingRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const duplicate = detection?.duplicate;
  return (
    <Card withBorder component="section" aria-labelledby="intake-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} id="intake-heading">
            Log a package
          </Title>
          <ErrorAlert error={formError} title="The package was not logged" />
          <Group align="flex-start" grow>
            <TextInput
              ref={trackingRef}
              label="Tracking number"
              description="Scan the label, or type the number and press Enter."
              value={tracking}
              onChange={(e) => {
                setTracking(e.currentTarget.value);
                setDetection(null);
              }}
              onKeyDown={onTrackingKey}
              error={errors.tracking}
              autoComplete="off"
              spellCheck={false}
            />
            <Select
              label="Carrier"
              description={detection ? (detection.carrier ? 'Detected from the number' : 'Not a known format: choose the carrier') : ' '}
              data={carrierOptions}
              value={carrier}
              onChange={(v) => setCarrier(v as CarrierId | null)}
              error={errors.carrier}
              allowDeselect={false}
            />
            {carrier === 'other' && (
              <TextInput
                label="Carrier name"
                description=" "
                value={carrierName}
                onChange={(e) => setCarrierName(e.currentTarget.value)}
                error={errors.carrierName}
              />
            )}
          </Group>
          {duplicate && (
            <Alert color="orange" role="alert" title="Already logged">
              This number is waiting for {duplicate.recipientName} ({duplicate.unit}), logged{' '}
              {new Date(duplicate.loggedAt).toLocaleString()}. Logging it again will be refused.
            </Alert>
          )}
          <Group align="flex-start" grow>
            <RecipientPicker value={recipient} onChange={chooseRecipient} error={errors.recipientId} inputRef={recipientRef} />
            <TextInput
              ref={shelfRef}
              label="Shelf"
              description="Kept for the next package, so a batch goes to one shelf."
              value={shelf}
              onChange={(e) => setShelf(e.currentTarget.value)}
              error={errors.shelf}
              maxLength={16}
            />
          </Group>
          <Group align="flex-end">
            <div>
              <Text size="sm" fw={500} id="size-label">
                Size
              </Text>
              <SegmentedControl aria-labelledby="size-label" data={sizeOptions} value={size} onChange={(v) => setSize(v as PackageSize)} />
            </div>
            <Checkbox label="Perishable" checked={perishable} onChange={(e) => setPerishable(e.currentTarget.checked)} mb={6} />
            <TextInput
              label="Note"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.note}
              maxLength={500}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={busy}>
              Log package
            </Button>
          </Group>
          {last && (
            <Text role="status" c="green.8" size="sm">
              Logged {last.tracking} ({last.carrierLabel}) for {last.recipient.firstName} {last.recipient.lastName}
              {last.shelf ? `, shelf ${last.shelf}` : ''}.
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
