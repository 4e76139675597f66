import { describe, expect, it, onTestFinished } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { formats, message, messageText, type Alert } from '../../src/contract';
import type { Core } from '../../src/core';
import { cliActor } from '../../src/services/audit/service';
import { englishAlerts, signedInAdmin, testCore } from '../helpers/core';
import { startTwilioFake } from '../helpers/twilioFake';

/** Open alerts as a screen receives them: JSON over the transport. */
async function listed(core: Core): Promise<Alert[]> {
  const admin = await signedInAdmin(core);
  return JSON.parse(JSON.stringify(await admin.ok('alerts.list', {}))) as Alert[];
}

describe('alerts', () => {
  it('raised by the core are listed as their sentence, shown in each language, and kept in English for the log', async () => {
    const core = testCore();
    const sim = createSimulator(() => core.clock.now());
    await core.devices.start('sim', sim);
    for (let i = 0; i < 5; i++) {
      sim.keypad.type('38150927#');
      await core.door.settled();
    }
    const [alert] = await listed(core);
    expect(alert).toMatchObject({ kind: 'door.failures', message: message('alert.doorFailures', { device: 'keypad' }) });
    expect(messageText(alert!.message)).toBe(
      'Repeated wrong codes at the keypad: someone may be guessing. A resident who is locked out can be let in with Open Door, or staff can use Reset keypad lockout.',
    );
    expect(messageText(alert!.message, 'es')).toBe(
      'Códigos incorrectos repetidos en keypad: puede que alguien esté intentando adivinar. A un residente bloqueado se le puede dejar entrar con Abrir la puerta, o el personal puede usar Desbloquear el teclado.',
    );
    expect(core.db.prepare('SELECT message FROM alerts').pluck().get()).toBe(messageText(alert!.message));
    expect(core.audit.list({ limit: 50 }).items.find((e) => e.action === 'alert.raised')).toMatchObject({
      details: { kind: 'door.failures', message: messageText(alert!.message) },
    });
  });

  it('with a time say it in the time format of the language', async () => {
    const core = testCore();
    const at = Date.UTC(2026, 10, 26, 20, 5, 9);
    const started = at - 3_600_000;
    core.alerts.raise('system.restart', message('alert.restart', { at, started }));
    const [alert] = await listed(core);
    const format = (language: string, time: number) => formats.datetime(time, language);
    expect(messageText(alert!.message)).toMatch(
      new RegExp(`^Packroom restarted unexpectedly at ${format('en', at)}: the run started ${format('en', started)} did not shut down`),
    );
    expect(messageText(alert!.message, 'es')).toMatch(
      new RegExp(
        `^Packroom se reinició inesperadamente el ${format('es', at)}: la ejecución iniciada el ${format('es', started)} no se cerró`,
      ),
    );
  });

  it('raised with text the core did not write are listed as that text in every language', async () => {
    const core = testCore();
    core.alerts.raise('backup', message('text', { text: 'Backups: the folder is gone.' }));
    const [alert] = await listed(core);
    expect(alert!.message).toEqual(message('text', { text: 'Backups: the folder is gone.' }));
    expect(messageText(alert!.message, 'es')).toBe('Backups: the folder is gone.');
  });

  it('saved before alerts had sentences, or with a sentence this version does not know, are listed as their English', async () => {
    const core = testCore();
    const insert = core.db.prepare('INSERT INTO alerts (at, kind, message, message_key, message_params) VALUES (?, ?, ?, ?, ?)');
    insert.run(core.clock.now(), 'door.lockout', 'The keypad is locked after 5 wrong PINs.', null, null);
    insert.run(core.clock.now(), 'door.relay', 'A sentence from a newer Packroom.', 'alert.fromTheFuture', '{"x":1}');
    expect((await listed(core)).map((a) => a.message)).toEqual([
      message('text', { text: 'A sentence from a newer Packroom.' }),
      message('text', { text: 'The keypad is locked after 5 wrong PINs.' }),
    ]);
  });

  it('show once while the same problem is open, and again once acknowledged', async () => {
    const core = testCore();
    const relay = message('alert.relayOffFailed', { relay: 'sim:relay' });
    core.alerts.raise('door.relay', relay);
    core.alerts.raise('door.relay', relay);
    expect(core.alerts.list()).toHaveLength(1);
    core.alerts.acknowledge(cliActor, core.alerts.list()[0]!.id);
    core.alerts.raise('door.relay', relay);
    expect(core.alerts.list().map((a) => a.message)).toEqual([relay]);
  });
});

describe('a notification channel that is not set up', () => {
  const smsAlert = {
    kind: 'notification.smsNotSetUp',
    message:
      'Text messages are not set up: recipients will not get their PINs by text. An admin can set them up in Settings → Notifications.',
  };

  /** A started core (its notification lanes running) with an admin signed in, and no email or SMS set up. */
  async function desk() {
    const core = testCore();
    core.start();
    const admin = await signedInAdmin(core);
    const add = async (first: string, phone: string) => {
      await admin.ok('recipients.create', { firstName: first, lastName: 'Lee', unit: '4B', phone });
      await core.notifications.drain();
    };
    return { core, admin, add };
  }

  it("is one standing alert however many recipients' texts cannot go out, and goes when SMS is set up", async () => {
    const { core, admin, add } = await desk();
    expect(core.alerts.list()).toEqual([]);
    await add('Ann', '(415) 555-0101');
    await add('Bo', '(415) 555-0102');
    await add('Cy', '(415) 555-0103');
    expect(englishAlerts(core.alerts.list())).toEqual([expect.objectContaining(smsAlert)]);
    const [standing] = core.alerts.list();
    expect(messageText(standing!.message, 'es')).toBe(
      'Los mensajes de texto no están configurados: los destinatarios no recibirán sus PIN por mensaje de texto. Un administrador puede configurarlos en Configuración → Notificaciones.',
    );

    const twilio = await startTwilioFake();
    onTestFinished(() => twilio.close());
    await admin.ok('settings.update', {
      twilioAccountSid: twilio.accountSid,
      twilioAuthToken: twilio.authToken,
      twilioFrom: '+14155550100',
      twilioApiUrl: twilio.url,
    });
    expect(core.alerts.list()).toEqual([]);
    expect(core.audit.list({ limit: 50 }).items.find((e) => e.action === 'alert.resolved')).toMatchObject({
      actor: 'system',
      subject: `alert:${standing!.id}`,
    });

    // Taken away again: the alert comes back at once, since this site texts its recipients.
    await admin.ok('settings.update', { twilioAccountSid: null });
    expect(englishAlerts(core.alerts.list())).toEqual([expect.objectContaining(smsAlert)]);
  });

  it('acknowledged, stays quiet while the cause stays, and comes back after the cause was fixed and broken again', async () => {
    const { core, admin, add } = await desk();
    await add('Ann', '(415) 555-0101');
    await admin.ok('alerts.acknowledge', { id: core.alerts.list()[0]!.id });
    await add('Bo', '(415) 555-0102');
    expect(core.alerts.list()).toEqual([]);

    await admin.ok('settings.update', { twilioAccountSid: 'AC123', twilioAuthToken: 'secret', twilioFrom: '+14155550100' });
    await admin.ok('settings.update', { twilioFrom: null });
    expect(englishAlerts(core.alerts.list())).toEqual([expect.objectContaining(smsAlert)]);
  });

  it('is not raised on a fresh install, nor for a channel no notice ever needed', async () => {
    const { core, admin } = await desk();
    await admin.ok('recipients.create', { firstName: 'Ann', lastName: 'Lee', unit: '4B', email: 'ann@example.com' });
    await core.notifications.drain();
    expect(englishAlerts(core.alerts.list()).map((a) => a.kind)).toEqual(['notification.emailNotSetUp']);
  });

  it('leaves the per-recipient alerts an older Packroom saved listed as they were', async () => {
    const { core, add } = await desk();
    core.db
      .prepare('INSERT INTO alerts (at, kind, message, message_key, message_params) VALUES (?, ?, ?, ?, ?)')
      .run(
        core.clock.now(),
        'notification.failed',
        'A text to +14155550199 could not be sent: Text messages are not set up: an admin can set them up in Settings',
        'alert.notificationFailed.sms',
        JSON.stringify({ destination: '+14155550199', error: message('notification.smsNotSetUp') }),
      );
    await add('Ann', '(415) 555-0101');
    expect(englishAlerts(core.alerts.list()).map((a) => a.message)).toEqual([
      smsAlert.message,
      'A text to +14155550199 could not be sent: Text messages are not set up: an admin can set them up in Settings',
    ]);
  });
});
