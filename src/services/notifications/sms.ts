import type TwilioSdk from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { message, type Message } from '../../contract';
import type { SmsConfig } from './config';
import { DeliveryError } from './delivery';

// The SDK default is 30 s; a hung request holds up the next text this long before it is retried.
const REQUEST_TIMEOUT_MS = 15_000;

type Sdk = typeof TwilioSdk;
// Loaded with the first text, not with the core: the SDK took about as long to load as the rest of the core,
// and every `packroom` command and every start of the app paid for it.
let sdk: Promise<Sdk> | null = null;
const loadSdk = (): Promise<Sdk> => (sdk ??= import('twilio').then((m) => m.default));

/** A Twilio request client that sends every API request to `baseUrl` instead of https://api.twilio.com, keeping path and query. */
export async function baseUrlRequestClient(baseUrl: string, options: RequestClient.RequestClientOptions = {}): Promise<RequestClient> {
  return baseUrlClient(await loadSdk(), baseUrl, options);
}

function baseUrlClient(twilio: Sdk, baseUrl: string, options: RequestClient.RequestClientOptions): RequestClient {
  const base = baseUrl.replace(/\/+$/, '');
  return new (class extends twilio.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const target = new URL(opts.uri);
      return super.request({ ...opts, uri: `${base}${target.pathname}${target.search}` });
    }
  })(options);
}

/** A text a recipient sent to the site's number. */
export interface ReceivedText {
  sid: string;
  /** E.164, as Twilio gives it. */
  from: string;
  body: string;
  sentAt: number;
}

/** Sends texts with the Twilio SDK; one client, rebuilt when the account or API URL changes. */
export class SmsSender {
  private current: { key: string; client: TwilioSdk.Twilio } | null = null;

  /** Resolves with the Twilio message SID; rejects with a DeliveryError. */
  async send(config: SmsConfig, body: string, to: string): Promise<string> {
    const client = await this.clientFor(config);
    try {
      const message = await client.messages.create({ from: config.from, to, body });
      return message.sid;
    } catch (error) {
      throw classifySmsError(error);
    }
  }

  /** Texts received at the sending number since `since`, oldest first (Twilio's Messages list, inbound only). */
  async received(config: SmsConfig, since: number): Promise<ReceivedText[]> {
    const client = await this.clientFor(config);
    try {
      const found = await client.messages.list({ to: config.from, dateSentAfter: new Date(since), limit: 200 });
      return found
        .filter((m) => m.direction === 'inbound')
        .map((m) => ({ sid: m.sid, from: m.from, body: m.body ?? '', sentAt: m.dateSent?.getTime() ?? since }))
        .sort((a, b) => a.sentAt - b.sentAt);
    } catch (error) {
      throw classifySmsError(error);
    }
  }

  private async clientFor(config: SmsConfig): Promise<TwilioSdk.Twilio> {
    const key = JSON.stringify([config.accountSid, config.authToken, config.apiUrl]);
    // Loaded before the check, so that two texts starting together share one client.
    const twilio = await loadSdk();
    if (this.current?.key !== key) {
      const httpClient = config.apiUrl
        ? baseUrlClient(twilio, config.apiUrl, { timeout: REQUEST_TIMEOUT_MS })
        : new twilio.RequestClient({ timeout: REQUEST_TIMEOUT_MS });
      try {
        this.current = { key, client: twilio(config.accountSid, config.authToken, { httpClient }) };
      } catch (error) {
        // The SDK checks the account SID's shape up front ("accountSid must start with AC").
        throw new DeliveryError(message('notification.smsSettings'), true, { cause: error });
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
const permanentCodes: Record<number, Message> = {
  21211: message('notification.badPhone'),
  21614: message('notification.noTexts'),
  21610: message('notification.optedOut'),
};

export function classifySmsError(error: unknown): DeliveryError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as TwilioFailure;
  const fail = (reason: Message, permanent: boolean) => new DeliveryError(reason, permanent, { cause: error });
  if (typeof failure.status === 'number') {
    const known = typeof failure.code === 'number' ? permanentCodes[failure.code] : undefined;
    if (known) return fail(known, true);
    if (failure.status === 401 || failure.status === 403) {
      return fail(message('notification.twilioLogin'), true);
    }
    if (failure.status === 429 || failure.status >= 500) return fail(message('notification.twilioBusy'), false);
    return fail(
      typeof failure.message === 'string'
        ? message('notification.twilioRefusedBecause', { error: failure.message })
        : message('notification.twilioRefused'),
      true,
    );
  }
  if (failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT') return fail(message('notification.twilioTimeout'), false);
  return fail(message('notification.twilioUnreachable'), false);
}
