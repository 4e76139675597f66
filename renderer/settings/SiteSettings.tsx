import { NumberInput, TextInput } from '@mantine/core';
import type { Settings } from '../../src/contract';
import { SettingsCard } from './SettingsCard';

const fromSettings = (s: Settings) => ({ siteName: s.siteName, idleLockMinutes: s.idleLockMinutes, defaultCountry: s.defaultCountry });

export function SiteSettings({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  return (
    <SettingsCard
      title="Site"
      saveLabel="Save site settings"
      initial={initial}
      fromSettings={fromSettings}
      toPatch={(v) => v}
      onSaved={onSaved}
    >
      {({ values, set, field }) => (
        <>
          <TextInput
            label="Site name"
            value={values.siteName}
            onChange={(e) => set('siteName', e.currentTarget.value)}
            {...field('siteName')}
          />
          <NumberInput
            label="Lock the screen after this many idle minutes"
            min={1}
            max={240}
            allowDecimal={false}
            value={values.idleLockMinutes}
            onChange={(v) => set('idleLockMinutes', Number(v))}
            {...field('idleLockMinutes')}
            w={320}
          />
          <TextInput
            label="Country for phone numbers"
            value={values.defaultCountry}
            onChange={(e) => set('defaultCountry', e.currentTarget.value)}
            {...field('defaultCountry', 'Two-letter code used to read phone numbers typed without +country, e.g. US')}
            w={320}
          />
        </>
      )}
    </SettingsCard>
  );
}
