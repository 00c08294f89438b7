// Exposes window.anxue: one named method per contract call, never a generic invoke(channel).
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, ipcChannel } from '../shared/api';

// lang: the language the page shows (working files are made in it); only a string crosses
const anxue: Record<string, (input: unknown, lang?: string) => Promise<unknown>> = {};
for (const name of CALL_NAMES) {
  const channel = ipcChannel(name);
  anxue[name] = (input: unknown, lang?: string) => ipcRenderer.invoke(channel, input, typeof lang === 'string' ? lang : undefined);
}
contextBridge.exposeInMainWorld('anxue', Object.freeze(anxue));
