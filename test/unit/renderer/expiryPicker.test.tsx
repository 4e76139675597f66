// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpiryPicker } from '../../../renderer/access/ExpiryPicker';
import { renderUi } from './ui';

// 16:22 on the day the expiry is set: the times typed below are earlier that day.
const now = new Date(2026, 11, 7, 16, 22);

describe('the expiry picker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => vi.useRealTimers());

  it('never rewrites a time that was typed, even one already past (the core refuses it, on the field)', async () => {
    const onChange = vi.fn();
    await renderUi(<ExpiryPicker value="2026-12-07 10:22:00" onChange={onChange} defaultHours={24} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Access expires/ }));
    await waitFor(() => expect(screen.getByLabelText('Hours')).toBeTruthy());
    // Closing the calendar used to move a past time up to now (10:22 became 16:22).
    await act(async () => {
      fireEvent.keyDown(screen.getByLabelText('Hours'), { key: 'Escape' });
    });
    expect(onChange.mock.calls.map(([value]) => value as string).filter((v) => v !== '2026-12-07 10:22:00')).toEqual([]);
  });

  it('keeps a time typed into the calendar', async () => {
    const onChange = vi.fn();
    await renderUi(<ExpiryPicker value="2026-12-07 23:00:00" onChange={onChange} defaultHours={24} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Access expires/ }));
    const hours = await screen.findByLabelText('Hours');
    await user.click(hours);
    // The hours field moves on to the minutes by itself once two digits are typed; Enter closes the calendar.
    await user.keyboard('0900{Enter}');
    await waitFor(() => expect(screen.queryByLabelText('Hours')).toBeNull());
    expect(onChange).toHaveBeenLastCalledWith('2026-12-07 09:00:00');
  });
});
