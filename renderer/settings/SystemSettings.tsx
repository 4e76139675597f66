import { Button, Card, Code, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { useSystem } from './useSettings';

/** This computer: where the log file is, and the desktop app's own switches (absent in a browser). */
export function SystemSettings() {
  const { t } = useTranslation();
  const { info, openFolder, startAtLogin } = useSystem();
  const data = info.data;
  return (
    <Card withBorder component="section" aria-labelledby="settings-this-computer">
      <Stack>
        <Title order={3} id="settings-this-computer">
          {t('settings.system.title')}
        </Title>
        <ErrorAlert error={info.error ?? openFolder.error ?? startAtLogin.error} />
        {data && (
          <>
            <Stack gap={4}>
              <Text fw={500}>{t('settings.system.logFile')}</Text>
              {data.logFile ? (
                <Code block aria-label={t('settings.system.logFile')}>
                  {data.logFile}
                </Code>
              ) : (
                <Text c="dimmed">{t('settings.system.terminalOnly')}</Text>
              )}
              <Text size="sm" c="dimmed">
                {t('settings.system.logHint')}
              </Text>
            </Stack>
            {data.desktop && (
              <>
                <Group>
                  <Button variant="default" loading={openFolder.busy} onClick={() => void openFolder.run()}>
                    {t('settings.system.openFolder')}
                  </Button>
                </Group>
                <Switch
                  label={t('settings.system.startAtLogin')}
                  description={t('settings.system.startAtLoginHint')}
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
