import { useTranslation } from '../i18n';
import { pickSettings, SettingsCard, type CardProps } from './SettingsCard';
import { NumberSetting, SwitchSetting, TextSetting } from '../components/form/SettingFields';

const fromSettings = pickSettings('packageNoticeBatchMinutes', 'packageNoticeIncludePin', 'packageReminderDays', 'packageEscalationDays');

export function PackageSettings({ initial, onSaved }: CardProps) {
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('settings.packages.title')}
      saveLabel={t('settings.packages.save')}
      initial={initial}
      fromSettings={fromSettings}
      onSaved={onSaved}
    >
      {(form) => (
        <>
          <NumberSetting
            label={t('settings.packages.batch')}
            min={0}
            max={120}
            {...form.bind('packageNoticeBatchMinutes', t('settings.packages.batchHint'))}
          />
          <SwitchSetting
            label={t('settings.packages.includePin')}
            {...form.bind('packageNoticeIncludePin', t('settings.packages.includePinHint'))}
          />
          <TextSetting
            label={t('settings.packages.reminders')}
            {...form.bind('packageReminderDays', t('settings.packages.remindersHint'))}
            w={320}
          />
          <NumberSetting
            label={t('settings.packages.escalation')}
            min={1}
            max={90}
            {...form.bind('packageEscalationDays', t('settings.packages.escalationHint'))}
          />
        </>
      )}
    </SettingsCard>
  );
}
