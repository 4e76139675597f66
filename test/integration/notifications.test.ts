import { randomBytes } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { messageText } from '../../src/contract';
import type { Core } from '../../src/core';
import { DataKeys } from '../../src/secrets';
import type { NotificationConfig } from '../../src/services/notifications/config';
import { formatExpiry } from '../../src/services/notifications/messages';
import { MAX_ATTEMPTS, retryDelayMs } from '../../src/services/notifications/retry';
import { NotificationService, type FailedNotification, type NotificationRequest } from '../../src/services/notifications/service';
import { testCore } from '../helpers/core';
import { startSilentServer, startSmtpServer } from '../helpers/smtpServer';
import { startTwilioFake, type TwilioFake } from '../helpers/twilioFake';

const HOUR = 3_600_000;
const EMAIL = 'mia.chen@example.org';
const PHONE = '+15551234567';
const SMS_FROM = '+15557654321';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface KeyOptions {
  kind?: 'permanent' | 'single';
  status?: 'active' | 'revoked';
  expiresAt?: number | null;
}

/** A real core and a NotificationService on it, with a recipient and a config the test can change between sends. */
function setup(config: Partial<NotificationConfig> = {}) {
  const core = testCore();
  const keys = new DataKeys(randomBytes(32));
  const current: NotificationConfig = { siteName: 'Maple Court', siteLanguage: 'en', email: null, sms: null, ...config };
  const failed: (Omit<FailedNotification, 'error'> & { error: string })[] = [];
  const changed: number[] = [];
  const service = new NotificationService({
    repos: core.repos,
    clock: core.clock,
    tx: core.tx,
    keys,
    config: () => current,
    onChanged: (recipientId) => changed.push(recipientId),
    onFailed: (info) => failed.push({ ...info, error: messageText(info.error) }),
  });
  service.start();
  onTestFinished(() => service.stop());
  const recipient = core.repos.recipients.insert({
    firstName: 'Mia',
    lastName: 'Chen',
    unit: '4B',
    email: EMAIL,
    phone: PHONE,
    language: null,
    manuallyEdited: true,
    now: core.clock.now(),
  });

  const issueKey = (options: KeyOptions = {}) => {
    const kind = options.kind ?? 'single';
    const pin = String(100_000 + (randomBytes(3).readUIntBE(0, 3) % 900_000));
    const qr = randomBytes(16).toString('base64url');
    const expiresAt = options.expiresAt !== undefined ? options.expiresAt : kind === 'single' ? core.clock.now() + 24 * HOUR : null;
    const info = core.db
      .prepare(
        `INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, status, expires_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        recipient.id,
        kind,
        keys.lookupHash('pin', pin),
        keys.seal(pin),
        keys.lookupHash('qr', qr),
        keys.seal(qr),
        options.status ?? 'active',
        expiresAt,
        core.clock.now(),
      );
    return { id: Number(info.lastInsertRowid), pin, qr, expiresAt };
  };

  const enqueue = (item: Partial<NotificationRequest> & Pick<NotificationRequest, 'channel' | 'accessKeyId'>) =>
    core.tx.run(() =>
      service.enqueue({
        recipientId: recipient.id,
        template: 'single_access',
        destination: item.channel === 'email' ? EMAIL : PHONE,
        ...item,
      }),
    );

  /** The one notification, with why it failed in English as the log and the CLI have it. */
  const only = () => {
    const list = service.forRecipient(recipient.id);
    expect(list).toHaveLength(1);
    return { ...list[0]!, lastError: list[0]!.lastError && messageText(list[0]!.lastError) };
  };

  return { core, service, current, failed, changed, recipient, issueKey, enqueue, only };
}

async function smtp(options?: Parameters<typeof startSmtpServer>[0]) {
  const server = await startSmtpServer(options);
  onTestFinished(() => server.close());
  return server;
}

async function twilioFake(): Promise<TwilioFake> {
  const fake = await startTwilioFake();
  onTestFinished(() => fake.close());
  return fake;
}

const smsConfig = (fake: TwilioFake) => ({ accountSid: fake.accountSid, authToken: fake.authToken, from: SMS_FROM, apiUrl: fake.url });

/** Moves the clock to when the notification's next retry is due. */
function advanceToRetry(core: Core, notificationId: number, attempts: number): void {
  core.clock.advance(retryDelayMs(attempts, notificationId));
}

describe('email', () => {
  it('delivers the PIN, the expiry and the QR code as an inline PNG', async () => {
    const server = await smtp();
    const { service, issueKey, enqueue, only, changed, recipient } = setup({
      email: { smtpUrl: server.url, from: 'Maple Court Packages <packages@maplecourt.example>' },
    });
    const key = issueKey();
    enqueue({ channel: 'email', accessKeyId: key.id });
    await service.drain();

    const [mail] = await server.waitForMessages(1);
    expect(mail!.subject).toBe('Your one-time PIN for Maple Court');
    expect(mail!.to).toMatchObject({ value: [{ address: EMAIL, name: 'Mia Chen' }] });
    expect(mail!.from).toMatchObject({ value: [{ address: 'packages@maplecourt.example' }] });
    expect(mail!.text).toContain(key.pin);
    expect(mail!.text).toContain(formatExpiry(key.expiresAt!));
    expect(mail!.html).toContain(key.pin);

    const image = mail!.attachments.find((a) => a.contentType === 'image/png');
    expect(image?.cid).toBeTruthy();
    expect(image!.related).toBe(true);
    expect(mail!.html).toContain(`src="cid:${image!.cid}"`);
    expect(image!.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    expect(only()).toMatchObject({
      channel: 'email',
      destination: EMAIL,
      template: 'single_access',
      status: 'sent',
      attempts: 1,
      lastError: null,
    });
    expect(only().sentAt).not.toBeNull();
    expect(changed).toContain(recipient.id);
  });

  it('retries after the mail server was down, once the clock reaches the retry', async () => {
    const down = await startSmtpServer();
    await down.close();
    const { core, service, issueKey, enqueue, only } = setup({ email: { smtpUrl: down.url, from: 'packages@maplecourt.example' } });
    const id = enqueue({ channel: 'email', accessKeyId: issueKey().id });
    await service.drain();
    expect(only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Could not reach the mail server' });

    const server = await smtp({ port: down.port });
    core.clock.advance(retryDelayMs(1, id) - 1_000);
    await service.drain();
    expect(only().status).toBe('pending');

    core.clock.advance(1_000);
    await service.drain();
    expect(only()).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(server.messages).toHaveLength(1);
  });

  it('gives up at once on an address the server refuses, and tells staff', async () => {
    const server = await smtp({ rejectRecipients: ['nobody@example.org'] });
    const { service, issueKey, enqueue, only, failed, recipient } = setup({
      email: { smtpUrl: server.url, from: 'packages@maplecourt.example' },
    });
    const id = enqueue({ channel: 'email', accessKeyId: issueKey().id, destination: 'nobody@example.org' });
    await service.drain();

    expect(only()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'The mail server refused the address' });
    expect(failed).toEqual([
      { id, channel: 'email', destination: 'nobody@example.org', recipientId: recipient.id, error: 'The mail server refused the address' },
    ]);
    expect(server.messages).toHaveLength(0);
  });

  it('fails with a plain message when email is not set up, and does not retry', async () => {
    const { core, service, issueKey, enqueue, only, failed } = setup({ email: null });
    enqueue({ channel: 'email', accessKeyId: issueKey().id });
    await service.drain();
    expect(only()).toMatchObject({ status: 'failed', lastError: 'Email is not set up: an admin can set it up in Settings' });
    expect(failed).toHaveLength(1);

    core.clock.advance(HOUR);
    await service.drain();
    expect(only()).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('uses the settings of the moment: a fixed SMTP URL applies to the next retry', async () => {
    const down = await startSmtpServer();
    await down.close();
    const server = await smtp();
    const { core, service, current, issueKey, enqueue, only } = setup({
      email: { smtpUrl: down.url, from: 'packages@maplecourt.example' },
    });
    const id = enqueue({ channel: 'email', accessKeyId: issueKey().id });
    await service.drain();
    expect(only().status).toBe('pending');

    current.email = { smtpUrl: server.url, from: 'packages@maplecourt.example' };
    advanceToRetry(core, id, 1);
    await service.drain();
    expect(only().status).toBe('sent');
    expect(server.messages).toHaveLength(1);
  });
});

describe('SMS', () => {
  it('sends the PIN and expiry through the twilio SDK to the configured API URL', async () => {
    const fake = await twilioFake();
    const { service, issueKey, enqueue, only } = setup({ sms: smsConfig(fake) });
    const key = issueKey();
    enqueue({ channel: 'sms', accessKeyId: key.id });
    await service.drain();

    expect(fake.messages).toHaveLength(1);
    const [sms] = fake.messages;
    expect(sms).toMatchObject({ from: SMS_FROM, to: PHONE });
    expect(sms!.body).toBe(`Maple Court: your one-time PIN is ${key.pin}. It works once and expires ${formatExpiry(key.expiresAt!)}.`);
    expect(only()).toMatchObject({ channel: 'sms', destination: PHONE, status: 'sent', attempts: 1 });
  });

  it('retries a 503 from Twilio after the backoff, counting attempts', async () => {
    const fake = await twilioFake();
    const { core, service, issueKey, enqueue, only } = setup({ sms: smsConfig(fake) });
    fake.failNext(1);
    const id = enqueue({ channel: 'sms', accessKeyId: issueKey().id });
    await service.drain();
    expect(only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Twilio is busy or unavailable' });
    expect(fake.messages).toHaveLength(0);

    advanceToRetry(core, id, 1);
    await service.drain();
    expect(only()).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(fake.messages).toHaveLength(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and tells staff`, async () => {
    const fake = await twilioFake();
    const { core, service, issueKey, enqueue, only, failed } = setup({ sms: smsConfig(fake) });
    fake.failNext(MAX_ATTEMPTS);
    const id = enqueue({ channel: 'sms', accessKeyId: issueKey({ expiresAt: core.clock.now() + 24 * HOUR }).id });
    await service.drain();
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
      expect(only()).toMatchObject({ status: 'pending', attempts });
      advanceToRetry(core, id, attempts);
      await service.drain();
    }
    expect(only()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'Twilio is busy or unavailable' });
    expect(failed).toHaveLength(1);
    expect(fake.requests).toBe(MAX_ATTEMPTS);
  });

  it('fails at once on a number Twilio says is not valid', async () => {
    const fake = await twilioFake();
    const { service, issueKey, enqueue, only, failed } = setup({ sms: smsConfig(fake) });
    fake.rejectNumber('+15550000000');
    enqueue({ channel: 'sms', accessKeyId: issueKey().id, destination: '+15550000000' });
    await service.drain();
    expect(only()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'The phone number is not valid' });
    expect(failed).toMatchObject([{ channel: 'sms', destination: '+15550000000', error: 'The phone number is not valid' }]);
  });

  it('fails with a plain message when text messages are not set up', async () => {
    const { service, issueKey, enqueue, only } = setup({ sms: null });
    enqueue({ channel: 'sms', accessKeyId: issueKey().id });
    await service.drain();
    expect(only()).toMatchObject({ status: 'failed', lastError: 'Text messages are not set up: an admin can set them up in Settings' });
  });
});

describe('the outbox', () => {
  it('sends nothing when the transaction that queued the message rolls back', async () => {
    const server = await smtp();
    const { core, service, issueKey, recipient } = setup({ email: { smtpUrl: server.url, from: 'packages@maplecourt.example' } });
    const key = issueKey();
    expect(() =>
      core.tx.run(() => {
        service.enqueue({
          channel: 'email',
          recipientId: recipient.id,
          accessKeyId: key.id,
          template: 'single_access',
          destination: EMAIL,
        });
        throw new Error('the staff action failed after queueing');
      }),
    ).toThrow('the staff action failed');
    await service.drain();
    expect(service.forRecipient(recipient.id)).toEqual([]);
    expect(server.messages).toHaveLength(0);
  });

  it('never makes the staff action wait: a hung mail server holds up neither enqueue nor texts', async () => {
    const hung = await startSilentServer();
    onTestFinished(() => hung.close());
    const fake = await twilioFake();
    const { service, issueKey, enqueue, recipient } = setup({
      email: { smtpUrl: hung.url, from: 'packages@maplecourt.example' },
      sms: smsConfig(fake),
    });
    const key = issueKey();
    enqueue({ channel: 'email', accessKeyId: key.id });
    let drained = false;
    const draining = service.drain().then(() => (drained = true));
    await hung.connected;

    enqueue({ channel: 'sms', accessKeyId: key.id });
    // The fake has the text before the outbox records Twilio's answer: wait for the record.
    await expect
      .poll(() => service.forRecipient(recipient.id).map((n) => [n.channel, n.status]))
      .toEqual([
        ['sms', 'sent'],
        ['email', 'pending'],
      ]);
    expect(fake.messages).toHaveLength(1);
    expect(drained).toBe(false);

    await hung.close();
    await draining;
    expect(service.forRecipient(recipient.id).find((n) => n.channel === 'email')).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('abandons a send stuck on a hung mail server when it stops, keeping the message for the next start', async () => {
    const hung = await startSilentServer();
    onTestFinished(() => hung.close());
    const { service, issueKey, enqueue, only } = setup({ email: { smtpUrl: hung.url, from: 'packages@maplecourt.example' } });
    enqueue({ channel: 'email', accessKeyId: issueKey().id });
    await hung.connected;

    await service.stop();
    expect(only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Sending stopped because Packroom was shutting down' });
  });

  it('does not send a PIN that stopped working before it went out, and does not alert staff', async () => {
    const server = await smtp();
    const { service, issueKey, enqueue, only, failed } = setup({ email: { smtpUrl: server.url, from: 'packages@maplecourt.example' } });
    enqueue({ channel: 'email', accessKeyId: issueKey({ status: 'revoked' }).id });
    await service.drain();
    expect(only()).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/^Not sent: the PIN was used, replaced or had expired/),
    });
    expect(failed).toHaveLength(0);
    expect(server.messages).toHaveLength(0);
  });

  it('picks up messages left pending by a previous run when it starts', async () => {
    const fake = await twilioFake();
    const { core, service, issueKey, recipient } = setup({ sms: smsConfig(fake) });
    await service.stop();
    const key = issueKey({ kind: 'permanent' });
    core.tx.run(() =>
      service.enqueue({ channel: 'sms', recipientId: recipient.id, accessKeyId: key.id, template: 'new_pin', destination: PHONE }),
    );
    await service.drain();
    expect(fake.messages).toHaveLength(0);

    service.start();
    await service.drain();
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]!.body).toBe(`Maple Court: your package room PIN is now ${key.pin}.`);
  });
});
