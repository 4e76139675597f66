// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, message, type RecipientSummary } from '../../../src/contract';
import { SingleAccessPinDialog } from '../../../renderer/access/SingleAccessPinDialog';
import { errorUnder, renderUi } from './ui';

const api = vi.hoisted(() => ({ invoke: vi.fn(), on: vi.fn(() => () => undefined) }));
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), ...api }));

const ruth = { id: 3, firstName: 'Ruth', lastName: "O'Neill", unit: '7C', email: 'ruth@example.com', phone: null } as RecipientSummary;

beforeEach(() => {
  api.invoke.mockReset();
  api.invoke.mockImplementation(async (method: string) => {
    if (method === 'recipients.search') return { items: [ruth], more: false };
    throw new Error(`not expected here: ${method}`);
  });
});

async function chooseRuth() {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: /Recipient|Destinatario/ }), 'ruth');
  // The list is in a portal beside the dialog, which hides it from the accessibility tree of happy-dom.
  await user.click(await screen.findByRole('option', { name: "O'Neill, Ruth — 7C", hidden: true }));
}

describe('the Single Access PIN dialog', () => {
  it('asks for a recipient under the field, and the error goes once one is chosen', async () => {
    await renderUi(<SingleAccessPinDialog opened recipient={null} onClose={() => undefined} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Generate' }));
    const field = screen.getByRole('textbox', { name: 'Recipient' });
    await waitFor(() => expect(errorUnder(field)).toBe('Select a recipient: type part of the name, then choose from the list.'));
    await chooseRuth();
    await waitFor(() => expect(errorUnder(screen.getByRole('textbox', { name: 'Recipient' }))).toBeNull());
    expect(api.invoke).not.toHaveBeenCalledWith('access.sendSingleAccessPin', expect.anything());
  });

  it("puts the core's refusal of the expiry under Access expires, with the options opened", async () => {
    await renderUi(<SingleAccessPinDialog opened recipient={ruth} onClose={() => undefined} />);
    api.invoke.mockRejectedValueOnce(new ApiError('VALIDATION', message('credentials.expiryPast'), 'expiresAt'));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() =>
      expect(errorUnder(screen.getByRole('button', { name: /Access expires/ }))).toBe('The expiry must be in the future.'),
    );
    expect(api.invoke).toHaveBeenCalledWith('access.sendSingleAccessPin', expect.objectContaining({ recipientId: 3, notifyVia: 'email' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says it in Spanish on a Spanish screen', async () => {
    await renderUi(<SingleAccessPinDialog opened recipient={null} onClose={() => undefined} />, 'es');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Generar' }));
    await waitFor(() =>
      expect(errorUnder(screen.getByRole('textbox', { name: 'Destinatario' }))).toBe(
        'Seleccione un destinatario: escriba parte del nombre y elíjalo de la lista.',
      ),
    );
    await chooseRuth();
    await waitFor(() => expect(errorUnder(screen.getByRole('textbox', { name: 'Destinatario' }))).toBeNull());
  });
});
