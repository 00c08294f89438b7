import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

import pkg from './package.json' with { type: 'json' };

const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const deps = Object.keys(pkg.dependencies);
/** The main process loads node built-ins and our dependencies from node_modules at run time. */
const mainExternal = (id: string) => id === 'electron' || node.has(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

// Bundles the Electron main process and the preload into dist/electron as CommonJS.
// `--mode preload` builds the preload alone and self-contained: a sandboxed preload can require
// nothing but 'electron'.
export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  // `--mode worker`: the PDF worker thread of archive jobs, next to main.cjs; `--mode text-worker`:
  // the process that reads PDFs (services/corpus/pdf-reader.ts)
  const worker = mode === 'worker' || mode === 'text-worker';
  const workerEntry = mode === 'text-worker' ? { 'text-worker': 'electron/main/services/corpus/text-worker.ts' } : { 'pdf-worker': 'electron/main/services/render/pdf-worker.ts' };
  return {
    build: {
      outDir: 'dist/electron',
      emptyOutDir: !preload && !worker,
      ssr: true,
      target: 'node22',
      minify: false,
      rollupOptions: {
        input: (preload ? { preload: 'electron/preload/index.ts' } : worker ? workerEntry : { main: 'electron/main/index.ts' }) as Record<string, string>,
        external: preload ? ['electron'] : mainExternal,
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
      ssrEmitAssets: false,
    },
    ssr: preload ? { noExternal: true } : undefined,
  };
});
