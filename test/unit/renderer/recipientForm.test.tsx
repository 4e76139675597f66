// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, message, type Recipient } from '../../../src/contract';
import { RecipientForm } from '../../../renderer/recipients/RecipientForm';
import type { RecipientChanges } from '../../../renderer/recipients/useRecipients';
import { errorUnder, renderUi } from './ui';

const saved = { id: 7, firstName: 'Ruth', lastName: "O'Neill", unit: '7C' } as Recipient;

function renderForm(onSave: (changes: RecipientChanges) => Promise<Recipient>, language: 'en' | 'es' = 'en') {
  const onSaved = vi.fn();
  const rendered = renderUi(
    <RecipientForm opened recipient={null} siteLanguage="en" onClose={() => undefined} onSave={onSave} onSaved={onSaved} />,
    language,
  );
  return { rendered, onSaved };
}

describe('the recipient form', () => {
  it('shows every field error at once, and clears each as soon as it is fixed', async () => {
    const onSave = vi.fn(async () => saved);
    await renderForm(onSave).rendered;
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'a@');
    await user.click(screen.getByRole('button', { name: 'Add Recipient' }));

    const first = screen.getByRole('textbox', { name: 'First name' });
    await waitFor(() => expect(errorUnder(first)).toBe('Enter first name.'));
    expect(errorUnder(screen.getByRole('textbox', { name: 'Last name' }))).toBe('Enter last name.');
    expect(errorUnder(screen.getByRole('textbox', { name: 'Unit' }))).toBe('Enter unit.');
    expect(errorUnder(screen.getByRole('textbox', { name: 'Email' }))).toBe('Enter a valid email address, like name@example.com.');
    expect(onSave).not.toHaveBeenCalled();

    await user.type(first, 'Ruth');
    expect(errorUnder(first)).toBeNull();
    expect(errorUnder(screen.getByRole('textbox', { name: 'Last name' }))).toBe('Enter last name.');
    // Still wrong after a change: the error stays.
    await user.type(screen.getByRole('textbox', { name: 'Email' }), '@');
    expect(errorUnder(screen.getByRole('textbox', { name: 'Email' }))).toBe('Enter a valid email address, like name@example.com.');
    await user.clear(screen.getByRole('textbox', { name: 'Email' }));
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ruth@example.com');
    expect(errorUnder(screen.getByRole('textbox', { name: 'Email' }))).toBeNull();
  });

  it("puts the core's refusal under the field at fault until that field changes", async () => {
    const onSave = vi.fn(async () => {
      throw new ApiError('VALIDATION', message('recipients.invalidPhone', { phone: '555' }), 'phone');
    });
    const { rendered, onSaved } = renderForm(onSave);
    await rendered;
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'First name' }), 'Ruth');
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), "O'Neill");
    await user.type(screen.getByRole('textbox', { name: 'Unit' }), '7C');
    const phone = screen.getByRole('textbox', { name: 'Phone' });
    await user.type(phone, '555');
    await user.click(screen.getByRole('button', { name: 'Add Recipient' }));

    await waitFor(() => expect(errorUnder(phone)).toMatch(/^"555" is not a valid phone number/));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ firstName: 'Ruth', phone: '555', language: null, packageNotices: null }));
    expect(screen.queryByRole('alert')).toBeNull();
    // Another field changing leaves it; the phone changing clears it.
    await user.type(screen.getByRole('textbox', { name: 'Unit' }), 'D');
    expect(errorUnder(phone)).toMatch(/not a valid phone number/);
    await user.type(phone, '0123');
    expect(errorUnder(phone)).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('says it in Spanish on a Spanish screen', async () => {
    await renderForm(
      vi.fn(async () => saved),
      'es',
    ).rendered;
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Añadir destinatario' }));
    await waitFor(() => expect(errorUnder(screen.getByRole('textbox', { name: 'Nombre' }))).toBe('Escriba el nombre.'));
    expect(errorUnder(screen.getByRole('textbox', { name: 'Apellidos' }))).toBe('Escriba los apellidos.');
    expect(errorUnder(screen.getByRole('textbox', { name: 'Unidad' }))).toBe('Escriba la unidad.');
  });
});
