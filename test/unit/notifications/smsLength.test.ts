import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { languageIds } from '../../../src/contract';
import { packageTemplates, renderPackageSms, renderSms, templates, type MessageData } from '../../../src/services/notifications/messages';

/**
 * Every SMS template in every language, rendered with long but realistic values, must fit in at most
 * two segments; one GSM-7 segment (160 characters) is the aim. A character outside GSM-7 (Spanish
 * á, í, ó, ú, an emoji) switches the whole text to UCS-2: 70 characters a segment instead of 160.
 */
const longest: Omit<MessageData, 'template' | 'language' | 'kind' | 'expiresAt'> = {
  siteName: 'The Residences at Riverside Park Tower B',
  firstName: 'Maximiliano',
  pin: '48291375',
  qrToken: 'unused-in-sms',
  timeZone: 'America/New_York',
};
// A Saturday in September: the longest month and weekday abbreviations in the catalogs' languages ("sáb", "sept").
const expiresAt = Date.parse('2026-09-27T02:45:00Z');

const kindOf = { single_access: 'single', pin_request: 'single', new_pin: 'permanent', proxy_pin: 'permanent' } as const;
// A proxy's messages say for whom; a long name and unit.
const forWhom = { recipient: 'Maximiliano Castellanos', unit: 'PH-12B' };

const rows = languageIds.flatMap((language) =>
  templates.flatMap((template) =>
    // A new PIN normally has no expiry; an expiring one is the longest case, so measure both. A proxy PIN never has one.
    (template === 'proxy_pin' ? [null] : kindOf[template] === 'permanent' ? [null, expiresAt] : [expiresAt]).map((expiry) => {
      const text = renderSms({
        ...longest,
        template,
        language,
        kind: kindOf[template],
        expiresAt: expiry,
        ...(template === 'proxy_pin' && { forWhom }),
      });
      const message = new SegmentedMessage(text);
      return {
        language,
        template: expiry === null ? template : `${template} (with expiry)`,
        encoding: message.encodingName,
        characters: [...text].length,
        segments: message.segmentsCount,
        outsideGsm: message.getNonGsmCharacters().join(' '),
        text,
      };
    }),
  ),
);

// Package notices list the carriers: five packages from four carriers is a long but real batch.
const batch = ['UPS', 'FedEx', 'Amazon', 'USPS', 'UPS'].map((carrier, i) => ({ carrier, tracking: `T${i}`, loggedAt: expiresAt }));
rows.push(
  ...languageIds.flatMap((language) =>
    packageTemplates.flatMap((template) =>
      [1, batch.length, -batch.length].map((n) => {
        // A negative count: the notice to a proxy, which says for whom (and never has a PIN).
        const count = Math.abs(n);
        const text = renderPackageSms({
          ...longest,
          template,
          language,
          packages: batch.slice(0, count),
          ...(n < 0 && { forWhom, pin: null }),
        });
        const message = new SegmentedMessage(text);
        return {
          language,
          template: `${template} (${count} package${count === 1 ? '' : 's'}${n < 0 ? ', to a proxy' : ''})`,
          encoding: message.encodingName,
          characters: [...text].length,
          segments: message.segmentsCount,
          outsideGsm: message.getNonGsmCharacters().join(' '),
          text,
        };
      }),
    ),
  ),
);

describe('SMS length', () => {
  it('prints the segments of every template in every language', () => {
    console.table(rows.map(({ text: _text, ...row }) => row));
    expect(rows.length).toBe(languageIds.length * (templates.length + 1 + packageTemplates.length * 3));
  });

  it.each(rows)('$language $template fits in at most 2 segments', ({ segments, text }) => {
    expect(segments, text).toBeLessThanOrEqual(2);
  });

  // English and Spanish can be written in GSM-7 alone: keep them to one segment.
  it.each(rows.filter((r) => r.language === 'en' || r.language === 'es'))('$language $template is one GSM-7 segment', (row) => {
    expect({ encoding: row.encoding, segments: row.segments }, row.text).toEqual({ encoding: 'GSM-7', segments: 1 });
  });
});
