// @vitest-environment happy-dom
import { act, renderHook, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../../src/contract';
import { ActivityTable } from '../../../renderer/activity/ActivityTab';
import { matchesActivity, useActivity, type ActivityQuery } from '../../../renderer/activity/useActivity';
import { renderUi } from './ui';

const api = await vi.hoisted(async () => (await import('./fakeApi')).fakeApi());
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), invoke: api.invoke, on: api.on }));

const entry = (id: number, fields: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-12-01T10:00:00.000Z',
  actor: 'door',
  actorStaffId: null,
  action: 'door.granted',
  subject: 'recipient:3',
  details: { via: 'pin', reason: 'PIN', reasonKey: 'door.reason.pin' },
  kind: 'door',
  actorKind: 'door',
  actorName: null,
  recipientId: 3,
  subjectLabel: 'Ana Lopez, 4B',
  node: null,
  ...fields,
});

const appended = (e: AuditEntry) => act(() => api.listeners.get('activity.appended')?.forEach((l) => l(e)));
const ids = (entries: AuditEntry[]) => entries.map((e) => e.id);

beforeEach(() => {
  api.invoke.mockReset();
  api.listeners.clear();
});

describe('useActivity', () => {
  it('loads the first page for the filter, adds live entries that match it only, and pages on from the last id', async () => {
    api.invoke.mockResolvedValueOnce({ items: [entry(9), entry(7)], more: true, next: 7 });
    const filter: ActivityQuery = { kind: 'door', recipientId: 3 };
    const { result } = renderHook(() => useActivity(filter, 2));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(api.invoke).toHaveBeenCalledWith('activity.list', { kind: 'door', recipientId: 3, limit: 2 });
    expect(ids(result.current.entries)).toEqual([9, 7]);

    appended(entry(10));
    appended(entry(11, { recipientId: 4, subjectLabel: 'Bo Park, 7C' }));
    appended(entry(12, { kind: 'packages', action: 'package.logged' }));
    appended(entry(10));
    expect(ids(result.current.entries)).toEqual([10, 9, 7]);

    api.invoke.mockResolvedValueOnce({ items: [entry(5)], more: false, next: null });
    await act(() => result.current.loadMore());
    expect(api.invoke).toHaveBeenLastCalledWith('activity.list', { kind: 'door', recipientId: 3, limit: 2, beforeId: 7 });
    expect(ids(result.current.entries)).toEqual([10, 9, 7, 5]);
    expect(result.current.more).toBe(false);
  });

  it('starts again when the filter changes, and an answer or event for the old filter is dropped', async () => {
    let answerOld: (page: unknown) => void = () => undefined;
    api.invoke.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)));
    api.invoke.mockResolvedValueOnce({
      items: [entry(4, { kind: 'staff', action: 'auth.login', recipientId: null })],
      more: false,
      next: null,
    });
    const { result, rerender } = renderHook(({ filter }) => useActivity(filter), {
      initialProps: { filter: { kind: 'door' } as ActivityQuery },
    });
    rerender({ filter: { kind: 'staff' } });
    await waitFor(() => expect(result.current.loading).toBe(false));
    answerOld({ items: [entry(9)], more: true, next: 9 });
    appended(entry(10));
    await act(() => Promise.resolve());
    expect(ids(result.current.entries)).toEqual([4]);
    expect(api.listeners.get('activity.appended')?.size).toBe(1);
  });

  it('reads on through the log until a page is full, as the core answers a bounded span per call', async () => {
    api.invoke
      .mockResolvedValueOnce({ items: [entry(9_990)], more: true, next: 8_001 })
      .mockResolvedValueOnce({ items: [], more: true, next: 6_001 })
      .mockResolvedValueOnce({ items: [entry(5_000), entry(4_000)], more: true, next: 4_001 });
    const { result } = renderHook(() => useActivity({ query: 'lopez' }, 3));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(api.invoke.mock.calls.map(([, input]) => (input as { beforeId?: number }).beforeId)).toEqual([undefined, 8_001, 6_001]);
    expect(ids(result.current.entries)).toEqual([9_990, 5_000, 4_000]);
    expect(result.current.more).toBe(true);
  });

  it('matches a live entry the way the core filters: staff member, dates, and words in who, whom or details', () => {
    const staffEntry = entry(1, { actorStaffId: 2, actorKind: 'staff', actorName: 'Bob Desk', actor: 'bob' });
    expect(matchesActivity(staffEntry, { staffId: 2 })).toBe(true);
    expect(matchesActivity(staffEntry, { staffId: 1 })).toBe(false);
    expect(matchesActivity(staffEntry, { from: '2026-12-01T10:00:00.000Z', to: '2026-12-01T11:00:00.000Z' })).toBe(true);
    expect(matchesActivity(staffEntry, { to: '2026-12-01T10:00:00.000Z' })).toBe(false);
    expect(matchesActivity(staffEntry, { query: 'bob d' })).toBe(true);
    expect(matchesActivity(staffEntry, { query: 'LOPEZ' })).toBe(true);
    expect(matchesActivity(staffEntry, { query: 'unknown pin' })).toBe(false);
    expect(matchesActivity(entry(2, { details: { reason: 'Unknown PIN' } }), { query: 'unknown pin' })).toBe(true);
  });
});

describe('the Activity table', () => {
  it('reads as a sentence in Spanish: the door, the recipient as a link to them, the reason from the catalogs', async () => {
    const denied = entry(5, { action: 'door.denied', details: { via: 'pin', reason: 'Unknown PIN', reasonKey: 'door.reason.unknownPin' } });
    const old = entry(4, { action: 'door.denied', recipientId: null, subjectLabel: null, details: { reason: 'Some reason from before' } });
    const ada = entry(3, {
      actor: 'ada',
      actorStaffId: 1,
      actorKind: 'staff',
      actorName: 'Ada Admin',
      action: 'auth.login',
      details: null,
    });
    await renderUi(<ActivityTable entries={[denied, old, ada]} loading={false} />, 'es');
    const [, first, second, third] = screen.getAllByRole('row');
    expect(first!.textContent).toContain('La puerta');
    expect(first!.textContent).toContain('La puerta siguió cerrada');
    expect(first!.textContent).toContain('Motivo: PIN desconocido');
    expect(first!.textContent).not.toContain('reasonKey');
    expect(screen.getAllByRole('link', { name: 'Ana Lopez, 4B' })[0]!.getAttribute('href')).toBe('#/recipients/3');
    // An entry from before the sentence keys reads as stored.
    expect(second!.textContent).toContain('Motivo: Some reason from before');
    expect(third!.textContent).toContain('Ada Admin');
    expect(third!.textContent).not.toContain('ada ');
  });
});
