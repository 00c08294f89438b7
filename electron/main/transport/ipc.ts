// Electron IPC transport: one handler per contract call, on the channel the contract names.
// The session token stays in the main process, keyed by the calling window.
import { CALL_NAMES, ipcChannel, type CallName } from '../../shared/api';
import { langOf, LOCAL_CLIENT, type Ports } from '../services/ports';
import { dispatch } from './dispatch';

/** The part of Electron's ipcMain we use (so this file needs no electron import). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { sender: { id: number } }, input: unknown, lang?: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** What the desktop knows better than the page: the screen lock and the system-wide idle time. */
export interface DesktopActivity {
  locked(): boolean;
  systemIdleSeconds(): number;
}

/** A study beat from the desktop app: the OS's view of lock and idle overrides what the page saw. */
export function withDesktopActivity(input: unknown, activity: DesktopActivity, idleLimitSeconds: number): unknown {
  if (!input || typeof input !== 'object') return input;
  const b = input as { interacted?: unknown };
  const idle = activity.systemIdleSeconds() >= idleLimitSeconds;
  return { ...b, locked: activity.locked(), interacted: b.interacted === true && !idle };
}

export function registerIpc(ipcMain: IpcMainLike, ports: Ports, activity?: DesktopActivity): () => void {
  const tokens = new Map<number, string>();
  for (const name of CALL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, raw, lang) => {
      let input = raw;
      if (activity && name === 'study.beat') input = withDesktopActivity(raw, activity, (await ports.store.meta.read()).settings.idleLimitSeconds);
      const r = await dispatch(ports, name, input, tokens.get(event.sender.id) ?? null, { ...LOCAL_CLIENT, lang: langOf(lang) });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      afterCall(name, r.value, event.sender.id, tokens);
      return r.value;
    });
  }
  return () => CALL_NAMES.forEach((n) => ipcMain.removeHandler(ipcChannel(n)));
}

function afterCall(name: CallName, value: unknown, sender: number, tokens: Map<number, string>) {
  if (name === 'auth.login') tokens.set(sender, (value as { token: string }).token);
  if (name === 'auth.logout') tokens.delete(sender);
}
