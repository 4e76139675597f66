// @vitest-environment happy-dom
/**
 * Settings changed at another computer of the site (sync) show on this one's open Settings screen at once, unless
 * someone is typing in that card here.
 */
import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../src/contract';
import { DoorSettings } from '../../../renderer/settings/DoorSettings';
import { renderUi } from './ui';

const api = vi.hoisted(() => ({ invoke: vi.fn(async () => null), on: vi.fn(() => () => undefined) }));
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), ...api }));

// The fields the door card reads; the rest of the record is other cards'.
const settings = (doorPulseSeconds: number) =>
  ({ doorPulseSeconds, lookupPinEnabled: false, singleAccessPinRequest: false, lockedByEnvironment: [] }) as unknown as Settings;
/** The card as the Settings tab shows it; `readAgain` hands it the settings as the tab reads them again. */
let readAgain: (settings: Settings) => void = () => undefined;
function Tab() {
  const [initial, setInitial] = useState(settings(3));
  readAgain = (next) => act(() => setInitial(next));
  return <DoorSettings initial={initial} onSaved={() => undefined} />;
}
const pulse = () => screen.getByRole<HTMLInputElement>('textbox', { name: 'Door open time (seconds)' });

describe('a settings card given the settings read again', () => {
  it('shows them when nothing is typed in it', async () => {
    await renderUi(<Tab />);
    expect(pulse().value).toBe('3');
    readAgain(settings(5));
    expect(pulse().value).toBe('5');
  });

  it('keeps what staff are typing', async () => {
    await renderUi(<Tab />);
    fireEvent.change(pulse(), { target: { value: '7' } });
    readAgain(settings(9));
    expect(pulse().value).toBe('7');
  });
});
