// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DialogActions } from '../../../renderer/components/DialogActions';
import { renderUi } from './ui';

describe('DialogActions, the footer of every dialog', () => {
  it('puts Cancel before the primary button, which submits the form', async () => {
    const onSubmit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    const onCancel = vi.fn();
    await renderUi(
      <form onSubmit={onSubmit}>
        <DialogActions label="Hand over" onCancel={onCancel} />
      </form>,
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Cancel', 'Hand over']);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Hand over' }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });

  it('presses onConfirm instead of submitting', async () => {
    const onSubmit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    const onConfirm = vi.fn();
    await renderUi(
      <form onSubmit={onSubmit}>
        <DialogActions label="Revoke" onConfirm={onConfirm} onCancel={() => undefined} color="red" />
      </form>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it.each([{ busy: true }, { disabled: true }])('takes no press while %o', async (state) => {
    const onConfirm = vi.fn();
    await renderUi(<DialogActions label="Revoke" onConfirm={onConfirm} onCancel={() => undefined} {...state} />);
    const revoke = screen.getByRole<HTMLButtonElement>('button', { name: 'Revoke' });
    expect(revoke.disabled).toBe(true);
    await userEvent.setup().click(revoke);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('shows only the primary button once there is nothing to cancel, focused when asked', async () => {
    await renderUi(<DialogActions label="Done" onConfirm={() => undefined} focus="primary" />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Done']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Done' }));
  });

  it('focuses Cancel before a change that cannot be undone, and says Close where asked', async () => {
    await renderUi(
      <DialogActions label="Deactivate" onConfirm={() => undefined} onCancel={() => undefined} focus="cancel" cancelLabel="Close" />,
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
  });
});
