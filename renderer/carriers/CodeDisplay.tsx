import { Stack, Text } from '@mantine/core';
import { PinDisplay } from '../access/PinDisplay';
import { DialogActions } from '../components/DialogActions';
import { useTranslation } from '../i18n';

/** A carrier code just issued: shown this once, to read out or hand to the carrier. */
export function ShownOnce({ name, code, onDone }: { name: string; code: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PinDisplay label={t('carriers.codeFor', { name })} pin={code} />
      <Text size="sm">{t('carriers.shownOnce', { name })}</Text>
      <DialogActions label={t('common.done')} onConfirm={onDone} focus="primary" />
    </Stack>
  );
}
