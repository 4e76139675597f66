import { Button, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import type { PackageItem } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { printShelfLabels } from './useShelfLabels';

/** At most this many labels per batch (the core's limit too). */
const batchMax = 200;

/** Packages logged since this computer's midnight and still waiting: the day's batch, newest first. */
async function loggedToday(): Promise<number[]> {
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const page = await invoke('packages.list', { status: 'waiting', sort: 'newest', limit: batchMax });
  return page.items.filter((p) => Date.parse(p.loggedAt) >= midnight.getTime()).map((p) => p.id);
}

/** Packages → Print labels: a batch of shelf labels, today's or the list's, through the system's print dialog. */
export function PrintLabelsMenu({ shown }: { shown: PackageItem[] }) {
  const { t } = useTranslation();
  const [today, setToday] = useState<number[] | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const count = useAction(async () => setToday(await loggedToday()));
  const print = useAction(async (ids: number[]) => {
    setSent(null);
    setSent((await printShelfLabels(ids, t('packages.labels.frameTitle'))).count);
  });
  const shownIds = shown.slice(0, batchMax).map((p) => p.id);
  return (
    <>
      <Menu onOpen={() => void count.run()} position="bottom-end">
        <Menu.Target>
          <Button variant="default" loading={print.busy} aria-label={t('packages.labels.print')}>
            {t('packages.labels.print')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label={t('packages.labels.menu')}>
          <Menu.Item disabled={!today?.length} onClick={() => today && void print.run(today)}>
            {today === null || today.length > 0
              ? t('packages.labels.printToday', { count: today?.length ?? 0 })
              : t('packages.labels.noneToday')}
          </Menu.Item>
          <Menu.Item disabled={shownIds.length === 0} onClick={() => void print.run(shownIds)}>
            {t('packages.labels.printShown', { count: shownIds.length })}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {sent !== null && (
        <Text role="status" size="sm" c="green.8">
          {t('packages.labels.printed', { count: sent })}
        </Text>
      )}
      <ErrorAlert error={count.error ?? print.error} />
    </>
  );
}

/** A package's detail: its shelf label again (a label torn off, a parcel moved to another shelf). */
export function PrintLabelButton({ id }: { id: number }) {
  const { t } = useTranslation();
  const print = useAction(async () => printShelfLabels([id], t('packages.labels.frameTitle')));
  return (
    <>
      <ErrorAlert error={print.error} title={t('packages.labels.notPrinted')} />
      <Button size="compact-sm" variant="default" loading={print.busy} onClick={() => void print.run()}>
        {t('packages.labels.printOne')}
      </Button>
    </>
  );
}
