import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  contentTypeFor,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isBlockedRequest,
  isTrustedSender,
  resolveAppFile,
  secureWebPreferences,
  senderRejection,
} from '../../../main/policy';

describe('isAllowedNavigation', () => {
  it('allows our own app://packroom pages', () => {
    for (const url of [
      appEntryUrl,
      'app://packroom/',
      'app://packroom',
      'app://packroom/index.html#/recipients',
      'app://packroom/assets/x.js?v=1',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(true);
    }
  });

  it('denies the web, the disk, scripts and other app:// hosts', () => {
    for (const url of [
      'http://evil.example/',
      'https://evil.example/app://packroom/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'file://packroom/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'app://other/index.html',
      'app://packroom.evil.example/',
      'app://evil.example/packroom',
      'app://user@packroom/',
      'app://packroom:8080/',
      'app://pack%72oom/',
      'app:///packroom/index.html',
      'app:packroom/index.html',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });
});

describe('resolveAppFile', () => {
  const root = resolve('/srv/packroom/dist/renderer');

  it('maps paths under the root and serves index.html for /', () => {
    expect(resolveAppFile(root, 'app://packroom/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://packroom/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://packroom')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://packroom/assets/index-Ab12.js')).toBe(join(root, 'assets', 'index-Ab12.js'));
    expect(resolveAppFile(root, 'app://packroom/assets/index.css?v=2#top')).toBe(join(root, 'assets', 'index.css'));
    expect(resolveAppFile(root, 'app://packroom/fonts/Inter%20Bold.woff2')).toBe(join(root, 'fonts', 'Inter Bold.woff2'));
  });

  it('refuses dot-dot, plain or percent-encoded in any case', () => {
    for (const url of [
      'app://packroom/../secret.txt',
      'app://packroom/assets/../../secret.txt',
      'app://packroom/%2e%2e/secret.txt',
      'app://packroom/%2E%2E/%2e%2e/etc/passwd',
      'app://packroom/.%2e/secret.txt',
      'app://packroom/%2e./secret.txt',
      'app://packroom/./index.html',
      'app://packroom/%2e/index.html',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('refuses encoded slashes, backslashes, absolute and drive paths', () => {
    for (const url of [
      'app://packroom/..%2fsecret.txt',
      'app://packroom/..%2Fsecret.txt',
      'app://packroom/%2fetc%2fpasswd',
      'app://packroom/..%5csecret.txt',
      'app://packroom/..\\secret.txt',
      'app://packroom/assets\\..\\..\\secret.txt',
      'app://packroom/C:/Windows/win.ini',
      'app://packroom/C%3A%5CWindows%5Cwin.ini',
      'app://packroom/%5C%5Cserver%5Cshare',
      'app://packroom/index.html:stream',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('refuses NUL and other control characters, raw or encoded', () => {
    for (const url of [
      'app://packroom/index.html%00.png',
      'app://packroom/index.html\0.png',
      'app://packroom/a%0Ab',
      'app://packroom/a%7F',
    ]) {
      expect(resolveAppFile(root, url), JSON.stringify(url)).toBeNull();
    }
  });

  it('refuses malformed encoding and anything not on app://packroom', () => {
    for (const url of [
      'app://packroom/%E0%A4%A',
      'app://packroom/%',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://packroom/index.html',
      'app://user@packroom/index.html',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('never returns a path outside the root', () => {
    const probes = ['..', '%2e%2e', '.%2E', '%252e%252e', '...', '....', 'a/..', '%2e%2e%2f', '~', '$HOME'];
    for (const a of probes) {
      for (const b of probes) {
        const file = resolveAppFile(root, `app://packroom/${a}/${b}/x`);
        if (file !== null) expect(file.startsWith(root + sep), file).toBe(true);
      }
    }
  });
});

describe('senderRejection', () => {
  const ours = { knownWindow: true, frame: { url: 'app://packroom/index.html', isMainFrame: true } };

  it('trusts only the main frame of our own window on app://packroom', () => {
    expect(senderRejection(ours)).toBeNull();
    expect(isTrustedSender(ours)).toBe(true);
  });

  it('refuses other windows, sub-frames, gone frames and other origins', () => {
    expect(senderRejection({ ...ours, knownWindow: false })).toMatch(/not a Packroom window/);
    expect(senderRejection({ ...ours, frame: null })).toMatch(/gone/);
    expect(senderRejection({ ...ours, frame: { ...ours.frame, isMainFrame: false } })).toMatch(/main frame/);
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/', 'about:blank', 'data:text/html,x', '']) {
      expect(isTrustedSender({ ...ours, frame: { url, isMainFrame: true } }), url).toBe(false);
    }
  });
});

describe('isBlockedRequest', () => {
  it('lets the page load its own files and in-memory data', () => {
    for (const url of [
      'app://packroom/assets/a.js',
      'data:image/png;base64,AAAA',
      'blob:app://packroom/0d6c',
      'devtools://devtools/bundled/x.html',
    ]) {
      expect(isBlockedRequest(url), url).toBe(false);
    }
  });

  it('blocks the network, the disk, other app:// hosts and anything unknown', () => {
    for (const url of [
      'http://evil.example/',
      'https://fonts.example/x.woff2',
      'ws://127.0.0.1:1/',
      'wss://x/',
      'file:///etc/passwd',
      'ftp://x/',
      'app://other/x.js',
      'gopher://x/',
      'nonsense',
    ]) {
      expect(isBlockedRequest(url), url).toBe(true);
    }
  });
});

describe('secureWebPreferences', () => {
  it('is sandboxed, isolated and without Node, webviews or insecure content', () => {
    expect(secureWebPreferences('/app/dist/main/preload.cjs')).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });
});

describe('isAllowedExternalUrl', () => {
  it('denies everything by default', () => {
    for (const url of ['https://packroom.org/help', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('allows only https origins on an explicit allowlist', () => {
    const allow = ['https://help.packroom.org'];
    expect(isAllowedExternalUrl('https://help.packroom.org/door', allow)).toBe(true);
    expect(isAllowedExternalUrl('http://help.packroom.org/door', allow)).toBe(false);
    expect(isAllowedExternalUrl('https://help.packroom.org.evil.example/', allow)).toBe(false);
    expect(isAllowedExternalUrl('https://user@help.packroom.org/', allow)).toBe(false);
  });
});

describe('contentTypeFor', () => {
  it('serves scripts as JavaScript (module scripts need it) and unknown files as octet-stream', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/assets/index-A1.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/README')).toBe('application/octet-stream');
  });
});
