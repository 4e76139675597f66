import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/host/security';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

describe('renderer/index.html', () => {
  it('carries the Content-Security-Policy header as a meta tag (all but frame-ancestors, which a meta tag cannot set)', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta).not.toBeNull();
    const header = directives(contentSecurityPolicy).filter((d) => !d.startsWith('frame-ancestors'));
    expect(directives(meta![1]!)).toEqual(header);
    // first in <head> after charset and viewport, before anything it governs
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  });
});
