import { NumberInput, Switch } from '@mantine/core';
import type { Settings } from '../../src/contract';
import { useTranslation } from '../i18n';
import { SettingsCard } from './SettingsCard';

const fromSettings = (s: Settings) => ({
  doorPulseSeconds: s.doorPulseSeconds,
  lookupPinEnabled: s.lookupPinEnabled,
  singleAccessPinRequest: s.singleAccessPinRequest,
});

export function DoorSettings({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('settings.door.title')}
      saveLabel={t('settings.door.save')}
      initial={initial}
      fromSettings={fromSettings}
      toPatch={(v) => v}
      onSaved={onSaved}
    >
      {({ values, set, field }) => (
        <>
          <NumberInput
            label={t('settings.door.pulse')}
            min={1}
            max={30}
            allowDecimal={false}
            value={values.doorPulseSeconds}
            onChange={(v) => set('doorPulseSeconds', Number(v))}
            {...field('doorPulseSeconds', t('settings.door.pulseHint'))}
            w={320}
          />
          <Switch
            label={t('settings.door.lookup')}
            checked={values.lookupPinEnabled}
            onChange={(e) => set('lookupPinEnabled', e.currentTarget.checked)}
            {...field('lookupPinEnabled', t('settings.door.lookupHint'))}
          />
          <Switch
            label={t('settings.door.request')}
            checked={values.singleAccessPinRequest}
            onChange={(e) => set('singleAccessPinRequest', e.currentTarget.checked)}
            {...field('singleAccessPinRequest', t('settings.door.requestHint'))}
          />
        </>
      )}
    </SettingsCard>
  );
}
