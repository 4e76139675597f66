import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { type CarrierId, type PackageDetection, type PackageItem, type PackageSize, type RecipientSummary } from '../../src/contract';
import { RecipientPicker } from '../access/RecipientPicker';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { formatTime, useTranslation } from '../i18n';
import { carrierOptions, sizeOptions } from './labels';

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
  const { t } = useTranslation();
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
      // A number in no known format clears the carrier: the one before belonged to another package.
      setCarrier(found.carrier);
      setCarrierName(found.carrierName ?? '');
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
      setErrors({ carrier: t('packages.intake.chooseCarrier') });
      return;
    }
    if (!recipient) {
      setErrors({ recipientId: t('packages.intake.chooseRecipient') });
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
      setCarrier(null);
      setCarrierName('');
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
            {t('packages.intake.title')}
          </Title>
          <ErrorAlert error={formError} title={t('packages.intake.failed')} />
          <Group align="flex-start" grow>
            <TextInput
              ref={trackingRef}
              label={t('packages.intake.tracking')}
              description={t('packages.intake.trackingHint')}
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
              label={t('packages.intake.carrier')}
              description={detection ? t(detection.carrier ? 'packages.intake.detected' : 'packages.intake.unknownFormat') : ' '}
              data={carrierOptions()}
              value={carrier}
              onChange={(v) => setCarrier(v as CarrierId | null)}
              error={errors.carrier}
              allowDeselect={false}
            />
            {carrier === 'other' && (
              <TextInput
                label={t('packages.intake.carrierName')}
                description=" "
                value={carrierName}
                onChange={(e) => setCarrierName(e.currentTarget.value)}
                error={errors.carrierName}
              />
            )}
          </Group>
          {duplicate && (
            <Alert color="orange" role="alert" title={t('packages.intake.duplicateTitle')}>
              {t('packages.intake.duplicate', { name: duplicate.recipientName, unit: duplicate.unit, at: formatTime(duplicate.loggedAt) })}
            </Alert>
          )}
          <Group align="flex-start" grow>
            <RecipientPicker value={recipient} onChange={chooseRecipient} error={errors.recipientId} inputRef={recipientRef} />
            <TextInput
              ref={shelfRef}
              label={t('packages.intake.shelf')}
              description={t('packages.intake.shelfHint')}
              value={shelf}
              onChange={(e) => setShelf(e.currentTarget.value)}
              error={errors.shelf}
            />
          </Group>
          <Group align="flex-end">
            <div>
              <Text size="sm" fw={500} id="size-label">
                {t('packages.intake.size')}
              </Text>
              <SegmentedControl
                aria-labelledby="size-label"
                data={sizeOptions()}
                value={size}
                onChange={(v) => setSize(v as PackageSize)}
              />
            </div>
            <Checkbox
              label={t('packages.intake.perishable')}
              checked={perishable}
              onChange={(e) => setPerishable(e.currentTarget.checked)}
              mb={6}
            />
            <TextInput
              label={t('packages.intake.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.note}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={busy}>
              {t('packages.intake.submit')}
            </Button>
          </Group>
          {last && (
            <Text role="status" c="green.8" size="sm">
              {t(last.shelf ? 'packages.intake.loggedShelf' : 'packages.intake.logged', {
                tracking: last.tracking,
                carrier: last.carrierLabel,
                name: `${last.recipient.firstName} ${last.recipient.lastName}`,
                shelf: last.shelf,
              })}
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
