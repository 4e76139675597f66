import type { BackupRun } from '../../src/contract';
import { formatNumber, i18n, sentenceText } from '../i18n';

const t = i18n.t.bind(i18n);

const megabytes = (bytes: number | null) => (bytes === null ? '' : t('backups.megabytes', { value: formatNumber(bytes / 1024 / 1024) }));

/** How a backup went, in the screen's language: its file and size, or why it failed as the core said it. */
export const describeRun = (r: Pick<BackupRun, 'outcome' | 'file' | 'bytes' | 'message'>): string =>
  r.outcome === 'ok'
    ? t('backups.ok', { file: r.file ?? '', size: megabytes(r.bytes) })
    : t('backups.failed', { message: r.message ? sentenceText(r.message) : '' });
