/** Migration 0014_alert_sentences: An alert's message as a sentence. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { message, messageText, type Message } from '../../../src/contract';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0014_alert_sentences',
  seed(db) {
    // Acknowledged, so the open alerts earlier fixtures expect stay as they are.
    db.prepare(
      `INSERT INTO alerts (at, kind, message, message_key, message_params, acknowledged_at, acknowledged_by)
       VALUES (?, 'door.relay', ?, 'alert.relayOffFailed', '{"relay":"16c0:05df"}', ?, 1)`,
    ).run(t0, 'The door relay (16c0:05df) did not switch off. The door may be unlocked: check it now.', t0 + 60_000);
  },
  survived(core) {
    const row = core.db.prepare("SELECT message_key AS key, message_params AS params FROM alerts WHERE kind = 'door.relay'").get() as {
      key: string;
      params: string;
    };
    const sentence = { key: row.key, params: JSON.parse(row.params) as Record<string, string> } as Message;
    expect(messageText(sentence)).toBe('The door relay (16c0:05df) did not switch off. The door may be unlocked: check it now.');
    expect(messageText(sentence, 'es')).toBe(
      'El relé de la puerta (16c0:05df) no se apagó. Puede que la puerta esté desbloqueada: revísela ahora.',
    );
  },
  olderRows(core) {
    // Alerts from before sentences have only their English, and list as it (the `text` sentence) in every language.
    expect(core.db.prepare('SELECT count(*) FROM alerts WHERE message_key IS NOT NULL OR message_params IS NOT NULL').pluck().get()).toBe(
      0,
    );
    const english = core.db.prepare('SELECT message FROM alerts WHERE acknowledged_at IS NULL ORDER BY id DESC').pluck().all() as string[];
    expect(core.alerts.list().map((a) => a.message)).toEqual(english.map((text) => message('text', { text })));
  },
};

upgradeTests(fixture);
