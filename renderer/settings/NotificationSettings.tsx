import { PasswordInput } from '@mantine/core';
import type { Settings } from '../../src/contract';
import { TextSetting } from '../components/form/SettingFields';
import { useTranslation } from '../i18n';
import { SettingsCard, type CardProps } from './SettingsCard';

const fromSettings = (s: Settings) => ({
  smtpUrl: s.smtpUrl ?? '',
  mailFrom: s.mailFrom ?? '',
  twilioAccountSid: s.twilioAccountSid ?? '',
  // Write-only: left empty, the stored token is kept.
  twilioAuthToken: '',
  twilioFrom: s.twilioFrom ?? '',
  twilioApiUrl: s.twilioApiUrl ?? '',
});

export function NotificationSettings({ initial, onSaved }: CardProps) {
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('settings.notifications.title')}
      saveLabel={t('settings.notifications.save')}
      initial={initial}
      fromSettings={fromSettings}
      onSaved={onSaved}
    >
      {({ values, saved, set, field, bind }) => (
        <>
          <TextSetting
            label={t('settings.notifications.smtp')}
            placeholder="smtps://user:password@mail.example.com:465"
            {...bind('smtpUrl', t('settings.notifications.smtpHint'))}
          />
          <TextSetting
            label={t('settings.notifications.from')}
            placeholder="Package Room <packages@example.com>"
            {...bind('mailFrom')}
            w="100%"
          />
          <TextSetting label={t('settings.notifications.sid')} {...bind('twilioAccountSid', t('settings.notifications.sidHint'))} />
          <PasswordInput
            label={t('settings.notifications.token')}
            autoComplete="off"
            placeholder={saved.twilioAuthTokenSet ? t('settings.notifications.tokenStored') : undefined}
            value={values.twilioAuthToken}
            onChange={(e) => set('twilioAuthToken', e.currentTarget.value)}
            {...field('twilioAuthToken', saved.twilioAuthTokenSet ? t('settings.notifications.tokenKeep') : undefined)}
          />
          <TextSetting label={t('settings.notifications.fromNumber')} placeholder="+14155550100" {...bind('twilioFrom')} />
          <TextSetting
            label={t('settings.notifications.api')}
            placeholder="https://api.twilio.com"
            {...bind('twilioApiUrl', t('settings.notifications.apiHint'))}
          />
        </>
      )}
    </SettingsCard>
  );
}
