import { vi } from 'vitest';

/**
 * The renderer's API client as hook tests see it: `invoke` a mock, `on` keeps its listeners so a test can send an
 * event. Loaded in `vi.hoisted` (`await vi.hoisted(async () => (await import('./fakeApi')).fakeApi())`) so the
 * `vi.mock` of renderer/api/client can hand it out.
 */
export function fakeApi() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    listeners,
    invoke: vi.fn(),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    }),
    setAuthErrorHandler: vi.fn(),
  };
}
