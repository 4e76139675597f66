import { AppShell, Box, Button, Group, Menu, Modal, Tabs, Text, Title } from '@mantine/core';
import {
  IconChevronDown,
  IconDoorEnter,
  IconKey,
  IconLock,
  IconLogout,
  IconPackage,
  IconSettings,
  IconUserPlus,
  IconUserCircle,
} from '@tabler/icons-react';
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Language, SessionInfo } from '../../src/contract';
import { SingleAccessPinDialog } from '../access/SingleAccessPinDialog';
import { ActivityTab } from '../activity/ActivityTab';
import { routes, tabRoute, useScreen, type Tab } from '../app/routes';
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
import { SiteBadge } from '../site/SiteBadge';
import { UnmatchedBadge } from '../packages/UnmatchedBadge';

/** The header's first row (name, badges, Quick Actions, account) and the whole header with the tabs below. */
const topRowHeight = 60;
const headerHeight = topRowHeight + 48;

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
  const admin = session.role === 'admin';
  const { screen, go } = useScreen(admin);
  const [action, setAction] = useState<QuickAction>(null);
  const closeAction = () => setAction(null);
  // Quick Actions → Log a package: each request focuses the intake form again, even on Packages already. The menu
  // then closes without giving focus back to its button (which it does a moment later, however late that is).
  const [logRequest, setLogRequest] = useState(0);
  const [quickActionsReturnFocus, setQuickActionsReturnFocus] = useState(true);

  // A tab is a link to its screen's list. Tabs' onChange moves there, so the link's own navigation is held back
  // (one history entry, not two); Space still activates it, as it does a tab.
  const tabLink = (tab: Tab) => ({
    component: 'a' as const,
    href: tabRoute(tab),
    onClick: (event: MouseEvent) => event.preventDefault(),
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== ' ') return;
      event.preventDefault();
      event.currentTarget.click();
    },
  });

  // One Tabs around header and main, so every tab controls a real panel (aria-controls points somewhere).
  return (
    <Tabs value={screen.tab} onChange={(v) => v && go(tabRoute(v as Tab))} variant="pills" keepMounted={false}>
      {/* Two rows: the name and what is always at hand, then the tabs, so both fit in Spanish on a 1024-pixel screen. */}
      <AppShell header={{ height: headerHeight }} padding="lg">
        <AppShell.Header px="lg">
          <Group h={topRowHeight} justify="space-between" wrap="nowrap">
            <Box>
              <Title order={1} size="h4" lh={1.1}>
                {t('app.name')}
              </Title>
              <Text size="xs" c="dimmed">
                {siteName}
              </Text>
            </Box>
            <Group gap="sm" wrap="nowrap">
              <SiteBadge />
              <UnmatchedBadge />
              <BackupWarning />
              <DoorStatusBadge />
              <AlertsButton />
              <Menu
                position="bottom-end"
                withinPortal
                withInitialFocusPlaceholder={false}
                returnFocus={quickActionsReturnFocus}
                onOpen={() => setQuickActionsReturnFocus(true)}
              >
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
                    leftSection={<IconPackage size={16} aria-hidden />}
                    onClick={() => {
                      setQuickActionsReturnFocus(false);
                      go(routes.packages());
                      setLogRequest((n) => n + 1);
                    }}
                  >
                    {t('shell.logPackage')}
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
          <Tabs.List aria-label={t('shell.mainNav')}>
            <Tabs.Tab value="recipients" {...tabLink('recipients')}>
              {t('shell.tabs.recipients')}
            </Tabs.Tab>
            <Tabs.Tab value="packages" {...tabLink('packages')}>
              {t('shell.tabs.packages')}
            </Tabs.Tab>
            <Tabs.Tab value="activity" {...tabLink('activity')}>
              {t('shell.tabs.activity')}
            </Tabs.Tab>
            {admin && (
              <Tabs.Tab value="settings" {...tabLink('settings')}>
                {t('shell.tabs.settings')}
              </Tabs.Tab>
            )}
            {admin && (
              <Tabs.Tab value="import" {...tabLink('import')}>
                {t('shell.tabs.import')}
              </Tabs.Tab>
            )}
          </Tabs.List>
        </AppShell.Header>
        <AppShell.Main>
          <Tabs.Panel value="recipients">
            {screen.tab === 'recipients' && (
              <RecipientsTab
                openId={screen.id}
                onOpen={(id) => go(id === null ? routes.recipients() : routes.recipient(id))}
                onAdd={() => setAction('addRecipient')}
                siteLanguage={siteLanguage}
              />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="packages">
            {screen.tab === 'packages' && (
              <PackagesTab
                openId={screen.id}
                onOpen={(id) => go(id === null ? routes.packages() : routes.package(id))}
                logRequest={logRequest}
                showUnmatched={screen.unmatched === true}
              />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="activity">
            <ActivityTab />
          </Tabs.Panel>
          {admin && (
            <Tabs.Panel value="settings">
              {screen.tab === 'settings' && (
                <SettingsTab section={screen.section} session={session} onChanged={onSettingsChanged} onSessionChanged={onSessionChanged} />
              )}
            </Tabs.Panel>
          )}
          {admin && (
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
            go(routes.recipient(r.id));
          }}
          onOpen={(id) => {
            closeAction();
            go(routes.recipient(id));
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
