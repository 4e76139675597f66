// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, duplicateRecipient, message, type Recipient } from '../../../src/contract';
import { RecipientForm } from '../../../renderer/recipients/RecipientForm';
import type { RecipientChanges } from '../../../renderer/recipients/useRecipients';
import { errorUnder, renderUi } from './ui';

// The form asks for the site's settings (its country, to show a phone number as people write it there).
const api = vi.hoisted(() => ({ invoke: vi.fn(async () => ({ defaultCountry: 'US' })), on: vi.fn(() => () => undefined) }));
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), ...api }));

const saved = { id: 7, firstName: 'Ruth', lastName: "O'Neill", unit: '7C' } as Recipient;

function renderForm(onSave: (changes: RecipientChanges, addAnyway?: boolean) => Promise<Recipient>, language: 'en' | 'es' = 'en') {
  const onSaved = vi.fn();
  const onOpen = vi.fn();
  const rendered = renderUi(
    <RecipientForm opened recipient={null} siteLanguage="en" onClose={() => undefined} onSave={onSave} onSaved={onSaved} onOpen={onOpen} />,
    language,
  );
  return { rendered, onSaved, onOpen };
}

/** The core's answer to adding Ruth again: refused with the match, unless added anyway. */
const ruthAgain = () =>
  vi.fn(async (_changes: RecipientChanges, addAnyway?: boolean) => {
    if (addAnyway) return { ...saved, id: 8 };
    throw duplicateRecipient({ id: 7, name: "Ruth O'Neill", unit: '7C', kind: 'name' });
  });

async function addRuth(names: { first: string; last: string; unit: string; add: string }) {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: names.first }), 'Ruth');
  await user.type(screen.getByRole('textbox', { name: names.last }), "O'Neill");
  await user.type(screen.getByRole('textbox', { name: names.unit }), '7C');
  await user.click(screen.getByRole('button', { name: names.add }));
  return user;
}
const english = { first: 'First name', last: 'Last name', unit: 'Unit', add: 'Add Recipient' };

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

  it('asks first when the person is already there, and adds another only when told to', async () => {
    const onSave = ruthAgain();
    const { rendered, onSaved, onOpen } = renderForm(onSave);
    await rendered;
    const user = await addRuth(english);

    const question = await screen.findByRole('alert');
    expect(question.textContent).toContain("Ruth O'Neill, 7C already exists.");
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSaved).not.toHaveBeenCalled();
    // Focus is on the choice that adds nobody.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: "Open Ruth O'Neill" }));

    // Back to the form: what was typed is still there, and asking again asks again.
    await user.click(screen.getByRole('button', { name: 'Back to the form' }));
    expect(screen.getByRole('textbox', { name: 'Unit' })).toHaveProperty('value', '7C');
    await user.click(screen.getByRole('button', { name: 'Add Recipient' }));
    await screen.findByRole('alert');

    await user.click(screen.getByRole('button', { name: 'Add another person with the same name' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 8 })));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ firstName: 'Ruth', lastName: "O'Neill", unit: '7C' }), true);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('opens the recipient already there instead, in Spanish on a Spanish screen', async () => {
    const onSave = ruthAgain();
    const { rendered, onSaved, onOpen } = renderForm(onSave, 'es');
    await rendered;
    const user = await addRuth({ first: 'Nombre', last: 'Apellidos', unit: 'Unidad', add: 'Añadir destinatario' });

    expect((await screen.findByRole('alert')).textContent).toContain("Ruth O'Neill, 7C ya existe.");
    expect(screen.getByRole('button', { name: 'Añadir otra persona con el mismo nombre' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: "Abrir la ficha de Ruth O'Neill" }));
    expect(onOpen).toHaveBeenCalledWith(7);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('shows a stored phone number as people write it in the site country, and sends it back as shown', async () => {
    const ruth = { ...saved, email: null, phone: '+14155550187', language: null, packageNotices: null } as Recipient;
    const onSave = vi.fn(async () => ruth);
    const form = (opened: boolean) => (
      <MantineProvider>
        <DatesProvider settings={{ locale: 'en' }}>
          <RecipientForm
            opened={opened}
            recipient={ruth}
            siteLanguage="en"
            onClose={() => undefined}
            onSave={onSave}
            onSaved={() => undefined}
          />
        </DatesProvider>
      </MantineProvider>
    );
    // Mounted closed, as the detail view mounts it, so the site's country is there when it opens.
    const { rerender } = render(form(false));
    await waitFor(() => expect(api.invoke).toHaveBeenCalledWith('settings.get', {}));
    rerender(form(true));
    const phone = await screen.findByRole('textbox', { name: 'Phone' });
    expect(phone).toHaveProperty('value', '(415) 555-0187');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ phone: '(415) 555-0187' })));
  });
});
