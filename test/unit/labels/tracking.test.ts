import { describe, expect, it } from 'vitest';
import { labelTracking } from '../../../src/domain/labels/tracking';

describe('labelTracking', () => {
  it('takes the first barcode that is a tracking number, over the printed one', () => {
    expect(labelTracking(['856848401260 SMITH MARY', '856848401260'], ['TRK# 1Z A6N TJW 02 0606 0762'])).toMatchObject({
      tracking: '856848401260',
      carrier: 'fedex',
      from: 'barcode',
    });
  });

  it("drops USPS's 420 + ZIP routing prefix, as the scanner's detection does", () => {
    expect(labelTracking(['420627049400867595178191658551'], [])).toMatchObject({ tracking: '9400867595178191658551', carrier: 'usps' });
  });

  it('else reads the printed number, its groups joined', () => {
    expect(labelTracking([], ['SHIP TO:', 'TRACKING #: 1Z A6N TJW 02 0606 0762'])).toMatchObject({
      tracking: '1ZA6NTJW0206060762',
      carrier: 'ups',
      from: 'printed',
    });
    expect(labelTracking([], ['TRACKING: TBA676141442865'])).toMatchObject({ tracking: 'TBA676141442865', carrier: 'amazon' });
  });

  it('a misread digit fails the check digit: no number rather than a wrong one', () => {
    expect(labelTracking(['1ZA6NTJW0206060763'], ['TRACKING #: 1Z A6N TJW 02 0606 0763'])).toBeNull();
  });

  it('nothing on the label', () => {
    expect(labelTracking([], ['SPRINGFIELD IL 62704', '13 LBS 1 OF 1'])).toBeNull();
  });
});
