import { Alert, Box, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  api,
  type CarrierId,
  type DeskReading,
  type LabelPerson,
  type PackageDetection,
  type PackageItem,
  type PackageSize,
  type RecipientSummary,
} from '../../src/contract';
import { invoke } from '../api/client';
import { RecipientPicker } from '../access/RecipientPicker';
import { ErrorAlert } from '../components/ErrorText';
import { IntakeHoldNotice } from '../holds/HoldBadges';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { formatDateTime, useTranslation } from '../i18n';
import { CameraPanel } from './CameraPanel';
import { carrierOptions, sizeOptions } from './labels';
import { PutAsideDialog, type PutAsideStart } from './PutAsideDialog';
import { useChosenCamera, useLabelReading } from './useLabelReading';
import { packageCalls } from './usePackages';
import { openShelfLabel, printShelfLabels, usePrintOnIntake } from './useShelfLabels';

interface Props {
  /** A tracking number to log (from a shelf check's "Log it now"). */
  prefill: string | null;
  /** Quick Actions → Log a package: each new value brings focus back to Tracking number. */
  focusRequest?: number;
  /** A shelf label scanned into Tracking number opens its package (hand over in one step). */
  onOpen: (id: number) => void;
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
  signatureRequired: boolean;
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
  signatureRequired: false,
  note: '',
};

/**
 * Built for a USB scanner in keyboard mode: it types the number and Enter into the focused field.
 * Enter in Tracking number detects the carrier and moves to Recipient; choosing the recipient moves
 * to Shelf; Enter there (or in Note) logs the package and focus returns to Tracking number.
 */
export function IntakeForm({ prefill, focusRequest = 0, onOpen }: Props) {
  const { t } = useTranslation();
  const trackingRef = useRef<HTMLInputElement>(null);
  const recipientRef = useRef<HTMLInputElement>(null);
  const shelfRef = useRef<HTMLInputElement>(null);
  const [detection, setDetection] = useState<PackageDetection | null>(null);
  const [last, setLast] = useState<PackageItem | null>(null);
  // Who filled each field in: the camera never overwrites what a person typed, scanned or chose.
  const filledBy = useRef<{ tracking: 'camera' | 'person' | null; recipient: 'camera' | 'person' | null }>({
    tracking: null,
    recipient: null,
  });
  const video = useRef<HTMLVideoElement>(null);
  // A label staff cannot match: what the form holds goes to the Put aside dialog.
  const [aside, setAside] = useState<PutAsideStart | null>(null);
  const camera = useLabelReading(useChosenCamera(), video, (reading) => void fillIn(reading));
  const printOnIntake = usePrintOnIntake();
  // A label that did not print is said beside the form; the package is logged whatever the printer does.
  const [printError, setPrintError] = useState<Error | null>(null);
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
      // The picture the camera read is this parcel's label: it is kept with the package as evidence.
      const logged = await packageCalls.log(camera.result && camera.photo ? { ...input, photo: camera.photo } : input);
      setPrintError(null);
      if (printOnIntake.on) printShelfLabels([logged.id], t('packages.labels.frameTitle')).catch(setPrintError);
      nextParcel(logged, values.shelf);
      trackingRef.current?.focus();
    },
  });

  /** Logged or put aside: the form empties for the next parcel, and the camera waits for a new steady picture. */
  function nextParcel(item: PackageItem, shelf: string) {
    setLast(item);
    setDetection(null);
    // The shelf stays for the next package (a batch goes to one shelf); the carrier comes from the next number.
    reset({ shelf });
    filledBy.current = { tracking: null, recipient: null };
    camera.clear();
  }

  /**
   * The camera's Put aside: the parcel goes to Unmatched with what the label said and who it might be for. Without a
   * carrier (none read, none chosen) the Put aside dialog asks for it.
   */
  async function putAsideReading(reading: DeskReading) {
    const { recipientId: _chosen, ...values } = form.getValues();
    const { carrier } = values;
    if (!carrier) {
      setAside(values);
      return;
    }
    try {
      const item = await packageCalls.putAside({
        ...values,
        carrier,
        carrierName: carrier === 'other' ? values.carrierName : null,
        reading: {
          outcome: reading.outcome === 'matched' ? null : reading.outcome,
          shipTo: reading.shipTo.map((line) => line.text),
          candidates: reading.candidates.map((c) => ({ recipientId: c.id, score: c.score, why: c.why })),
        },
        ...(camera.photo && { photo: camera.photo }),
      });
      nextParcel(item, values.shelf);
      trackingRef.current?.focus();
    } catch (error) {
      fail(error);
    }
  }
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
    const opened = (id: number) => {
      form.setFieldValue('tracking', '');
      setDetection(null);
      onOpen(id);
    };
    if (await openShelfLabel(text, opened, fail)) return;
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

  /** A reading of the label: what it is sure of, in the fields no person has filled in; focus where Enter logs it. */
  async function fillIn(reading: DeskReading) {
    const values = form.getValues();
    const typed = values.tracking.trim() !== '' && filledBy.current.tracking !== 'camera';
    if (!typed && reading.tracking) {
      filledBy.current.tracking = 'camera';
      form.setValues({ tracking: reading.tracking, carrier: reading.carrier, carrierName: reading.carrierName ?? '' });
      // The duplicate check a scanned number gets; its own carrier detection agrees (both by the check digit).
      packageCalls.detect(reading.tracking).then(setDetection, () => setDetection(null));
    }
    const chosen = values.recipientId !== null && filledBy.current.recipient !== 'camera';
    if (reading.recipient && !chosen) {
      await choose(reading.recipient, 'camera');
    }
  }

  async function choose(person: LabelPerson, by: 'camera' | 'person') {
    try {
      const recipient = await invoke('recipients.get', { id: person.id });
      filledBy.current.recipient = by;
      form.setFieldValue('recipientId', recipient);
      shelfRef.current?.focus();
    } catch (error) {
      fail(error);
    }
  }

  function onTrackingKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void detect(form.getValues().tracking);
  }

  function chooseRecipient(r: RecipientSummary | null) {
    filledBy.current.recipient = 'person';
    form.setFieldValue('recipientId', r);
    // After the list closes: Mantine gives the text box focus back first.
    if (r) setTimeout(() => shelfRef.current?.focus(), 0);
  }

  const duplicate = detection?.duplicate;
  return (
    <Card withBorder component="section" aria-labelledby="intake-heading">
      <Group align="flex-start" wrap={camera.camera === 'off' ? 'wrap' : 'nowrap'}>
        <Box style={{ flex: 1, minWidth: camera.camera === 'off' ? '100%' : 0 }}>
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
                    filledBy.current.tracking = 'person';
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
                <Checkbox
                  label={t('packages.intake.signatureRequired')}
                  {...form.getInputProps('signatureRequired', { type: 'checkbox' })}
                  mb={6}
                />
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
              <Group>
                <Switch
                  label={t('packages.labels.printOnIntake')}
                  description={t('packages.labels.printOnIntakeHint')}
                  checked={printOnIntake.on}
                  onChange={(e) => void printOnIntake.set(e.currentTarget.checked)}
                />
              </Group>
              <ErrorAlert error={printOnIntake.error ?? printError} title={printError ? t('packages.labels.printFailed') : undefined} />
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
        </Box>
        {/* Beside the form with a camera; under it, as a place to drop a photo, without one. */}
        <Box w={camera.camera === 'off' ? '100%' : 340} style={{ flexShrink: 0 }}>
          <CameraPanel
            state={camera}
            video={video}
            readFile={(file) => void camera.readFile(file)}
            retryCamera={camera.retryCamera}
            onPick={(candidate) => void choose(candidate, 'person')}
            putAside={
              camera.result && (
                <Button variant="default" onClick={() => void putAsideReading(camera.result!)}>
                  {t('camera.putAside')}
                </Button>
              )
            }
          />
        </Box>
      </Group>
      {aside && (
        <PutAsideDialog
          start={aside}
          onClose={() => setAside(null)}
          onDone={(item) => {
            setAside(null);
            nextParcel(item, form.getValues().shelf);
            // After the dialog gives focus back to Put aside: the next parcel starts at Tracking number.
            setTimeout(() => trackingRef.current?.focus(), 0);
          }}
        />
      )}
    </Card>
  );
}
