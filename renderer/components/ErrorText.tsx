import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ApiError } from '../api/client';

/** A failed call, in the words the core chose for people. */
export function ErrorAlert({ error, title = 'That did not work' }: { error: ApiError | Error | null; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={title} role="alert">
      {error.message}
    </Alert>
  );
}
