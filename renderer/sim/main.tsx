import '@mantine/core/styles.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import { SimulatorPage } from './SimulatorPage';

const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'md' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <SimulatorPage />
    </MantineProvider>
  </StrictMode>,
);
