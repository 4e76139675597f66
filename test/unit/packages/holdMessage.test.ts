import { describe, expect, it } from 'vitest';
import { parseHoldRequest } from '../../../src/domain/holdMessage';

const today = '2026-12-08';

describe('a hold asked for by text message', () => {
  it.each([
    ['HOLD 12/20-01/05', { kind: 'hold', from: '2026-12-20', until: '2027-01-05' }],
    ['hold 12/20 - 1/5', { kind: 'hold', from: '2026-12-20', until: '2027-01-05' }],
    ['Hold 12/20 to 12/24', { kind: 'hold', from: '2026-12-20', until: '2026-12-24' }],
    ['AWAY UNTIL 5 JAN', { kind: 'hold', from: today, until: '2027-01-05' }],
    ['away until Jan 5', { kind: 'hold', from: today, until: '2027-01-05' }],
    ['Away until December 14.', { kind: 'hold', from: today, until: '2026-12-14' }],
    ['fuera hasta el 5 de enero', { kind: 'hold', from: today, until: '2027-01-05' }],
    ['HOLD 12/1-12/3', { kind: 'hold', from: '2027-12-01', until: '2027-12-03' }],
    ['HOLD 2/30-3/2', { kind: 'badDates' }],
    ['HOLD next week', { kind: 'badDates' }],
    ['AWAY UNTIL SMARCH 5', { kind: 'badDates' }],
    ['Thanks!', { kind: 'notAHold' }],
    ['PIN', { kind: 'notAHold' }],
  ])('%s', (body, request) => {
    expect(parseHoldRequest(body, today)).toEqual(request);
  });
});
