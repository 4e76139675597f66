// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OpenDoorDialog } from '../../../renderer/door/OpenDoorDialog';
import { errorUnder, renderUi } from './ui';

const api = vi.hoisted(() => ({ invoke: vi.fn(async () => null), on: vi.fn(() => () => undefined) }));
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), ...api }));

describe('Open Door', () => {
  it('asks for the reason under its field before opening, then opens with it', async () => {
    const onClose = vi.fn();
    await renderUi(<OpenDoorDialog opened onClose={onClose} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Open door' }));
    const reason = screen.getByRole('textbox', { name: /Reason/ });
    await waitFor(() => expect(errorUnder(reason)).toBe('Enter reason.'));
    expect(api.invoke).not.toHaveBeenCalled();
    await user.type(reason, 'Courier');
    expect(errorUnder(reason)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open door' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.invoke).toHaveBeenCalledWith('door.open', { reason: 'Courier', recipientId: undefined });
  });
});
