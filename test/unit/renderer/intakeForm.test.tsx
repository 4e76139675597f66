// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, message, type RecipientSummary } from '../../../src/contract';
import { IntakeForm } from '../../../renderer/packages/IntakeForm';
import { errorUnder, renderUi } from './ui';

const api = vi.hoisted(() => ({ invoke: vi.fn(), on: vi.fn(() => () => undefined) }));
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), ...api }));

const ruth = { id: 3, firstName: 'Ruth', lastName: "O'Neill", unit: '7C', email: null, phone: null } as RecipientSummary;
const labelSettings = { printOnIntake: false, size: '62mm' };
const tooShort = () => new ApiError('VALIDATION', message('tracking.length', { min: 8, max: 40, length: 3 }), 'tracking');

beforeEach(() => {
  api.invoke.mockReset();
  api.invoke.mockImplementation(async (method: string) => {
    if (method === 'recipients.search') return { items: [ruth], more: false };
    if (method === 'shelfLabels.settings') return labelSettings;
    if (method === 'packages.detect') throw tooShort();
    throw new Error(`not expected here: ${method}`);
  });
});

describe('Log a package', () => {
  it('opens the package whose shelf label is scanned into Tracking number, without detecting a carrier', async () => {
    api.invoke.mockImplementation(async (method: string, input: { code?: string }) => {
      if (method === 'shelfLabels.settings') return labelSettings;
      if (method === 'shelfLabels.find' && input.code === `PKR1:${'AB'.repeat(16)}`) return { id: 42 };
      throw new Error(`not expected here: ${method}`);
    });
    const onOpen = vi.fn();
    await renderUi(<IntakeForm prefill={null} onOpen={onOpen} />);
    const user = userEvent.setup();
    const tracking = screen.getByRole('textbox', { name: 'Tracking number' });
    await user.type(tracking, `PKR1:${'AB'.repeat(16)}{Enter}`);
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(42));
    expect(tracking).toHaveProperty('value', '');
    expect(api.invoke).not.toHaveBeenCalledWith('packages.detect', expect.anything());
  });

  it('remembers "Print shelf label" on this computer', async () => {
    api.invoke.mockImplementation(async (method: string, input: { on?: boolean }) => {
      if (method === 'shelfLabels.settings') return labelSettings;
      if (method === 'shelfLabels.setPrintOnIntake') return { ...labelSettings, printOnIntake: input.on };
      throw new Error(`not expected here: ${method}`);
    });
    await renderUi(<IntakeForm prefill={null} onOpen={() => undefined} />);
    const user = userEvent.setup();
    const toggle = screen.getByRole('switch', { name: /^Print shelf label/ });
    expect(toggle).toHaveProperty('checked', false);
    await user.click(toggle);
    await waitFor(() => expect(toggle).toHaveProperty('checked', true));
    expect(api.invoke).toHaveBeenCalledWith('shelfLabels.setPrintOnIntake', { on: true });
  });

  it('keeps a refused tracking number flagged beside every other missing field at Log package', async () => {
    await renderUi(<IntakeForm prefill={null} onOpen={() => undefined} />);
    const user = userEvent.setup();
    const tracking = screen.getByRole('textbox', { name: 'Tracking number' });
    await user.type(tracking, '1Z9{Enter}');
    const refused = 'A tracking number has 8 to 40 letters and digits; this has 3. Scan the label again.';
    await waitFor(() => expect(errorUnder(tracking)).toBe(refused));

    await user.click(screen.getByRole('button', { name: 'Log package' }));
    await waitFor(() => expect(errorUnder(screen.getByRole('textbox', { name: 'Carrier' }))).toBe('Choose the carrier.'));
    expect(errorUnder(screen.getByRole('textbox', { name: 'Recipient' }))).toBe('Choose the recipient.');
    expect(errorUnder(tracking)).toBe(refused);
    expect(api.invoke).not.toHaveBeenCalledWith('packages.log', expect.anything());

    // Choosing the recipient clears its error alone.
    await user.type(screen.getByRole('textbox', { name: 'Recipient' }), 'ruth');
    await user.click(await screen.findByRole('option', { name: "O'Neill, Ruth — 7C", hidden: true }));
    await waitFor(() => expect(errorUnder(screen.getByRole('textbox', { name: 'Recipient' }))).toBeNull());
    expect(errorUnder(screen.getByRole('textbox', { name: 'Carrier' }))).toBe('Choose the carrier.');
    // A new number clears the refusal of the old one.
    await user.type(tracking, '4');
    expect(errorUnder(tracking)).toBeNull();
  });

  it("puts the core's refusal at Log package on its field", async () => {
    api.invoke.mockImplementation(async (method: string) => {
      if (method === 'recipients.search') return { items: [ruth], more: false };
      if (method === 'shelfLabels.settings') return labelSettings;
      if (method === 'packages.detect') return { tracking: '1Z999AA10123456784', carrier: 'ups', carrierName: null, duplicate: null };
      if (method === 'packages.log')
        throw new ApiError('VALIDATION', message('validation.tooLongMax', { field: 'note', max: 500 }), 'note');
      throw new Error(`not expected here: ${method}`);
    });
    await renderUi(<IntakeForm prefill={null} onOpen={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Tracking number' }), '1Z999AA10123456784{Enter}');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Carrier' })).toHaveProperty('value', 'UPS'));
    await user.type(screen.getByRole('textbox', { name: 'Recipient' }), 'ruth');
    await user.click(await screen.findByRole('option', { name: "O'Neill, Ruth — 7C", hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Log package' }));
    await waitFor(() =>
      expect(errorUnder(screen.getByRole('textbox', { name: 'Note' }))).toBe('Note is too long (at most 500 characters).'),
    );
    expect(api.invoke).toHaveBeenCalledWith('packages.log', expect.objectContaining({ carrier: 'ups', recipientId: 3, carrierName: null }));
  });

  it('says it in Spanish on a Spanish screen', async () => {
    await renderUi(<IntakeForm prefill={null} onOpen={() => undefined} />, 'es');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Registrar el paquete' }));
    await waitFor(() => expect(errorUnder(screen.getByRole('textbox', { name: 'Transportista' }))).toBe('Elija el transportista.'));
    expect(errorUnder(screen.getByRole('textbox', { name: 'Destinatario' }))).toBe('Elija el destinatario.');
  });
});
