import { Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { api, type CarrierId, type PackageItem, type PackageSize } from '../../src/contract';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { carrierOptions } from './labels';
import { packageCalls } from './usePackages';

/** What the Log a package form holds when staff press Put aside. */
export interface PutAsideStart {
  tracking: string;
  carrier: CarrierId | null;
  carrierName: string;
  shelf: string;
  size: PackageSize;
  perishable: boolean;
  note: string;
}

interface Values extends PutAsideStart, Record<string, unknown> {
  /** The ship-to block as staff read it on the label, one line per line. */
  shipTo: string;
}

/**
 * Put aside by hand: a label staff cannot match goes to the Unmatched queue with no recipient, and with what the
 * label says (typed here, optional) so whoever sorts the queue later sees it. Nobody is told until it is assigned.
 */
export function PutAsideDialog({
  start,
  onClose,
  onDone,
}: {
  start: PutAsideStart;
  onClose: () => void;
  onDone: (item: PackageItem) => void;
}) {
  const { t } = useTranslation();
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['packages.putAside'].input,
    initialValues: { ...start, shipTo: '' } as Values,
    toInput: ({ carrier, carrierName, shipTo, ...values }: Values) => ({
      ...values,
      // Left out when not chosen, so the schema asks for it.
      ...(carrier && { carrier }),
      carrierName: carrier === 'other' ? carrierName : null,
      reading: { outcome: null, shipTo: shipTo.split('\n').filter((line) => line.trim() !== ''), candidates: [] },
    }),
    onSubmit: async (input) => onDone(await packageCalls.putAside(input)),
  });
  const { carrier } = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('packages.putAside.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('packages.putAside.explain')}</Text>
          <TextInput label={t('packages.intake.tracking')} {...form.getInputProps('tracking')} autoComplete="off" spellCheck={false} />
          <Select label={t('packages.intake.carrier')} data={carrierOptions()} {...form.getInputProps('carrier')} allowDeselect={false} />
          {carrier === 'other' && <TextInput label={t('packages.intake.carrierName')} {...form.getInputProps('carrierName')} />}
          <Textarea
            label={t('packages.putAside.shipTo')}
            description={t('packages.putAside.shipToHint')}
            autosize
            minRows={3}
            maxRows={6}
            {...form.getInputProps('shipTo')}
            data-autofocus
          />
          <TextInput label={t('packages.intake.shelf')} {...form.getInputProps('shelf')} />
          <ErrorAlert error={formError} />
          <DialogActions label={t('packages.putAside.submit')} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
