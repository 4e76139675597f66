import type { Settings } from '../../src/contract';
import { useTranslation } from '../i18n';
import { SettingsCard } from './SettingsCard';
import { NumberSetting, SwitchSetting } from './SettingFields';

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
            form={form}
            name="doorPulseSeconds"
            label={t('settings.door.pulse')}
            hint={t('settings.door.pulseHint')}
            min={1}
            max={30}
          />
          <SwitchSetting form={form} name="lookupPinEnabled" label={t('settings.door.lookup')} hint={t('settings.door.lookupHint')} />
          <SwitchSetting
            form={form}
            name="singleAccessPinRequest"
            label={t('settings.door.request')}
            hint={t('settings.door.requestHint')}
          />
        </>
      )}
    </SettingsCard>
  );
}
