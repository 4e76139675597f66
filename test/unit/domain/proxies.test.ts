import { describe, expect, it } from 'vitest';
import { proxyActive, proxyVerdict, type ProxyAtDoor } from '../../../src/domain/proxies';

const ben: ProxyAtDoor = { revoked: false, untilDate: null, packagesWaiting: true };

describe('a proxy PIN at the door', () => {
  it('opens only while the recipient has packages waiting', () => {
    expect(proxyVerdict(ben, '2026-12-08')).toBe('opens');
    expect(proxyVerdict({ ...ben, packagesWaiting: false }, '2026-12-08')).toBe('nothingWaiting');
  });

  it('never opens for a revoked proxy, even with packages waiting', () => {
    expect(proxyVerdict({ ...ben, revoked: true }, '2026-12-08')).toBe('revoked');
    expect(proxyVerdict({ ...ben, revoked: true, packagesWaiting: false }, '2026-12-08')).toBe('revoked');
  });

  it('opens through the last day and not after it', () => {
    const until = { ...ben, untilDate: '2026-12-08' };
    expect(proxyVerdict(until, '2026-12-07')).toBe('opens');
    expect(proxyVerdict(until, '2026-12-08')).toBe('opens');
    expect(proxyVerdict(until, '2026-12-09')).toBe('ended');
    // Past the last day is said before "nothing waiting": the reason staff need is that the permission ended.
    expect(proxyVerdict({ ...until, packagesWaiting: false }, '2027-01-01')).toBe('ended');
  });

  it('counts a proxy active for the hand-over list by the same days', () => {
    expect(proxyActive({ revoked: false, untilDate: null }, '2030-01-01')).toBe(true);
    expect(proxyActive({ revoked: false, untilDate: '2026-12-08' }, '2026-12-08')).toBe(true);
    expect(proxyActive({ revoked: false, untilDate: '2026-12-08' }, '2026-12-09')).toBe(false);
    expect(proxyActive({ revoked: true, untilDate: null }, '2026-12-08')).toBe(false);
  });
});
