// The lowdb folder's index of person summaries (storage/person-summary.ts), so that an officer's
// view of one campaign reads that campaign's summaries instead of every person's whole history.
//
// index/people.json          per person: what their file was when summarized (size, time, inode),
//                            the year figures, the open study session, a digest per campaign
// index/<campaign>/<s>.json  per campaign, in 16 shards by 工号: each person's summary there,
//                            without the essay's text (most views never read it; it is most of the bytes)
// index/<campaign>/<s>.essays.json  the essays' text of those whose summary has one
//
// A summary is made as a person's file is written (this process is the folder's only writer) and
// kept in memory; the index files are written a little later, in the background, and at close. The
// index is derived and never trusted blindly: on first use each person's file is compared with what
// the index says it was (a stat, no read), and a person whose file differs — a crash before the index
// was written, records merged or restored, a folder from before the index — is summarized from their
// file again. A shard that is missing or unreadable is made again the same way.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeepReadonly } from '../../../records/versioned';
import { upgrade } from '../../../records/versioned';
import { serverLog } from '../../log';
import { PERSON_MIGRATIONS, type PersonFile } from '../../../records/person';
import { openStudyOf, summarizePerson, summaryDigest, type CampaignFigures, type OpenStudyBits, type PersonCampaignView, type PersonYearView } from '../../../records/summary';
import { said } from '../../../core/message';
import { StoreProblem } from '../store';

interface PersonEntry {
  /** size:mtime:inode of the person's file when summarized */
  file: string;
  years: Record<string, number>;
  study: OpenStudyBits | null;
  digests: Record<string, string>;
}
interface PeopleIndexFile {
  schemaVersion: 1;
  people: Record<string, PersonEntry>;
}
interface Row {
  digest: string;
  figures: CampaignFigures;
}
type Rows = Map<string, Row>;
/** a submitted essay's text, for the summary of that digest */
interface TextRow {
  digest: string;
  parts: NonNullable<CampaignFigures['essay']['parts']>;
}
/** a campaign's summaries in memory; `texts`: the essays' text is there too (else parts are null where the files left them out) */
interface Loaded {
  rows: Rows;
  texts: boolean;
}
/** a summary whose essay has a text that these figures do not carry */
const lacksText = (f: CampaignFigures) => f.essay.version > 0 && f.essay.parts === null;
/** a row as written to its shard: the essay's text apart */
function splitRow(row: Row): { row: Row; text: TextRow | null } {
  const parts = row.figures.essay.parts;
  if (!parts) return { row, text: null };
  return { row: { digest: row.digest, figures: { ...row.figures, essay: { ...row.figures.essay, parts: null } } }, text: { digest: row.digest, parts } };
}

const SHARDS = 16;
/** campaigns whose summaries stay in memory after a view (the current one and one more) */
const CAMPAIGNS_IN_MEMORY = 2;
/** how long written summaries wait before the index files are written */
const FLUSH_AFTER_MS = 5_000;

const shardOf = (no: string) => createHash('sha1').update(no).digest()[0]! % SHARDS;
const folderOf = (campaignId: string) => createHash('sha1').update(campaignId).digest('hex').slice(0, 20);

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null; // absent or torn: made again from the records
  }
}

/** Write without fsync: the index is derived, a torn file is simply made again. */
function writeJson(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}

export class SummaryIndex {
  private people: Map<string, PersonEntry> | null = null;
  private reconciled = false;
  /** summaries made since the index files were written, per campaign */
  private readonly pending = new Map<string, Rows>();
  /** people removed since, per campaign they had a summary in */
  private readonly removed = new Map<string, Set<string>>();
  private peopleDirty = false;
  /** the summaries of recently viewed campaigns, as the files plus what is pending (least recently used first) */
  private readonly loaded = new Map<string, Loaded>();
  private timer: NodeJS.Timeout | null = null;
  private flushing = false;

  constructor(
    private readonly dir: string,
    private readonly readOnly: boolean,
    /** the record as this process holds it in memory (newer than its file only in the open study session), or null */
    private readonly inMemory: (employeeNo: string) => DeepReadonly<PersonFile> | null,
  ) {}

  private get root(): string {
    return path.join(this.dir, 'index');
  }

  private statKey(employeeNo: string): string | null {
    try {
      const s = statSync(path.join(this.dir, 'people', `${employeeNo}.json`));
      return `${s.size}:${s.mtimeMs}:${s.ino}`;
    } catch {
      return null;
    }
  }

  private peopleMap(): Map<string, PersonEntry> {
    if (!this.people) {
      const f = readJson<PeopleIndexFile>(path.join(this.root, 'people.json'));
      this.people = new Map(f?.schemaVersion === 1 ? Object.entries(f.people) : []);
    }
    return this.people;
  }

  /** A person's file was just written with this record. */
  written(employeeNo: string, f: DeepReadonly<PersonFile>): void {
    const key = this.statKey(employeeNo);
    if (key !== null) this.keep(employeeNo, key, f);
  }

  /** Summarize a record and keep the summaries that changed. */
  private keep(employeeNo: string, key: string, f: DeepReadonly<PersonFile>): Record<string, CampaignFigures> {
    const people = this.peopleMap();
    const s = summarizePerson(f);
    const before = people.get(employeeNo);
    const digests: Record<string, string> = {};
    for (const [id, figures] of Object.entries(s.campaigns)) {
      const digest = summaryDigest(figures);
      digests[id] = digest;
      if (before?.digests[id] === digest) continue;
      this.put(id, employeeNo, { digest, figures });
    }
    for (const id of Object.keys(before?.digests ?? {})) if (!(id in digests)) this.drop(id, employeeNo);
    people.set(employeeNo, { file: key, years: s.years, study: openStudyOf(f), digests });
    this.peopleDirty = true;
    this.schedule();
    return s.campaigns;
  }

  private put(campaignId: string, employeeNo: string, row: Row): void {
    let p = this.pending.get(campaignId);
    if (!p) this.pending.set(campaignId, (p = new Map()));
    p.set(employeeNo, row);
    this.removed.get(campaignId)?.delete(employeeNo);
    this.loaded.get(campaignId)?.rows.set(employeeNo, row);
  }

  private drop(campaignId: string, employeeNo: string): void {
    this.pending.get(campaignId)?.delete(employeeNo);
    let r = this.removed.get(campaignId);
    if (!r) this.removed.set(campaignId, (r = new Set()));
    r.add(employeeNo);
    this.loaded.get(campaignId)?.rows.delete(employeeNo);
  }

  /** A person's records were removed (the audited deletion). */
  forget(employeeNo: string): void {
    const e = this.peopleMap().get(employeeNo);
    if (!e) return;
    for (const id of Object.keys(e.digests)) this.drop(id, employeeNo);
    this.people!.delete(employeeNo);
    this.peopleDirty = true;
    this.schedule();
  }

  /** Once per opening: every person file compared with what the index says it was. */
  private reconcile(): void {
    if (this.reconciled) return;
    const people = this.peopleMap();
    const onDisk = new Set(
      readdirSync(path.join(this.dir, 'people'))
        .filter((n) => /^[A-Za-z0-9_-]{1,32}\.json$/.test(n))
        .map((n) => n.slice(0, -5)),
    );
    for (const no of [...people.keys()]) if (!onDisk.has(no)) this.forget(no);
    for (const no of onDisk) {
      const key = this.statKey(no);
      if (key !== null && people.get(no)?.file !== key) this.keep(no, key, this.inMemory(no) ?? this.readRecord(no));
    }
    this.reconciled = true;
  }

  private readRecord(employeeNo: string): PersonFile {
    const file = path.join(this.dir, 'people', `${employeeNo}.json`);
    let stored: PersonFile;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as PersonFile;
    } catch {
      throw new StoreProblem(said('store.dataFileDamaged', { file }));
    }
    return upgrade(stored, 2, PERSON_MIGRATIONS, file);
  }

  /** the summaries of a campaign (with the essays' text when `texts`): its shards read once, then kept while it is among the last viewed */
  private async campaignRows(campaignId: string, texts: boolean): Promise<Rows> {
    let got = this.loaded.get(campaignId);
    if (got) {
      this.loaded.delete(campaignId);
      this.loaded.set(campaignId, got);
    } else {
      const rows: Rows = new Map();
      for (let s = 0; s < SHARDS; s++) for (const [no, row] of Object.entries((await this.readShard(campaignId, s, 'json')) ?? {})) rows.set(no, row as Row);
      for (const no of this.removed.get(campaignId) ?? []) rows.delete(no);
      for (const [no, row] of this.pending.get(campaignId) ?? []) rows.set(no, row);
      got = { rows, texts: false };
      this.loaded.set(campaignId, got);
      while (this.loaded.size > CAMPAIGNS_IN_MEMORY) this.loaded.delete(this.loaded.keys().next().value!);
    }
    if (texts && !got.texts) {
      // the essays' text joins the rows it was written with (same digest); one it does not match is made again by campaign()
      for (let s = 0; s < SHARDS; s++) {
        for (const [no, t] of Object.entries((await this.readShard(campaignId, s, 'essays.json')) ?? {})) {
          const row = got.rows.get(no);
          const text = t as TextRow;
          if (row && row.digest === text.digest && lacksText(row.figures)) got.rows.set(no, { digest: row.digest, figures: { ...row.figures, essay: { ...row.figures.essay, parts: text.parts } } });
        }
      }
      got.texts = true;
    }
    return got.rows;
  }

  private async readShard(campaignId: string, s: number, ext: 'json' | 'essays.json'): Promise<Record<string, unknown> | null> {
    try {
      // read as bytes, decoded in one go: much faster than a decoding read for text that is mostly Chinese
      return JSON.parse((await readFile(path.join(this.root, folderOf(campaignId), `${s}.${ext}`))).toString('utf8')) as Record<string, unknown>;
    } catch {
      return null; // absent or torn: made again from the records
    }
  }

  /**
   * What the views of one campaign need of these people. Never mutate what this returns.
   * `texts: false`: the essays' text may be left out (parts null) — views that never show it read much less.
   */
  async campaign(campaignId: string, employeeNos: readonly string[], texts = true): Promise<Map<string, PersonCampaignView>> {
    this.reconcile();
    const people = this.peopleMap();
    const rows = await this.campaignRows(campaignId, texts);
    const out = new Map<string, PersonCampaignView>();
    for (const no of employeeNos) {
      const mem = this.inMemory(no);
      const e = people.get(no);
      if (!e) {
        out.set(no, { campaign: null, years: {}, study: mem ? openStudyOf(mem) : null });
        continue;
      }
      const digest = e.digests[campaignId];
      let figures: CampaignFigures | null = null;
      if (digest !== undefined) {
        const row = rows.get(no);
        // a summary that does not match the person's digest (its shard was lost): made again
        if (row?.digest === digest && !(texts && lacksText(row.figures))) figures = row.figures;
        else {
          figures = this.keep(no, e.file, mem ?? this.readRecord(no))[campaignId] ?? null;
          // written again with the next flush (keep writes only what changed, and this had not)
          const made = people.get(no)!.digests[campaignId];
          if (figures && made !== undefined) this.put(campaignId, no, { digest: made, figures });
        }
      }
      out.set(no, { campaign: figures, years: people.get(no)!.years, study: mem ? openStudyOf(mem) : e.study });
    }
    return out;
  }

  /** The year figures and the open session of these people (no campaign's shards are read). */
  years(employeeNos: readonly string[]): Map<string, PersonYearView> {
    this.reconcile();
    const people = this.peopleMap();
    const out = new Map<string, PersonYearView>();
    for (const no of employeeNos) {
      const mem = this.inMemory(no);
      const e = people.get(no);
      out.set(no, { years: e?.years ?? {}, study: mem ? openStudyOf(mem) : (e?.study ?? null) });
    }
    return out;
  }

  private schedule(): void {
    if (this.readOnly || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, FLUSH_AFTER_MS);
    this.timer.unref();
  }

  /** Write what changed: the campaigns' shards first, then the people (which name the shards' digests). */
  flush(): void {
    if (this.readOnly || this.flushing) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = true;
    try {
      for (const id of new Set([...this.pending.keys(), ...this.removed.keys()])) {
        const put = this.pending.get(id) ?? new Map<string, Row>();
        const gone = this.removed.get(id) ?? new Set<string>();
        const folder = path.join(this.root, folderOf(id));
        const touched = new Set([...put.keys(), ...gone].map(shardOf));
        for (const s of touched) {
          const file = path.join(folder, `${s}.json`);
          const textFile = path.join(folder, `${s}.essays.json`);
          const shard = readJson<Record<string, Row>>(file) ?? {};
          const texts = readJson<Record<string, TextRow>>(textFile) ?? {};
          for (const no of gone) if (shardOf(no) === s) delete shard[no];
          for (const [no, row] of put) if (shardOf(no) === s) shard[no] = row;
          // every text apart from its row (rows of an index written before kept it inline, moved out here)
          for (const [no, row] of Object.entries(shard)) {
            const split = splitRow(row);
            shard[no] = split.row;
            if (split.text) texts[no] = split.text;
            else if (texts[no]?.digest !== row.digest) delete texts[no];
          }
          for (const no of Object.keys(texts)) if (!shard[no]) delete texts[no];
          // the texts first: rows newer than their texts are made again, never shown with an old text
          if (Object.keys(texts).length > 0) writeJson(textFile, texts);
          else rmSync(textFile, { force: true });
          writeJson(file, shard);
        }
        this.pending.delete(id);
        this.removed.delete(id);
      }
      if (this.peopleDirty && this.people) {
        writeJson(path.join(this.root, 'people.json'), { schemaVersion: 1, people: Object.fromEntries(this.people) } satisfies PeopleIndexFile);
        this.peopleDirty = false;
      }
    } catch (e) {
      // a full disk: the records are safe, the index is made again from them at the next opening
      serverLog.error(`writing the summary index of ${this.dir}`, e);
      rmSync(path.join(this.root, 'people.json'), { force: true });
    } finally {
      this.flushing = false;
    }
  }

  close(): void {
    this.flush();
  }
}
