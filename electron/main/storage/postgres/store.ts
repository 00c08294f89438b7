// The Store port on PostgreSQL: the shared documents, the people, evidence files and sessions of
// one database (or one schema of it), for any number of server processes (see index.ts).
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { serverLog } from '../../log';
import type { DeepReadonly, Versioned } from '../../../records/versioned';
import { checkEmployeeNo, emptyDrafts, type EssayDraftsFile, type PersonFile } from '../../../records/person';
import {
  SHARED_DOCS,
  type SharedDocName,
  type AccountsFile,
  type CheckpointsFile,
  type SigningFile,
  type AuditFile,
  type CampaignsFile,
  type CollectiveFile,
  type CorpusFile,
  type ExportsFile,
  type LoginGuardFile,
  type MergesFile,
  type MetaFile,
  type PlanFile,
  type InspectionsFile,
  type SummariesFile,
  type QuestionsFile,
  type RosterFile,
} from '../../../records/shared-docs';
import type { PersonEvent } from '../../../records/events';
import {
  countsOf,
  studyBits,
  summarizePerson,
  type PersonCampaignCounts,
  type StudyBitsSource,
  type CampaignFigures,
  type PersonCampaignView,
  type PersonYearView,
  type SummaryHead,
} from '../../../records/summary';
import { StoreProblem, type DocPort, type FilePort, type PersonPort, type SessionTable, type Store } from '../store';
import { PgBase } from './base';
import { PgDoc } from './doc';
import { PgPerson } from './person';
import { migrateDatabase, writeSummaries } from './schema';
import { pgSessions } from './sessions';
import { said } from '../../../core/message';

/**
 * Of a person's open session, only what the views count (records/summary.ts studyBits): parsing
 * each whole session (its checks, exclusions, pending check) was most of a 3,000-person
 * dashboard's time in this process.
 */
const STUDY_BITS = `CASE WHEN jsonb_typeof(p.open -> 'study') = 'object' THEN jsonb_strip_nulls(jsonb_build_object('campaignId', p.open #> '{study,campaignId}', 'alsoFor', p.open #> '{study,alsoFor}',
  'countedMs', p.open #> '{study,countedMs}', 'provisionalMs', p.open #> '{study,provisionalMs}', 'byDay', p.open #> '{study,byDay}',
  'provisionalByDay', p.open #> '{study,provisionalByDay}')) END`;

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
  /** per campaign (the two last viewed), the summaries read so far with their digests (texts: with the essay's text) */
  private readonly summaryCache = new Map<string, Map<string, { digest: string; figures: CampaignFigures; texts: boolean }>>();
  /** records kept in memory (a plant of 3,000 fits: a week of study is ~10 KB a person) */
  static readonly PEOPLE_IN_MEMORY = 4096;

  private constructor(o: PgStoreOptions) {
    this.dir = path.resolve(o.dir);
    for (const sub of ['exports', 'corpus']) mkdirSync(path.join(this.dir, sub), { recursive: true });
    const schema = o.schema ?? null;
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StoreProblem(said('store.badSchemaName', { schema }));
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
  async campaignSummaries(campaignId: string, employeeNos: readonly string[], opts?: { essayTexts?: boolean }): Promise<ReadonlyMap<string, PersonCampaignView>> {
    await this.db.ready;
    const texts = opts?.essayTexts ?? true;
    // the figures this process read before are sent again only when their digest changed
    let known = this.summaryCache.get(campaignId);
    if (known) this.summaryCache.delete(campaignId);
    else known = new Map();
    this.summaryCache.set(campaignId, known);
    while (this.summaryCache.size > 2) this.summaryCache.delete(this.summaryCache.keys().next().value!);
    // of the head only what a view needs: the year figures and this campaign's digest, not every campaign's
    const rows = (
      await this.db.query<{
        no: string;
        version: string;
        years: SummaryHead['years'] | null;
        want: string | null;
        study: StudyBitsSource | null;
        digest: string | null;
        figures: CampaignFigures | null;
      }>(
        // the head's parts as columns of their own (years; this campaign's digest as text): no JSON built per row
        `SELECT p.employee_no AS no, p.version, ${STUDY_BITS} AS study, s.digest,
           p.summary -> 'years' AS years, p.summary -> 'digests' ->> $1::text AS want,
           CASE WHEN s.digest = k.known THEN NULL WHEN $4 THEN s.figures ELSE s.figures #- '{essay,parts}' END AS figures
         FROM unnest($2::text[], $3::text[]) AS k(no, known) JOIN persons p ON p.employee_no = k.no
         LEFT JOIN person_summaries s ON s.employee_no = p.employee_no AND s.campaign_id = $1`,
        [campaignId, employeeNos, employeeNos.map((no) => ((e) => (e && (e.texts || !texts) ? e.digest : ''))(known.get(no))), texts],
      )
    ).rows;
    const out = new Map<string, PersonCampaignView>();
    const stale: typeof rows = [];
    for (const r of rows) {
      // no head (a record last written by a program from before the summaries: years is null with it)
      const want = r.want ?? undefined;
      if (!r.years || (want !== undefined && want !== r.digest)) {
        stale.push(r);
        continue;
      }
      let figures: CampaignFigures | null = null;
      if (want !== undefined) {
        if (r.figures) {
          // without the text, an essay's parts are absent: null as the type says, and known to be left out
          if (!texts) r.figures.essay.parts = null;
          known.set(r.no, { digest: want, figures: r.figures, texts });
        }
        figures = r.figures ?? known.get(r.no)!.figures;
      }
      out.set(r.no, { campaign: figures, years: r.years, study: studyBits(r.study) });
    }
    if (stale.length > 0) {
      const files = await this.peekPeople(stale.map((r) => r.no));
      for (const r of stale) {
        const f = files.get(r.no)!;
        const s = summarizePerson(f);
        // the whole head as stored (the query above brought only this campaign's part of it)
        const head = (await this.db.query<{ summary: SummaryHead | null }>('SELECT summary FROM persons WHERE employee_no = $1', [r.no])).rows[0]?.summary ?? null;
        await this.db.tx((c) => writeSummaries(c, r.no, s, head, r.version));
        out.set(r.no, { campaign: s.campaigns[campaignId] ?? null, years: s.years, study: studyBits(f.open.study) });
      }
    }
    for (const no of employeeNos) if (!out.has(no)) out.set(no, { campaign: null, years: {}, study: null });
    return out;
  }

  /**
   * The numbers of each person's figures in the campaign and their open session's time there, as
   * scalar columns (no JSON to parse). The rule is countsOf's, written in SQL: the figures only where
   * the head names a summary of this campaign; the open session's time when it was started in the
   * campaign or also counts for it. A person whose summary is not current (no head, or a digest that
   * differs) is read through campaignSummaries, which writes it anew.
   */
  async campaignCounts(campaignId: string, employeeNos: readonly string[]): Promise<ReadonlyMap<string, PersonCampaignCounts>> {
    await this.db.ready;
    const rows = (
      await this.db.query<{ no: string; stale: boolean; self: number | null; coll: number | null; longest: number | null; issued: number | null; missed: number | null; open: number | null }>(
        // the numbers come from the generated columns (MIGRATIONS[3]); the digest this campaign
        // wants is taken from the summary once per person (OFFSET 0 keeps it from being inlined
        // into each place that uses it). Everyone's row is read and the people asked for kept here:
        // matching 3,000 names sent as an array cost the database more than the rows it saved.
        `SELECT p.no, (p.nosum OR (p.want IS NOT NULL AND p.want IS DISTINCT FROM s.digest)) AS stale,
           CASE WHEN p.want IS NOT NULL THEN s.self_ms END AS self,
           CASE WHEN p.want IS NOT NULL THEN s.collective_ms END AS coll,
           CASE WHEN p.want IS NOT NULL THEN s.longest_ms END AS longest,
           CASE WHEN p.want IS NOT NULL THEN s.checks_issued END AS issued,
           CASE WHEN p.want IS NOT NULL THEN s.checks_missed END AS missed,
           CASE WHEN p.study_campaign = $1 OR coalesce(p.study_also ? $1, false) THEN p.study_ms END AS open
         FROM (SELECT p.employee_no AS no, p.summary IS NULL AS nosum, p.summary -> 'digests' ->> $1 AS want, p.study_campaign, p.study_also, p.study_ms
               FROM persons p OFFSET 0) AS p
         LEFT JOIN person_summaries s ON s.employee_no = p.no AND s.campaign_id = $1`,
        [campaignId],
      )
    ).rows;
    const out = new Map<string, PersonCampaignCounts>();
    const stale: string[] = [];
    const wanted = new Set(employeeNos);
    for (const r of rows) {
      if (!wanted.has(r.no)) continue;
      if (r.stale) stale.push(r.no);
      else out.set(r.no, { selfMs: r.self ?? 0, collectiveMs: r.coll ?? 0, longestMs: r.longest ?? 0, checksIssued: r.issued ?? 0, checksMissed: r.missed ?? 0, openMs: r.open ?? 0 });
    }
    if (stale.length > 0) for (const [no, v] of await this.campaignSummaries(campaignId, stale, { essayTexts: false })) out.set(no, countsOf(v, campaignId));
    for (const no of employeeNos) if (!out.has(no)) out.set(no, { selfMs: 0, collectiveMs: 0, longestMs: 0, checksIssued: 0, checksMissed: 0, openMs: 0 });
    return out;
  }

  /**
   * The year figures of these people in one query (the summary's years, not its campaigns). A person
   * whose record was last written by a program from before the summaries is summarized now and kept.
   */
  async yearSummaries(employeeNos: readonly string[]): Promise<ReadonlyMap<string, PersonYearView>> {
    await this.db.ready;
    const rows = (
      await this.db.query<{ no: string; version: string; years: Record<string, number> | null; study: StudyBitsSource | null }>(
        `SELECT p.employee_no AS no, p.version, p.summary -> 'years' AS years, ${STUDY_BITS} AS study
         FROM persons p WHERE p.employee_no = ANY($1::text[])`,
        [employeeNos],
      )
    ).rows;
    const out = new Map<string, PersonYearView>();
    const stale = rows.filter((r) => r.years === null);
    for (const r of rows) if (r.years !== null) out.set(r.no, { years: r.years, study: studyBits(r.study) });
    if (stale.length > 0) {
      const files = await this.peekPeople(stale.map((r) => r.no));
      for (const r of stale) {
        const f = files.get(r.no)!;
        const s = summarizePerson(f);
        await this.db.tx((c) => writeSummaries(c, r.no, s, null, r.version));
        out.set(r.no, { years: s.years, study: studyBits(f.open.study) });
      }
    }
    for (const no of employeeNos) if (!out.has(no)) out.set(no, { years: {}, study: null });
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
    if (!/^[a-z0-9]{64}(\.[a-z0-9.]+)?$/.test(name)) throw new Error(`internal: not a corpus file name: ${name}`);
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
    return pgSessions(this.db, ttlMs, now);
  }

  private closing: Promise<void> | null = null;

  /** End the pool once the migration is through; closing again waits for the same end. */
  close(): Promise<void> {
    this.closing ??= this.db.ready.catch(() => undefined).then(() => this.pool.end());
    return this.closing;
  }
}
