import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs work under both app:// (desktop) and http:// (headless host).
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // The staff UI, and the door simulator the headless host serves at /sim in sim mode.
    rolldownOptions: {
      input: { main: page('./renderer/index.html'), sim: page('./renderer/sim/index.html') },
    },
  },
});
