import { Stack, Title } from '@mantine/core';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { useQuery } from '../api/useQuery';
import { CarrierAccess } from '../carriers/CarrierAccess';
import { BackupSettings } from '../backups/BackupSettings';
import { ErrorAlert } from '../components/ErrorText';
import { DevicesPanel } from '../devices/DevicesPanel';
import { DoorSettings } from './DoorSettings';
import { NotificationSettings } from './NotificationSettings';
import { PackageSettings } from './PackageSettings';
import { SiteSettings } from './SiteSettings';
import { StaffAccounts } from './StaffAccounts';
import { SystemSettings } from './SystemSettings';

export function SettingsTab({ session, onChanged }: { session: SessionInfo; onChanged: () => void }) {
  const settings = useQuery(() => invoke('settings.get', {}), []);
  return (
    <Stack maw={760}>
      <Title order={2}>Settings</Title>
      <ErrorAlert error={settings.error} title="Could not load settings" />
      {settings.data && (
        <>
          <SiteSettings initial={settings.data} onSaved={onChanged} />
          <DoorSettings initial={settings.data} onSaved={onChanged} />
          <NotificationSettings initial={settings.data} onSaved={onChanged} />
          <PackageSettings initial={settings.data} onSaved={onChanged} />
        </>
      )}
      <CarrierAccess />
      <BackupSettings />
      <DevicesPanel />
      <StaffAccounts session={session} />
      <SystemSettings />
    </Stack>
  );
}
