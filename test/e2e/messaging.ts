import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer';
import { startTwilioFake, type TwilioFake } from '../helpers/twilioFake';
import { test as base } from './fixtures';

/**
 * A Packroom with the simulated door whose email goes to a real local SMTP server and whose texts go to a
 * local fake of Twilio's API; `siteEnv` adds settings of the site's own (e.g. its language).
 */
export const test = base.extend<{ mailbox: TestSmtpServer; smsInbox: TwilioFake; siteEnv: Record<string, string> }>({
  siteEnv: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  mailbox: async ({}, use) => {
    const mailbox = await startSmtpServer();
    await use(mailbox);
    await mailbox.close();
  },
  // eslint-disable-next-line no-empty-pattern -- as above.
  smsInbox: async ({}, use) => {
    const inbox = await startTwilioFake();
    await use(inbox);
    await inbox.close();
  },
  packroomDevices: 'sim',
  packroomEnv: async ({ mailbox, smsInbox, siteEnv }, use) => {
    await use({
      PACKROOM_SMTP_URL: mailbox.url,
      PACKROOM_MAIL_FROM: 'Package Room <packages@example.test>',
      PACKROOM_TWILIO_ACCOUNT_SID: smsInbox.accountSid,
      PACKROOM_TWILIO_AUTH_TOKEN: smsInbox.authToken,
      PACKROOM_TWILIO_FROM: '+15005550006',
      PACKROOM_TWILIO_API_URL: smsInbox.url,
      ...siteEnv,
    });
  },
});
