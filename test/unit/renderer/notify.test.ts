import { describe, expect, it } from 'vitest';
import { describeSent } from '../../../renderer/access/notify';

describe('describeSent', () => {
  it('says where the PIN is being sent', () => {
    expect(
      describeSent([
        { channel: 'email', destination: 'ana@example.com', ready: true },
        { channel: 'sms', destination: '+14155550123', ready: true },
      ]),
    ).toBe('Sending by email to ana@example.com and by text to +14155550123.');
  });

  it('says plainly what will not arrive because it is not set up', () => {
    expect(
      describeSent([
        { channel: 'email', destination: 'ana@example.com', ready: true },
        { channel: 'sms', destination: '+14155550123', ready: false },
      ]),
    ).toBe(
      'Sending by email to ana@example.com. Text messages are not set up, so nothing goes by text: read the PIN to the recipient, or ask an admin to set it up in Settings.',
    );
  });
});
