import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, type CarrierId, type PackageDetection, type PackageItem, type PackageSize, type RecipientSummary } from '../../src/contract';
import { RecipientPicker } from '../access/RecipientPicker';
import { ErrorAlert } from '../components/ErrorText';
import { IntakeHoldNotice } from '../holds/HoldBadges';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { formatDateTime, useTranslation } from '../i18n';
import { carrierOptions, sizeOptions } from './labels';
import { PutAsideDialog, type PutAsideStart } from './PutAsideDialog';
import { packageCalls } from './usePackages';

interface Props {
  /** A tracking number to log (from a shelf check's "Log it now"). */
  prefill: string | null;
  /** Quick Actions → Log a package: each new value brings focus back to Tracking number. */
  focusRequest?: number;
}

interface Values extends Record<string, unknown> {
  tracking: string;
  carrier: CarrierId | null;
  carrierName: string;
  /** The chosen recipient (the call takes their id). */
  recipientId: RecipientSummary | null;
  shelf: string;
  size: PackageSize;
  perishable: boolean;
  note: string;
}

const fresh: Values = {
  tracking: '',
  carrier: null,
  carrierName: '',
  recipientId: null,
  shelf: '',
  size: 'small',
  perishable: false,
  note: '',
};

/**
 * Built for a USB scanner in keyboard mode: it types the number and Enter into the focused field.
 * Enter in Tracking number detects the carrier and moves to Recipient; choosing the recipient moves
 * to Shelf; Enter there (or in Note) logs the package and focus returns to Tracking number.
 */
export function IntakeForm({ prefill, focusRequest = 0 }: Props) {
  const { t } = useTranslation();
  const trackingRef = useRef<HTMLInputElement>(null);
  const recipientRef = useRef<HTMLInputElement>(null);
  const shelfRef = useRef<HTMLInputElement>(null);
  const [detection, setDetection] = useState<PackageDetection | null>(null);
  const [last, setLast] = useState<PackageItem | null>(null);
  // A label staff cannot match: what the form holds goes to the Put aside dialog.
  const [aside, setAside] = useState<PutAsideStart | null>(null);
  const { form, submit, busy, formError, fail, reset } = usePackroomForm({
    schema: api['packages.log'].input,
    initialValues: { ...fresh, tracking: prefill ?? '' },
    toInput: ({ carrier, carrierName, recipientId, ...values }: Values) => ({
      ...values,
      // Left out when not chosen, so the schema asks for it.
      ...(carrier && { carrier }),
      carrierName: carrier === 'other' ? carrierName : null,
      recipientId: recipientId?.id ?? 0,
    }),
    onSubmit: async (input, values) => {
      setLast(await packageCalls.log(input));
      setDetection(null);
      // The shelf stays for the next package (a batch goes to one shelf); the carrier comes from the next number.
      reset({ shelf: values.shelf });
      trackingRef.current?.focus();
    },
  });
  const { carrier } = form.getValues();
  const errors = form.errors;

  useEffect(() => {
    if (prefill === null) trackingRef.current?.focus();
    else void detect(prefill);
    // Once, on opening: a new prefill remounts the form (see PackagesTab).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (focusRequest > 0) trackingRef.current?.focus();
  }, [focusRequest]);

  // A refused number goes back to its field, so the scanner's next try replaces it.
  useEffect(() => {
    if (errors.tracking) trackingRef.current?.focus();
  }, [errors.tracking]);

  async function detect(text: string) {
    try {
      const found = await packageCalls.detect(text);
      form.setFieldValue('tracking', found.tracking);
      setDetection(found);
      // A number in no known format clears the carrier: the one before belonged to another package.
      form.setValues({ carrier: found.carrier, carrierName: found.carrierName ?? '' });
      recipientRef.current?.focus();
    } catch (error) {
      setDetection(null);
      fail(error);
    }
  }

  function onTrackingKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void detect(form.getValues().tracking);
  }

  function chooseRecipient(r: RecipientSummary | null) {
    form.setFieldValue('recipientId', r);
    // After the list closes: Mantine gives the text box focus back first.
    if (r) setTimeout(() => shelfRef.current?.focus(), 0);
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
              {...form.getInputProps('tracking')}
              onChange={(e) => {
                form.setFieldValue('tracking', e.currentTarget.value);
                setDetection(null);
              }}
              onKeyDown={onTrackingKey}
              autoComplete="off"
              spellCheck={false}
            />
            <Select
              label={t('packages.intake.carrier')}
              description={detection ? t(detection.carrier ? 'packages.intake.detected' : 'packages.intake.unknownFormat') : ' '}
              data={carrierOptions()}
              {...form.getInputProps('carrier')}
              allowDeselect={false}
            />
            {carrier === 'other' && (
              <TextInput label={t('packages.intake.carrierName')} description=" " {...form.getInputProps('carrierName')} />
            )}
          </Group>
          {duplicate && (
            <Alert color="orange" role="alert" title={t('packages.intake.duplicateTitle')}>
              {t('packages.intake.duplicate', {
                name: duplicate.recipientName,
                unit: duplicate.unit,
                at: formatDateTime(duplicate.loggedAt),
              })}
            </Alert>
          )}
          <Group align="flex-start" grow>
            <RecipientPicker
              value={form.getValues().recipientId}
              onChange={chooseRecipient}
              error={errors.recipientId}
              inputRef={recipientRef}
            />
            <TextInput
              ref={shelfRef}
              label={t('packages.intake.shelf')}
              description={t('packages.intake.shelfHint')}
              {...form.getInputProps('shelf')}
            />
          </Group>
          <IntakeHoldNotice recipientId={form.getValues().recipientId?.id ?? null} />
          <Group align="flex-end">
            <div>
              <Text size="sm" fw={500} id="size-label">
                {t('packages.intake.size')}
              </Text>
              <SegmentedControl aria-labelledby="size-label" data={sizeOptions()} {...form.getInputProps('size')} />
            </div>
            <Checkbox label={t('packages.intake.perishable')} {...form.getInputProps('perishable', { type: 'checkbox' })} mb={6} />
            <TextInput label={t('packages.intake.note')} {...form.getInputProps('note')} style={{ flex: 1 }} />
            <Button type="submit" loading={busy}>
              {t('packages.intake.submit')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                const { recipientId: _chosen, ...values } = form.getValues();
                setAside(values);
              }}
            >
              {t('packages.putAside.open')}
            </Button>
          </Group>
          {last && (
            <Text role="status" c="green.8" size="sm">
              {last.recipient
                ? t(last.shelf ? 'packages.intake.loggedShelf' : 'packages.intake.logged', {
                    tracking: last.tracking,
                    carrier: last.carrierLabel,
                    name: `${last.recipient.firstName} ${last.recipient.lastName}`,
                    shelf: last.shelf,
                  })
                : t('packages.putAside.done', { tracking: last.tracking, carrier: last.carrierLabel })}
            </Text>
          )}
        </Stack>
      </form>
      {aside && (
        <PutAsideDialog
          start={aside}
          onClose={() => setAside(null)}
          onDone={(item) => {
            setAside(null);
            setLast(item);
            setDetection(null);
            reset({ shelf: form.getValues().shelf });
            // After the dialog gives focus back to Put aside: the next parcel starts at Tracking number.
            setTimeout(() => trackingRef.current?.focus(), 0);
          }}
        />
      )}
    </Card>
  );
}
