import { describe, expect, it } from 'vitest';
import { messageText } from '../../../src/contract';
import { detectCarrier, normalizeTracking } from '../../../src/domain/packages/tracking';

const detect = (raw: string) => {
  const check = normalizeTracking(raw);
  if (!check.ok) throw new Error(messageText(check.reason));
  return detectCarrier(check.tracking);
};

describe('carrier detection', () => {
  it.each([
    ['1Z999AA10123456784', 'ups'],
    ['1Z 999 AA1 01 2345 678 4', 'ups'],
    ['986578788855', 'fedex'],
    ['9611020987654312345672', 'fedex'],
    ['9400111202555842332669', 'usps'],
    ['EA123456785US', 'usps'],
    ['TBA123456789012', 'amazon'],
    ['JJD0099999999', 'dhl'],
    ['3318810025', 'dhl'],
  ] as const)('%s is %s', (tracking, carrier) => {
    expect(detect(tracking).carrier).toBe(carrier);
  });

  it('names a courier Packroom has no id for as Other', () => {
    expect(detect('C11031500001879')).toMatchObject({ carrier: 'other', carrierName: 'OnTrac' });
    expect(detect('RR123456785GB')).toMatchObject({ carrier: 'other', carrierName: 'International post' });
  });

  it('reads a USPS label scanned with the 420 + ZIP routing prefix as the number printed under it', () => {
    expect(detect('420902109400111202555842332669')).toMatchObject({ tracking: '9400111202555842332669', carrier: 'usps' });
  });

  it('reads the 420 + ZIP+4 prefix too', () => {
    expect(detect('4209021012349400111202555842332669')).toMatchObject({ tracking: '9400111202555842332669', carrier: 'usps' });
  });

  it('keeps a number that only starts with 420 when what follows is not a USPS number', () => {
    expect(detect('4201234567')).toMatchObject({ tracking: '4201234567', carrier: null });
  });

  it('accepts an unknown format (a courier’s own label) without a carrier', () => {
    expect(detect('LOCAL-COURIER-00042')).toEqual({ tracking: 'LOCALCOURIER00042', carrier: null, carrierName: null, format: null });
  });
});

describe('scanner input', () => {
  it('strips a trailing Tab or Enter, control characters and an AIM symbology prefix', () => {
    expect(normalizeTracking('1Z999AA10123456784\t')).toEqual({ ok: true, tracking: '1Z999AA10123456784' });
    expect(normalizeTracking('\u001d]C11z999aa10123456784\r\n')).toEqual({ ok: true, tracking: '1Z999AA10123456784' });
    expect(normalizeTracking('  9400 1112 0255 5842 3326 69 ')).toEqual({ ok: true, tracking: '9400111202555842332669' });
  });

  it('refuses what cannot be a tracking number', () => {
    const reason = (raw: string) => {
      const check = normalizeTracking(raw);
      return check.ok ? null : messageText(check.reason);
    };
    expect(normalizeTracking('')).toMatchObject({ ok: false });
    expect(reason('\t\r')).toBe('Scan or type the tracking number.');
    expect(normalizeTracking('12')).toMatchObject({ ok: false });
    expect(normalizeTracking('9'.repeat(65))).toMatchObject({ ok: false });
    expect(reason('Maria Gomez')).toEqual(expect.stringContaining('wrong field'));
    expect(normalizeTracking('1Z99;DROP')).toMatchObject({ ok: false });
  });

  it('says why, as a sentence each screen shows in its own language', () => {
    const reasons = ['', '12', '1Z99;DROP', 'Maria Gomez'].map((raw) => {
      const check = normalizeTracking(raw);
      return check.ok ? null : check.reason;
    });
    expect(reasons).toEqual([
      { key: 'tracking.empty' },
      { key: 'tracking.length', params: { min: 4, max: 64, length: 2 } },
      { key: 'tracking.characters' },
      { key: 'tracking.noDigits' },
    ]);
    expect(reasons.map((r) => messageText(r!))).toEqual([
      'Scan or type the tracking number.',
      'A tracking number has 4 to 64 letters and digits; this has 2. Scan the label again.',
      'That does not look like a tracking number (it has characters labels never have). Scan the label again.',
      'That does not look like a tracking number (it has no digits): was it typed into the wrong field?',
    ]);
    expect(reasons.map((r) => messageText(r!, 'es'))).toEqual([
      'Escanee o escriba el número de seguimiento.',
      'Un número de seguimiento tiene de 4 a 64 letras y dígitos; este tiene 2. Vuelva a escanear la etiqueta.',
      'Eso no parece un número de seguimiento (tiene caracteres que las etiquetas nunca llevan). Vuelva a escanear la etiqueta.',
      'Eso no parece un número de seguimiento (no tiene dígitos): ¿se escribió en el campo equivocado?',
    ]);
  });

  it('accepts 4 and 64 characters, the limits', () => {
    expect(normalizeTracking('A123')).toMatchObject({ ok: true });
    expect(normalizeTracking('1'.repeat(64))).toMatchObject({ ok: true });
  });
});
