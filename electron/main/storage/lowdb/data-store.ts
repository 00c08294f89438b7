// The data folder: its file layout, the process lock, and one Doc per file.
import { readdirSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Doc } from './doc';
import type { DeepReadonly, Versioned } from '../../../records/versioned';
import {
  SHARED_DOCS,
  type AccountsFile,
  type AuditFile,
  type CampaignsFile,
  type CheckpointsFile,
  type CollectiveFile,
  type CorpusFile,
  type ExportsFile,
  type InspectionsFile,
  type LoginGuardFile,
  type MergesFile,
  type MetaFile,
  type PlanFile,
  type QuestionsFile,
  type RosterFile,
  type SharedDocName,
  type SigningFile,
  type SummariesFile,
} from '../../../records/shared-docs';
import { checkEmployeeNo, emptyDrafts, type EssayDraftsFile, type PersonFile } from '../../../records/person';
import { countsOf, type PersonCampaignCounts, type PersonCampaignView, type PersonYearView } from '../../../records/summary';
import { acquireLock } from './folder-lock';
export { DataFolderLockedError } from './folder-lock';
import { folderFiles } from './folder-files';
import { FolderSeals, looksEmpty, UNSEALED_DOCS } from './folder-seals';
import { PersonDoc } from './person-doc';
import { readJournalLines, removeTempFiles, replayJournals, type FolderOpening } from './folder-open';
import { defaultKeyStoreDir, folderKeyStore, FolderSeal, type KeyStore } from './seal';
import { StoreProblem, type FilePort, type PersonPort, type SealIdentity, type SealPort, type Store } from '../store';
import { journalFiles, StudyJournal, type JournalLine } from './study-journal';
import { SummaryIndex } from './summary-index';
import { serverLog } from '../../log';
import { said, type Message } from '../../../core/message';

/** How a data folder is opened. */
export interface OpenOptions {
  /** where the seal keys are (seal.ts); null: the folder is not sealed (a backup's working copy of PostgreSQL records) */
  keys?: KeyStore | null;
  /** a new folder takes this seal instead of a new one (a backup's copy of a sealed folder) */
  identity?: SealIdentity;
}

/** The key store of this user on this PC (the desktop shell passes its own, in the OS key store). */
export function defaultKeyStore(): KeyStore {
  return folderKeyStore(defaultKeyStoreDir());
}

export class DataStore implements Store {
  readonly meta!: Doc<MetaFile>;
  readonly accounts!: Doc<AccountsFile>;
  readonly signing!: Doc<SigningFile>;
  readonly checkpoints!: Doc<CheckpointsFile>;
  readonly roster!: Doc<RosterFile>;
  readonly campaigns!: Doc<CampaignsFile>;
  readonly questions!: Doc<QuestionsFile>;
  readonly exports!: Doc<ExportsFile>;
  readonly corpus!: Doc<CorpusFile>;
  readonly collective!: Doc<CollectiveFile>;
  readonly audit!: Doc<AuditFile>;
  /** failed logins per 工号 and per client address (services/accounts/login-guard.ts) */
  readonly loginGuard!: Doc<LoginGuardFile>;
  readonly merges!: Doc<MergesFile>;
  readonly plan!: Doc<PlanFile>;
  readonly inspections!: Doc<InspectionsFile>;
  readonly summaries!: Doc<SummariesFile>;
  /** person files in memory, least recently used first; idle ones beyond the limit are dropped */
  private readonly people = new Map<string, PersonDoc>();
  private readonly drafts = new Map<string, Doc<EssayDraftsFile>>();
  /** a number that changes whenever a person's file is written (by this process) */
  private readonly stamps = new Map<string, number>();
  private stampCounter = 0;
  static readonly PEOPLE_IN_MEMORY = 4096;
  /** a checkpoint begins once the journal has grown this much (16 MB: about 16,000 heartbeats) */
  checkpointBytes = 16 * 1024 * 1024;
  private release: (() => void) | null;
  /** where study-only changes are kept until their person's file is written (storage/lowdb/study-journal.ts) */
  private readonly journal: StudyJournal | null = null;
  /** journal files whose lines are all in memory, to delete once a checkpoint has written them */
  private journalsDone: string[] = [];
  private checkpointing: Promise<void> | null = null;
  /** opened to read: the journaled states newer than the files, applied as each person is read */
  private readonly replayed = new Map<string, JournalLine>();
  private closed = false;
  /** per campaign, what the officer's views need of each person (storage/lowdb/summary-index.ts) */
  private readonly index: SummaryIndex;

  /** the folder's seal (seal.ts) */
  private readonly folderSeal: FolderSeal;
  /** what opening the folder found and did, one line each; journal lines that are not records, or whose seal does not hold */
  private readonly report: { notes: Message[]; journalProblems: Message[] } = { notes: [], journalProblems: [] };
  private readonly sealing: FolderSeals;
  /** The folder's seals (a lowdb folder's own; see SealPort). */
  readonly seals: SealPort;
  /** evidence files (photos, attachments), named by their SHA-256 */
  readonly files: FilePort;

  private constructor(
    readonly dir: string,
    private readonly readOnly = false,
    options: OpenOptions = {},
  ) {
    for (const sub of ['people', 'exports', 'corpus', 'essays', 'files', 'index']) mkdirSync(path.join(dir, sub), { recursive: true });
    this.folderSeal = new FolderSeal(dir, options.keys === undefined ? defaultKeyStore() : options.keys);
    this.sealing = new FolderSeals({
      dir,
      readOnly,
      seal: this.folderSeal,
      report: this.report,
      replay: () => this.replay(),
      recordIds: () => this.recordIds(),
      forgetUnchecked: () => this.forgetUnchecked(),
    });
    this.seals = this.sealing.port;
    this.files = folderFiles(dir, readOnly);
    this.index = new SummaryIndex(dir, readOnly, (no) => this.people.get(no)?.current() ?? null);
    // read-only: no lock, so a backup can read a folder a running server holds (every file is
    // replaced whole by a rename, so each one read is complete)
    this.release = readOnly ? null : acquireLock(dir);
    try {
      if (!readOnly) removeTempFiles(dir, this.report);
      this.sealing.open(options.identity);
      if (readOnly) {
        for (const [no, line] of readJournalLines(this.opening(), journalFiles(dir))) this.replayed.set(no, line);
      } else {
        this.replay();
        this.journal = new StudyJournal(dir, (text) => this.folderSeal.sealLine(text));
      }
    } catch (e) {
      this.close();
      throw e;
    }
    for (const [name, spec] of Object.entries(SHARED_DOCS)) {
      const key = name as SharedDocName;
      const d = new Doc<Versioned>(path.join(dir, spec.file), spec.defaults, spec.migrations, UNSEALED_DOCS.has(key) ? null : this.folderSeal);
      d.readOnly = readOnly;
      (this as unknown as Record<SharedDocName, unknown>)[key] = d;
    }
  }

  /** See replayJournals (folder-open.ts). */
  private replay(): void {
    replayJournals(this.opening());
  }

  private opening(): FolderOpening {
    return { dir: this.dir, seal: this.folderSeal, report: this.report, replayed: this.replayed };
  }

  /** What was read while the key was not here is read again, and checked. */
  private forgetUnchecked(): void {
    for (const name of Object.keys(SHARED_DOCS)) (this as unknown as Record<string, Doc<Versioned>>)[name]!.invalidate();
    for (const [map] of [[this.people], [this.drafts]] as const) {
      for (const [no, d] of map) {
        if (d.idle()) {
          d.retired = true;
          map.delete(no);
        }
      }
    }
    this.report.journalProblems = [];
    this.replayed.clear();
    for (const [no, line] of readJournalLines(this.opening(), journalFiles(this.dir))) this.replayed.set(no, line);
  }

  static open(dir: string, options: OpenOptions = {}): DataStore {
    return new DataStore(path.resolve(dir), false, options);
  }

  /** Open a folder only to read it, even while a server holds it. */
  static openReadOnly(dir: string, options: OpenOptions = {}): DataStore {
    if (DataStore.looksEmpty(dir)) throw new StoreProblem(said('store.notDataFolder', { dir }));
    return new DataStore(path.resolve(dir), true, options);
  }

  /** True when the folder exists and holds no data file yet (or does not exist at all). */
  static looksEmpty(dir: string): boolean {
    return looksEmpty(dir);
  }

  person(employeeNo: string): PersonPort {
    checkEmployeeNo(employeeNo);
    let d = this.people.get(employeeNo);
    if (d) {
      this.people.delete(employeeNo); // most recently used goes last
      this.people.set(employeeNo, d);
      return d;
    }
    {
      d = new PersonDoc(path.join(this.dir, 'people', `${employeeNo}.json`), employeeNo, this.journal, this.replayed.get(employeeNo), () => this.checkpointIfDue(), this.folderSeal);
      const doc = d;
      doc.onWrite = () => {
        this.stamps.set(employeeNo, ++this.stampCounter);
        // written to the file (not only journaled): its summaries are made now
        if (!doc.behind) this.index.written(employeeNo, doc.current()!);
      };
      d.readOnly = this.readOnly;
      this.people.set(employeeNo, d);
      this.evictIdlePeople();
    }
    return d;
  }

  /** The essay drafts of a person (version history while writing), in `essays/<工号>.json`. */
  essayDrafts(employeeNo: string): Doc<EssayDraftsFile> {
    checkEmployeeNo(employeeNo);
    let d = this.drafts.get(employeeNo);
    if (d) {
      this.drafts.delete(employeeNo);
      this.drafts.set(employeeNo, d);
      return d;
    }
    d = new Doc<EssayDraftsFile>(path.join(this.dir, 'essays', `${employeeNo}.json`), () => emptyDrafts(employeeNo), {}, this.folderSeal);
    d.readOnly = this.readOnly;
    this.drafts.set(employeeNo, d);
    if (this.drafts.size > DataStore.PEOPLE_IN_MEMORY) {
      for (const [no, doc] of this.drafts) {
        if (this.drafts.size <= DataStore.PEOPLE_IN_MEMORY) break;
        if (doc.idle()) {
          doc.retired = true;
          this.drafts.delete(no);
        }
      }
    }
    return d;
  }

  campaignSummaries(campaignId: string, employeeNos: readonly string[], opts?: { essayTexts?: boolean }): Promise<ReadonlyMap<string, PersonCampaignView>> {
    return this.index.campaign(campaignId, employeeNos, opts?.essayTexts ?? true);
  }

  /** one process, its summaries in memory: the counts are the whole views' numbers */
  async campaignCounts(campaignId: string, employeeNos: readonly string[]): Promise<ReadonlyMap<string, PersonCampaignCounts>> {
    const views = await this.index.campaign(campaignId, employeeNos, false);
    return new Map([...views].map(([no, v]) => [no, countsOf(v, campaignId)]));
  }

  async yearSummaries(employeeNos: readonly string[]): Promise<ReadonlyMap<string, PersonYearView>> {
    return this.index.years(employeeNos);
  }

  async peekPeople(employeeNos: readonly string[]): Promise<ReadonlyMap<string, DeepReadonly<PersonFile>>> {
    const out = new Map<string, DeepReadonly<PersonFile>>();
    for (const no of employeeNos) out.set(no, await this.person(no).peek());
    return out;
  }

  /** Remove a person's files (records and drafts): only ever called by the audited deletion. */
  async removePerson(employeeNo: string): Promise<void> {
    checkEmployeeNo(employeeNo);
    // no journal line of theirs may outlive the files (a later record under the same 工号 is another history)
    await this.checkpoint();
    for (const [map, dir] of [
      [this.people, 'people'],
      [this.drafts, 'essays'],
    ] as const) {
      const d = map.get(employeeNo);
      if (d) d.retired = true;
      map.delete(employeeNo);
      rmSync(path.join(this.dir, dir, `${employeeNo}.json`), { force: true });
    }
    this.index.forget(employeeNo);
  }

  async recordIds(): Promise<{ people: string[]; drafts: string[] }> {
    const ids = (sub: string) =>
      readdirSync(path.join(this.dir, sub))
        .filter((f) => /^[A-Za-z0-9_-]{1,32}\.json$/.test(f))
        .map((f) => f.slice(0, -5))
        .sort();
    return { people: ids('people'), drafts: ids('essays') };
  }

  /**
   * A number per person that changes whenever their file is written. This process is the only
   * writer of the folder, so what it wrote is all there is: a person it never wrote is absent.
   */
  async personStamps(): Promise<ReadonlyMap<string, number>> {
    // a copy: what is written after this answer must not change it (as on PostgreSQL)
    return new Map(this.stamps);
  }

  private evictIdlePeople(): void {
    if (this.people.size <= DataStore.PEOPLE_IN_MEMORY) return;
    for (const [no, doc] of this.people) {
      if (this.people.size <= DataStore.PEOPLE_IN_MEMORY) break;
      // only a document with no write queued may go: one writer per file is kept
      if (doc.idle()) {
        doc.retired = true;
        this.people.delete(no);
      }
    }
  }

  /** A file in the corpus folder; names are content hashes, never user input. */
  corpusFile(name: string): string {
    if (!/^[a-z0-9]{64}(\.[a-z0-9.]+)?$/.test(name)) throw new Error(`internal: not a corpus file name: ${name}`);
    return path.join(this.dir, 'corpus', name);
  }

  exportsDir(): string {
    return path.join(this.dir, 'exports');
  }

  private checkpointIfDue(): void {
    if (this.journal && this.journal.bytes >= this.checkpointBytes && !this.checkpointing) {
      this.checkpoint().catch((e: unknown) => void serverLog.error(`the checkpoint of ${this.dir} (the journal is kept)`, e));
    }
  }

  /**
   * Write every person file that is behind the journal, then delete the journal files that held
   * nothing else. New study changes go on into a new journal file meanwhile. A checkpoint that
   * fails (a full disk) deletes nothing: the next one, or the next opening, tries again.
   */
  checkpoint(): Promise<void> {
    const journal = this.journal;
    if (!journal || this.closed) return Promise.resolve();
    this.checkpointing ??= (async () => {
      this.journalsDone.push(...(await journal.rotate()));
      const done = [...this.journalsDone];
      await Promise.all([...this.people.values()].filter((d) => d.behind).map((d) => d.flush()));
      // closed meanwhile: the files stay for the next opening to replay
      if (this.closed) return;
      StudyJournal.remove(done);
      this.journalsDone = this.journalsDone.filter((f) => !done.includes(f));
    })().finally(() => (this.checkpointing = null));
    return this.checkpointing;
  }

  /**
   * Let the folder go. What the study journal holds is already on disk and is written into the
   * person files when the folder is opened next (a stop is no different from a crash).
   */
  close(): void {
    if (!this.closed) this.index.close();
    this.closed = true;
    this.journal?.close();
    this.release?.();
    this.release = null;
  }
}
