import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { weekdayIds, type CarrierCodeIssued, type CarrierId, type Weekday } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';
import { carrierOptions } from '../packages/labels';
import { ShownOnce } from './CodeDisplay';
import { weekdayLabel } from './describe';

const fields = ['carrier', 'name', 'days', 'from', 'until', 'untilDate'] as const;

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
  const [values, setValues] = useState({
    carrier: 'ups' as CarrierId,
    name: '',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as Weekday[],
    from: '08:00',
    until: '20:00',
    untilDate: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<CarrierCodeIssued | null>(null);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await invoke('carrierCodes.add', {
        carrier: values.carrier,
        name: values.carrier === 'other' ? values.name : null,
        // Keep the week's order whatever order the boxes were ticked in.
        days: weekdayIds.filter((d) => values.days.includes(d)),
        from: values.from,
        until: values.until,
        untilDate: values.untilDate || null,
      });
      setIssued(result);
      onAdded();
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  if (issued) return <ShownOnce name={issued.carrierCode.name} code={issued.code} onDone={onClose} />;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={formError} />
        <Select
          label={t('carriers.form.carrier')}
          allowDeselect={false}
          data={carrierOptions()}
          value={values.carrier}
          onChange={(v) => v && set('carrier', v as CarrierId)}
          error={errors.carrier}
          data-autofocus
        />
        {values.carrier === 'other' && (
          <TextInput
            label={t('carriers.form.carrierName')}
            maxLength={40}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
          />
        )}
        <Checkbox.Group
          label={t('carriers.form.days')}
          value={values.days}
          onChange={(v) => set('days', v as Weekday[])}
          error={errors.days}
        >
          <Group mt={6} gap="sm">
            {weekdayIds.map((d) => (
              <Checkbox key={d} value={d} label={weekdayLabel(d)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group align="flex-start" grow>
          <TimeInput
            label={t('carriers.form.from')}
            value={values.from}
            onChange={(e) => set('from', e.currentTarget.value)}
            error={errors.from}
          />
          <TimeInput
            label={t('carriers.form.until')}
            value={values.until}
            onChange={(e) => set('until', e.currentTarget.value)}
            error={errors.until}
          />
        </Group>
        <TextInput
          type="date"
          label={t('carriers.form.endDate')}
          description={t('carriers.form.endDateHint')}
          value={values.untilDate}
          onChange={(e) => set('untilDate', e.currentTarget.value)}
          error={errors.untilDate}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('carriers.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
