/**
 * A hold asked for by text message (issue 22): a text to the site's Twilio number (the fake's Messages list) from an
 * active recipient's phone sets a hold and is answered; a text not about a hold, or from a stranger, is left alone;
 * a text read once is never handled twice.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { cliActor } from '../../src/services/audit/service';
import { testCore } from '../helpers/core';
import { startTwilioFake } from '../helpers/twilioFake';

const siteNumber = '+15005550006';

async function desk() {
  const twilio = await startTwilioFake();
  onTestFinished(() => twilio.close());
  const core = testCore({
    env: {
      PACKROOM_TWILIO_ACCOUNT_SID: twilio.accountSid,
      PACKROOM_TWILIO_AUTH_TOKEN: twilio.authToken,
      PACKROOM_TWILIO_FROM: siteNumber,
      PACKROOM_TWILIO_API_URL: twilio.url,
    },
  });
  const ann = core.recipients.create(cliActor, { firstName: 'Ann', lastName: 'Lee', unit: '4B', email: null, phone: '+1 415 555 0101' });
  const eva = core.recipients.create(cliActor, {
    firstName: 'Eva',
    lastName: 'Ruiz',
    unit: '5C',
    email: null,
    phone: '+1 415 555 0102',
    language: 'es',
  });
  await core.notifications.drain();
  const replies = (to: string) => twilio.messages.filter((m) => m.to === to && !/PIN/.test(m.body)).map((m) => m.body);
  return { core, twilio, ann, eva, replies };
}

describe('holds by text message', () => {
  it('sets a hold from "HOLD 12/20-01/05" and answers, in the recipient’s language, once', async () => {
    const { core, twilio, ann, eva, replies } = await desk();
    twilio.receive('+14155550101', siteNumber, 'HOLD 12/20-01/05');
    twilio.receive('+14155550102', siteNumber, 'away until next week');
    twilio.receive('+14155550199', siteNumber, 'HOLD 12/20-01/05');
    twilio.receive('+14155550101', '+15005550999', 'HOLD 12/20-01/05');
    await core.holdTexts.poll();

    const [hold] = core.holds.list(ann.id).holds;
    expect(hold).toMatchObject({ mode: 'keep', createdVia: 'sms', createdBy: 'Ann Lee (SMS)' });
    expect(hold!.from.slice(5)).toBe('12-20');
    expect(hold!.until.slice(5)).toBe('01-05');
    expect(replies('+14155550101')).toEqual([
      expect.stringMatching(/^Package Room: your packages are on hold from \w{3}, Dec 20 to \w{3}, Jan 5\./),
    ]);
    expect(replies('+14155550102')).toEqual([expect.stringContaining('para retener sus paquetes')]);
    expect(core.holds.list(eva.id).holds).toEqual([]);
    // A stranger's number and a text to another number: nothing set, nothing answered.
    expect(replies('+14155550199')).toEqual([]);

    // Read again: every text was handled already. The same request again is refused as overlapping, and says so.
    await core.holdTexts.poll();
    expect(replies('+14155550101')).toHaveLength(1);
    twilio.receive('+14155550101', siteNumber, 'hold 12/22 - 12/28');
    await core.holdTexts.poll();
    expect(replies('+14155550101')[1]).toMatch(/your hold was not set\. Ann Lee already has a hold from/);
    expect(core.holds.list(ann.id).holds).toHaveLength(1);
  });
});
