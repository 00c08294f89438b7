// The Electron shell cannot run here (no Electron runtime); what can be checked without it is
// checked: the window's security settings, the IPC transport, and the preload's surface.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isExternalLink, mainWindowOptions } from '../../electron/main/platform/window-options';
import { registerIpc, withDesktopActivity, type IpcMainLike } from '../../electron/main/transport/ipc';
import { CALL_NAMES, ipcChannel } from '../../electron/shared/api';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

const exposed: Record<string, unknown> = {};
const invoked: [string, unknown][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke: async (channel: string, input: unknown) => (invoked.push([channel, input]), 'ok') },
}));

let app: TempApp;
beforeAll(() => {
  app = makeApp();
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('Electron window', () => {
  it('uses contextIsolation, the sandbox and no nodeIntegration', () => {
    const w = mainWindowOptions('/x/preload.cjs').webPreferences!;
    expect(w).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, preload: '/x/preload.cjs' });
  });
  it('sends only http(s) links to the system browser', () => {
    expect(isExternalLink('https://flk.npc.gov.cn/')).toBe(true);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
  });
});

describe('preload', () => {
  it('exposes one named method per contract call and nothing generic', async () => {
    await import('../../electron/preload/index');
    const api = exposed.anxue as Record<string, (i: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
    expect(api).not.toHaveProperty('invoke');
    expect(Object.isFrozen(api)).toBe(true);
    await api['auth.me']!({});
    expect(invoked).toEqual([[ipcChannel('auth.me'), {}]]);
  });
});

describe('desktop activity', () => {
  it('the OS lock and system idle time override what the page reported', () => {
    const beat = { sessionId: 's', visible: true, focused: true, interacted: true };
    expect(withDesktopActivity(beat, { locked: () => false, systemIdleSeconds: () => 3 }, 120)).toEqual({ ...beat, locked: false, interacted: true });
    expect(withDesktopActivity(beat, { locked: () => true, systemIdleSeconds: () => 3 }, 120)).toMatchObject({ locked: true });
    expect(withDesktopActivity(beat, { locked: () => false, systemIdleSeconds: () => 600 }, 120)).toMatchObject({ interacted: false });
  });
});

describe('IPC transport', () => {
  it('registers every call and keeps the session per window, checking roles like HTTP', async () => {
    const handlers = new Map<string, (e: { sender: { id: number } }, i: unknown) => Promise<unknown>>();
    const ipc: IpcMainLike = { handle: (c, h) => void handlers.set(c, h), removeHandler: (c) => void handlers.delete(c) };
    const off = registerIpc(ipc, app.ports);
    expect([...handlers.keys()].sort()).toEqual(CALL_NAMES.map(ipcChannel).sort());
    const s = await seeded(app);
    const win1 = { sender: { id: 1 } };
    const win2 = { sender: { id: 2 } };
    await handlers.get(ipcChannel('auth.login'))!(win1, { employeeNo: 'E001', password: s.pw('E001') });
    expect(await handlers.get(ipcChannel('auth.me'))!(win1, {})).toMatchObject({ employeeNo: 'E001' });
    await expect(handlers.get(ipcChannel('auth.me'))!(win2, {})).rejects.toThrow(/"code":"unauthenticated"/);
    await expect(handlers.get(ipcChannel('roster.list'))!(win1, {})).rejects.toThrow(/"code":"forbidden"/);
    await handlers.get(ipcChannel('auth.logout'))!(win1, {});
    await expect(handlers.get(ipcChannel('auth.me'))!(win1, {})).rejects.toThrow(/unauthenticated/);
    off();
    expect(handlers.size).toBe(0);
  });
});
