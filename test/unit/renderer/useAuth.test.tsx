// @vitest-environment happy-dom
import { act, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, message, type AuthStatus, type SessionInfo } from '../../../src/contract';
import { LoginScreen } from '../../../renderer/auth/LoginScreen';
import { useAuth } from '../../../renderer/auth/useAuth';
import { errorUnder, renderUi } from './ui';

const api = await vi.hoisted(async () => (await import('./fakeApi')).fakeApi());
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), ...api }));

const ada: SessionInfo = {
  staffId: 1,
  username: 'ada',
  displayName: 'Ada',
  role: 'admin',
  locked: false,
  language: null,
  mustChangePassword: false,
};
const status = (session: SessionInfo | null, setupRequired = false): AuthStatus => ({
  setupRequired,
  session,
  idleLockMinutes: 5,
  siteName: 'Maple Court',
  siteLanguage: 'es',
});

/** The core as the hook sees it: auth.status answers `current`, and each call answers from `answers`. */
function core(current: { status: AuthStatus }, answers: Record<string, (input: unknown) => unknown> = {}) {
  api.invoke.mockImplementation(async (method: string, input: unknown) => {
    if (method === 'auth.status') return current.status;
    const answer = answers[method];
    return answer ? answer(input) : null;
  });
}
const called = (method: string) => api.invoke.mock.calls.filter(([m]) => m === method);

beforeEach(() => {
  api.invoke.mockReset();
  api.listeners.clear();
});

describe('useAuth', () => {
  it('shows what auth.status says: set up first, then the app, in the site language while no one chose their own', async () => {
    const current = { status: status(null, true) };
    core(current, { 'auth.setup': () => ada });
    const { result } = renderHook(() => useAuth());
    await waitFor(() => expect(result.current.view.kind).toBe('setup'));
    expect(result.current.language).toBe('es');

    current.status = status(ada);
    await act(() => result.current.setup({ displayName: 'Ada', username: 'ada', password: 'correct horse battery' }));
    expect(result.current.view).toEqual({ kind: 'ready', session: ada });
    expect(called('auth.setup')).toEqual([['auth.setup', { displayName: 'Ada', username: 'ada', password: 'correct horse battery' }]]);
  });

  it('signs in, locks (telling the core), unlocks, and signs out to the sign-in page saying so', async () => {
    const current = { status: status(null) };
    core(current, { 'auth.login': () => ada, 'auth.unlock': () => ada });
    const { result } = renderHook(() => useAuth());
    await waitFor(() => expect(result.current.view).toEqual({ kind: 'login', signedOut: false }));

    await act(() => result.current.signIn({ username: 'ada', password: 'correct horse battery' }));
    expect(result.current.view).toEqual({ kind: 'ready', session: ada });

    act(() => result.current.lock());
    expect(result.current.view).toEqual({ kind: 'locked', session: ada });
    expect(called('auth.lock')).toHaveLength(1);

    await act(() => result.current.unlock({ password: 'correct horse battery' }));
    expect(result.current.view).toEqual({ kind: 'ready', session: ada });

    await act(() => result.current.signOut());
    expect(result.current.view).toEqual({ kind: 'login', signedOut: true });
    expect(called('auth.logout')).toHaveLength(1);
  });

  it('asks for a new password after an admin reset it, then opens the app with the session the change returned', async () => {
    const current = { status: status({ ...ada, mustChangePassword: true }) };
    core(current);
    const { result } = renderHook(() => useAuth());
    await waitFor(() => expect(result.current.view.kind).toBe('newPassword'));
    act(() => result.current.passwordChanged({ ...ada, language: 'en' }));
    expect(result.current.view).toEqual({ kind: 'ready', session: { ...ada, language: 'en' } });
    expect(result.current.language).toBe('en');
  });

  it('when the core ends the session (signed out elsewhere), shows what auth.status says then', async () => {
    const current = { status: status(ada) };
    core(current);
    const { result } = renderHook(() => useAuth());
    await waitFor(() => expect(result.current.view.kind).toBe('ready'));
    current.status = status(null);
    act(() => api.listeners.get('session.ended')?.forEach((listener) => listener({})));
    await waitFor(() => expect(result.current.view).toEqual({ kind: 'login', signedOut: false }));
  });
});

describe('the sign-in page', () => {
  it('asks for what is missing under its field; a refused password is cleared and the refusal shown above', async () => {
    const onSignIn = vi.fn(async () => {
      throw new ApiError('UNAUTHENTICATED', message('auth.wrongCredentials'));
    });
    await renderUi(<LoginScreen siteName="Maple Court" onSignIn={onSignIn} />);
    const user = userEvent.setup();
    const username = screen.getByRole('textbox', { name: 'User name' });
    expect(document.activeElement).toBe(username);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(errorUnder(username)).not.toBeNull());
    expect(onSignIn).not.toHaveBeenCalled();

    await user.type(username, 'ada');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not sign in');
    expect(alert.textContent).toContain('Wrong user name or password.');
    expect(onSignIn).toHaveBeenCalledWith({ username: 'ada', password: 'wrong password' });
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');
    expect(username).toHaveProperty('value', 'ada');
    expect(errorUnder(screen.getByLabelText('Password'))).toBeNull();
  });
});
