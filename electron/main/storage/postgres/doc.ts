// A shared document (meta, accounts, roster, …) or a person's essay drafts: one row of `docs`.
import { upgrade, type DeepReadonly, type Migration, type Versioned } from '../../../records/versioned';
import type { DocPort } from '../store';
import { SHARED_NAMES, Serial, type PgBase } from './base';

/** One shared document: a row of `docs`. */
export class PgDoc<T extends Versioned> implements DocPort<T> {
  private cache: { version: string; data: T } | null = null;
  private readonly serial = new Serial();

  constructor(
    private readonly db: PgBase,
    readonly name: string,
    private readonly defaults: () => T,
    private readonly migrations: Readonly<Record<number, Migration>>,
  ) {}

  private decode(data: T): T {
    return upgrade(data, this.defaults().schemaVersion, this.migrations, `docs/${this.name}`);
  }

  async peek(): Promise<DeepReadonly<T>> {
    const shared = SHARED_NAMES.includes(this.name) ? await this.db.callVersions() : null;
    if (shared) {
      const v = shared.get(this.name);
      if (v === undefined) return this.defaults() as DeepReadonly<T>;
      if (this.cache?.version === v) return this.cache.data as DeepReadonly<T>;
    }
    const known = this.cache?.version ?? '-1';
    const r = await this.db.query<{ version: string; data: T | null }>('SELECT version, CASE WHEN version = $2 THEN NULL ELSE data END AS data FROM docs WHERE name = $1', [this.name, known]);
    const row = r.rows[0];
    if (!row) {
      this.cache = null;
      return this.defaults() as DeepReadonly<T>;
    }
    if (row.data !== null) this.cache = { version: row.version, data: this.decode(row.data) };
    return this.cache!.data as DeepReadonly<T>;
  }

  async read(): Promise<T> {
    return structuredClone((await this.peek()) as T);
  }

  update<R>(fn: (draft: T) => R | Promise<R>): Promise<R> {
    return this.serial.run(() =>
      this.db
        .tx(async (c) => {
          const lock = () =>
            c.query<{ version: string; data: T | null }>('SELECT version, CASE WHEN version = $2 THEN NULL ELSE data END AS data FROM docs WHERE name = $1 FOR UPDATE', [
              this.name,
              this.cache?.version ?? '-1',
            ]);
          let row = (await lock()).rows[0];
          if (!row) {
            await c.query("INSERT INTO docs (name, version, data) VALUES ($1, nextval('anxue_versions'), $2) ON CONFLICT (name) DO NOTHING", [this.name, JSON.stringify(this.defaults())]);
            row = (await lock()).rows[0]!;
          }
          const draft = row.data !== null ? this.decode(row.data) : structuredClone(this.cache!.data);
          const result = await fn(draft);
          const v = await c.query<{ version: string }>("UPDATE docs SET data = $2, version = nextval('anxue_versions') WHERE name = $1 RETURNING version", [this.name, JSON.stringify(draft)]);
          // kept only once committed: a rolled-back version never exists, so the next read fetches again
          const version = v.rows[0]!.version;
          return {
            result,
            commit: () => {
              this.cache = { version, data: draft };
              this.db.wrote(this.name, version);
            },
          };
        })
        .then(({ result, commit }) => {
          commit();
          return result;
        }),
    );
  }
}
