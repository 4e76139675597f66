// @vitest-environment happy-dom
import { act, renderHook, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SiteStatus } from '../../../src/contract';
import { SiteStatusView } from '../../../renderer/settings/SiteStatusCard';
import { ImportElsewhere } from '../../../renderer/site/ImportElsewhere';
import { SiteBadge, SiteBadgeView } from '../../../renderer/site/SiteBadge';
import { useSiteStatus } from '../../../renderer/site/useSiteStatus';
import { renderUi } from './ui';

const api = await vi.hoisted(async () => (await import('./fakeApi')).fakeApi());
vi.mock('../../../renderer/api/client', async (original) => ({ ...(await original<object>()), invoke: api.invoke, on: api.on }));

const emit = (event: string, payload: unknown) => act(() => api.listeners.get(event)?.forEach((l) => l(payload)));
// ICU writes a narrow or a no-break space in places ("2:02 PM"): compare the words, not the space kind.
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

// Built from local parts, so the expectations hold in any time zone the suite runs in.
const twoPm = new Date(2026, 11, 8, 14, 2).getTime();

const node = (over: Partial<SiteStatus> = {}): SiteStatus => ({
  site: 'maple-court',
  node: 'lobby-desk',
  connected: true,
  disconnectedSince: null,
  nodes: [],
  pendingOut: 0,
  lagMs: 0,
  ...over,
});

beforeEach(() => {
  api.invoke.mockReset();
  api.listeners.clear();
});

describe('useSiteStatus', () => {
  it('reads the status once, then takes what the core pushes without asking again', async () => {
    api.invoke.mockResolvedValue(node());
    const { result } = renderHook(() => useSiteStatus());
    await waitFor(() => expect(result.current).toEqual(node()));
    emit('site.status', node({ connected: false, disconnectedSince: twoPm, pendingOut: 3 }));
    await waitFor(() => expect(result.current?.pendingOut).toBe(3));
    expect(api.invoke).toHaveBeenCalledTimes(1);
    expect(api.invoke).toHaveBeenCalledWith('site.status', {});
  });

  it('keeps a pushed status over the answer to a request sent before it', async () => {
    let answer: (status: SiteStatus) => void = () => undefined;
    api.invoke.mockReturnValue(new Promise<SiteStatus>((resolve) => (answer = resolve)));
    const { result } = renderHook(() => useSiteStatus());
    emit('site.status', node({ pendingOut: 7 }));
    await act(async () => answer(node({ pendingOut: 1 })));
    expect(result.current?.pendingOut).toBe(7);
  });

  it('is null on a single PC, and stops listening when gone', async () => {
    api.invoke.mockResolvedValue(null);
    const { result, unmount } = renderHook(() => useSiteStatus());
    await waitFor(() => expect(result.current).toBeNull());
    unmount();
    expect(api.listeners.get('site.status')?.size ?? 0).toBe(0);
  });
});

describe('the header badge', () => {
  it('says since when this desk is cut off and how many changes wait, and follows the core', async () => {
    api.invoke.mockResolvedValue(node({ connected: false, disconnectedSince: twoPm, pendingOut: 12 }));
    await renderUi(<SiteBadge />);
    const badge = await screen.findByRole('status');
    // Short on the badge; the whole sentence in its tooltip and for screen readers.
    expect(plain(badge.textContent)).toMatch(
      /^Not connected since 2:02 PM — 12 waiting\. Not connected to the other desks since 2:02 PM — 12 changes waiting\. This desk and its door keep working/,
    );
    emit('site.status', node({ pendingOut: 12 }));
    await waitFor(() => expect(plain(screen.getByRole('status').textContent)).toBe('Sending 12 changes…'));
    emit('site.status', node());
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });

  it('says it in Spanish, one change or none', async () => {
    await renderUi(<SiteBadgeView status={node({ connected: false, disconnectedSince: twoPm, pendingOut: 1 })} />, 'es');
    expect(screen.getByRole('status').textContent).toContain('Sin conexión con los otros mostradores desde las 14:02 — 1 cambio en espera');
  });

  it('says nothing on a single PC, connected with nothing waiting, or before the first attempt ends', async () => {
    for (const status of [null, undefined, node(), node({ connected: false })]) {
      const { unmount } = await renderUi(<SiteBadgeView status={status} />);
      expect(screen.queryByRole('status')).toBeNull();
      unmount();
    }
    await renderUi(<SiteBadgeView status={node({ connected: false, disconnectedSince: twoPm })} />);
    expect(plain(screen.getByRole('status').textContent)).toContain('Not connected to the other desks since 2:02 PM.');
  });
});

describe('Settings → This computer: the other computers in this building', () => {
  it('on a single PC, says this computer works alone and where IT reads how to connect it', async () => {
    await renderUi(<SiteStatusView status={null} now={twoPm} />);
    const card = screen.getByRole('region', { name: 'Other computers in this building' });
    expect(card.textContent).toContain('This computer works alone');
    expect(card.textContent).toContain('docs/install.md');
  });

  it('names the site and this computer, the connection, what waits, and each other node with when and how late', async () => {
    const status = node({
      connected: false,
      disconnectedSince: twoPm,
      pendingOut: 2,
      nodes: [
        { node: 'door-pc', lastSeenAt: twoPm - 5 * 60_000, lagMs: 1500 },
        { node: 'mailroom', lastSeenAt: twoPm - 30_000, lagMs: 80 },
      ],
    });
    await renderUi(<SiteStatusView status={status} now={twoPm} />);
    const card = screen.getByRole('region', { name: 'Other computers in this building' });
    expect(card.textContent).toContain('Site maple-court, this computer: lobby-desk');
    expect(plain(card.textContent)).toContain('Not connected since Dec 8, 2026, 2:02 PM');
    expect(card.textContent).toContain('2 changes made here waiting to be sent');
    const rows = within(card)
      .getAllByRole('row')
      .map((r) => plain(r.textContent));
    expect(rows[1]).toBe('door-pc5 minutes ago (Dec 8, 2026, 1:57 PM)1.5 s');
    expect(rows[2]).toBe('mailroom30 seconds ago (Dec 8, 2026, 2:01 PM)0.1 s');
  });

  it('says it in Spanish', async () => {
    const status = node({ pendingOut: 1, nodes: [{ node: 'door-pc', lastSeenAt: twoPm - 2 * 3_600_000, lagMs: 1500 }] });
    await renderUi(<SiteStatusView status={status} now={twoPm} />, 'es');
    const card = screen.getByRole('region', { name: 'Otros equipos de este edificio' });
    expect(card.textContent).toContain('Conectado con los otros equipos');
    expect(card.textContent).toContain('1 cambio hecho aquí en espera de envío');
    expect(plain(within(card).getAllByRole('row')[1]!.textContent)).toBe('door-pchace 2 horas (8 dic 2026, 12:02)1,5 s');
  });
});

describe('the Import screen on a node that does not run the daily import', () => {
  it('names the node that does and warns before an import by hand; says nothing where it runs here', async () => {
    const { unmount } = await renderUi(<ImportElsewhere elsewhere={{ node: 'desk' }} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Another computer runs this building's roster import");
    expect(alert.textContent).toContain('The daily import runs on computer desk; on this computer it does not run.');
    expect(alert.textContent).toContain('adds each new resident twice');
    unmount();
    const spanish = await renderUi(<ImportElsewhere elsewhere={{ node: null }} />, 'es');
    expect(screen.getByRole('alert').textContent).toContain('La importación diaria se hace en el primer equipo Packroom del edificio');
    spanish.unmount();
    await renderUi(<ImportElsewhere elsewhere={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
