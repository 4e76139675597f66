import { networkInterfaces, hostname } from 'node:os';

/** Loopback names that always reach this machine only. */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

export const isLoopback = (host: string) => loopbackHosts.has(host) || host.startsWith('127.');

const withPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * Host header values this server answers to. Anything else is a DNS-rebinding attempt
 * (a web page whose own domain now resolves to 127.0.0.1) and is refused.
 */
export function allowedHosts(bindHost: string, port: number, extra: string[] = []): Set<string> {
  const names = new Set<string>(['127.0.0.1', 'localhost', '::1', ...extra]);
  if (!isLoopback(bindHost)) {
    if (bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost);
    else {
      for (const list of Object.values(networkInterfaces())) for (const net of list ?? []) names.add(net.address);
      names.add(hostname());
      names.add(`${hostname()}.local`);
    }
  }
  return new Set([...names].map((n) => withPort(n.toLowerCase(), port)));
}

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets element style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The desk's label camera (Packages → Log a package) is this page's own; nothing else may use a camera.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), hid=(), serial=()',
};

export const sessionCookieName = 'packroom_session';

/**
 * A request whose own bytes are broken (a %-escape that decodes to nothing, a URL that does not parse):
 * the caller's fault, answered 400, and not worth a stack trace in the log.
 */
export class MalformedRequest extends Error {}

/** decodeURIComponent that refuses a broken %-escape as the caller's fault, never as ours. */
export function decodeStrict(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new MalformedRequest(`Broken %-escape in ${JSON.stringify(text.slice(0, 100))}`);
  }
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeStrict(part.slice(eq + 1).trim());
  }
  return null;
}

export function sessionCookie(token: string | null): string {
  return token
    ? `${sessionCookieName}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`
    : `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
