// The database's tables, their migrations, and the per-campaign summaries written beside a record.
// The SQL here is what existing databases hold: a change is a new migration at the end, never an
// edit of one already applied.
import pg from 'pg';
import { headOf, type PersonSummary, type SummaryHead } from '../../../records/summary';
import type { Query } from './base';
import { said } from '../../../core/message';
import { StoreProblem } from '../store';

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
  // per person and campaign what the officer's views need (records/summary.ts), written in
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
  // the numbers the progress page counts everyone by, kept beside their JSON by the database itself
  // (computed once per write, not once per person at every refresh of the page): the open study
  // session's campaign, the campaigns it also counts toward and its time so far; a summary's figures
  `ALTER TABLE persons
     ADD COLUMN study_campaign text GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(open -> 'study') = 'object' THEN open #>> '{study,campaignId}' END) STORED,
     ADD COLUMN study_also jsonb GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(open -> 'study') = 'object' THEN open #> '{study,alsoFor}' END) STORED,
     ADD COLUMN study_ms float8 GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(open -> 'study') = 'object'
       THEN (open #>> '{study,countedMs}')::float8 + coalesce((open #>> '{study,provisionalMs}')::float8, 0) END) STORED;
   ALTER TABLE person_summaries
     ADD COLUMN self_ms float8 GENERATED ALWAYS AS ((figures ->> 'selfMs')::float8) STORED,
     ADD COLUMN collective_ms float8 GENERATED ALWAYS AS ((figures ->> 'collectiveMs')::float8) STORED,
     ADD COLUMN longest_ms float8 GENERATED ALWAYS AS ((figures ->> 'longestMs')::float8) STORED,
     ADD COLUMN checks_issued float8 GENERATED ALWAYS AS ((figures ->> 'checksIssued')::float8) STORED,
     ADD COLUMN checks_missed float8 GENERATED ALWAYS AS ((figures ->> 'checksMissed')::float8) STORED;`,
];

/**
 * Write a person's summaries in transaction c: the campaigns whose digest changed since `had`, and
 * no longer those that are gone. `version`: only while the row is still at it (a summary made
 * after the fact must not overwrite what a newer write made).
 */
export async function writeSummaries(c: Query, employeeNo: string, s: PersonSummary, had: SummaryHead | null, version?: string): Promise<SummaryHead> {
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
    if (from > MIGRATIONS.length) throw new StoreProblem(said('store.dbNewer', { from, ours: MIGRATIONS.length }));
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
