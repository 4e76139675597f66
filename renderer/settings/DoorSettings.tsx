import { useTranslation } from '../i18n';
import { pickSettings, SettingsCard, type CardProps } from './SettingsCard';
import { NumberSetting, SwitchSetting } from '../components/form/SettingFields';

const fromSettings = pickSettings('doorPulseSeconds', 'lookupPinEnabled', 'singleAccessPinRequest');

export function DoorSettings({ initial, onSaved }: CardProps) {
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('settings.door.title')}
      saveLabel={t('settings.door.save')}
      initial={initial}
      fromSettings={fromSettings}
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
