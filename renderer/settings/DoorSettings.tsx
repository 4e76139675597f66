import { NumberInput, Switch } from '@mantine/core';
import type { Settings } from '../../src/contract';
import { SettingsCard } from './SettingsCard';

const fromSettings = (s: Settings) => ({
  doorPulseSeconds: s.doorPulseSeconds,
  lookupPinEnabled: s.lookupPinEnabled,
  singleAccessPinRequest: s.singleAccessPinRequest,
});

export function DoorSettings({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  return (
    <SettingsCard
      title="Door"
      saveLabel="Save door settings"
      initial={initial}
      fromSettings={fromSettings}
      toPatch={(v) => v}
      onSaved={onSaved}
    >
      {({ values, set, field }) => (
        <>
          <NumberInput
            label="Door open time (seconds)"
            min={1}
            max={30}
            allowDecimal={false}
            value={values.doorPulseSeconds}
            onChange={(v) => set('doorPulseSeconds', Number(v))}
            {...field('doorPulseSeconds', 'How long the lock stays released after a PIN, a QR code or Open Door')}
            w={320}
          />
          <Switch
            label="Look up PIN"
            checked={values.lookupPinEnabled}
            onChange={(e) => set('lookupPinEnabled', e.currentTarget.checked)}
            {...field(
              'lookupPinEnabled',
              "Staff can show a recipient's active PIN after confirming the recipient is who they say they are. Each lookup is recorded.",
            )}
          />
          <Switch
            label="Single Access PIN Request"
            checked={values.singleAccessPinRequest}
            onChange={(e) => set('singleAccessPinRequest', e.currentTarget.checked)}
            {...field(
              'singleAccessPinRequest',
              'Recipients who forgot their PIN can request a single use access PIN at the door keypad: * then their phone number on file then #. Optional: not available at all sites.',
            )}
          />
        </>
      )}
    </SettingsCard>
  );
}
