import { Button, Card, Code, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';

/** This computer: where the log file is, and the desktop app's own switches (absent in a browser). */
export function SystemSettings() {
  const info = useQuery(() => invoke('system.info', {}), []);
  const openFolder = useAction(() => invoke('system.openLogFolder', {}));
  const startAtLogin = useAction(async (enabled: boolean) => {
    await invoke('system.setStartAtLogin', { enabled });
    info.reload();
  });
  const data = info.data;
  return (
    <Card withBorder component="section" aria-labelledby="settings-this-computer">
      <Stack>
        <Title order={3} id="settings-this-computer">
          This computer
        </Title>
        <ErrorAlert error={info.error ?? openFolder.error ?? startAtLogin.error} />
        {data && (
          <>
            <Stack gap={4}>
              <Text fw={500}>Log file</Text>
              {data.logFile ? (
                <Code block aria-label="Log file">
                  {data.logFile}
                </Code>
              ) : (
                <Text c="dimmed">This Packroom writes its log to the terminal it was started from only.</Text>
              )}
              <Text size="sm" c="dimmed">
                When a message says details are in the Packroom log, send this file to your IT contact.
              </Text>
            </Stack>
            {data.desktop && (
              <>
                <Group>
                  <Button variant="default" loading={openFolder.busy} onClick={() => void openFolder.run()}>
                    Open log folder
                  </Button>
                </Group>
                <Switch
                  label="Start Packroom when this computer's user signs in"
                  description="On by default in kiosk mode, so the package room comes back by itself after a restart."
                  checked={data.desktop.startAtLogin}
                  disabled={startAtLogin.busy}
                  onChange={(e) => void startAtLogin.run(e.currentTarget.checked)}
                />
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
