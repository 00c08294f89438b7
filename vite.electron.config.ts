import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const node = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Bundles the Electron main process and the preload into dist/electron as CommonJS.
// `--mode preload` builds the preload alone and self-contained: a sandboxed preload can require
// nothing but 'electron'.
export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  return {
    build: {
      outDir: 'dist/electron',
      emptyOutDir: !preload,
      ssr: true,
      target: 'node22',
      minify: false,
      rollupOptions: {
        input: (preload ? { preload: 'electron/preload/index.ts' } : { main: 'electron/main/index.ts' }) as Record<string, string>,
        external: preload ? ['electron'] : ['electron', ...node, 'exceljs', 'pdfmake', 'lowdb', 'lowdb/node', 'papaparse', 'zod'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
      ssrEmitAssets: false,
    },
    ssr: preload ? { noExternal: true } : undefined,
  };
});
