import { NumberInput, Radio, Stack, Switch } from '@mantine/core';
import type { ImportManualPolicy, Settings } from '../../src/contract';
import { SettingsCard } from '../settings/SettingsCard';

const fromSettings = (s: Settings) => ({
  importWelcomeNotifications: s.importWelcomeNotifications,
  deactivatePercent: Math.round(s.importMaxDeactivateShare * 1000) / 10,
  importManualPolicy: s.importManualPolicy,
});

type Values = ReturnType<typeof fromSettings>;

const toPatch = (v: Values) => ({
  importWelcomeNotifications: v.importWelcomeNotifications,
  importMaxDeactivateShare: v.deactivatePercent / 100,
  importManualPolicy: v.importManualPolicy,
});

/** How every import behaves, whether run by hand or daily. */
export function ImportRules({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  return (
    <SettingsCard
      title="Import rules"
      saveLabel="Save import rules"
      initial={initial}
      fromSettings={fromSettings}
      toPatch={toPatch}
      onSaved={onSaved}
    >
      {({ values, set, field }) => (
        <>
          <Switch
            label="Send new residents their PIN and QR code"
            checked={values.importWelcomeNotifications}
            onChange={(e) => set('importWelcomeNotifications', e.currentTarget.checked)}
            {...field('importWelcomeNotifications', 'By email and text, to residents an import adds or brings back.')}
          />
          <NumberInput
            label="Stop an import that would deactivate more than this share of residents (%)"
            min={0}
            max={100}
            suffix="%"
            value={values.deactivatePercent}
            onChange={(v) => set('deactivatePercent', Number(v))}
            {...field('importMaxDeactivateShare', 'Above it, an admin must confirm; the daily import does not apply and alerts staff.')}
            w={420}
          />
          <Radio.Group
            label="When staff edited a recipient by hand and the file disagrees"
            value={values.importManualPolicy}
            onChange={(v) => set('importManualPolicy', v as ImportManualPolicy)}
            {...field('importManualPolicy')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="keep-manual" label="Keep the edit made in Packroom" />
              <Radio value="import-wins" label="Use the property-management system's data" />
            </Stack>
          </Radio.Group>
        </>
      )}
    </SettingsCard>
  );
}
