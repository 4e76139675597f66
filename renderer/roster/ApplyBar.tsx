import { Button, Card, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { RosterDiffSummary } from '../../src/contract';
import { useTranslation } from '../i18n';
import { counted } from './labels';

interface Props {
  diff: RosterDiffSummary;
  welcome: boolean;
  busy: boolean;
  onApply: (confirmLargeDeactivation: boolean) => void;
  onCancel: () => void;
}

/** Step 4: apply exactly the preview, or drop it. A large deactivation needs an explicit tick. */
export function ApplyBar({ diff, welcome, busy, onApply, onCancel }: Props) {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState(false);
  const { counts, safety } = diff;
  const nothing = counts.added + counts.changed + counts.movedOut + counts.reactivated === 0;
  return (
    <Card withBorder>
      <Stack>
        <Text size="sm">{nothing ? t('roster.apply.nothing') : welcome ? t('roster.apply.welcome') : t('roster.apply.noWelcome')}</Text>
        {safety.exceeded && (
          <Checkbox
            label={t('roster.apply.confirm', counted(safety.wouldDeactivate))}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />
        )}
        <Group>
          <Button onClick={() => onApply(safety.exceeded)} loading={busy} disabled={nothing || (safety.exceeded && !confirmed)}>
            {t('roster.apply.apply')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
