// Assemble the ports for one data folder (and, for a plant's server, one PostgreSQL database).
// Used by the HTTP server, the CLI and the Electron entry.
import { DataStore } from './storage/lowdb/data-store';
import { PgStore } from './storage/postgres';
import type { KeyStore } from './storage/lowdb/seal';
import type { Store } from './storage/store';
import { memorySessions, SESSION_TTL_MS } from './services/accounts/auth';
import { defaultContentDir, loadContent } from './services/corpus/corpus';
import { cryptoRandom, monotonicClock, type Ports } from './services/ports';
import { newRuntime } from './services/runtime';
import { nodeFiles } from './files';
import type { SessionTable } from './storage/store';

export interface StoreOptions {
  dataDir: string;
  /** postgres://… : records in PostgreSQL (files that are not records stay in dataDir); absent: lowdb files in dataDir */
  db?: string;
  /** a schema of its own in that database */
  schema?: string;
  /** where the records' seal keys are (lowdb; storage/lowdb/seal.ts): the desktop's OS key store, else the user's config folder */
  keys?: KeyStore;
}

export interface AppOptions extends StoreOptions {
  contentDir?: string;
  clockSpeed?: number;
}

/** The records, and where sessions are kept: in the database with PostgreSQL (every process sees them), else in memory. */
export function openStore(o: StoreOptions): { store: Store; sessions: SessionTable } {
  if (o.db) {
    const store = PgStore.open({ url: o.db, dir: o.dataDir, ...(o.schema ? { schema: o.schema } : {}) });
    return { store, sessions: store.sessions(SESSION_TTL_MS) };
  }
  return { store: DataStore.open(o.dataDir, o.keys ? { keys: o.keys } : {}), sessions: memorySessions() };
}

/** One app: its ports, and how it is closed. */
export interface App extends Ports {
  /** Its timers stopped first (none then runs on a closed store), then its store closed. */
  close(): Promise<void>;
}

export function openApp(o: AppOptions): App {
  const content = loadContent(nodeFiles, o.contentDir ?? defaultContentDir());
  const { store, sessions } = openStore(o);
  const clockSpeed = o.clockSpeed ?? 1;
  const runtime = newRuntime();
  return {
    store,
    clock: monotonicClock(clockSpeed),
    files: nodeFiles,
    content,
    sessions,
    clockSpeed,
    random: cryptoRandom,
    runtime,
    async close() {
      runtime.stopTimers();
      await store.close();
    },
  };
}
