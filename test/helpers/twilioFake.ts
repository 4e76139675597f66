import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface FakeSms {
  accountSid: string;
  from: string;
  to: string;
  body: string;
  sid: string;
}

export interface TwilioFake {
  /** Base URL to use instead of https://api.twilio.com. */
  url: string;
  accountSid: string;
  authToken: string;
  messages: FakeSms[];
  /** Requests that reached the Messages endpoint, accepted or not. */
  requests: number;
  /** Answer the next `count` requests with 503, as Twilio does during an outage. */
  failNext(count: number): void;
  /** Refuse this number with 400 and error 21211, as Twilio does for a number that is not a phone number. */
  rejectNumber(to: string): void;
  /** A text someone sends to `to` (the site's number): listed by the Messages list, as Twilio lists inbound texts. */
  receive(from: string, to: string, body: string): FakeSms;
  /** Texts received, as `receive` added them. */
  inbound: FakeSms[];
  close(): Promise<void>;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Twilio's "send a message" endpoint on 127.0.0.1, enough for the twilio SDK to talk to it. */
export async function startTwilioFake(): Promise<TwilioFake> {
  const accountSid = sid('AC');
  const authToken = randomBytes(16).toString('hex');
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const rejected = new Set<string>();
  let failures = 0;

  const fake = {
    accountSid,
    authToken,
    messages: [] as FakeSms[],
    requests: 0,
  };

  const inbound: (FakeSms & { sentAt: Date })[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && MESSAGES_PATH.test(url.pathname)) {
      if (req.headers.authorization !== expectedAuth) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      const to = url.searchParams.get('To');
      const after = url.searchParams.get('DateSent>');
      const listed = inbound.filter((m) => (!to || m.to === to) && (!after || m.sentAt.getTime() > Date.parse(after)));
      return json(res, 200, {
        messages: listed.map((m) => ({
          sid: m.sid,
          account_sid: accountSid,
          api_version: '2010-04-01',
          to: m.to,
          from: m.from,
          body: m.body,
          status: 'received',
          direction: 'inbound',
          num_segments: '1',
          num_media: '0',
          date_created: m.sentAt.toUTCString(),
          date_updated: m.sentAt.toUTCString(),
          date_sent: m.sentAt.toUTCString(),
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
        })),
        next_page_uri: null,
        previous_page_uri: null,
        first_page_uri: url.pathname,
        uri: url.pathname,
        page: 0,
        page_size: 200,
        start: 0,
        end: listed.length,
      });
    }
    const match = req.method === 'POST' ? MESSAGES_PATH.exec(req.url ?? '') : null;
    if (!match) return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    fake.requests++;
    if (req.headers.authorization !== expectedAuth || match[1] !== accountSid) {
      return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    }
    if (failures > 0) {
      failures--;
      return json(res, 503, { code: 20503, message: 'Service unavailable', status: 503 });
    }
    void readForm(req).then((form) => {
      const to = form.get('To') ?? '';
      if (rejected.has(to)) {
        return json(res, 400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      }
      const message: FakeSms = { accountSid, from: form.get('From') ?? '', to, body: form.get('Body') ?? '', sid: sid('SM') };
      fake.messages.push(message);
      const now = new Date().toUTCString();
      json(res, 201, {
        sid: message.sid,
        account_sid: accountSid,
        api_version: '2010-04-01',
        to: message.to,
        from: message.from,
        body: message.body,
        status: 'queued',
        direction: 'outbound-api',
        num_segments: '1',
        num_media: '0',
        price: null,
        price_unit: 'USD',
        error_code: null,
        error_message: null,
        date_created: now,
        date_updated: now,
        date_sent: null,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    failNext: (count: number) => {
      failures = count;
    },
    rejectNumber: (to: string) => {
      rejected.add(to);
    },
    inbound,
    receive: (from: string, to: string, body: string) => {
      const text = { accountSid, from, to, body, sid: sid('SM'), sentAt: new Date() };
      inbound.push(text);
      return text;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
