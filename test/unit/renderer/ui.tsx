import 'dayjs/locale/es';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import { act, type ReactNode } from 'react';
import { afterEach } from 'vitest';
import type { Language } from '../../../src/contract';
import { i18n } from '../../../renderer/i18n';

// Mantine reads the colour scheme and breakpoints through matchMedia and sizes popovers with ResizeObserver,
// neither of which happy-dom has.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
window.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
Element.prototype.scrollIntoView ??= () => undefined;

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

/** Renders a screen as the app does (Mantine, dates in the screen's language), in `language`. */
export async function renderUi(ui: ReactNode, language: Language = 'en'): Promise<RenderResult> {
  await act(() => i18n.changeLanguage(language));
  return render(
    <MantineProvider>
      <DatesProvider settings={{ locale: language }}>{ui}</DatesProvider>
    </MantineProvider>,
  );
}

/** The error Mantine shows under a field (linked by aria-describedby), or null when it shows none. */
export function errorUnder(field: HTMLElement): string | null {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
  const shown = ids.map((id) => document.getElementById(id)?.textContent ?? '').filter(Boolean);
  return shown.length > 0 ? shown.join(' ') : null;
}
