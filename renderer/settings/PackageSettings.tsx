import { NumberInput, Switch, TextInput } from '@mantine/core';
import type { Settings } from '../../src/contract';
import { SettingsCard } from './SettingsCard';

const fromSettings = (s: Settings) => ({
  packageNoticeBatchMinutes: s.packageNoticeBatchMinutes,
  packageNoticeIncludePin: s.packageNoticeIncludePin,
  packageReminderDays: s.packageReminderDays,
  packageEscalationDays: s.packageEscalationDays,
});

export function PackageSettings({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  return (
    <SettingsCard
      title="Packages"
      saveLabel="Save package settings"
      initial={initial}
      fromSettings={fromSettings}
      toPatch={(v) => v}
      onSaved={onSaved}
    >
      {({ values, set, field }) => (
        <>
          <NumberInput
            label="Send one notice for packages logged within (minutes)"
            min={0}
            max={120}
            allowDecimal={false}
            value={values.packageNoticeBatchMinutes}
            onChange={(v) => set('packageNoticeBatchMinutes', Number(v))}
            {...field('packageNoticeBatchMinutes', 'Several packages for one recipient go out as one notice. 0 sends each at once.')}
            w={320}
          />
          <Switch
            label="Include PIN and QR code in package notices"
            checked={values.packageNoticeIncludePin}
            onChange={(e) => set('packageNoticeIncludePin', e.currentTarget.checked)}
            {...field('packageNoticeIncludePin', 'The notice tells the recipient how to get into the package room.')}
          />
          <TextInput
            label="Remind recipients after (days)"
            value={values.packageReminderDays}
            onChange={(e) => set('packageReminderDays', e.currentTarget.value)}
            {...field(
              'packageReminderDays',
              'Days after the package was logged, separated by commas, e.g. 2, 5. Leave empty for no reminders.',
            )}
            w={320}
          />
          <NumberInput
            label="Alert staff when a package has waited (days)"
            min={1}
            max={90}
            allowDecimal={false}
            value={values.packageEscalationDays}
            onChange={(v) => set('packageEscalationDays', Number(v))}
            {...field('packageEscalationDays', 'Staff get an alert listing the package, the recipient and the shelf.')}
            w={320}
          />
        </>
      )}
    </SettingsCard>
  );
}
