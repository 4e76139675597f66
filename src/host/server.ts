import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { ApiError, message, methodsWithPictures, pictureRequestBytes, type ApiErrorBody, type Envelope, type ErrorCode } from '../contract';
import type { Core } from '../core';
import { log } from '../log';
import type { CallContext } from '../services/dispatch';
import { allowedHosts, decodeStrict, MalformedRequest, readCookie, securityHeaders, sessionCookie, sessionCookieName } from './security';

export interface HttpHostOptions {
  host: string;
  port: number;
  /** The built staff UI (dist/renderer); null serves the API only. */
  staticDir: string | null;
  /** Extra Host names to accept, e.g. a DNS name for a display-less door controller. */
  extraHosts?: string[];
  /** Extra routes tried before the API (the simulator's /sim pages); return true when handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL, origins: ReadonlySet<string>) => boolean | Promise<boolean>;
}

export interface HttpHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;

const statusFor: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  LOCKED: 423,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNKNOWN_METHOD: 404,
  INTERNAL: 500,
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, status: number, error: ApiErrorBody) => sendJson(res, status, { ok: false, error } satisfies Envelope);

export async function readJsonBody(req: IncomingMessage, limit = maxBodyBytes): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RangeError('The request is too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

/**
 * Takes the port before anything else starts, so a port in use fails before the data folder is touched (a
 * database, a key, a log file). Requests wait until serveHttp gives the server its handler.
 */
export function bindHttpPort(host: string, port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function parseUrl(target: string, host: string): URL {
  try {
    return new URL(target, `http://${host}`);
  } catch {
    throw new MalformedRequest(`Unparsable request target ${JSON.stringify(target.slice(0, 100))}`);
  }
}

/** Every %-escape in the path and query checked at once, so no later decode can fail on them. */
function checkEscapes(url: URL): void {
  decodeStrict(url.pathname);
  decodeStrict(url.search);
}

/**
 * The built UI, with the app page standing in for any other path (so a screen's own URL reloads) but
 * never stored by the browser under that path: a mistyped or not-yet-existing address (/sim before
 * a simulator runs) must not keep showing a cached app page later.
 */
function staticFiles(dir: string) {
  const files = new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.parentPath.slice(dir.length).replace(/^[\\/]+/, '')}/${entry.name}`.replace(/[\\/]+/g, '/')),
  );
  const isFile = (path: string) => files.has(path) || files.has(`${path}.html`) || files.has(`${path.replace(/\/$/, '')}/index.html`);
  return sirv(dir, {
    single: true,
    dev: false,
    etag: true,
    gzip: false,
    setHeaders: (res, pathname) => {
      if (!isFile(pathname)) res.setHeader('Cache-Control', 'no-store');
    },
  });
}

/** The headless host: the same core as the desktop app, over HTTP on loopback, serving the staff UI. */
export async function startHttpHost(core: Core, options: HttpHostOptions): Promise<HttpHost> {
  return serveHttp(core, await bindHttpPort(options.host, options.port), options);
}

/** Serves the core on a server bindHttpPort bound to options.host. */
export function serveHttp(core: Core, server: Server, options: Omit<HttpHostOptions, 'port'>): HttpHost {
  const statics = options.staticDir ? staticFiles(options.staticDir) : null;
  const { port } = server.address() as AddressInfo;
  const hosts = allowedHosts(options.host, port, options.extraHosts);
  const origins = new Set([...hosts].map((h) => `http://${h}`));

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // CSRF: a state-changing call must come from our own page (browsers always send Origin on fetch POST),
    // and as JSON, which a cross-site form cannot send without a CORS preflight we never answer.
    const origin = req.headers.origin;
    if (!origin || !origins.has(origin.toLowerCase())) {
      return refuse(res, 403, { code: 'FORBIDDEN', message: 'Requests must come from the Packroom page itself.' });
    }
    if (req.method !== 'POST') return refuse(res, 405, { code: 'FORBIDDEN', message: 'Use POST for API calls.' });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, { code: 'VALIDATION', message: 'API calls must send JSON (Content-Type: application/json).' });
    }
    checkEscapes(url);
    const method = decodeStrict(url.pathname.slice('/api/'.length));
    let input: unknown;
    const pictures = methodsWithPictures.has(method);
    try {
      input = await readJsonBody(req, pictures ? pictureRequestBytes : maxBodyBytes);
    } catch (error) {
      // A photo straight from a phone: said as the desk says it, on the field staff can act on.
      if (pictures && error instanceof RangeError) {
        return refuse(res, 400, new ApiError('VALIDATION', message('attachments.tooLarge', { maxMb: 2 }), 'photo').toBody());
      }
      const said = error instanceof RangeError ? error.message : 'The request body is not valid JSON.';
      return refuse(res, 400, { code: 'VALIDATION', message: said });
    }
    const before = readCookie(req.headers.cookie, sessionCookieName);
    const ctx: CallContext = { sessionToken: before };
    const envelope = await core.dispatch(ctx, method, input);
    const headers: Record<string, string> = ctx.sessionToken !== before ? { 'Set-Cookie': sessionCookie(ctx.sessionToken) } : {};
    sendJson(res, envelope.ok ? 200 : statusFor[envelope.error.code], envelope, headers);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    // A HEAD would never be answered: Node sends no headers for a body-less response until it ends, and a stream never does.
    if (req.method !== 'GET') return refuse(res, 405, { code: 'FORBIDDEN', message: 'Use GET for the event stream.' });
    const token = readCookie(req.headers.cookie, sessionCookieName);
    // The core's event policy decides, at every event, whether this session still gets it; when the
    // session ends or locks it sends `session.ended` and closes the stream, and the response ends.
    const remove = core.delivery.open({
      token: () => token,
      send: (name, payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`),
      close: () => {
        clearInterval(heartbeat);
        res.end();
      },
    });
    if (!remove) return refuse(res, 401, { code: 'UNAUTHENTICATED', message: 'Please sign in to continue.' });
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      remove();
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const host = (req.headers.host ?? '').toLowerCase();
    if (!hosts.has(host)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('This Packroom server does not answer to that host name.');
      return;
    }
    // The Host check above and an API call's Origin check come before anything of the request is decoded.
    const url = parseUrl(req.url ?? '/', host);
    if (url.pathname.startsWith('/api/') && url.pathname !== '/api/events') return handleApi(req, res, url);
    checkEscapes(url);
    if (options.extraRoutes && (await options.extraRoutes(req, res, url, origins))) return;
    if (url.pathname === '/api/events') return handleEvents(req, res);
    if (statics && (req.method === 'GET' || req.method === 'HEAD')) {
      return statics(req, res, () => {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
      });
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof MalformedRequest) {
        if (!res.headersSent) refuse(res, 400, new ApiError('VALIDATION', message('request.malformed')).toBody());
        else res.end();
        return;
      }
      log.error(`HTTP ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) refuse(res, 500, { code: 'INTERNAL', message: 'Something went wrong inside Packroom.' });
      else res.end();
    });
  });

  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${port}`,
    server,
    close: () => closeServer(server),
  };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });
}
