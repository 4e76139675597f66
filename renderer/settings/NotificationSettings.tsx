import { PasswordInput, TextInput } from '@mantine/core';
import type { Settings } from '../../src/contract';
import { SettingsCard } from './SettingsCard';

const fromSettings = (s: Settings) => ({
  smtpUrl: s.smtpUrl ?? '',
  mailFrom: s.mailFrom ?? '',
  twilioAccountSid: s.twilioAccountSid ?? '',
  // Write-only: left empty, the stored token is kept.
  twilioAuthToken: '',
  twilioFrom: s.twilioFrom ?? '',
  twilioApiUrl: s.twilioApiUrl ?? '',
});

export function NotificationSettings({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  return (
    <SettingsCard
      title="Notifications"
      saveLabel="Save notification settings"
      initial={initial}
      fromSettings={fromSettings}
      toPatch={(v) => v}
      onSaved={onSaved}
    >
      {({ values, saved, set, field }) => (
        <>
          <TextInput
            label="SMTP server"
            placeholder="smtps://user:password@mail.example.com:465"
            value={values.smtpUrl}
            onChange={(e) => set('smtpUrl', e.currentTarget.value)}
            {...field(
              'smtpUrl',
              'The mail server for email notifications. The password shows as ********; leave it so to keep the stored one.',
            )}
          />
          <TextInput
            label="From address"
            placeholder="Package Room <packages@example.com>"
            value={values.mailFrom}
            onChange={(e) => set('mailFrom', e.currentTarget.value)}
            {...field('mailFrom')}
          />
          <TextInput
            label="Twilio Account SID"
            value={values.twilioAccountSid}
            onChange={(e) => set('twilioAccountSid', e.currentTarget.value)}
            {...field('twilioAccountSid', 'For text messages (SMS)')}
          />
          <PasswordInput
            label="Twilio Auth token"
            autoComplete="off"
            placeholder={saved.twilioAuthTokenSet ? 'Stored' : undefined}
            value={values.twilioAuthToken}
            onChange={(e) => set('twilioAuthToken', e.currentTarget.value)}
            {...field('twilioAuthToken', saved.twilioAuthTokenSet ? 'Leave empty to keep the stored token.' : undefined)}
          />
          <TextInput
            label="Twilio From number"
            placeholder="+14155550100"
            value={values.twilioFrom}
            onChange={(e) => set('twilioFrom', e.currentTarget.value)}
            {...field('twilioFrom')}
          />
          <TextInput
            label="Twilio API address"
            placeholder="https://api.twilio.com"
            value={values.twilioApiUrl}
            onChange={(e) => set('twilioApiUrl', e.currentTarget.value)}
            {...field('twilioApiUrl', 'Leave empty to use Twilio itself.')}
          />
        </>
      )}
    </SettingsCard>
  );
}
