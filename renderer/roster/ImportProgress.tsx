import { Progress, Stack, Text } from '@mantine/core';
import type { Progress as ProgressState } from './useImportFlow';

const phaseLabels: Record<ProgressState['phase'], string> = {
  uploading: 'Sending the file',
  reading: 'Reading the file',
  checking: 'Checking every row against the recipients',
  applying: 'Applying the changes',
};

/** What the import is doing; without news from the core yet, an animated bar. */
export function ImportProgress({ progress, fallback }: { progress: ProgressState | null; fallback: string }) {
  const share = progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 100;
  const label = progress ? phaseLabels[progress.phase] : fallback;
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Text size="sm">{label}…</Text>
      <Progress value={share} animated={!progress || progress.done === 0} aria-label={label} size="lg" />
    </Stack>
  );
}
