// One lowdb document = one JSON file with exactly one writer in this process. Every update is
// serialized through a queue and written atomically; a failed update leaves memory and disk as
// they were.
import { existsSync } from 'node:fs';
import { Low } from 'lowdb';
import { DurableJSONFile } from '../durable-json-file';
import type { FolderSeal } from './seal';
import { said, type Message } from '../../../core/message';
import { SealError } from '../store';
import type { DocPort } from '../store';
import { upgrade, type DeepReadonly, type Migration, type Versioned } from '../../../records/versioned';

export class Doc<T extends Versioned> implements DocPort<T> {
  protected readonly low: Low<T>;
  private loaded: Promise<void> | null = null;
  private ready = false;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** called after each successful write (the data store keeps a stamp per file from it) */
  onWrite: (() => void) | null = null;
  /** dropped from the store's memory: using it now would be a second writer with stale data */
  retired = false;
  /** opened only to read (a backup of a folder a running server holds): an update is refused */
  readOnly = false;
  /** the current data holds a change that is kept in a journal, not yet in the file */
  protected unwritten = false;

  protected assertLive(): void {
    if (this.retired) throw new Error(`internal: ${this.file} was released from memory; ask the data store for it again`);
  }

  protected readonly adapter: DurableJSONFile<T>;
  /** the file was changed outside the app (its seal does not hold): what is wrong, named */
  protected tampered: Message | null = null;

  constructor(
    readonly file: string,
    private readonly defaults: () => T,
    /** migrations[v] upgrades a document of schemaVersion v to v + 1 */
    private readonly migrations: Readonly<Record<number, Migration>> = {},
    /** the folder's seal (seal.ts): files written sealed, checked when read */
    seal: FolderSeal | null = null,
  ) {
    this.adapter = new DurableJSONFile<T>(file, seal);
    this.low = new Low<T>(this.adapter, defaults());
  }

  /**
   * A file whose seal does not hold. A shared document is not used at all (a forged accounts.json
   * must not let anyone in): reading it fails, naming it. A person's record overrides this.
   */
  protected sealBroken(problem: Message): void {
    throw new SealError(said('seal.brokenDoc', { problem }));
  }

  /** Read the file again at the next use (the seal key arrived: what was read unchecked is checked now). */
  invalidate(): void {
    if (this.pending > 0) return;
    this.loaded = null;
    this.ready = false;
    this.tampered = null;
  }

  /** the stored data as it comes from the file, upgraded: a subclass may adjust it (person files) */
  protected loaded_(data: T): T {
    return data;
  }

  /** the copy an update works on (a subclass may share what can never change) */
  protected draftOf(data: T): T {
    return structuredClone(data);
  }

  /** called with the new data once it is kept */
  protected kept(_data: T): void {}

  private load(): Promise<void> {
    if (!this.loaded) {
      this.loaded = (async () => {
        await this.low.read();
        if (this.adapter.sealProblem) this.sealBroken(this.adapter.sealProblem);
        this.low.data = this.loaded_(upgrade(this.low.data, this.defaults().schemaVersion, this.migrations, this.file));
        this.ready = true;
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

  /** The current data when it is in memory already (no read), else null. Never mutate it. */
  current(): DeepReadonly<T> | null {
    return this.ready && !this.retired ? (this.low.data as DeepReadonly<T>) : null;
  }

  /** A deep copy of the current data: callers can never mutate the stored state by accident. */
  async read(): Promise<T> {
    this.assertLive();
    await this.load();
    return structuredClone(this.low.data);
  }

  /** Apply fn to a copy; if it returns without throwing, the copy is written and becomes current. */
  update<R>(fn: (draft: T) => R | Promise<R>): Promise<R> {
    return this.change(fn, async () => {
      await this.low.write();
      this.unwritten = false;
    });
  }

  /**
   * One serialized change: fn on a copy, then `keep` makes it durable (while the copy is already
   * current, so what keep writes is the copy); if fn or keep throws, the data stays as it was.
   */
  protected change<R>(fn: (draft: T) => R | Promise<R>, keep: (draft: T, before: T) => Promise<void>, draftOf: (data: T) => T = (d) => this.draftOf(d)): Promise<R> {
    this.assertLive();
    if (this.readOnly) return Promise.reject(new Error(`internal: ${this.file} was opened read-only`));
    this.pending += 1;
    const run = async () => {
      await this.load();
      // never write over (and seal) what was changed outside the app
      if (this.tampered) throw new SealError(said('seal.tampered', { problem: this.tampered }));
      const previous = this.low.data;
      const draft = draftOf(previous);
      const result = await fn(draft);
      this.low.data = draft;
      try {
        await keep(draft, previous);
      } catch (e) {
        this.low.data = previous;
        throw e;
      }
      this.kept(draft);
      this.onWrite?.();
      return result;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined).finally(() => (this.pending -= 1));
    return p;
  }

  /** Write the current data to the file now, if a change is kept elsewhere (a journal) and not yet in it. */
  flush(): Promise<void> {
    if (!this.unwritten) return Promise.resolve();
    return this.update(() => undefined);
  }

  /** No update is queued or running: the document may be dropped from memory and reloaded later. */
  idle(): boolean {
    return this.pending === 0 && !this.unwritten;
  }

  exists(): boolean {
    return existsSync(this.file);
  }
}
