// What every part of the PostgreSQL store stands on: the pool, the transactions, and the versions
// of the shared documents a call trusts (so a call reads them once, not once per read).
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { SHARED_DOCS } from '../../../records/shared-docs';

/** a pool or one of its connections (inside a transaction) */
export type Query = Pick<pg.PoolClient, 'query'>;

/**
 * One call (a request): the versions of the shared documents, asked for once — with the session,
 * or at the call's first read — and trusted for the rest of the call. So a call reads the shared
 * documents as they were when it began (or newer), at one query instead of one per read.
 */
interface CallView {
  versions: Map<string, string> | null;
}
export const SHARED_NAMES = Object.keys(SHARED_DOCS);

export class PgBase {
  private readonly calls = new AsyncLocalStorage<CallView>();

  constructor(
    readonly pool: pg.Pool,
    readonly ready: Promise<void>,
  ) {}

  call<R>(fn: () => Promise<R>): Promise<R> {
    return this.calls.run({ versions: null }, fn);
  }

  /** Inside a call: the versions of the shared documents as of the call (asked for now if not yet); outside: null. */
  async callVersions(): Promise<Map<string, string> | null> {
    const view = this.calls.getStore();
    if (!view) return null;
    if (!view.versions) {
      const r = await this.query<{ name: string; version: string }>('SELECT name, version FROM docs WHERE name = ANY($1)', [SHARED_NAMES]);
      view.versions ??= new Map(r.rows.map((x) => [x.name, x.version]));
    }
    return view.versions;
  }

  /** the versions a query of the call brought along (the session's) */
  noteVersions(versions: Record<string, string> | null): void {
    const view = this.calls.getStore();
    if (view && !view.versions) view.versions = new Map(Object.entries(versions ?? {}));
  }

  /** a document this call itself changed: its new version is the one to trust for the rest of the call */
  wrote(name: string, version: string): void {
    this.calls.getStore()?.versions?.set(name, version);
  }

  async tx<R>(fn: (c: Query) => Promise<R>): Promise<R> {
    await this.ready;
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    await this.ready;
    return this.pool.query<R>(sql, params);
  }
}

/** Updates of one document from this process go one after another (the row lock orders processes). */
export class Serial {
  private queue: Promise<unknown> = Promise.resolve();
  run<R>(fn: () => Promise<R>): Promise<R> {
    const p = this.queue.then(fn, fn);
    this.queue = p.catch(() => undefined);
    return p;
  }
}
