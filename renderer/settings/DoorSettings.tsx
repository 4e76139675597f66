import type { Settings } from '../../src/contract';
import { useTranslation } from '../i18n';
import { SettingsCard } from './SettingsCard';
import { NumberSetting, SwitchSetting } from '../components/form/SettingFields';

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
      {(form) => (
        <>
          <NumberSetting
            label={t('settings.door.pulse')}
            min={1}
            max={30}
            {...form.bind('doorPulseSeconds', t('settings.door.pulseHint'))}
          />
          <SwitchSetting label={t('settings.door.lookup')} {...form.bind('lookupPinEnabled', t('settings.door.lookupHint'))} />
          <SwitchSetting label={t('settings.door.request')} {...form.bind('singleAccessPinRequest', t('settings.door.requestHint'))} />
        </>
      )}
    </SettingsCard>
  );
}
