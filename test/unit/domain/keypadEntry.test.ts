import { describe, expect, it } from 'vitest';
import { KeypadEntry } from '../../../src/domain/keypadEntry';

const entry = (pinRequest = false) => new KeypadEntry({ timeoutMs: 10_000, maxLength: 16, pinRequestEnabled: () => pinRequest });

function typeAll(e: KeypadEntry, keys: string[], start = 0, gap = 100) {
  return keys.map((k, i) => e.press(k, start + i * gap));
}

describe('KeypadEntry', () => {
  it.each(['#', 'Enter'])('submits the digits on %s', (submit) => {
    const outcomes = typeAll(entry(), [...'38150927', submit]);
    expect(outcomes.at(-1)).toEqual({ kind: 'pin', pin: '38150927' });
  });

  it.each(['*', 'Backspace', 'Escape'])('clears a partial entry on %s', (clear) => {
    const e = entry();
    const outcomes = typeAll(e, ['1', '2', clear, '3', '#']);
    expect(outcomes[2]).toEqual({ kind: 'cleared' });
    expect(outcomes.at(-1)).toEqual({ kind: 'pin', pin: '3' });
  });

  it('drops a partial entry after the inactivity timeout', () => {
    const e = entry();
    e.press('1', 0);
    e.press('2', 100);
    expect(e.press('3', 20_000)).toEqual({ kind: 'typing' });
    expect(e.press('#', 20_100)).toEqual({ kind: 'pin', pin: '3' });
  });

  it('ignores an empty submit, letters and digits beyond the maximum', () => {
    const e = new KeypadEntry({ timeoutMs: 10_000, maxLength: 3, pinRequestEnabled: () => false });
    expect(e.press('#', 0)).toEqual({ kind: 'ignored' });
    expect(e.press('A', 1)).toEqual({ kind: 'ignored' });
    typeAll(e, ['1', '2', '3'], 2, 1);
    expect(e.press('4', 10)).toEqual({ kind: 'ignored' });
    expect(e.press('#', 11)).toEqual({ kind: 'pin', pin: '123' });
  });

  it('reads * phone # as a Single Access PIN Request when the site allows it', () => {
    expect(typeAll(entry(true), ['*', ...'4155550123', '#']).at(-1)).toEqual({ kind: 'pin-request', phoneDigits: '4155550123' });
  });

  it('treats * as clear when Single Access PIN Request is off', () => {
    expect(typeAll(entry(false), ['*', ...'4155550123', '#']).at(-1)).toEqual({ kind: 'pin', pin: '4155550123' });
  });

  it('a second * cancels a request in progress', () => {
    const e = entry(true);
    expect(typeAll(e, ['*', '4', '1', '*', '3', '#']).at(-1)).toEqual({ kind: 'pin', pin: '3' });
  });
});
