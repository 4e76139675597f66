import { Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../components/ErrorText';
import { formatTime, useTranslation } from '../i18n';
import { useInviteComputer } from './useInviteComputer';

/**
 * "Invite another computer" (Settings → This computer, admins): a one-time join code for a new PC of this site,
 * with the command its installer runs there. Each press makes a new code; the one shown is good once, for an hour.
 */
export function InviteComputer() {
  const { t } = useTranslation();
  const { made, invite } = useInviteComputer();
  return (
    <Card withBorder component="section" aria-labelledby="settings-invite-computer">
      <Stack>
        <Title order={3} id="settings-invite-computer">
          {t('settings.invite.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.invite.hint')}
        </Text>
        <ErrorAlert error={invite.error} />
        <Group>
          <Button variant="default" loading={invite.busy} onClick={() => void invite.run()}>
            {t('settings.invite.button')}
          </Button>
        </Group>
        {made && (
          <Stack gap={4}>
            <Text fw={500}>{t('settings.invite.code', { until: formatTime(made.expiresAt) })}</Text>
            <Code block aria-label={t('settings.invite.codeLabel')}>
              {made.code}
            </Code>
            <Text size="sm">{t('settings.invite.run')}</Text>
            <Code block aria-label={t('settings.invite.commandLabel')}>
              {made.command}
            </Code>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
