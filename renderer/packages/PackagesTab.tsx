import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../i18n';
import { ExportCard } from './ExportCard';
import { IntakeForm } from './IntakeForm';
import { Overview } from './Overview';
import { PackageList } from './PackageList';
import { ShelfCheckDialog } from './ShelfCheck';

/** The front desk's package log: Overview, intake (built for a scanner), the list, shelf check and export. */
export function PackagesTab() {
  const { t } = useTranslation();
  const [checking, setChecking] = useState(false);
  const [prefill, setPrefill] = useState<string | null>(null);
  return (
    <Stack>
      <Overview />
      <IntakeForm key={prefill ?? ''} prefill={prefill} />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => setChecking(true)}>
          {t('packages.shelfCheck')}
        </Button>
      </Group>
      <PackageList />
      <ExportCard />
      <ShelfCheckDialog
        opened={checking}
        onClose={() => setChecking(false)}
        onLogNow={(tracking) => {
          setChecking(false);
          setPrefill(tracking);
        }}
      />
    </Stack>
  );
}
