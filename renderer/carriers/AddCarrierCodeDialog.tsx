import { Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState } from 'react';
import { api, weekdayIds, type CarrierCodeIssued, type CarrierId, type Weekday } from '../../src/contract';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { DayInput } from '../components/form/DayInput';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { carrierOptions } from '../packages/labels';
import { ShownOnce } from './CodeDisplay';
import { weekdayLabel } from './describe';
import { carrierCalls } from './useCarrierCodes';

export function AddCarrierCodeDialog({ opened, onClose, onAdded }: { opened: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('carriers.add')}>
      {opened && <AddCarrierCode onClose={onClose} onAdded={onAdded} />}
    </Modal>
  );
}

function AddCarrierCode({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const [issued, setIssued] = useState<CarrierCodeIssued | null>(null);
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['carrierCodes.add'].input,
    initialValues: {
      carrier: 'ups' as CarrierId,
      name: '',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as Weekday[],
      from: '08:00',
      until: '20:00',
      untilDate: '',
    },
    toInput: (values) => ({
      carrier: values.carrier,
      name: values.carrier === 'other' ? values.name : null,
      // Keep the week's order whatever order the boxes were ticked in.
      days: weekdayIds.filter((d) => values.days.includes(d)),
      from: values.from,
      until: values.until,
      untilDate: values.untilDate || null,
    }),
    onSubmit: async (input) => {
      setIssued(await carrierCalls.add(input));
      onAdded();
    },
  });
  const values = form.getValues();

  if (issued) return <ShownOnce name={issued.carrierCode.name} code={issued.code} onDone={onClose} />;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={formError} />
        <Select
          label={t('carriers.form.carrier')}
          allowDeselect={false}
          data={carrierOptions()}
          {...form.getInputProps('carrier')}
          data-autofocus
        />
        {values.carrier === 'other' && <TextInput label={t('carriers.form.carrierName')} {...form.getInputProps('name')} />}
        <Checkbox.Group label={t('carriers.form.days')} {...form.getInputProps('days')}>
          <Group mt={6} gap="sm">
            {weekdayIds.map((d) => (
              <Checkbox key={d} value={d} label={weekdayLabel(d)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group align="flex-start" grow>
          <TimeInput label={t('carriers.form.from')} {...form.getInputProps('from')} />
          <TimeInput label={t('carriers.form.until')} {...form.getInputProps('until')} />
        </Group>
        <DayInput
          clearable
          label={t('carriers.form.endDate')}
          description={t('carriers.form.endDateHint')}
          {...form.getInputProps('untilDate')}
        />
        <DialogActions label={t('carriers.form.submit')} busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
