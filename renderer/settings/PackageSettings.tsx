import { NumberInput, Switch, TextInput } from '@mantine/core';
import type { Settings } from '../../src/contract';
import { useTranslation } from '../i18n';
import { SettingsCard } from './SettingsCard';

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
      {({ values, set, field }) => (
        <>
          <NumberInput
            label={t('settings.packages.batch')}
            min={0}
            max={120}
            allowDecimal={false}
            value={values.packageNoticeBatchMinutes}
            onChange={(v) => set('packageNoticeBatchMinutes', Number(v))}
            {...field('packageNoticeBatchMinutes', t('settings.packages.batchHint'))}
            w={320}
          />
          <Switch
            label={t('settings.packages.includePin')}
            checked={values.packageNoticeIncludePin}
            onChange={(e) => set('packageNoticeIncludePin', e.currentTarget.checked)}
            {...field('packageNoticeIncludePin', t('settings.packages.includePinHint'))}
          />
          <TextInput
            label={t('settings.packages.reminders')}
            value={values.packageReminderDays}
            onChange={(e) => set('packageReminderDays', e.currentTarget.value)}
            {...field('packageReminderDays', t('settings.packages.remindersHint'))}
            w={320}
          />
          <NumberInput
            label={t('settings.packages.escalation')}
            min={1}
            max={90}
            allowDecimal={false}
            value={values.packageEscalationDays}
            onChange={(v) => set('packageEscalationDays', Number(v))}
            {...field('packageEscalationDays', t('settings.packages.escalationHint'))}
            w={320}
          />
        </>
      )}
    </SettingsCard>
  );
}
