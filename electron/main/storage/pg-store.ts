// The storage port on PostgreSQL: the same documents as the lowdb folder, for a plant's server,
// with any number of server processes on one database.
//
// - Shared documents (meta, accounts, roster, campaigns, …) are one row each in `docs` (jsonb).
// - A person's training record is a row in `persons` (what they have open) and one row per event
//   in `person_events`: append-only, unique ids and hashes, and the hash chain itself enforced by
//   the database (each event's prev_hash must be the hash of the event before it).
// - Sessions live in `sessions` (the SHA-256 of the token, never the token), so either process
//   can serve a learner.
// - Every update is one transaction that locks its row (SELECT … FOR UPDATE): two processes
//   updating the same document queue up, and none loses the other's change. Reads check the row's
//   version (one short query) and reuse what this process already has when it is unchanged.
// - Imported editions (PDFs and texts), exports and derived search indexes stay files in the data
//   folder: they are large, written once and named by their SHA-256, which the corpus document
//   keeps, so a missing or changed file shows; the database holds every record.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { serverLog } from '../log';
import { upgrade, type DeepReadonly, type Migration, type Versioned } from '../../records/versioned';
import { checkEmployeeNo, emptyDrafts, emptyPerson, PERSON_MIGRATIONS, type EssayDraftsFile, type PersonFile } from '../../records/person';
import { SHARED_DOCS, type SharedDocName, type AccountsFile, type CheckpointsFile, type SigningFile, type AuditFile, type CampaignsFile, type CollectiveFile, type CorpusFile, type ExportsFile, type LoginGuardFile, type MergesFile, type MetaFile, type PlanFile, type InspectionsFile, type SummariesFile, type QuestionsFile, type RosterFile } from '../../records/shared-docs';
import type { PersonEvent } from '../../records/events';
import { headOf, studyBits, summarizePerson, type CampaignFigures, type PersonCampaignView, type PersonSummary, type SummaryHead } from '../../records/summary';
import { checkStudyOnly, freezeEvents, personDraft, studyDraft } from './person-doc';
import type { DocPort, FilePort, PersonPort, Store } from './store';
import type { SessionTable } from './store';

/**
 * The schema, one step per version: MIGRATIONS[i] takes a database from version i to i + 1.
 * Applied in order in one transaction, under an advisory lock, so two processes starting at once
 * do not both migrate.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE SEQUENCE anxue_versions;
   CREATE TABLE docs (
     name text PRIMARY KEY CHECK (name ~ '^[a-zA-Z]+(/[A-Za-z0-9_-]{1,32})?$'),
     version bigint NOT NULL,
     data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object' AND coalesce(jsonb_typeof(data -> 'schemaVersion') = 'number', false))
   );
   CREATE TABLE persons (
     employee_no text PRIMARY KEY CHECK (employee_no ~ '^[A-Za-z0-9_-]{1,32}$'),
     version bigint NOT NULL,
     schema_version integer NOT NULL CHECK (schema_version > 0),
     open jsonb NOT NULL CHECK (jsonb_typeof(open) = 'object')
   );
   CREATE TABLE person_events (
     employee_no text NOT NULL REFERENCES persons (employee_no) ON DELETE CASCADE,
     seq integer NOT NULL CHECK (seq > 0),
     id uuid NOT NULL UNIQUE,
     type text NOT NULL CHECK (type ~ '^[a-z]+\\.[a-z]+$'),
     at text NOT NULL CHECK (at ~ '^\\d{4}-\\d\\d-\\d\\dT'),
     by text NOT NULL,
     data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
     prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
     hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
     prev_seq integer GENERATED ALWAYS AS (NULLIF(seq - 1, 0)) STORED,
     PRIMARY KEY (employee_no, seq),
     UNIQUE (employee_no, seq, hash),
     CHECK (seq > 1 OR prev_hash = repeat('0', 64)),
     FOREIGN KEY (employee_no, prev_seq, prev_hash) REFERENCES person_events (employee_no, seq, hash)
   );
   CREATE TABLE sessions (
     token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
     employee_no text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     last_seen bigint NOT NULL
   );
   CREATE INDEX sessions_by_person ON sessions (employee_no);`,
  // evidence files (photos of findings, attachments of 述职报告), by hash, written once
  `CREATE TABLE files (
     sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
     bytes bytea NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   );`,
  // per person and campaign what the officer's views need (storage/person-summary.ts), written in
  // the transaction that writes the record; persons.summary: the year figures and a digest per
  // campaign (NULL: the record was last written by a program from before the summaries)
  `ALTER TABLE persons ADD COLUMN summary jsonb;
   CREATE TABLE person_summaries (
     campaign_id text NOT NULL,
     employee_no text NOT NULL REFERENCES persons (employee_no) ON DELETE CASCADE,
     digest text NOT NULL,
     figures jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
     PRIMARY KEY (campaign_id, employee_no)
   );
   CREATE INDEX person_summaries_by_person ON person_summaries (employee_no);`,
];

/**
 * Write a person's summaries in transaction c: the campaigns whose digest changed since `had`, and
 * no longer those that are gone. `version`: only while the row is still at it (a summary made
 * after the fact must not overwrite what a newer write made).
 */
async function writeSummaries(c: Query, employeeNo: string, s: PersonSummary, had: SummaryHead | null, version?: string): Promise<SummaryHead> {
  const head = headOf(s);
  const r = await c.query(`UPDATE persons SET summary = $2 WHERE employee_no = $1${version ? ' AND version = $3' : ''}`, [employeeNo, JSON.stringify(head), ...(version ? [version] : [])]);
  if (r.rowCount === 0) return head;
  const changed = Object.keys(head.digests).filter((id) => had?.digests[id] !== head.digests[id]);
  if (changed.length > 0) {
    await c.query(
      `INSERT INTO person_summaries (campaign_id, employee_no, digest, figures)
       SELECT x.campaign_id, $1, x.digest, x.figures FROM jsonb_to_recordset($2::jsonb) AS x(campaign_id text, digest text, figures jsonb)
       ON CONFLICT (campaign_id, employee_no) DO UPDATE SET digest = excluded.digest, figures = excluded.figures`,
      [employeeNo, JSON.stringify(changed.map((id) => ({ campaign_id: id, digest: head.digests[id], figures: s.campaigns[id] })))],
    );
  }
  const gone = Object.keys(had?.digests ?? {}).filter((id) => !(id in head.digests));
  if (gone.length > 0) await c.query('DELETE FROM person_summaries WHERE employee_no = $1 AND campaign_id = ANY($2)', [employeeNo, gone]);
  return head;
}

/** Bring the database (or one schema of it) to the newest version; returns the versions it went through. */
export async function migrateDatabase(pool: pg.Pool, schema: string | null): Promise<{ from: number; to: number }> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query("SELECT pg_advisory_xact_lock(hashtext('anxue-schema-' || $1))", [schema ?? 'public']);
    if (schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
    await c.query('CREATE TABLE IF NOT EXISTS anxue_schema (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const from = Number((await c.query<{ v: number | null }>('SELECT max(version) AS v FROM anxue_schema')).rows[0]?.v ?? 0);
    if (from > MIGRATIONS.length) throw new Error(`数据库的结构版本 ${from} 比本程序的（${MIGRATIONS.length}）新，请升级安学`);
    for (let v = from; v < MIGRATIONS.length; v++) {
      await c.query(MIGRATIONS[v]!);
      await c.query('INSERT INTO anxue_schema (version) VALUES ($1)', [v + 1]);
    }
    await c.query('COMMIT');
    return { from, to: MIGRATIONS.length };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

type Query = Pick<pg.PoolClient, 'query'>;

/**
 * One call (a request): the versions of the shared documents, asked for once — with the session,
 * or at the call's first read — and trusted for the rest of the call. So a call reads the shared
 * documents as they were when it began (or newer), at one query instead of one per read.
 */
interface CallView {
  versions: Map<string, string> | null;
}
const SHARED_NAMES = Object.keys(SHARED_DOCS);

class PgBase {
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
class Serial {
  private queue: Promise<unknown> = Promise.resolve();
  run<R>(fn: () => Promise<R>): Promise<R> {
    const p = this.queue.then(fn, fn);
    this.queue = p.catch(() => undefined);
    return p;
  }
}

/** One shared document: a row of `docs`. */
class PgDoc<T extends Versioned> implements DocPort<T> {
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
      this.db.tx(async (c) => {
        const lock = () => c.query<{ version: string; data: T | null }>('SELECT version, CASE WHEN version = $2 THEN NULL ELSE data END AS data FROM docs WHERE name = $1 FOR UPDATE', [this.name, this.cache?.version ?? '-1']);
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
      }).then(({ result, commit }) => {
        commit();
        return result;
      }),
    );
  }
}

interface EventRow {
  seq: number;
  id: string;
  type: PersonEvent['type'];
  at: string;
  by: string;
  data: PersonEvent['data'];
  prev_hash: string;
  hash: string;
}
const toEvent = (r: EventRow): PersonEvent => ({ seq: r.seq, id: r.id, type: r.type, at: r.at, by: r.by, data: r.data, prevHash: r.prev_hash, hash: r.hash }) as PersonEvent;

/** A person's record: their `persons` row and their events, fetched from where this process left off. */
class PgPerson implements PersonPort {
  private cache: { version: string; file: PersonFile } | null = null;
  private readonly serial = new Serial();

  constructor(
    private readonly db: PgBase,
    readonly employeeNo: string,
  ) {}

  /** what the database holds now, reusing the cached events that are still the same */
  private async load(c: Query, lock: boolean): Promise<{ version: string; file: PersonFile } | null> {
    const known = this.cache?.version ?? '-1';
    const r = await c.query<{ version: string; schema_version: number; open: PersonFile['open'] | null }>(
      `SELECT version, schema_version, CASE WHEN version = $2 THEN NULL ELSE open END AS open FROM persons WHERE employee_no = $1${lock ? ' FOR UPDATE' : ''}`,
      [this.employeeNo, known],
    );
    const row = r.rows[0];
    if (!row) return null;
    if (row.open === null && this.cache) return this.cache;
    const rows = (await c.query<EventRow>('SELECT seq, id, type, at, by, data, prev_hash, hash FROM person_events WHERE employee_no = $1 AND seq >= $2 ORDER BY seq', [this.employeeNo, this.eventsFrom()])).rows;
    return this.assemble(row, rows.map(toEvent)) ?? this.assemble(row, (await c.query<EventRow>('SELECT seq, id, type, at, by, data, prev_hash, hash FROM person_events WHERE employee_no = $1 ORDER BY seq', [this.employeeNo])).rows.map(toEvent), true)!;
  }

  /** the first seq to fetch: the last event this process has (to check it is still the same), or 1 */
  eventsFrom(): number {
    return Math.max(1, this.cache?.file.events.length ?? 0);
  }

  get knownVersion(): string {
    return this.cache?.version ?? '-1';
  }

  /**
   * The record from its row and the events from eventsFrom() on (or all, when `all`): null when
   * they do not continue the history this process had (the person was deleted and written anew).
   */
  assemble(row: { version: string; schema_version: number; open: PersonFile['open'] | null }, rows: PersonEvent[], all = false): { version: string; file: PersonFile } | null {
    if (row.open === null && this.cache) return this.cache;
    const had = all ? [] : (this.cache?.file.events ?? []);
    const from = had.length;
    let events: PersonEvent[];
    if (from === 0) events = rows;
    else if (rows[0]?.hash === had[from - 1]!.hash) events = [...had, ...rows.slice(1)];
    else return null;
    const stored = { schemaVersion: row.schema_version, employeeNo: this.employeeNo, events, open: row.open! } as unknown as PersonFile;
    return { version: row.version, file: upgrade(stored, 2, PERSON_MIGRATIONS, `persons/${this.employeeNo}`) };
  }

  /** what a batch read (PgStore.peekPeople) found */
  keep(got: { version: string; file: PersonFile } | null): DeepReadonly<PersonFile> {
    this.cache = got;
    return (got?.file ?? emptyPerson(this.employeeNo)) as DeepReadonly<PersonFile>;
  }

  async peek(): Promise<DeepReadonly<PersonFile>> {
    await this.db.ready;
    return this.keep(await this.load(this.db.pool, false));
  }

  async read(): Promise<PersonFile> {
    return structuredClone((await this.peek()) as PersonFile);
  }

  update<R>(fn: (draft: PersonFile) => R | Promise<R>): Promise<R> {
    return this.serial.run(() => this.locked(fn, personDraft));
  }

  /**
   * A study-only update in one statement when it can be: fn runs on the record this process has,
   * and the row is written only if it is still at that version (compare-and-set, committed at once).
   * If another process wrote meanwhile — or fn refused on what may be an old copy — it runs again
   * the ordinary way, on the locked row. So fn may run twice; it must only change the draft.
   */
  updateStudy<R>(fn: (draft: PersonFile) => R): Promise<R> {
    return this.serial.run(async () => {
      const had = this.cache;
      if (had) {
        let tried: { draft: PersonFile; result: R } | null = null;
        try {
          const draft = studyDraft(had.file);
          const result = fn(draft);
          checkStudyOnly(had.file, draft);
          tried = { draft, result };
        } catch {
          // decided again below, on the row as it is now
        }
        if (tried) {
          const r = await this.db.query<{ version: string }>("UPDATE persons SET open = $3, version = nextval('anxue_versions') WHERE employee_no = $1 AND version = $2 RETURNING version", [
            this.employeeNo,
            had.version,
            JSON.stringify(tried.draft.open),
          ]);
          const version = r.rows[0]?.version;
          if (version) {
            this.cache = { version, file: tried.draft };
            return tried.result;
          }
        }
      }
      return this.locked(fn, studyDraft, checkStudyOnly);
    });
  }

  private locked<R>(fn: (draft: PersonFile) => R | Promise<R>, draftOf: (f: PersonFile) => PersonFile, check?: (before: PersonFile, draft: PersonFile) => void): Promise<R> {
    return (
      this.db
        .tx(async (c) => {
          let now = await this.load(c, true);
          if (!now) {
            const e = emptyPerson(this.employeeNo);
            await c.query("INSERT INTO persons (employee_no, version, schema_version, open) VALUES ($1, nextval('anxue_versions'), $2, $3) ON CONFLICT (employee_no) DO NOTHING", [this.employeeNo, e.schemaVersion, JSON.stringify(e.open)]);
            now = (await this.load(c, true))!;
          }
          const before = now.file.events;
          const draft = draftOf(now.file);
          const result = await fn(draft);
          check?.(now.file, draft);
          // append-only: what was there stays exactly where it was
          if (draft.events.length < before.length || before.some((e, i) => draft.events[i]!.hash !== e.hash || draft.events[i]!.id !== e.id)) {
            throw new Error(`internal: ${this.employeeNo} 的记录只能追加，不能修改或删除`);
          }
          const added = draft.events.slice(before.length);
          if (added.length > 0) {
            await c.query(
              `INSERT INTO person_events (employee_no, seq, id, type, at, by, data, prev_hash, hash)
               SELECT $1, x.seq, x.id::uuid, x.type, x.at, x.by, x.data, x.prev_hash, x.hash
               FROM jsonb_to_recordset($2::jsonb) AS x(seq integer, id text, type text, at text, by text, data jsonb, prev_hash text, hash text)
               ORDER BY x.seq`,
              [this.employeeNo, JSON.stringify(added.map((e) => ({ seq: e.seq, id: e.id, type: e.type, at: e.at, by: e.by, data: e.data, prev_hash: e.prevHash, hash: e.hash })))],
            );
          }
          const v = await c.query<{ version: string; summary: SummaryHead | null }>(
            "UPDATE persons SET version = nextval('anxue_versions'), schema_version = $2, open = $3 WHERE employee_no = $1 RETURNING version, summary",
            [this.employeeNo, draft.schemaVersion, JSON.stringify(draft.open)],
          );
          const version = v.rows[0]!.version;
          // a study-only change leaves the summaries as they are (the open session is read as it stands)
          if (!check) await writeSummaries(c, this.employeeNo, summarizePerson(draft), v.rows[0]!.summary);
          return {
            result,
            commit: () => {
              freezeEvents(draft.events);
              this.cache = { version, file: draft };
            },
          };
        })
        .then(({ result, commit }) => {
          commit();
          return result;
        })
    );
  }
}

export interface PgStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** the folder for files that are not records (imported editions, exports, indexes) */
  dir: string;
  /** a schema of its own inside the database (tests; several enterprises in one database) */
  schema?: string;
  /** connections in the pool */
  max?: number;
}

export class PgStore implements Store {
  readonly dir: string;
  readonly pool: pg.Pool;
  private readonly db: PgBase;
  readonly meta!: DocPort<MetaFile>;
  readonly accounts!: DocPort<AccountsFile>;
  readonly signing!: DocPort<SigningFile>;
  readonly checkpoints!: DocPort<CheckpointsFile>;
  readonly roster!: DocPort<RosterFile>;
  readonly campaigns!: DocPort<CampaignsFile>;
  readonly questions!: DocPort<QuestionsFile>;
  readonly exports!: DocPort<ExportsFile>;
  readonly corpus!: DocPort<CorpusFile>;
  readonly collective!: DocPort<CollectiveFile>;
  readonly audit!: DocPort<AuditFile>;
  readonly loginGuard!: DocPort<LoginGuardFile>;
  readonly merges!: DocPort<MergesFile>;
  readonly plan!: DocPort<PlanFile>;
  readonly inspections!: DocPort<InspectionsFile>;
  readonly summaries!: DocPort<SummariesFile>;
  private readonly people = new Map<string, PgPerson>();
  private readonly drafts = new Map<string, PgDoc<EssayDraftsFile>>();
  /** per campaign (the two last viewed), the summaries read so far with their digests */
  private readonly summaryCache = new Map<string, Map<string, { digest: string; figures: CampaignFigures }>>();
  /** records kept in memory (a plant of 3,000 fits: a week of study is ~10 KB a person) */
  static readonly PEOPLE_IN_MEMORY = 4096;

  private constructor(o: PgStoreOptions) {
    this.dir = path.resolve(o.dir);
    for (const sub of ['exports', 'corpus']) mkdirSync(path.join(this.dir, sub), { recursive: true });
    const schema = o.schema ?? null;
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`数据库 schema 名称无效：${schema}`);
    this.pool = new pg.Pool({ connectionString: o.url, max: o.max ?? 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    // a connection that breaks while idle is dropped by the pool; it must not end the process
    this.pool.on('error', (e) => void serverLog.error('a PostgreSQL connection', e));
    const ready = migrateDatabase(this.pool, schema).then(() => undefined);
    ready.catch(() => undefined);
    this.db = new PgBase(this.pool, ready);
    // one row per shared document, named as the document (the same specs as the lowdb files)
    for (const [name, spec] of Object.entries(SHARED_DOCS)) {
      (this as unknown as Record<SharedDocName, unknown>)[name as SharedDocName] = new PgDoc<Versioned>(this.db, name, spec.defaults, spec.migrations);
    }
  }

  /** Opens at once; the connection and the schema migration happen before the first query. */
  static open(o: PgStoreOptions): PgStore {
    return new PgStore(o);
  }

  /** Run one call with the shared documents' versions checked once (see CallView). */
  call<R>(fn: () => Promise<R>): Promise<R> {
    return this.db.call(fn);
  }

  /** resolves once the database is reachable and migrated (rejects with why not) */
  get ready(): Promise<void> {
    return this.db.ready;
  }

  person(employeeNo: string): PersonPort {
    checkEmployeeNo(employeeNo);
    let d = this.people.get(employeeNo);
    if (d) this.people.delete(employeeNo);
    else d = new PgPerson(this.db, employeeNo);
    this.people.set(employeeNo, d);
    // a dropped one only loses its cache: every write goes through the database
    if (this.people.size > PgStore.PEOPLE_IN_MEMORY) this.people.delete(this.people.keys().next().value!);
    return d;
  }

  essayDrafts(employeeNo: string): DocPort<EssayDraftsFile> {
    checkEmployeeNo(employeeNo);
    let d = this.drafts.get(employeeNo);
    if (d) this.drafts.delete(employeeNo);
    else d = new PgDoc<EssayDraftsFile>(this.db, `essayDrafts/${employeeNo}`, () => emptyDrafts(employeeNo), {});
    this.drafts.set(employeeNo, d);
    if (this.drafts.size > PgStore.PEOPLE_IN_MEMORY) this.drafts.delete(this.drafts.keys().next().value!);
    return d;
  }

  async removePerson(employeeNo: string): Promise<void> {
    checkEmployeeNo(employeeNo);
    await this.db.tx(async (c) => {
      await c.query('DELETE FROM persons WHERE employee_no = $1', [employeeNo]);
      await c.query('DELETE FROM docs WHERE name = $1', [`essayDrafts/${employeeNo}`]);
    });
    this.people.delete(employeeNo);
    this.drafts.delete(employeeNo);
  }

  /** Many records at once, in two queries: the rows of those changed since this process read them, then their new events. */
  async peekPeople(employeeNos: readonly string[]): Promise<ReadonlyMap<string, DeepReadonly<PersonFile>>> {
    const docs = employeeNos.map((no) => this.person(no) as PgPerson);
    const rows = (
      await this.db.query<{ no: string; version: string; schema_version: number; open: PersonFile['open'] | null }>(
        `SELECT p.employee_no AS no, p.version, p.schema_version, CASE WHEN p.version = k.known THEN NULL ELSE p.open END AS open
         FROM persons p JOIN unnest($1::text[], $2::bigint[]) AS k(no, known) ON p.employee_no = k.no`,
        [docs.map((d) => d.employeeNo), docs.map((d) => d.knownVersion)],
      )
    ).rows;
    const byNo = new Map(rows.map((r) => [r.no, r]));
    const changed = docs.filter((d) => byNo.get(d.employeeNo)?.open != null);
    const events = new Map<string, PersonEvent[]>();
    if (changed.length > 0) {
      // one row per person, their events as one JSON array built by the database: a record of
      // hundreds of events is one value to parse here, not hundreds of rows of nine columns
      const er = await this.db.query<{ no: string; events: PersonEvent[] }>(
        `SELECT k.no, json_agg(json_build_object('seq', e.seq, 'id', e.id, 'type', e.type, 'at', e.at, 'by', e.by, 'data', e.data, 'prevHash', e.prev_hash, 'hash', e.hash) ORDER BY e.seq) AS events
         FROM unnest($1::text[], $2::int[]) AS k(no, after) JOIN person_events e ON e.employee_no = k.no AND e.seq >= k.after
         GROUP BY k.no`,
        [changed.map((d) => d.employeeNo), changed.map((d) => d.eventsFrom())],
      );
      for (const r of er.rows) events.set(r.no, r.events);
    }
    const out = new Map<string, DeepReadonly<PersonFile>>();
    for (const d of docs) {
      const row = byNo.get(d.employeeNo);
      const got = row ? d.assemble(row, events.get(d.employeeNo) ?? []) : null;
      // not the history this process had: that one person read on its own
      out.set(d.employeeNo, row && !got ? await d.peek() : d.keep(got));
    }
    return out;
  }

  /**
   * The campaign's summaries in one query. A person whose record was last written by a program from
   * before the summaries (or whose summary there is missing) is summarized now and the result kept.
   */
  async campaignSummaries(campaignId: string, employeeNos: readonly string[]): Promise<ReadonlyMap<string, PersonCampaignView>> {
    await this.db.ready;
    // the figures this process read before are sent again only when their digest changed
    let known = this.summaryCache.get(campaignId);
    if (known) this.summaryCache.delete(campaignId);
    else known = new Map();
    this.summaryCache.set(campaignId, known);
    while (this.summaryCache.size > 2) this.summaryCache.delete(this.summaryCache.keys().next().value!);
    const rows = (
      await this.db.query<{ no: string; version: string; head: SummaryHead | null; study: PersonFile['open']['study'] | null; digest: string | null; figures: CampaignFigures | null }>(
        `SELECT p.employee_no AS no, p.version, p.summary AS head, p.open -> 'study' AS study, s.digest, CASE WHEN s.digest = k.known THEN NULL ELSE s.figures END AS figures
         FROM unnest($2::text[], $3::text[]) AS k(no, known) JOIN persons p ON p.employee_no = k.no
         LEFT JOIN person_summaries s ON s.employee_no = p.employee_no AND s.campaign_id = $1`,
        [campaignId, employeeNos, employeeNos.map((no) => known.get(no)?.digest ?? '')],
      )
    ).rows;
    const out = new Map<string, PersonCampaignView>();
    const stale: typeof rows = [];
    for (const r of rows) {
      const want = r.head?.digests[campaignId];
      if (!r.head || (want !== undefined && want !== r.digest)) {
        stale.push(r);
        continue;
      }
      let figures: CampaignFigures | null = null;
      if (want !== undefined) {
        figures = r.figures ?? known.get(r.no)!.figures;
        known.set(r.no, { digest: want, figures });
      }
      out.set(r.no, { campaign: figures, years: r.head.years, study: studyBits(r.study) });
    }
    if (stale.length > 0) {
      const files = await this.peekPeople(stale.map((r) => r.no));
      for (const r of stale) {
        const f = files.get(r.no)!;
        const s = summarizePerson(f);
        await this.db.tx((c) => writeSummaries(c, r.no, s, r.head, r.version));
        out.set(r.no, { campaign: s.campaigns[campaignId] ?? null, years: s.years, study: studyBits(f.open.study) });
      }
    }
    for (const no of employeeNos) if (!out.has(no)) out.set(no, { campaign: null, years: {}, study: null });
    return out;
  }

  async recordIds(): Promise<{ people: string[]; drafts: string[] }> {
    const people = (await this.db.query<{ id: string }>('SELECT employee_no AS id FROM persons ORDER BY 1')).rows.map((r) => r.id);
    const drafts = (await this.db.query<{ id: string }>("SELECT substr(name, 13) AS id FROM docs WHERE name LIKE 'essayDrafts/%' ORDER BY 1")).rows.map((r) => r.id);
    return { people, drafts };
  }

  async personStamps(): Promise<ReadonlyMap<string, number>> {
    const r = await this.db.query<{ employee_no: string; version: string }>('SELECT employee_no, version FROM persons');
    return new Map(r.rows.map((x) => [x.employee_no, Number(x.version)]));
  }

  corpusFile(name: string): string {
    if (!/^[a-z0-9]{64}(\.[a-z0-9.]+)?$/.test(name)) throw new Error(`无效的文件名：${name}`);
    return path.join(this.dir, 'corpus', name);
  }

  exportsDir(): string {
    return path.join(this.dir, 'exports');
  }

  readonly files: FilePort = {
    put: async (bytes) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      await this.db.query('INSERT INTO files (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha, bytes]);
      return sha;
    },
    get: async (sha) => {
      if (!/^[0-9a-f]{64}$/.test(sha)) return null;
      const r = await this.db.query<{ bytes: Buffer }>('SELECT bytes FROM files WHERE sha256 = $1', [sha]);
      return r.rows[0]?.bytes ?? null;
    },
    list: async () => (await this.db.query<{ sha256: string }>('SELECT sha256 FROM files ORDER BY 1')).rows.map((r) => r.sha256),
  };

  /** The sessions of this database, shared by every server process on it. */
  sessions(ttlMs: number, now: () => number = Date.now): SessionTable {
    const hash = (t: string) => createHash('sha256').update(t).digest('hex');
    // last_seen is written at most once a minute per session: a call is a read, not a write
    const TOUCH_MS = 60_000;
    return {
      create: async (employeeNo) => {
        const token = randomBytes(32).toString('base64url');
        await this.db.query('DELETE FROM sessions WHERE last_seen < $1', [now() - ttlMs]);
        await this.db.query('INSERT INTO sessions (token_hash, employee_no, last_seen) VALUES ($1, $2, $3)', [hash(token), employeeNo, now()]);
        return token;
      },
      resolve: async (token) => {
        if (!token) return null;
        const t = now();
        // with the versions of the shared documents for the rest of the call: one round trip, not several
        const r = await this.db.query<{ employee_no: string | null; last_seen: string | null; versions: Record<string, string> | null }>(
          `SELECT s.employee_no, s.last_seen, (SELECT json_object_agg(name, version::text) FROM docs WHERE name = ANY($2)) AS versions
           FROM (SELECT 1) AS one LEFT JOIN sessions s ON s.token_hash = $1`,
          [hash(token), SHARED_NAMES],
        );
        const s = r.rows[0]!;
        this.db.noteVersions(s.versions);
        if (s.employee_no === null || s.last_seen === null) return null;
        if (t - Number(s.last_seen) > ttlMs) {
          await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [hash(token)]);
          return null;
        }
        if (t - Number(s.last_seen) > TOUCH_MS) await this.db.query('UPDATE sessions SET last_seen = $2 WHERE token_hash = $1', [hash(token), t]);
        return s.employee_no;
      },
      drop: async (token) => {
        await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [hash(token)]);
      },
      dropAllFor: async (employeeNo, except = null) => {
        const r = await this.db.query('DELETE FROM sessions WHERE employee_no = $1 AND token_hash <> $2', [employeeNo, except ? hash(except) : '']);
        return r.rowCount ?? 0;
      },
    };
  }

  private closing: Promise<void> | null = null;

  /** End the pool once the migration is through; closing again waits for the same end. */
  close(): Promise<void> {
    this.closing ??= this.db.ready.catch(() => undefined).then(() => this.pool.end());
    return this.closing;
  }
}
