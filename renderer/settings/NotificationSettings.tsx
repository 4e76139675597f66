import { PasswordInput, TextInput } from '@mantine/core';
import type { Settings } from '../../src/contract';
import { useTranslation } from '../i18n';
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
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('settings.notifications.title')}
      saveLabel={t('settings.notifications.save')}
      initial={initial}
      fromSettings={fromSettings}
      toPatch={(v) => v}
      onSaved={onSaved}
    >
      {({ values, saved, set, field }) => (
        <>
          <TextInput
            label={t('settings.notifications.smtp')}
            placeholder={t('settings.notifications.smtpExample')}
            value={values.smtpUrl}
            onChange={(e) => set('smtpUrl', e.currentTarget.value)}
            {...field('smtpUrl', t('settings.notifications.smtpHint'))}
          />
          <TextInput
            label={t('settings.notifications.from')}
            placeholder={t('settings.notifications.fromExample')}
            value={values.mailFrom}
            onChange={(e) => set('mailFrom', e.currentTarget.value)}
            {...field('mailFrom')}
          />
          <TextInput
            label={t('settings.notifications.sid')}
            value={values.twilioAccountSid}
            onChange={(e) => set('twilioAccountSid', e.currentTarget.value)}
            {...field('twilioAccountSid', t('settings.notifications.sidHint'))}
          />
          <PasswordInput
            label={t('settings.notifications.token')}
            autoComplete="off"
            placeholder={saved.twilioAuthTokenSet ? t('settings.notifications.tokenStored') : undefined}
            value={values.twilioAuthToken}
            onChange={(e) => set('twilioAuthToken', e.currentTarget.value)}
            {...field('twilioAuthToken', saved.twilioAuthTokenSet ? t('settings.notifications.tokenKeep') : undefined)}
          />
          <TextInput
            label={t('settings.notifications.fromNumber')}
            placeholder="+14155550100"
            value={values.twilioFrom}
            onChange={(e) => set('twilioFrom', e.currentTarget.value)}
            {...field('twilioFrom')}
          />
          <TextInput
            label={t('settings.notifications.api')}
            placeholder="https://api.twilio.com"
            value={values.twilioApiUrl}
            onChange={(e) => set('twilioApiUrl', e.currentTarget.value)}
            {...field('twilioApiUrl', t('settings.notifications.apiHint'))}
          />
        </>
      )}
    </SettingsCard>
  );
}
