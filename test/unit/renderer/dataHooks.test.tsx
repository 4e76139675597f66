// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { usePackageList, useRecipientPackages } from '../../../renderer/packages/usePackages';
import { useRecipientSearch } from '../../../renderer/recipients/useRecipients';

const api = await vi.hoisted(async () => (await import('./fakeApi')).fakeApi());
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), invoke: api.invoke, on: api.on }));

const emit = (event: string, payload: unknown = {}) => act(() => api.listeners.get(event)?.forEach((l) => l(payload)));
const callsOf = (method: string) => api.invoke.mock.calls.filter(([m]) => m === method).length;

beforeEach(() => {
  api.invoke.mockReset();
  api.listeners.clear();
  let answer = 0;
  api.invoke.mockImplementation(async () => ({ items: [], more: false, answer: ++answer }));
});

describe('the screens’ data hooks', () => {
  it('useRecipientSearch loads the search and loads it again when recipients change or an import lands', async () => {
    const { result } = renderHook(() => useRecipientSearch('ruth', 'active'));
    await waitFor(() => expect(result.current.data).toBeDefined());
    expect(api.invoke).toHaveBeenCalledWith('recipients.search', { query: 'ruth', status: 'active', limit: 50 });
    emit('recipients.changed', { id: 1 });
    await waitFor(() => expect(callsOf('recipients.search')).toBe(2));
    emit('roster.applied');
    await waitFor(() => expect(callsOf('recipients.search')).toBe(3));
  });

  it("useRecipientPackages reloads for a change to that recipient's packages only", async () => {
    const { result } = renderHook(() => useRecipientPackages(7, 50));
    await waitFor(() => expect(result.current.data).toBeDefined());
    emit('packages.changed', { recipientIds: [8] });
    emit('packages.changed', { recipientIds: [7, 9] });
    await waitFor(() => expect(callsOf('packages.list')).toBe(2));
    expect(result.current.error).toBeNull();
  });

  it('usePackageList asks again when the filter changes, and stops listening when gone', async () => {
    const { result, rerender, unmount } = renderHook(({ status }) => usePackageList({ status }, 1, 50), {
      initialProps: { status: 'waiting' as 'waiting' | 'returned' },
    });
    await waitFor(() => expect(result.current.data).toBeDefined());
    rerender({ status: 'returned' });
    await waitFor(() => expect(api.invoke).toHaveBeenLastCalledWith('packages.list', { status: 'returned', limit: 50 }));
    unmount();
    expect(api.listeners.get('packages.changed')?.size ?? 0).toBe(0);
  });
});
