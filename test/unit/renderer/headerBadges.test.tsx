// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { message, type Alert, type DoorStatus } from '../../../src/contract';
import { BackupWarning } from '../../../renderer/backups/BackupWarning';
import { AlertsButton } from '../../../renderer/door/AlertsButton';
import { DoorStatusBadge } from '../../../renderer/door/DoorStatusBadge';
import { renderUi } from './ui';

const api = vi.hoisted(() => {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    listeners,
    answers: new Map<string, unknown>(),
    invoke: vi.fn(),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    }),
  };
});
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), invoke: api.invoke, on: api.on }));

const emit = (event: string, payload: unknown = {}) => act(() => api.listeners.get(event)?.forEach((l) => l(payload)));

const door = (relay: DoorStatus['relay'], devices: DoorStatus['devices'] = []): DoorStatus => ({
  relay,
  devices,
  keypadLockedUntil: null,
  lastEvent: null,
});

beforeEach(() => {
  api.listeners.clear();
  api.answers.clear();
  api.invoke.mockReset();
  api.invoke.mockImplementation(async (method: string) => api.answers.get(method));
});

describe('the header badges follow their cause', () => {
  it('the backup badge goes as soon as the core says a backup succeeded, without asking again', async () => {
    api.answers.set('backups.health', { warning: message('backups.health.noneYet') });
    await renderUi(<BackupWarning />);
    expect(await screen.findByText('Backup')).toBeTruthy();
    emit('backups.health', { warning: null });
    await waitFor(() => expect(screen.queryByText('Backup')).toBeNull());
    expect(api.invoke.mock.calls.filter(([m]) => m === 'backups.health')).toHaveLength(1);
  });

  it('the door badge says no relay is set up, with the way to Settings → Devices, and follows door.status', async () => {
    api.answers.set('door.status', door('none'));
    await renderUi(<DoorStatusBadge />);
    const link = await screen.findByRole('link', { name: 'No door relay set up' });
    expect(link.getAttribute('href')).toBe('#/settings/devices');
    emit('door.status', door('missing', [{ role: 'relay', name: 'USBRelay2', connected: false, problem: 'disconnected' }]));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Relay unplugged'));
    emit('door.status', door('missing', [{ role: 'relay', name: 'USBRelay2', connected: false, problem: 'permission-denied' }]));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Relay: No permission'));
    emit('door.status', door('closed'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Door: closed'));
  });

  it('says it in Spanish too', async () => {
    api.answers.set('door.status', door('none'));
    await renderUi(<DoorStatusBadge />, 'es');
    expect(await screen.findByRole('link', { name: 'Relé de puerta sin configurar' })).toHaveProperty('hash', '#/settings/devices');
  });

  it('the alert count is read again when the core says it changed', async () => {
    const alert: Alert = {
      id: 1,
      at: new Date(0).toISOString(),
      kind: 'notification.smsNotSetUp',
      message: message('alert.notSetUp.sms'),
      node: null,
    };
    api.answers.set('alerts.list', []);
    await renderUi(<AlertsButton />);
    const bell = screen.getByRole('button', { name: 'Alerts' });
    await waitFor(() => expect(bell.getAttribute('title')).toBe('0 open alerts'));
    api.answers.set('alerts.list', [alert]);
    emit('alerts.changed', { open: 1 });
    await waitFor(() => expect(bell.getAttribute('title')).toBe('1 open alert'));
    expect(bell.textContent).toBe('1');
  });
});
