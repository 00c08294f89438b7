// The built Electron bundles, loaded with a stand-in for the `electron` module (the runtime itself
// cannot be had here): the main bundle wires a secure window and every IPC channel; the preload
// bundle needs nothing but `electron`, as a sandboxed preload must.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, ipcChannel } from '../../electron/shared/api';
import { ROOT } from '../helpers/cli';
import { removeDir, tempDir } from '../helpers/temp-app';

const MAIN = path.join(ROOT, 'dist/electron/main.cjs');
const PRELOAD = path.join(ROOT, 'dist/electron/preload.cjs');
const data = tempDir('anxue-bundle-');
/** the app's own folder (userData): where the desktop keeps the records' seal keys, beside the data folder, not in it */
const userData = tempDir('anxue-bundle-user-');

beforeAll(() => {
  if (!existsSync(MAIN) || !existsSync(PRELOAD)) throw new Error('dist/electron is not built: npm test runs `npm run build` first');
});
afterAll(() => {
  removeDir(data);
  removeDir(userData);
});

describe('Electron bundles', () => {
  it('main: single-instance lock, a sandboxed window loading the built UI, and one IPC handler per call', async () => {
    const calls: string[] = [];
    const handlers = new Map<string, unknown>();
    let windowOptions: { webPreferences?: Record<string, unknown> } = {};
    let loaded = '';
    let ready: () => Promise<void> = async () => {};
    class FakeWindow {
      webContents = { setWindowOpenHandler: () => calls.push('windowOpenHandler'), on: (ev: string) => calls.push(`wc:${ev}`) };
      constructor(o: typeof windowOptions) {
        windowOptions = o;
      }
      once() {}
      async loadFile(f: string) {
        loaded = f;
      }
    }
    const fake = {
      app: {
        requestSingleInstanceLock: () => (calls.push('lock'), true),
        on: () => {},
        quit: () => {},
        getPath: (name: string) => (name === 'userData' ? userData : data),
        getAppPath: () => ROOT,
        isPackaged: false,
        whenReady: () => ({ then: (fn: () => void) => (ready = async () => fn()) }),
      },
      BrowserWindow: FakeWindow,
      ipcMain: { handle: (c: string, h: unknown) => handlers.set(c, h), removeHandler: () => {} },
      session: { defaultSession: { setPermissionRequestHandler: () => calls.push('permissions') } },
      shell: { openExternal: () => {} },
      powerMonitor: { on: () => calls.push('powerMonitor'), getSystemIdleTime: () => 0 },
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'gnome_libsecret',
        encryptString: (t: string) => (calls.push('safeStorage.encrypt'), Buffer.from(`os:${t}`)),
        decryptString: (b: Buffer) => b.toString().slice(3),
      },
    };
    const original = (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load;
    (Module as unknown as { _load: unknown })._load = (request: string, ...rest: unknown[]) => (request === 'electron' ? fake : original(request, ...rest));
    const argv = process.argv;
    process.argv = [...argv, '--data', data];
    try {
      createRequire(import.meta.url)(MAIN);
      await ready();
    } finally {
      (Module as unknown as { _load: unknown })._load = original;
      process.argv = argv;
    }
    expect(calls).toContain('lock');
    expect(calls).toContain('permissions');
    expect(calls).toContain('powerMonitor');
    expect(calls).toContain('windowOpenHandler');
    // the new data folder's seal key went to the OS key store, kept in the app's folder, not the data folder
    expect(calls).toContain('safeStorage.encrypt');
    expect(readdirSync(path.join(userData, 'seal-keys')).some((f) => f.endsWith('.key'))).toBe(true);
    expect(calls).toContain('wc:will-navigate');
    expect(windowOptions.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(existsSync(String(windowOptions.webPreferences!.preload))).toBe(true);
    expect(loaded).toBe(path.join(ROOT, 'dist/renderer/index.html'));
    expect([...handlers.keys()].sort()).toEqual(CALL_NAMES.map(ipcChannel).sort());
    const status = await (handlers.get(ipcChannel('setup.status')) as (e: unknown, i: unknown) => Promise<unknown>)({ sender: { id: 1 } }, {});
    expect(status).toEqual({ initialized: false, enterprise: null, setupCodeRequired: false });
  });

  it('preload: runs with nothing but `electron` and exposes exactly the contract calls', () => {
    const required: string[] = [];
    let exposed: Record<string, unknown> = {};
    const sandbox = {
      require: (m: string) => {
        required.push(m);
        if (m !== 'electron') throw new Error(`a sandboxed preload cannot require ${m}`);
        return { contextBridge: { exposeInMainWorld: (_k: string, v: Record<string, unknown>) => (exposed = v) }, ipcRenderer: { invoke: async () => null } };
      },
      module: { exports: {} },
      exports: {},
      console,
    };
    vm.runInNewContext(readFileSync(PRELOAD, 'utf8'), sandbox);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(Object.keys(exposed).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('text-worker: the built PDF reader finds PDFium and its .wasm from dist/electron and reads a PDF, twice in one process', async () => {
    const { fork } = await import('node:child_process');
    const worker = path.join(ROOT, 'dist/electron/text-worker.cjs');
    expect(existsSync(worker), 'npm test builds it first').toBe(true);
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'content/docs/special-work-study-notes.pdf')));
    const child = fork(worker, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, ANXUE_PDF_ENGINE: 'pdfium' } });
    try {
      const reads: { pages: number; blocks: { loc: number; text: string }[] }[] = [];
      for (let i = 0; i < 2; i++) {
        reads.push(
          await new Promise((resolve, reject) => {
            const on = (m: { read?: (typeof reads)[number]; failed?: string }) => {
              if (m.failed) reject(new Error(m.failed));
              if (!m.read) return;
              child.off('message', on);
              resolve(m.read);
            };
            child.on('message', on);
            child.send({ bytes, rssCapMb: 448, engine: 'pdfium' });
          }),
        );
      }
      expect(reads[0]!.pages).toBeGreaterThan(0);
      expect(reads[0]!.blocks.map((b) => b.text).join('')).toMatch(/动火/);
      // the reader kept for the next PDF reads it the same
      expect(reads[1]!.blocks).toEqual(reads[0]!.blocks);
    } finally {
      child.kill();
    }
  });
});
