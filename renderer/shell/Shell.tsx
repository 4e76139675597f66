import { AppShell, Box, Button, Group, Menu, Modal, Tabs, Text, Title } from '@mantine/core';
import {
  IconChevronDown,
  IconDoorEnter,
  IconKey,
  IconLock,
  IconLogout,
  IconSettings,
  IconUserPlus,
  IconUserCircle,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { Language, SessionInfo } from '../../src/contract';
import { SingleAccessPinDialog } from '../access/SingleAccessPinDialog';
import { ActivityTab } from '../activity/ActivityTab';
import { BackupWarning } from '../backups/BackupWarning';
import { AlertsButton } from '../door/AlertsButton';
import { DoorAnnouncer } from '../door/DoorAnnouncer';
import { DoorEventToast } from '../door/DoorEventToast';
import { DoorStatusBadge } from '../door/DoorStatusBadge';
import { OpenDoorDialog } from '../door/OpenDoorDialog';
import { afterMenuCloses } from '../components/afterMenu';
import { useTranslation } from '../i18n';
import { RecipientForm } from '../recipients/RecipientForm';
import { RecipientsTab } from '../recipients/RecipientsTab';
import { saveRecipient } from '../recipients/useRecipients';
import { PackagesTab } from '../packages/PackagesTab';
import { ImportTab } from '../roster/ImportTab';
import { MyAccountForm } from '../settings/MyAccount';
import { SettingsTab } from '../settings/SettingsTab';

type Tab = 'recipients' | 'packages' | 'activity' | 'settings' | 'import';
type QuickAction = 'addRecipient' | 'singleAccessPin' | 'openDoor' | 'myAccount' | null;

interface Props {
  session: SessionInfo;
  siteName: string;
  siteLanguage: Language;
  onLock: () => void;
  onSignOut: () => void;
  onSessionChanged: (session: SessionInfo) => void;
  onSettingsChanged: () => void;
}

export function Shell({ session, siteName, siteLanguage, onLock, onSignOut, onSessionChanged, onSettingsChanged }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('recipients');
  const [openRecipient, setOpenRecipient] = useState<number | null>(null);
  const [action, setAction] = useState<QuickAction>(null);
  const closeAction = () => setAction(null);

  const showRecipient = (id: number) => {
    setTab('recipients');
    setOpenRecipient(id);
  };

  // One Tabs around header and main, so every tab controls a real panel (aria-controls points somewhere).
  return (
    <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} variant="pills" keepMounted={false}>
      <AppShell header={{ height: 64 }} padding="lg">
        <AppShell.Header px="lg">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="xl" wrap="nowrap">
              <Box>
                <Title order={1} size="h4" lh={1.1}>
                  {t('app.name')}
                </Title>
                <Text size="xs" c="dimmed">
                  {siteName}
                </Text>
              </Box>
              <Tabs.List aria-label={t('shell.mainNav')}>
                <Tabs.Tab value="recipients">{t('shell.tabs.recipients')}</Tabs.Tab>
                <Tabs.Tab value="packages">{t('shell.tabs.packages')}</Tabs.Tab>
                <Tabs.Tab value="activity">{t('shell.tabs.activity')}</Tabs.Tab>
                {session.role === 'admin' && <Tabs.Tab value="settings">{t('shell.tabs.settings')}</Tabs.Tab>}
                {session.role === 'admin' && <Tabs.Tab value="import">{t('shell.tabs.import')}</Tabs.Tab>}
              </Tabs.List>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <BackupWarning />
              <DoorStatusBadge />
              <AlertsButton />
              <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
                <Menu.Target>
                  <Button rightSection={<IconChevronDown size={16} aria-hidden />}>{t('shell.quickActions')}</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconUserPlus size={16} aria-hidden />}
                    onClick={() => afterMenuCloses(() => setAction('addRecipient'))}
                  >
                    {t('shell.addRecipient')}
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconKey size={16} aria-hidden />}
                    onClick={() => afterMenuCloses(() => setAction('singleAccessPin'))}
                  >
                    {t('shell.sendSingleAccessPin')}
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconDoorEnter size={16} aria-hidden />}
                    onClick={() => afterMenuCloses(() => setAction('openDoor'))}
                  >
                    {t('shell.openDoor')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconLock size={16} aria-hidden />} onClick={onLock}>
                    {t('shell.lockScreen')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
              <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
                <Menu.Target>
                  <Button
                    variant="default"
                    leftSection={<IconUserCircle size={18} aria-hidden />}
                    aria-label={t('shell.account', { name: session.displayName })}
                  >
                    {session.displayName}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{t('shell.signedInAs', { username: session.username, role: t(`roles.${session.role}`) })}</Menu.Label>
                  <Menu.Item
                    leftSection={<IconSettings size={16} aria-hidden />}
                    onClick={() => afterMenuCloses(() => setAction('myAccount'))}
                  >
                    {t('shell.myAccount')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconLock size={16} aria-hidden />} onClick={onLock}>
                    {t('shell.lockScreenLower')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={onSignOut}>
                    {t('shell.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main>
          <Tabs.Panel value="recipients">
            <RecipientsTab
              openId={openRecipient}
              onOpen={setOpenRecipient}
              onAdd={() => setAction('addRecipient')}
              siteLanguage={siteLanguage}
            />
          </Tabs.Panel>
          <Tabs.Panel value="packages">
            <PackagesTab />
          </Tabs.Panel>
          <Tabs.Panel value="activity">
            <ActivityTab />
          </Tabs.Panel>
          {session.role === 'admin' && (
            <Tabs.Panel value="settings">
              <SettingsTab session={session} onChanged={onSettingsChanged} onSessionChanged={onSessionChanged} />
            </Tabs.Panel>
          )}
          {session.role === 'admin' && (
            <Tabs.Panel value="import">
              <ImportTab />
            </Tabs.Panel>
          )}
        </AppShell.Main>
        <RecipientForm
          opened={action === 'addRecipient'}
          recipient={null}
          siteLanguage={siteLanguage}
          onClose={closeAction}
          onSave={saveRecipient(null)}
          onSaved={(r) => {
            closeAction();
            showRecipient(r.id);
          }}
          onOpen={(id) => {
            closeAction();
            showRecipient(id);
          }}
        />
        <SingleAccessPinDialog opened={action === 'singleAccessPin'} recipient={null} onClose={closeAction} />
        <OpenDoorDialog opened={action === 'openDoor'} onClose={closeAction} />
        <Modal opened={action === 'myAccount'} onClose={closeAction} title={t('settings.account.title')}>
          <MyAccountForm session={session} siteLanguage={siteLanguage} onSaved={onSessionChanged} />
        </Modal>
        <DoorEventToast />
        <DoorAnnouncer />
      </AppShell>
    </Tabs>
  );
}
