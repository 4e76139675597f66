import { describe, expect, it } from 'vitest';
import { weekdayIds } from '../../../src/contract';
import {
  daysFromMask,
  daysToMask,
  formatDays,
  localMoment,
  parseDays,
  parseTimeOfDay,
  windowVerdict,
  type CarrierWindow,
} from '../../../src/domain/carrierWindow';

const ny = 'America/New_York';
/** A wall-clock time in New York as epoch ms, for readable cases (offset given explicitly). */
const at = (isoWithOffset: string) => Date.parse(isoWithOffset);

const window = (over: Partial<CarrierWindow> = {}): CarrierWindow => ({
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  fromMinute: 8 * 60,
  untilMinute: 20 * 60,
  untilDate: null,
  ...over,
});

describe('carrier code windows', () => {
  it('reads the wall clock in the given zone, not the computer’s', () => {
    // 2025-03-05 is a Wednesday; 13:02 UTC is 08:02 in New York (EST, UTC-5) and 22:02 in Tokyo.
    const t = at('2025-03-05T13:02:00Z');
    expect(localMoment(t, ny)).toEqual({ date: '2025-03-05', weekday: 'wed', minute: 8 * 60 + 2 });
    expect(localMoment(t, 'Asia/Tokyo')).toEqual({ date: '2025-03-05', weekday: 'wed', minute: 22 * 60 + 2 });
  });

  it('opens from "from" up to, not including, "until"', () => {
    const w = window();
    expect(windowVerdict(w, at('2025-03-05T07:59:00-05:00'), ny)).toBe('outside-hours');
    expect(windowVerdict(w, at('2025-03-05T08:00:00-05:00'), ny)).toBe('inside');
    expect(windowVerdict(w, at('2025-03-05T19:59:00-05:00'), ny)).toBe('inside');
    expect(windowVerdict(w, at('2025-03-05T20:00:00-05:00'), ny)).toBe('outside-hours');
  });

  it.each(weekdayIds.map((day, i) => [day, i] as const))('opens on %s only when that day is chosen', (day, i) => {
    // 2025-03-03 is a Monday; noon on each day of that week.
    const noon = at(`2025-03-0${3 + i}T12:00:00-05:00`);
    expect(localMoment(noon, ny).weekday).toBe(day);
    expect(windowVerdict(window({ days: [day] }), noon, ny)).toBe('inside');
    const others = weekdayIds.filter((d) => d !== day);
    expect(windowVerdict(window({ days: others }), noon, ny)).toBe('outside-hours');
  });

  it('crosses midnight: the hours after midnight belong to the day the window started', () => {
    // Saturday only, 22:00 → 02:00.
    const w = window({ days: ['sat'], fromMinute: 22 * 60, untilMinute: 2 * 60 });
    expect(windowVerdict(w, at('2025-03-08T21:59:00-05:00'), ny)).toBe('outside-hours');
    expect(windowVerdict(w, at('2025-03-08T22:00:00-05:00'), ny)).toBe('inside'); // Saturday night
    expect(windowVerdict(w, at('2025-03-08T23:59:00-05:00'), ny)).toBe('inside');
    expect(windowVerdict(w, at('2025-03-09T00:30:00-05:00'), ny)).toBe('inside'); // early Sunday, Saturday's window
    expect(windowVerdict(w, at('2025-03-09T03:00:00-04:00'), ny)).toBe('outside-hours');
    // Early Saturday is Friday's window, and Friday is not chosen.
    expect(windowVerdict(w, at('2025-03-08T01:00:00-05:00'), ny)).toBe('outside-hours');
  });

  it('stops after the end date, except for the tail of a window that started on it', () => {
    const w = window({ days: [...weekdayIds], fromMinute: 22 * 60, untilMinute: 2 * 60, untilDate: '2025-03-05' });
    expect(windowVerdict(w, at('2025-03-05T23:00:00-05:00'), ny)).toBe('inside');
    expect(windowVerdict(w, at('2025-03-06T01:00:00-05:00'), ny)).toBe('inside');
    expect(windowVerdict(w, at('2025-03-06T12:00:00-05:00'), ny)).toBe('ended');
    expect(windowVerdict(w, at('2025-03-06T23:00:00-05:00'), ny)).toBe('ended');
    expect(windowVerdict(window({ untilDate: '2025-03-05' }), at('2025-03-05T12:00:00-05:00'), ny)).toBe('inside');
  });

  it('keeps wall-clock hours across daylight-saving changes', () => {
    const w = window({ days: [...weekdayIds] });
    // Spring forward (2025-03-09): 08:00 EDT is 12:00 UTC, the day before 08:00 EST was 13:00 UTC.
    expect(windowVerdict(w, at('2025-03-08T13:00:00Z'), ny)).toBe('inside');
    expect(windowVerdict(w, at('2025-03-08T12:30:00Z'), ny)).toBe('outside-hours');
    expect(windowVerdict(w, at('2025-03-09T12:00:00Z'), ny)).toBe('inside');
    expect(windowVerdict(w, at('2025-03-09T11:59:00Z'), ny)).toBe('outside-hours');
    // Fall back (2025-11-02): 20:00 EST is 01:00 UTC the next day.
    expect(windowVerdict(w, at('2025-11-03T00:59:00Z'), ny)).toBe('inside');
    expect(windowVerdict(w, at('2025-11-03T01:00:00Z'), ny)).toBe('outside-hours');
    // A night window over the spring-forward night: Saturday 22:00 → Sunday 03:00, the "day before" is Saturday.
    const night = window({ days: ['sat'], fromMinute: 22 * 60, untilMinute: 3 * 60 });
    expect(windowVerdict(night, at('2025-03-09T01:59:00-05:00'), ny)).toBe('inside');
    expect(windowVerdict(night, at('2025-03-09T03:00:00-04:00'), ny)).toBe('outside-hours');
  });
});

describe('days and times as typed', () => {
  it.each([
    ['mon-sat', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']],
    ['mon,wed,fri', ['mon', 'wed', 'fri']],
    ['Monday-Friday, Sun', ['mon', 'tue', 'wed', 'thu', 'fri', 'sun']],
    ['sat-mon', ['mon', 'sat', 'sun']],
    ['daily', [...weekdayIds]],
  ])('reads %j', (text, days) => {
    expect(parseDays(text)).toEqual({ ok: true, days });
  });

  it.each(['', 'mon-', 'funday', 'mon-tue-wed'])('refuses %j with a message', (text) => {
    expect(parseDays(text)).toMatchObject({ ok: false, message: expect.stringMatching(/is not a day/) });
  });

  it('writes days back in their shortest form and round-trips through the stored mask', () => {
    expect(formatDays(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'])).toBe('mon-sat');
    expect(formatDays(['mon', 'tue', 'thu'])).toBe('mon,tue,thu');
    expect(formatDays([...weekdayIds])).toBe('daily');
    expect(daysFromMask(daysToMask(['sun', 'wed']))).toEqual(['wed', 'sun']);
  });

  it('reads HH:MM on a 24-hour clock only', () => {
    expect(parseTimeOfDay('08:00')).toBe(480);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('8am')).toBeNull();
  });
});
