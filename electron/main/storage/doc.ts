// One lowdb document = one JSON file with exactly one writer in this process. Every update is
// serialized through a queue and written atomically; a failed update leaves memory and disk as
// they were.
import { existsSync } from 'node:fs';
import { Low } from 'lowdb';
import { DurableJSONFile } from './durable-json-file';
import type { DocPort } from './store';

export interface Versioned {
  schemaVersion: number;
}

export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Bring a stored document up to the schemaVersion this program writes, one migration at a time;
 * refuse one from a newer program. `label` names the file or row in the message.
 */
export function upgrade<T extends Versioned>(stored: T, target: number, migrations: Readonly<Record<number, Migration>>, label: string): T {
  let data = stored as unknown as Record<string, unknown>;
  let v = typeof data.schemaVersion === 'number' ? data.schemaVersion : 0;
  if (v > target) throw new Error(`数据文件 ${label} 来自更新版本的安学（schemaVersion ${v}），请升级程序`);
  while (v < target) {
    const m = migrations[v];
    if (!m) throw new Error(`数据文件 ${label} 的 schemaVersion ${v} 无法升级`);
    data = { ...m(data), schemaVersion: v + 1 };
    v += 1;
  }
  return data as unknown as T;
}

export class Doc<T extends Versioned> implements DocPort<T> {
  private readonly low: Low<T>;
  private loaded: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** called after each successful write (the data store keeps a stamp per file from it) */
  onWrite: (() => void) | null = null;
  /** dropped from the store's memory: using it now would be a second writer with stale data */
  retired = false;
  /** opened only to read (a backup of a folder a running server holds): an update is refused */
  readOnly = false;

  private assertLive(): void {
    if (this.retired) throw new Error(`internal: ${this.file} was released from memory; ask the data store for it again`);
  }

  constructor(
    readonly file: string,
    private readonly defaults: () => T,
    /** migrations[v] upgrades a document of schemaVersion v to v + 1 */
    private readonly migrations: Readonly<Record<number, Migration>> = {},
  ) {
    this.low = new Low<T>(new DurableJSONFile<T>(file), defaults());
  }

  private load(): Promise<void> {
    if (!this.loaded) {
      this.loaded = (async () => {
        await this.low.read();
        this.low.data = upgrade(this.low.data, this.defaults().schemaVersion, this.migrations, this.file);
      })();
      this.loaded.catch(() => {
        this.loaded = null;
      });
    }
    return this.loaded;
  }

  /**
   * The current data itself, without a copy, for hot read-only paths (session lookup, dashboards).
   * Never mutate what this returns; use read() when a copy is needed.
   */
  async peek(): Promise<DeepReadonly<T>> {
    this.assertLive();
    await this.load();
    return this.low.data as DeepReadonly<T>;
  }

  /** A deep copy of the current data: callers can never mutate the stored state by accident. */
  async read(): Promise<T> {
    this.assertLive();
    await this.load();
    return structuredClone(this.low.data);
  }

  /** Apply fn to a copy; if it returns without throwing, the copy is written and becomes current. */
  update<R>(fn: (draft: T) => R | Promise<R>): Promise<R> {
    this.assertLive();
    if (this.readOnly) return Promise.reject(new Error(`internal: ${this.file} was opened read-only`));
    this.pending += 1;
    const run = async () => {
      await this.load();
      const draft = structuredClone(this.low.data);
      const result = await fn(draft);
      const previous = this.low.data;
      this.low.data = draft;
      try {
        await this.low.write();
      } catch (e) {
        this.low.data = previous;
        throw e;
      }
      this.onWrite?.();
      return result;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined).finally(() => (this.pending -= 1));
    return p;
  }

  /** No update is queued or running: the document may be dropped from memory and reloaded later. */
  idle(): boolean {
    return this.pending === 0;
  }

  exists(): boolean {
    return existsSync(this.file);
  }
}
