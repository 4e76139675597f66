import { describe, expect, it } from 'vitest';
import { notificationConfig, type NotificationSettings } from '../../../src/services/notifications/fromSettings';
import { baseUrlRequestClient } from '../../../src/services/notifications/sms';

const none: NotificationSettings = {
  siteName: 'Maple Court',
  siteLanguage: 'en',
  smtpUrl: null,
  mailFrom: null,
  twilioAccountSid: null,
  twilioAuthToken: null,
  twilioFrom: null,
  twilioApiUrl: null,
};

describe('notificationConfig', () => {
  it('sets a channel up only when everything it needs is there', () => {
    expect(notificationConfig(none)).toEqual({ siteName: 'Maple Court', siteLanguage: 'en', email: null, sms: null });
    expect(notificationConfig({ ...none, smtpUrl: 'smtp://mail.example.org' }).email).toBeNull();
    expect(notificationConfig({ ...none, smtpUrl: 'smtp://mail.example.org', mailFrom: 'a@example.org' }).email).toEqual({
      smtpUrl: 'smtp://mail.example.org',
      from: 'a@example.org',
    });
    const sms = notificationConfig({
      ...none,
      twilioAccountSid: 'AC1',
      twilioAuthToken: 't',
      twilioFrom: '+15550001111',
      twilioApiUrl: '',
    }).sms;
    expect(sms).toEqual({ accountSid: 'AC1', authToken: 't', from: '+15550001111', apiUrl: null });
  });
});

describe('baseUrlRequestClient', () => {
  it('sends Twilio API paths to the base URL, keeping a path prefix and the query', async () => {
    const client = await baseUrlRequestClient('http://proxy.internal:8080/twilio/');
    let sentTo: string | undefined;
    client.axios.interceptors.request.use((config) => {
      sentTo = config.url;
      throw new Error('captured');
    });
    await expect(
      client.request({ method: 'get', uri: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=20' }),
    ).rejects.toThrow('captured');
    expect(sentTo).toBe('http://proxy.internal:8080/twilio/2010-04-01/Accounts/AC1/Messages.json?PageSize=20');
  });
});
