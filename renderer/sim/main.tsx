import '@mantine/core/styles.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import { accessibleColors, cssVariablesResolver, variantColorResolver } from '../components/theme';
import { SimulatorPage } from './SimulatorPage';

const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
  variantColorResolver,
  colors: accessibleColors,
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <SimulatorPage />
    </MantineProvider>
  </StrictMode>,
);
