// A person's training record: the `persons` row (what they have open) and the append-only
// `person_events`, whose hash chain the database itself enforces.
import { upgrade, type DeepReadonly } from '../../../records/versioned';
import { emptyPerson, PERSON_MIGRATIONS, type PersonFile } from '../../../records/person';
import type { PersonEvent } from '../../../records/events';
import { headOf, summarizePerson, type SummaryHead } from '../../../records/summary';
import { checkStudyOnly, freezeEvents, personDraft, studyDraft } from '../lowdb/person-doc';
import { StoreProblem, type PersonPort } from '../store';
import { Serial, type PgBase, type Query } from './base';
import { writeSummaries } from './schema';
import { said } from '../../../core/message';
import { canonicalJson } from '../../../core/canonical';

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
export class PgPerson implements PersonPort {
  private cache: { version: string; file: PersonFile } | null = null;
  private readonly serial = new Serial();

  constructor(
    private readonly db: PgBase,
    readonly employeeNo: string,
  ) {}

  /**
   * What the database holds now, reusing the cached events that are still the same. Unlocked, the
   * row and the events after the ones this process has come in one statement (one snapshot, one
   * round trip). Locked, the events are read by a second statement: one that waited for the lock
   * would still see, in its own snapshot, the events from before the write it waited for.
   */
  private async load(c: Query, lock: boolean): Promise<{ version: string; file: PersonFile } | null> {
    const known = this.cache?.version ?? '-1';
    const events = lock
      ? 'NULL::jsonb'
      : `CASE WHEN version = $2 THEN NULL ELSE (SELECT coalesce(jsonb_agg(jsonb_build_object('seq', e.seq, 'id', e.id, 'type', e.type, 'at', e.at, 'by', e.by, 'data', e.data,
           'prev_hash', e.prev_hash, 'hash', e.hash) ORDER BY e.seq), '[]'::jsonb) FROM person_events e WHERE e.employee_no = $1 AND e.seq >= $3) END`;
    const r = await c.query<{ version: string; schema_version: number; open: PersonFile['open'] | null; events: EventRow[] | null }>(
      `SELECT version, schema_version, CASE WHEN version = $2 THEN NULL ELSE open END AS open, ${events} AS events
       FROM persons WHERE employee_no = $1${lock ? ' FOR UPDATE' : ''}`,
      lock ? [this.employeeNo, known] : [this.employeeNo, known, this.eventsFrom()],
    );
    const row = r.rows[0];
    if (!row) return null;
    if (row.open === null && this.cache) return this.cache;
    const rows =
      row.events ??
      (await c.query<EventRow>('SELECT seq, id, type, at, by, data, prev_hash, hash FROM person_events WHERE employee_no = $1 AND seq >= $2 ORDER BY seq', [this.employeeNo, this.eventsFrom()])).rows;
    return (
      this.assemble(row, rows.map(toEvent)) ??
      this.assemble(
        row,
        (await c.query<EventRow>('SELECT seq, id, type, at, by, data, prev_hash, hash FROM person_events WHERE employee_no = $1 ORDER BY seq', [this.employeeNo])).rows.map(toEvent),
        true,
      )!
    );
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
   * A study-only update in one statement when it can be: fn runs on the record this process has
   * (read now, without a lock, if it has none), and the row is written only if it is still at that
   * version (compare-and-set, committed at once). If another process wrote meanwhile — or fn
   * refused on what may be an old copy — it runs again the ordinary way, on the locked row. So fn
   * may run twice; it must only change the draft.
   */
  updateStudy<R>(fn: (draft: PersonFile) => R): Promise<R> {
    return this.serial.run(async () => {
      const done = await this.compareAndSet(fn);
      return done ? done.result : this.locked(fn, studyDraft, checkStudyOnly);
    });
  }

  /**
   * An update that is often study-only (a study start with nothing open) and sometimes not (one
   * that first closes the session before it, adding its event): tried as a study-only
   * compare-and-set, and made the ordinary way when fn's change turns out to be more than that
   * or the row moved on. fn may run twice; it must only change the draft.
   */
  updateMostlyStudy<R>(fn: (draft: PersonFile) => R): Promise<R> {
    return this.serial.run(async () => {
      const done = await this.compareAndSet(fn);
      return done ? done.result : this.locked(fn, personDraft);
    });
  }

  /** fn on the record at hand, written if it changed only the study state and the row is still at that version; null otherwise */
  private async compareAndSet<R>(fn: (draft: PersonFile) => R): Promise<{ result: R } | null> {
    await this.db.ready;
    const had = this.cache ?? (this.keep(await this.load(this.db.pool, false)), this.cache);
    const base = had?.file ?? emptyPerson(this.employeeNo);
    let tried: { draft: PersonFile; result: R } | null = null;
    try {
      const draft = studyDraft(base);
      const result = fn(draft);
      checkStudyOnly(base, draft);
      tried = { draft, result };
    } catch {
      // decided again by the caller, on the row as it is now
    }
    if (!tried) return null;
    const r = had
      ? await this.db.query<{ version: string }>("UPDATE persons SET open = $3, version = nextval('anxue_versions') WHERE employee_no = $1 AND version = $2 RETURNING version", [
          this.employeeNo,
          had.version,
          JSON.stringify(tried.draft.open),
        ])
      : await this.created(tried.draft);
    const version = r.rows[0]?.version;
    if (!version) return null;
    this.cache = { version, file: tried.draft };
    return { result: tried.result };
  }

  /**
   * A person's first record (nothing there yet: the first study start of their first day) in one
   * statement, with its summary head; nothing when another process made it first (then the caller
   * goes the ordinary way) or when the new record would have summaries of its own to write.
   */
  private async created(draft: PersonFile): Promise<{ rows: { version: string }[] }> {
    const head = headOf(summarizePerson(draft));
    if (draft.events.length > 0 || Object.keys(head.digests).length > 0) return { rows: [] };
    return this.db.query<{ version: string }>(
      "INSERT INTO persons (employee_no, version, schema_version, open, summary) VALUES ($1, nextval('anxue_versions'), $2, $3, $4) ON CONFLICT (employee_no) DO NOTHING RETURNING version",
      [this.employeeNo, draft.schemaVersion, JSON.stringify(draft.open), JSON.stringify(head)],
    );
  }

  private locked<R>(fn: (draft: PersonFile) => R | Promise<R>, draftOf: (f: PersonFile) => PersonFile, check?: (before: PersonFile, draft: PersonFile) => void): Promise<R> {
    return this.db
      .tx(async (c) => {
        let now = await this.load(c, true);
        if (!now) {
          const e = emptyPerson(this.employeeNo);
          await c.query("INSERT INTO persons (employee_no, version, schema_version, open) VALUES ($1, nextval('anxue_versions'), $2, $3) ON CONFLICT (employee_no) DO NOTHING", [
            this.employeeNo,
            e.schemaVersion,
            JSON.stringify(e.open),
          ]);
          now = (await this.load(c, true))!;
        }
        const before = now.file.events;
        const draft = draftOf(now.file);
        const result = await fn(draft);
        check?.(now.file, draft);
        // append-only: what was there stays exactly where it was
        if (draft.events.length < before.length || before.some((e, i) => draft.events[i]!.hash !== e.hash || draft.events[i]!.id !== e.id)) {
          throw new StoreProblem(said('store.appendOnly', { no: this.employeeNo }));
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
        // a study-only change leaves the summaries as they are (the open session is read as it stands);
        // so does any change that adds no event and leaves the essay drafts (a study session started):
        // the summaries are made of nothing else
        const same = added.length === 0 && v.rows[0]!.summary !== null && canonicalJson(draft.open.essayDrafts) === canonicalJson(now.file.open.essayDrafts);
        if (!check && !same) await writeSummaries(c, this.employeeNo, summarizePerson(draft), v.rows[0]!.summary);
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
      });
  }
}
