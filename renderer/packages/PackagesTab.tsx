import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../i18n';
import { ExportCard } from './ExportCard';
import { IntakeForm } from './IntakeForm';
import { Overview } from './Overview';
import { PackageDetail } from './PackageDetail';
import { PackageList } from './PackageList';
import { ShelfCheckDialog } from './ShelfCheck';

interface Props {
  /** The package whose detail is open (`#/packages/<id>`), or null. */
  openId: number | null;
  onOpen: (id: number | null) => void;
  /** Quick Actions → Log a package: each new value focuses the intake form. */
  logRequest: number;
  /** The address asked for the Unmatched filter (`#/packages/unmatched`, the header's link). */
  showUnmatched?: boolean;
}

/** The front desk's package log: Overview, intake (built for a scanner), the list, shelf check and export. */
export function PackagesTab({ openId, onOpen, logRequest, showUnmatched = false }: Props) {
  const { t } = useTranslation();
  const [checking, setChecking] = useState(false);
  const [prefill, setPrefill] = useState<string | null>(null);
  return (
    <Stack>
      <Overview />
      <IntakeForm key={prefill ?? ''} prefill={prefill} focusRequest={logRequest} />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => setChecking(true)}>
          {t('packages.shelfCheck')}
        </Button>
      </Group>
      <PackageList onOpen={onOpen} showUnmatched={showUnmatched} />
      <ExportCard />
      <ShelfCheckDialog
        opened={checking}
        onClose={() => setChecking(false)}
        onLogNow={(tracking) => {
          setChecking(false);
          setPrefill(tracking);
        }}
      />
      {openId !== null && <PackageDetail id={openId} onClose={() => onOpen(null)} />}
    </Stack>
  );
}
