import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from '../i18n';
import type { Progress as ProgressState } from './useImportFlow';

/** What the import is doing; without news from the core yet, an animated bar. */
export function ImportProgress({ progress, fallback }: { progress: ProgressState | null; fallback: string }) {
  const { t } = useTranslation();
  const share = progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 100;
  const label = progress ? t(`roster.progress.${progress.phase}`) : fallback;
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Text size="sm">{label}…</Text>
      <Progress value={share} animated={!progress || progress.done === 0} aria-label={label} size="lg" />
    </Stack>
  );
}
