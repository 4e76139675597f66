import { Select } from '@mantine/core';
import { shelfLabelSizes, type Settings, type ShelfLabelSize } from '../../src/contract';
import { SwitchSetting } from '../components/form/SettingFields';
import { useTranslation } from '../i18n';
import { SettingsCard, type CardProps } from './SettingsCard';

const fromSettings = (s: Settings) => ({
  labelSize: s.labelSize,
  labelPrintOnIntake: s.labelPrintOnIntake,
});

/** Settings → This computer → Shelf labels: the size of the labels this PC's printer takes, printing at intake. */
export function LabelSettings({ initial, onSaved }: CardProps) {
  const { t } = useTranslation();
  const sizeLabels: Record<ShelfLabelSize, string> = { '62mm': t('settings.labels.size62'), '4x6': t('settings.labels.size4x6') };
  return (
    <SettingsCard
      title={t('settings.labels.title')}
      saveLabel={t('settings.labels.save')}
      initial={initial}
      fromSettings={fromSettings}
      onSaved={onSaved}
    >
      {(form) => (
        <>
          <Select
            label={t('settings.labels.size')}
            allowDeselect={false}
            data={shelfLabelSizes.map((value) => ({ value, label: sizeLabels[value] }))}
            value={form.values.labelSize}
            onChange={(v) => v && form.set('labelSize', v as ShelfLabelSize)}
            comboboxProps={{ withinPortal: true }}
            {...form.field('labelSize')}
            w={320}
          />
          <SwitchSetting
            label={t('settings.labels.printOnIntake')}
            {...form.bind('labelPrintOnIntake', t('settings.labels.printOnIntakeHint'))}
          />
        </>
      )}
    </SettingsCard>
  );
}
