import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ApiError } from '../api/client';
import { errorText, useTranslation } from '../i18n';

/** A failed call, in the words the core chose for people. */
export function ErrorAlert({ error, title }: { error: ApiError | Error | null; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={title ?? t('common.didNotWork')} role="alert">
      {errorText(error)}
    </Alert>
  );
}
