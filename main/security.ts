/**
 * Installs the policy from policy.ts into Electron: the app:// protocol, session permission
 * handlers, and navigation/window/webview guards for every webContents ever created.
 */
import { readFile } from 'node:fs/promises';
import { app, protocol, session, shell, type Session, type WebContents } from 'electron';
import { securityHeaders } from '../src/host/security';
import { log } from '../src/log';
import {
  appHost,
  appScheme,
  contentTypeFor,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isAllowedPermission,
  isBlockedRequest,
  resolveAppFile,
} from './policy';

/**
 * Must run before `app` is ready. `standard` gives app://packroom a real origin (so 'self' in the
 * CSP, relative URLs and ES modules work), `secure` makes it a secure context, `supportFetchAPI`
 * lets the page fetch its own assets. No bypassCSP, no service workers, no CORS.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const textResponse = (status: number, text: string) =>
  new Response(text, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

/** Serves the built renderer from `root` on app://packroom, with the same security headers as the headless host. */
export function installAppProtocol(root: string, ses: Session = session.defaultSession): void {
  ses.protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveAppFile(root, request.url);
    if (!file) {
      log.warn(`app:// refused ${JSON.stringify(request.url.slice(0, 200))}`);
      return textResponse(new URL(request.url).host === appHost ? 400 : 403, 'Refused');
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...securityHeaders, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' },
    });
  });
}

/**
 * No web permission (microphone, notifications, clipboard, HID, serial, USB, Bluetooth, …) is ever granted to page
 * content, but the camera to the app's own page (isAllowedPermission): the desk reads parcel labels with it.
 */
export function hardenSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const allowed = isAllowedPermission(permission, details.requestingUrl, mediaTypes);
    if (!allowed) log.warn(`Denied a web permission request: ${permission}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isAllowedPermission(permission, requestingOrigin, details.mediaType ? [details.mediaType] : undefined),
  );
  // Web HID/serial/USB must never reach the page: the door keypad and relay are read by main (native/).
  ses.setDevicePermissionHandler(() => false);
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  // The page has nothing to fetch from the network or the disk: its only server is the core, over IPC.
  // (No URL filter, so a pattern cannot miss a scheme; the CSP's connect-src 'self' is the first line.)
  ses.webRequest.onBeforeRequest((details, callback) => {
    const cancel = isBlockedRequest(details.url);
    if (cancel) log.warn(`Blocked a ${details.resourceType} request to ${JSON.stringify(details.url.slice(0, 200))}`);
    callback({ cancel });
  });
}

function openExternally(url: string): void {
  if (isAllowedExternalUrl(url)) {
    shell.openExternal(url).catch((error: unknown) => log.error(`Could not open ${url}`, error));
  } else {
    log.warn(`Blocked opening ${JSON.stringify(url.slice(0, 200))}`);
  }
}

/** Pins a webContents to app://packroom: no navigation elsewhere, no new windows, no webviews, no device pickers. */
export function hardenWebContents(contents: WebContents): void {
  const guard = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    log.warn(`Blocked ${kind} to ${JSON.stringify(event.url.slice(0, 200))}`);
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked a <webview>');
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/** Applies hardenWebContents to every webContents the app ever creates (windows, devtools, anything unforeseen). */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
