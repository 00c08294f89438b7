import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: React + Vite, no Node APIs. Built to dist/renderer, loaded by Electron from disk
// (hence relative base) or served by electron/main/server.ts in browser mode.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
});
