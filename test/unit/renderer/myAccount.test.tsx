// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../../../src/contract';
import { MyAccountForm } from '../../../renderer/settings/MyAccount';
import { renderUi } from './ui';

const api = vi.hoisted(() => ({ invoke: vi.fn(async () => null), on: vi.fn(() => () => undefined) }));
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), ...api }));

const session: SessionInfo = {
  staffId: 1,
  username: 'ana',
  displayName: 'Ana',
  role: 'admin',
  locked: false,
  language: null,
  mustChangePassword: false,
};

describe('My account', () => {
  // It read "the language of the staff screens", as if it set everyone's, like the site's settings around it.
  it.each([
    ['en', 'Language', /^Yours alone: .* Other staff members keep their own\.$/],
    ['es', 'Idioma', /^Solo suyo: .* Los demás miembros del personal conservan el suyo\.$/],
  ] as const)('says in %s that the language is the person’s own, not the site’s', async (language, label, hint) => {
    await renderUi(<MyAccountForm session={session} siteLanguage="en" onSaved={() => undefined} />, language);
    const field = screen.getByRole('textbox', { name: label });
    const description = document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(description?.textContent).toMatch(hint);
  });
});
