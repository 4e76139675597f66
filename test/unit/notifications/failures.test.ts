import { describe, expect, it } from 'vitest';
import { classifyEmailError } from '../../../src/services/notifications/email';
import { retryDelayMs } from '../../../src/services/notifications/retry';
import { classifySmsError } from '../../../src/services/notifications/sms';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('smtp'), fields);

describe('classifyEmailError', () => {
  it('treats a refused recipient as permanent', () => {
    const error = classifyEmailError(smtpError({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, permanent: true }));
    expect(error).toMatchObject({ permanent: true, message: 'The mail server refused the address' });
  });

  it('retries what the network or a busy server caused', () => {
    expect(classifyEmailError(smtpError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }))).toMatchObject({ permanent: false });
    expect(classifyEmailError(smtpError({ code: 'ETIMEDOUT' }))).toMatchObject({
      permanent: false,
      message: 'The mail server did not answer in time',
    });
    const busy = classifyEmailError(
      smtpError({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451, permanent: false, response: '451 try later' }),
    );
    expect(busy).toMatchObject({ permanent: false, message: 'The mail server asked to try again later (451 try later)' });
  });

  it('tells staff to have the settings checked when the login is refused', () => {
    expect(classifyEmailError(smtpError({ code: 'EAUTH', responseCode: 535, permanent: true }))).toMatchObject({
      permanent: true,
      message: expect.stringContaining('an admin can check Email in Settings'),
    });
  });
});

describe('classifySmsError', () => {
  it("treats Twilio's invalid 'To' number as permanent", () => {
    expect(classifySmsError({ status: 400, code: 21211, message: "The 'To' number is not valid" })).toMatchObject({
      permanent: true,
      message: 'The phone number is not valid',
    });
  });

  it('retries 5xx, 429 and network errors', () => {
    expect(classifySmsError({ status: 503, code: 20503 })).toMatchObject({ permanent: false });
    expect(classifySmsError({ status: 429, code: 20429 })).toMatchObject({ permanent: false });
    expect(classifySmsError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({
      permanent: false,
      message: 'Could not reach Twilio',
    });
    expect(classifySmsError(Object.assign(new Error('timeout'), { code: 'ECONNABORTED' }))).toMatchObject({
      permanent: false,
      message: 'Twilio did not answer in time',
    });
  });

  it('treats a refused login as a settings problem', () => {
    expect(classifySmsError({ status: 401, code: 20003 })).toMatchObject({
      permanent: true,
      message: expect.stringContaining('check SMS in Settings'),
    });
  });
});

describe('retryDelayMs', () => {
  it('doubles from 30 s, adds at most 10% jitter, and never waits more than about an hour', () => {
    const base = [30_000, 60_000, 120_000, 240_000];
    base.forEach((ms, i) => {
      const delay = retryDelayMs(i + 1, 7);
      expect(delay).toBeGreaterThanOrEqual(ms);
      expect(delay).toBeLessThanOrEqual(ms * 1.1);
    });
    expect(retryDelayMs(20, 7)).toBeLessThanOrEqual(3_600_000 * 1.1);
  });

  it('spreads messages that failed together', () => {
    const delays = new Set([1, 2, 3, 4, 5].map((id) => retryDelayMs(1, id)));
    expect(delays.size).toBe(5);
  });
});
