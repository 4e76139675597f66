import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../../../src/contract';
import { describeRun } from '../../../renderer/backups/describe';
import { i18n, sentenceText } from '../../../renderer/i18n';

const missing = message('backups.folderMissing', { folder: 'E:\\Copias' });

describe('Settings → Backups: how each backup went', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('shows why a backup failed in the screen’s language', () => {
    const failed = { outcome: 'failed', file: null, bytes: null, message: missing } as const;
    expect(describeRun(failed)).toBe(
      'Failed: The backup folder E:\\Copias is missing. Plug in the USB stick or reconnect the network share.',
    );
    void i18n.changeLanguage('es');
    expect(describeRun(failed)).toBe(
      'Falló: No se encuentra la carpeta de las copias E:\\Copias. Conecte la memoria USB o vuelva a conectar la unidad de red.',
    );
  });

  it('shows a failure recorded before sentences were stored as the English it was written in', () => {
    void i18n.changeLanguage('es');
    const old = message('text', { text: 'The backup folder E:\\ is full. Free some space or choose another folder.' });
    expect(describeRun({ outcome: 'failed', file: null, bytes: null, message: old })).toBe(
      'Falló: The backup folder E:\\ is full. Free some space or choose another folder.',
    );
  });

  it('shows a good backup as its file and size', () => {
    void i18n.changeLanguage('es');
    expect(describeRun({ outcome: 'ok', file: 'packroom-x.sqlite', bytes: 3.5 * 1024 * 1024, message: null })).toBe(
      'packroom-x.sqlite (3,5 MB)',
    );
  });

  it('shows the header warning, with the failure inside it, in the screen’s language', () => {
    const warning = message('backups.health.lastFailed', { reason: missing });
    void i18n.changeLanguage('es');
    expect(sentenceText(warning)).toBe(
      'La última copia de seguridad falló: No se encuentra la carpeta de las copias E:\\Copias. Conecte la memoria USB o vuelva a conectar la unidad de red.',
    );
  });
});
