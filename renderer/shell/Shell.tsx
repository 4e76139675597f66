import { AppShell, Box, Button, Group, Menu, Tabs, Text, Title } from '@mantine/core';
import { IconChevronDown, IconDoorEnter, IconKey, IconLock, IconLogout, IconUserPlus, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import type { SessionInfo } from '../../src/contract';
import { SingleAccessPinDialog } from '../access/SingleAccessPinDialog';
import { ActivityTab } from '../activity/ActivityTab';
import { BackupWarning } from '../backups/BackupWarning';
import { AlertsButton } from '../door/AlertsButton';
import { DoorEventToast } from '../door/DoorEventToast';
import { DoorStatusBadge } from '../door/DoorStatusBadge';
import { OpenDoorDialog } from '../door/OpenDoorDialog';
import { RecipientForm } from '../recipients/RecipientForm';
import { RecipientsTab } from '../recipients/RecipientsTab';
import { PackagesTab } from '../packages/PackagesTab';
import { ImportTab } from '../roster/ImportTab';
import { SettingsTab } from '../settings/SettingsTab';

type Tab = 'recipients' | 'packages' | 'activity' | 'settings' | 'import';
type QuickAction = 'addRecipient' | 'singleAccessPin' | 'openDoor' | null;

interface Props {
  session: SessionInfo;
  siteName: string;
  onLock: () => void;
  onSignOut: () => void;
  onSettingsChanged: () => void;
}

export function Shell({ session, siteName, onLock, onSignOut, onSettingsChanged }: Props) {
  const [tab, setTab] = useState<Tab>('recipients');
  const [openRecipient, setOpenRecipient] = useState<number | null>(null);
  const [action, setAction] = useState<QuickAction>(null);
  const closeAction = () => setAction(null);

  const showRecipient = (id: number) => {
    setTab('recipients');
    setOpenRecipient(id);
  };

  return (
    <AppShell header={{ height: 64 }} padding="lg">
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="xl" wrap="nowrap">
            <Box>
              <Title order={1} size="h4" lh={1.1}>
                Packroom
              </Title>
              <Text size="xs" c="dimmed">
                {siteName}
              </Text>
            </Box>
            <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} variant="pills">
              <Tabs.List>
                <Tabs.Tab value="recipients">Recipients</Tabs.Tab>
                <Tabs.Tab value="packages">Packages</Tabs.Tab>
                <Tabs.Tab value="activity">Activity</Tabs.Tab>
                {session.role === 'admin' && <Tabs.Tab value="settings">Settings</Tabs.Tab>}
                {session.role === 'admin' && <Tabs.Tab value="import">Import</Tabs.Tab>}
              </Tabs.List>
            </Tabs>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <BackupWarning />
            <DoorStatusBadge />
            <AlertsButton />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button rightSection={<IconChevronDown size={16} aria-hidden />}>Quick Actions</Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setAction('addRecipient')}>
                  Add Recipient
                </Menu.Item>
                <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setAction('singleAccessPin')}>
                  Send Single Access PIN
                </Menu.Item>
                <Menu.Item leftSection={<IconDoorEnter size={16} aria-hidden />} onClick={() => setAction('openDoor')}>
                  Open Door
                </Menu.Item>
                <Menu.Item leftSection={<IconLock size={16} aria-hidden />} onClick={onLock}>
                  Lock Screen
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconUserCircle size={18} aria-hidden />}
                  aria-label={`Account: ${session.displayName}`}
                >
                  {session.displayName}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  Signed in as {session.username} ({session.role})
                </Menu.Label>
                <Menu.Item leftSection={<IconLock size={16} aria-hidden />} onClick={onLock}>
                  Lock screen
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={onSignOut}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {tab === 'recipients' && <RecipientsTab openId={openRecipient} onOpen={setOpenRecipient} onAdd={() => setAction('addRecipient')} />}
        {tab === 'packages' && <PackagesTab />}
        {tab === 'activity' && <ActivityTab />}
        {tab === 'settings' && session.role === 'admin' && <SettingsTab session={session} onChanged={onSettingsChanged} />}
        {tab === 'import' && session.role === 'admin' && <ImportTab />}
      </AppShell.Main>
      <RecipientForm
        opened={action === 'addRecipient'}
        recipient={null}
        onClose={closeAction}
        onSaved={(r) => {
          closeAction();
          showRecipient(r.id);
        }}
      />
      <SingleAccessPinDialog opened={action === 'singleAccessPin'} recipient={null} onClose={closeAction} />
      <OpenDoorDialog opened={action === 'openDoor'} onClose={closeAction} />
      <DoorEventToast />
    </AppShell>
  );
}
