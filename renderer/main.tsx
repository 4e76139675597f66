import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import 'dayjs/locale/es';
import { createTheme, MantineProvider, Modal } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { accessibleColors, cssVariablesResolver, variantColorResolver } from './components/theme';
import { useTranslation } from './i18n';

function Root() {
  const { t, i18n } = useTranslation();
  const theme = useMemo(
    () =>
      createTheme({
        primaryColor: 'indigo',
        primaryShade: 8,
        variantColorResolver,
        colors: accessibleColors,
        defaultRadius: 'md',
        // Someone who asked their system for less motion gets dialogs and menus without their fade and slide.
        respectReducedMotion: true,
        components: {
          // Mantine's close button is an icon alone: give every dialog's one a name.
          Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }),
        },
      }),
    [t],
  );
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <DatesProvider settings={{ locale: i18n.language }}>
        <App />
      </DatesProvider>
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
