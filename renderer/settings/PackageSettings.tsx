import type { Settings } from '../../src/contract';
import { useTranslation } from '../i18n';
import { SettingsCard } from './SettingsCard';
import { NumberSetting, SwitchSetting, TextSetting } from './SettingFields';

const fromSettings = (s: Settings) => ({
  packageNoticeBatchMinutes: s.packageNoticeBatchMinutes,
  packageNoticeIncludePin: s.packageNoticeIncludePin,
  packageReminderDays: s.packageReminderDays,
  packageEscalationDays: s.packageEscalationDays,
});

export function PackageSettings({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('settings.packages.title')}
      saveLabel={t('settings.packages.save')}
      initial={initial}
      fromSettings={fromSettings}
      toPatch={(v) => v}
      onSaved={onSaved}
    >
      {(form) => (
        <>
          <NumberSetting
            form={form}
            name="packageNoticeBatchMinutes"
            label={t('settings.packages.batch')}
            hint={t('settings.packages.batchHint')}
            min={0}
            max={120}
          />
          <SwitchSetting
            form={form}
            name="packageNoticeIncludePin"
            label={t('settings.packages.includePin')}
            hint={t('settings.packages.includePinHint')}
          />
          <TextSetting
            form={form}
            name="packageReminderDays"
            label={t('settings.packages.reminders')}
            hint={t('settings.packages.remindersHint')}
          />
          <NumberSetting
            form={form}
            name="packageEscalationDays"
            label={t('settings.packages.escalation')}
            hint={t('settings.packages.escalationHint')}
            min={1}
            max={90}
          />
        </>
      )}
    </SettingsCard>
  );
}
