import { Box, Group, NavLink, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SessionInfo, Settings } from '../../src/contract';
import { routes, settingsSections, type SettingsSection } from '../app/routes';
import { CarrierAccess } from '../carriers/CarrierAccess';
import { BackupSettings } from '../backups/BackupSettings';
import { CameraSettings } from '../camera/CameraSettings';
import { ErrorAlert } from '../components/ErrorText';
import { DevicesPanel } from '../devices/DevicesPanel';
import { useTranslation } from '../i18n';
import { DoorSettings } from './DoorSettings';
import { MyAccountCard } from './MyAccount';
import { NotificationSettings } from './NotificationSettings';
import { PackageSettings } from './PackageSettings';
import { SiteSettings } from './SiteSettings';
import { SiteStatusCard } from './SiteStatusCard';
import { StaffAccounts } from './StaffAccounts';
import { InviteComputer } from './InviteComputer';
import { SystemSettings } from './SystemSettings';
import { useSettings } from './useSettings';

interface Props {
  section: SettingsSection;
  session: SessionInfo;
  onChanged: () => void;
  onSessionChanged: (session: SessionInfo) => void;
}

/** Settings, one section at a time (`#/settings/<section>`), chosen in the list beside it. */
export function SettingsTab({ section, session, onChanged, onSessionChanged }: Props) {
  const { t } = useTranslation();
  const settings = useSettings();
  const { reload } = settings;
  const saved = () => {
    reload();
    onChanged();
  };
  // The cards that edit the settings record wait for it; the others load their own data.
  const withSettings = (card: (data: Settings) => ReactNode) => (settings.data ? card(settings.data) : null);
  const sections: Record<SettingsSection, ReactNode> = {
    door: withSettings((data) => <DoorSettings initial={data} onSaved={onChanged} />),
    packages: withSettings((data) => <PackageSettings initial={data} onSaved={onChanged} />),
    carriers: <CarrierAccess />,
    notifications: withSettings((data) => <NotificationSettings initial={data} onSaved={onChanged} />),
    backups: <BackupSettings />,
    devices: <DevicesPanel />,
    staff: (
      <>
        {withSettings((data) => (
          <MyAccountCard session={session} siteLanguage={data.siteLanguage} onSaved={onSessionChanged} />
        ))}
        <StaffAccounts session={session} />
      </>
    ),
    // What this PC's Packroom keeps: the site it runs (its database holds the site's settings), the building's other
    // computers it shares them with, and its own files.
    computer: (
      <>
        {withSettings((data) => (
          <SiteSettings initial={data} onSaved={saved} />
        ))}
        <SiteStatusCard />
        <SystemSettings />
        <CameraSettings />
        <InviteComputer />
      </>
    ),
  };

  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <Group align="flex-start" wrap="nowrap" gap="xl">
        <Box component="nav" aria-label={t('settings.sections.label')} w={220} style={{ flexShrink: 0 }}>
          {settingsSections.map((s) => (
            <NavLink
              key={s}
              href={routes.settings(s)}
              label={t(`settings.sections.${s}`)}
              active={s === section}
              aria-current={s === section ? 'page' : undefined}
            />
          ))}
        </Box>
        <Stack maw={760} style={{ flexGrow: 1 }}>
          <ErrorAlert error={settings.error} title={t('settings.loadFailed')} />
          {sections[section]}
        </Stack>
      </Group>
    </Stack>
  );
}
