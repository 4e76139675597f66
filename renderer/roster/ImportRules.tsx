import { NumberInput, Radio, Stack } from '@mantine/core';
import type { ImportManualPolicy, Settings } from '../../src/contract';
import { useTranslation } from '../i18n';
import { SwitchSetting } from '../components/form/SettingFields';
import { SettingsCard, type CardProps } from '../settings/SettingsCard';

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
export function ImportRules({ initial, onSaved }: CardProps) {
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('roster.rules.title')}
      saveLabel={t('roster.rules.save')}
      initial={initial}
      fromSettings={fromSettings}
      toPatch={toPatch}
      onSaved={onSaved}
    >
      {({ values, set, field, bind }) => (
        <>
          <SwitchSetting label={t('roster.rules.welcome')} {...bind('importWelcomeNotifications', t('roster.rules.welcomeHint'))} />
          <NumberInput
            label={t('roster.rules.share')}
            min={0}
            max={100}
            suffix="%"
            value={values.deactivatePercent}
            onChange={(v) => set('deactivatePercent', Number(v))}
            {...field('importMaxDeactivateShare', t('roster.rules.shareHint'))}
            w={420}
          />
          <Radio.Group
            label={t('roster.rules.manual')}
            value={values.importManualPolicy}
            onChange={(v) => set('importManualPolicy', v as ImportManualPolicy)}
            {...field('importManualPolicy')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="keep-manual" label={t('roster.rules.keepManual')} />
              <Radio value="import-wins" label={t('roster.rules.importWins')} />
            </Stack>
          </Radio.Group>
        </>
      )}
    </SettingsCard>
  );
}
