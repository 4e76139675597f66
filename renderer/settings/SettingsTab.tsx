import { Stack, Title } from '@mantine/core';
import type { SessionInfo } from '../../src/contract';
import { CarrierAccess } from '../carriers/CarrierAccess';
import { BackupSettings } from '../backups/BackupSettings';
import { ErrorAlert } from '../components/ErrorText';
import { DevicesPanel } from '../devices/DevicesPanel';
import { useTranslation } from '../i18n';
import { DoorSettings } from './DoorSettings';
import { MyAccountCard } from './MyAccount';
import { NotificationSettings } from './NotificationSettings';
import { PackageSettings } from './PackageSettings';
import { SiteSettings } from './SiteSettings';
import { StaffAccounts } from './StaffAccounts';
import { SystemSettings } from './SystemSettings';
import { useSettings } from './useSettings';

interface Props {
  session: SessionInfo;
  onChanged: () => void;
  onSessionChanged: (session: SessionInfo) => void;
}

export function SettingsTab({ session, onChanged, onSessionChanged }: Props) {
  const { t } = useTranslation();
  const settings = useSettings();
  const { reload } = settings;
  const saved = () => {
    reload();
    onChanged();
  };
  return (
    <Stack maw={760}>
      <Title order={2}>{t('settings.title')}</Title>
      <ErrorAlert error={settings.error} title={t('settings.loadFailed')} />
      {settings.data && (
        <>
          <MyAccountCard session={session} siteLanguage={settings.data.siteLanguage} onSaved={onSessionChanged} />
          <SiteSettings initial={settings.data} onSaved={saved} />
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
