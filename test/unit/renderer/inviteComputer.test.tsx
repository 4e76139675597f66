// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, message } from '../../../src/contract';
import { InviteComputer } from '../../../renderer/settings/InviteComputer';
import { renderUi } from './ui';

const api = await vi.hoisted(async () => (await import('./fakeApi')).fakeApi());
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), ...api }));

const made = {
  code: 'PKR-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-AB',
  expiresAt: '2026-12-08T15:30:00.000Z',
  site: 'oak',
  command: 'packroom site join PKR-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-AB --sync nats://10.0.0.5:4222 --node NAME',
};

describe('Invite another computer', () => {
  it('shows the join code, until when it is good, and the command for the new computer', async () => {
    api.invoke.mockResolvedValueOnce(made);
    await renderUi(<InviteComputer />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Make a join code' }));
    await waitFor(() => expect(screen.getByLabelText('Join code').textContent).toBe(made.code));
    expect(api.invoke).toHaveBeenCalledWith('site.invite', {});
    expect(screen.getByLabelText('Command for the new computer').textContent).toBe(made.command);
    expect(screen.getByText(/Join code, good once until/)).toBeTruthy();
  });

  it('says why there is no code, in Spanish too', async () => {
    api.invoke.mockRejectedValueOnce(new ApiError('CONFLICT', message('site.notANode')));
    await renderUi(<InviteComputer />, 'es');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Crear un código para unirse' }));
    await waitFor(() => expect(screen.getByText(/Este equipo todavía no forma parte de un sitio/)).toBeTruthy());
    expect(screen.queryByLabelText('Código para unirse')).toBeNull();
  });
});
