// Assemble the ports for one data folder. Used by the HTTP server, the CLI and the Electron entry.
import { DataStore } from './storage/data-store';
import { memorySessions } from './services/auth';
import { defaultContentDir, loadContent } from './services/corpus';
import { cryptoRandom, monotonicClock, type Ports } from './services/ports';

export interface AppOptions {
  dataDir: string;
  contentDir?: string;
  clockSpeed?: number;
}

export function openApp(o: AppOptions): Ports {
  const content = loadContent(o.contentDir ?? defaultContentDir());
  const store = DataStore.open(o.dataDir);
  const clockSpeed = o.clockSpeed ?? 1;
  return { store, clock: monotonicClock(clockSpeed), content, sessions: memorySessions(), clockSpeed, random: cryptoRandom };
}
