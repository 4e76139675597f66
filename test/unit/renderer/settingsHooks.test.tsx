// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useBackups } from '../../../renderer/backups/useBackups';
import { useDevices } from '../../../renderer/devices/useDevices';
import { useRosterSchedule } from '../../../renderer/roster/useRosterSchedule';
import { useMyAccount } from '../../../renderer/settings/useMyAccount';
import { useSettings } from '../../../renderer/settings/useSettings';
import { useStaff } from '../../../renderer/settings/useStaff';

const api = await vi.hoisted(async () => (await import('./fakeApi')).fakeApi());
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), invoke: api.invoke, on: api.on }));

const emit = (event: string, payload: unknown = {}) => act(() => api.listeners.get(event)?.forEach((l) => l(payload)));
const callsOf = (method: string) => api.invoke.mock.calls.filter(([m]) => m === method).length;

beforeEach(() => {
  api.invoke.mockReset();
  api.listeners.clear();
  let answer = 0;
  // Each answer is told apart by its number: which one a hook shows says which call it came from.
  api.invoke.mockImplementation(async (method: string) => ({ method, answer: ++answer }));
});

describe('the Settings screens’ data hooks', () => {
  it('useSettings and useStaff read again when another computer of the site changed settings or a staff account', async () => {
    const settings = renderHook(() => useSettings());
    const staff = renderHook(() => useStaff());
    await waitFor(() => expect(settings.result.current.data).toBeDefined());
    await waitFor(() => expect(staff.result.current.staff.data).toBeDefined());
    emit('settings.changed');
    await waitFor(() => expect(callsOf('settings.get')).toBe(2));
    emit('staff.changed', { id: 4 });
    await waitFor(() => expect(callsOf('staff.list')).toBe(2));
    expect(callsOf('settings.get')).toBe(2);
  });

  it('useBackups reads the status again when the alerts change, and after a change it makes', async () => {
    const { result } = renderHook(() => useBackups());
    await waitFor(() => expect(result.current.status.data).toBeDefined());
    emit('alerts.changed', { open: 1 });
    await waitFor(() => expect(callsOf('backups.status')).toBe(2));
    await act(() => result.current.configure({ folder: '/mnt/usb', timeOfDay: '02:30', keep: 14 }));
    expect(api.invoke).toHaveBeenCalledWith('backups.configure', { folder: '/mnt/usb', timeOfDay: '02:30', keep: 14 });
    await waitFor(() => expect(callsOf('backups.status')).toBe(3));
    await act(() => result.current.savePassphrase('a long passphrase'));
    expect(api.invoke).toHaveBeenCalledWith('backups.setPassphrase', { passphrase: 'a long passphrase' });
    await waitFor(() => expect(callsOf('backups.status')).toBe(4));
  });

  it('useBackups leaves the status as it was when a change is refused', async () => {
    const { result } = renderHook(() => useBackups());
    await waitFor(() => expect(result.current.status.data).toBeDefined());
    api.invoke.mockRejectedValueOnce(new Error('No folder'));
    await expect(act(() => result.current.runNow())).rejects.toThrow('No folder');
    expect(callsOf('backups.status')).toBe(1);
  });

  it('useDevices reads the devices again when the door status changes, and stops listening when gone', async () => {
    const { result, unmount } = renderHook(() => useDevices());
    await waitFor(() => expect(result.current.overview).toBeDefined());
    emit('door.status', {});
    await waitFor(() => expect(callsOf('devices.list')).toBe(2));
    unmount();
    expect(api.listeners.get('door.status')?.size ?? 0).toBe(0);
  });

  it('useDevices assigns with the channel only for a relay, shows the answer, then the list read after it', async () => {
    const { result } = renderHook(() => useDevices());
    await waitFor(() => expect(result.current.overview).toBeDefined());
    await act(() => result.current.assign('keypad', '1234:5678'));
    expect(api.invoke).toHaveBeenLastCalledWith('devices.assign', { role: 'keypad', selector: '1234:5678' });
    expect(result.current.overview).toMatchObject({ method: 'devices.assign' });
    await act(() => result.current.assign('relay', '16c0:05df', 2));
    expect(api.invoke).toHaveBeenLastCalledWith('devices.assign', { role: 'relay', selector: '16c0:05df', channel: 2 });
    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.overview).toMatchObject({ method: 'devices.list' }));
  });

  it('useDevices shows a refused change and keeps the overview', async () => {
    const { result } = renderHook(() => useDevices());
    await waitFor(() => expect(result.current.overview).toBeDefined());
    const before = result.current.overview;
    api.invoke.mockRejectedValueOnce(new Error('Busy'));
    await act(() => result.current.unassign('reader'));
    expect(result.current.error?.message).toBe('Busy');
    expect(result.current.overview).toBe(before);
  });

  it('useRosterSchedule reads the status again when an import lands and after the schedule is saved', async () => {
    const { result } = renderHook(() => useRosterSchedule());
    await waitFor(() => expect(result.current.status.data).toBeDefined());
    emit('roster.applied', {});
    await waitFor(() => expect(callsOf('roster.status')).toBe(2));
    const schedule = { enabled: true, folder: '/srv/roster', timeOfDay: '05:00', preset: 'generic' as const };
    await act(() => result.current.configure(schedule));
    expect(api.invoke).toHaveBeenCalledWith('roster.configure', schedule);
    await waitFor(() => expect(callsOf('roster.status')).toBe(3));
  });

  it('useMyAccount saves the language (null: the site’s) and hands the session on', async () => {
    const onSaved = vi.fn();
    const { result } = renderHook(() => useMyAccount(onSaved));
    await act(() => result.current.saveLanguage(null));
    expect(api.invoke).toHaveBeenCalledWith('account.setLanguage', { language: null });
    expect(onSaved).toHaveBeenCalledWith({ method: 'account.setLanguage', answer: 1 });
    expect(result.current.saved).toBe(true);
    api.invoke.mockRejectedValueOnce(new Error('Signed out'));
    await act(() => result.current.saveLanguage('es'));
    expect(result.current.saved).toBe(false);
    expect(result.current.error?.message).toBe('Signed out');
    expect(onSaved).toHaveBeenCalledOnce();
  });
});
