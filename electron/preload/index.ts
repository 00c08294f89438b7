// Exposes window.anxue: one named method per contract call, never a generic invoke(channel).
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, ipcChannel } from '../shared/api';

const anxue: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of CALL_NAMES) {
  const channel = ipcChannel(name);
  anxue[name] = (input: unknown) => ipcRenderer.invoke(channel, input);
}
contextBridge.exposeInMainWorld('anxue', Object.freeze(anxue));
