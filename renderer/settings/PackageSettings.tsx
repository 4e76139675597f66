import { Select } from '@mantine/core';
import { signatureAtDeskChoices, type SignatureAtDesk } from '../../src/contract';
import { useTranslation } from '../i18n';
import { pickSettings, SettingsCard, type CardProps } from './SettingsCard';
import { NumberSetting, SwitchSetting, TextSetting } from '../components/form/SettingFields';

const fromSettings = pickSettings(
  'packageNoticeBatchMinutes',
  'packageNoticeIncludePin',
  'packageReminderDays',
  'packageEscalationDays',
  'signatureAtDesk',
  'attachmentRetentionDays',
);

export function PackageSettings({ initial, onSaved }: CardProps) {
  const { t } = useTranslation();
  const signatureLabels: Record<SignatureAtDesk, string> = {
    off: t('settings.packages.signatureOff'),
    flagged: t('settings.packages.signatureFlagged'),
    always: t('settings.packages.signatureAlways'),
  };
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
          <Select
            label={t('settings.packages.signatureAtDesk')}
            allowDeselect={false}
            data={signatureAtDeskChoices.map((value) => ({ value, label: signatureLabels[value] }))}
            value={form.values.signatureAtDesk}
            onChange={(v) => v && form.set('signatureAtDesk', v as SignatureAtDesk)}
            comboboxProps={{ withinPortal: true }}
            {...form.field('signatureAtDesk', t('settings.packages.signatureAtDeskHint'))}
            w={400}
          />
          <NumberSetting
            label={t('settings.packages.retention')}
            min={1}
            max={3650}
            {...form.bind('attachmentRetentionDays', t('settings.packages.retentionHint'))}
          />
        </>
      )}
    </SettingsCard>
  );
}
