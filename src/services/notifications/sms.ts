import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { SmsConfig } from './config';
import { DeliveryError } from './delivery';

// The SDK default is 30 s; a hung request holds up the next text this long before it is retried.
const REQUEST_TIMEOUT_MS = 15_000;

/** Sends every Twilio API request to `baseUrl` instead of https://api.twilio.com, keeping path and query. */
export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: string;

  constructor(baseUrl: string, options: RequestClient.RequestClientOptions = {}) {
    super(options);
    this.base = baseUrl.replace(/\/+$/, '');
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.base}${target.pathname}${target.search}` });
  }
}

/** Sends texts with the Twilio SDK; one client, rebuilt when the account or API URL changes. */
export class SmsSender {
  private current: { key: string; client: twilio.Twilio } | null = null;

  /** Resolves with the Twilio message SID; rejects with a DeliveryError. */
  async send(config: SmsConfig, body: string, to: string): Promise<string> {
    const client = this.clientFor(config);
    try {
      const message = await client.messages.create({ from: config.from, to, body });
      return message.sid;
    } catch (error) {
      throw classifySmsError(error);
    }
  }

  private clientFor(config: SmsConfig): twilio.Twilio {
    const key = JSON.stringify([config.accountSid, config.authToken, config.apiUrl]);
    if (this.current?.key !== key) {
      const httpClient = config.apiUrl
        ? new BaseUrlRequestClient(config.apiUrl, { timeout: REQUEST_TIMEOUT_MS })
        : new twilio.RequestClient({ timeout: REQUEST_TIMEOUT_MS });
      try {
        this.current = { key, client: twilio(config.accountSid, config.authToken, { httpClient }) };
      } catch (error) {
        // The SDK checks the account SID's shape up front ("accountSid must start with AC").
        throw new DeliveryError('The SMS settings are not valid: an admin can check SMS in Settings', true, { cause: error });
      }
    }
    return this.current.client;
  }
}

interface TwilioFailure {
  /** HTTP status, set on the SDK's RestException and TwilioServiceException. */
  status?: unknown;
  /** Twilio error code (a number) on API errors, or a Node/axios code such as ECONNREFUSED on network errors. */
  code?: unknown;
  message?: unknown;
}

/** Twilio error codes (https://www.twilio.com/docs/api/errors) that no retry will fix. */
const permanentCodes: Record<number, string> = {
  21211: 'The phone number is not valid',
  21614: 'The phone number cannot receive text messages',
  21610: 'The recipient has turned off texts from this number (replied STOP)',
};

export function classifySmsError(error: unknown): DeliveryError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as TwilioFailure;
  const fail = (reason: string, permanent: boolean) => new DeliveryError(reason, permanent, { cause: error });
  if (typeof failure.status === 'number') {
    const known = typeof failure.code === 'number' ? permanentCodes[failure.code] : undefined;
    if (known) return fail(known, true);
    if (failure.status === 401 || failure.status === 403) {
      return fail('Twilio did not accept the account SID or auth token: an admin can check SMS in Settings', true);
    }
    if (failure.status === 429 || failure.status >= 500) return fail('Twilio is busy or unavailable', false);
    return fail(`Twilio refused the message${typeof failure.message === 'string' ? `: ${failure.message}` : ''}`, true);
  }
  if (failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT') return fail('Twilio did not answer in time', false);
  return fail('Could not reach Twilio', false);
}
