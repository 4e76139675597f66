/**
 * The desktop host's security policy as pure functions: no `electron` import here, so every
 * rule is unit-tested on plain Node (test/unit/main). `security.ts` and `ipc.ts` install them.
 */
import { isAbsolute, posix, relative, resolve, sep, win32 } from 'node:path';

export const appScheme = 'app';
export const appHost = 'packroom';
/** The origin the staff UI runs on; the only one allowed to talk to the core. */
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export { eventChannel, invokeChannel } from './channels';

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for URLs on our own app://packroom origin. `app:` is registered as a standard
 * scheme, so Chromium canonicalises the host; Node's URL treats it as opaque, so compare
 * exactly and refuse anything unusual (credentials, port, percent-encoded host).
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${appScheme}:` &&
    parsed.hostname.toLowerCase() === appHost &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The one web permission the page ever gets: a camera, on its own origin, for the desk's label reading (Packages → Log
 * a package). Video only: a request that includes the microphone, or names no media type, is refused.
 */
export function isAllowedPermission(permission: string, url: string, mediaTypes: readonly string[] | undefined): boolean {
  return (
    permission === 'media' && isAppUrl(url) && mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video')
  );
}

/** Navigations and redirects are allowed only within app://packroom; everything else (http, file:, javascript:, other hosts) is denied. */
export const isAllowedNavigation = (url: string): boolean => isAppUrl(url);

/** NUL and the other C0 controls, and DEL: never part of a file name we serve. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Maps an app://packroom request to a file under `root` (the built renderer), or null when the
 * request must be refused: another origin; a dot or dot-dot segment, plain or percent-encoded;
 * an encoded slash, a backslash, a colon (drive letters, NTFS streams) or a control character
 * (NUL) in a segment; malformed percent-encoding. `/` serves index.html.
 *
 * It reads the raw path, before URL parsing would quietly resolve `..` and `%2e%2e`, so an
 * attempt is refused rather than rewritten; Chromium canonicalises first, this is the second line.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  if (hasControlCharacter(requestUrl) || !isAppUrl(requestUrl)) return null;
  const afterScheme = requestUrl.slice(requestUrl.indexOf('//') + 2);
  const slash = afterScheme.search(/[/?#]/);
  const rawPath = slash < 0 || afterScheme[slash] !== '/' ? '' : afterScheme.slice(slash).split(/[?#]/, 1)[0]!;
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\:]/.test(segment) || hasControlCharacter(segment)) return null;
    segments.push(segment);
  }
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  if (posix.isAbsolute(rel) || win32.isAbsolute(rel)) return null;
  const base = resolve(root);
  const file = resolve(base, rel);
  const inside = relative(base, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}

/** Schemes page content may load besides app://packroom: in-memory data, and Chromium's own DevTools pages. */
const passingRequestSchemes = new Set(['data:', 'blob:', 'about:', 'devtools:', 'chrome:', 'chrome-extension:']);

/**
 * Whether a request from page content is cancelled (webRequest.onBeforeRequest). Deny by default:
 * the network (http, https, ws), the disk (file:) and other app:// hosts are all refused.
 */
export function isBlockedRequest(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return true;
  if (parsed.protocol === `${appScheme}:`) return !isAppUrl(url);
  return !passingRequestSchemes.has(parsed.protocol);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && contentTypes[file.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

/** What ipc.ts knows about the sender of an invoke. */
export interface SenderFacts {
  /** The sending webContents is one of the windows we created and attached to IPC. */
  knownWindow: boolean;
  /** The sending frame; null when it navigated away or was destroyed before the message was handled. */
  frame: { url: string; isMainFrame: boolean } | null;
}

/**
 * VS Code's validatedIpcMain idea: only the main frame of our own window, showing our own
 * app://packroom page, may call the core. Returns why a sender is refused, or null if it is trusted.
 */
export function senderRejection(sender: SenderFacts): string | null {
  if (!sender.knownWindow) return 'not a Packroom window';
  if (!sender.frame) return 'the sending frame is gone';
  if (!sender.frame.isMainFrame) return 'not the main frame';
  if (!isAppUrl(sender.frame.url)) return `unexpected origin ${JSON.stringify(sender.frame.url.slice(0, 100))}`;
  return null;
}

export const isTrustedSender = (sender: SenderFacts): boolean => senderRejection(sender) === null;

/** BrowserWindow webPreferences for every Packroom window. */
export function secureWebPreferences(preload: string, devTools = false) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools,
  } as const;
}

/** External links the app may open in the OS browser. Empty: the staff UI never needs one. */
export const externalUrlAllowlist: readonly string[] = [];

/** Whether `url` may be handed to shell.openExternal: only https URLs whose origin is on the allowlist. */
export function isAllowedExternalUrl(url: string, allowlist: readonly string[] = externalUrlAllowlist): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return allowlist.includes(parsed.origin);
}
