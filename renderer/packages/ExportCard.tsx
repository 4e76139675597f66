import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { DayInput } from '../components/form/DayInput';
import { useTranslation } from '../i18n';
import { packageCalls } from './usePackages';

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The package log for a date range as a CSV download. */
export function ExportCard() {
  const { t } = useTranslation();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = useState(isoDay(today));
  const [done, setDone] = useState<string | null>(null);
  const action = useAction(async () => {
    const file = await packageCalls.export(from, to);
    const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.click();
    URL.revokeObjectURL(url);
    setDone(t('packages.export.done', { count: file.rows, file: file.fileName }));
  });
  return (
    <Card withBorder component="section" aria-labelledby="export-heading">
      <Title order={3} id="export-heading" mb="xs">
        {t('packages.export.title')}
      </Title>
      <Group align="flex-end">
        <DayInput label={t('packages.export.from')} value={from} onChange={setFrom} />
        <DayInput label={t('packages.export.to')} value={to} onChange={setTo} />
        <Button onClick={() => void action.run()} loading={action.busy}>
          {t('packages.export.submit')}
        </Button>
      </Group>
      <ErrorAlert error={action.error} title={t('packages.export.failed')} />
      {done && (
        <Text role="status" size="sm" c="green.8" mt="xs">
          {done}
        </Text>
      )}
    </Card>
  );
}
