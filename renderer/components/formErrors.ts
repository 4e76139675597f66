import { ApiError } from '../api/client';
import { errorText } from '../i18n';

/** Splits a failed call into an error for the named form field, or one for the whole form. */
export function splitError(error: unknown, fields: readonly string[]): { field: Record<string, string>; form: Error | null } {
  if (error instanceof ApiError && error.field && fields.includes(error.field)) {
    return { field: { [error.field]: errorText(error) }, form: null };
  }
  return { field: {}, form: error instanceof Error ? error : new Error(String(error)) };
}
