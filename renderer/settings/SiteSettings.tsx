import { Select } from '@mantine/core';
import type { Language } from '../../src/contract';
import { languageOptions, useTranslation } from '../i18n';
import { pickSettings, SettingsCard, type CardProps } from './SettingsCard';
import { NumberSetting, TextSetting } from '../components/form/SettingFields';

const fromSettings = pickSettings('siteName', 'siteLanguage', 'idleLockMinutes', 'defaultCountry');

export function SiteSettings({ initial, onSaved }: CardProps) {
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('settings.site.title')}
      saveLabel={t('settings.site.save')}
      initial={initial}
      fromSettings={fromSettings}
      onSaved={onSaved}
    >
      {(form) => {
        const { values, set, field } = form;
        return (
          <>
            <TextSetting label={t('settings.site.siteName')} {...form.bind('siteName')} />
            <Select
              label={t('settings.site.siteLanguage')}
              allowDeselect={false}
              data={languageOptions()}
              value={values.siteLanguage}
              onChange={(v) => v && set('siteLanguage', v as Language)}
              comboboxProps={{ withinPortal: true }}
              {...field('siteLanguage', t('settings.site.siteLanguageHint'))}
              w={320}
            />
            <NumberSetting label={t('settings.site.idleLock')} min={1} max={240} {...form.bind('idleLockMinutes')} />
            <TextSetting label={t('settings.site.country')} {...form.bind('defaultCountry', t('settings.site.countryHint'))} w={320} />
          </>
        );
      }}
    </SettingsCard>
  );
}
