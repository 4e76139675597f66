import { NumberInput, Select, TextInput } from '@mantine/core';
import type { Language, Settings } from '../../src/contract';
import { languageOptions, useTranslation } from '../i18n';
import { SettingsCard } from './SettingsCard';

const fromSettings = (s: Settings) => ({
  siteName: s.siteName,
  siteLanguage: s.siteLanguage,
  idleLockMinutes: s.idleLockMinutes,
  defaultCountry: s.defaultCountry,
});

export function SiteSettings({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <SettingsCard
      title={t('settings.site.title')}
      saveLabel={t('settings.site.save')}
      initial={initial}
      fromSettings={fromSettings}
      toPatch={(v) => v}
      onSaved={onSaved}
    >
      {({ values, set, field }) => (
        <>
          <TextInput
            label={t('settings.site.siteName')}
            value={values.siteName}
            onChange={(e) => set('siteName', e.currentTarget.value)}
            {...field('siteName')}
          />
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
          <NumberInput
            label={t('settings.site.idleLock')}
            min={1}
            max={240}
            clampBehavior="none"
            allowDecimal={false}
            value={values.idleLockMinutes}
            onChange={(v) => set('idleLockMinutes', Number(v))}
            {...field('idleLockMinutes')}
            w={320}
          />
          <TextInput
            label={t('settings.site.country')}
            value={values.defaultCountry}
            onChange={(e) => set('defaultCountry', e.currentTarget.value)}
            {...field('defaultCountry', t('settings.site.countryHint'))}
            w={320}
          />
        </>
      )}
    </SettingsCard>
  );
}
