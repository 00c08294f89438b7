// The data folder: its file layout, the process lock, and one Doc per file.
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, closeSync, writeSync, readFileSync, readdirSync, unlinkSync, existsSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Campaign, Person, Question, Role, Settings } from '../../core/model';
import { DEFAULT_SETTINGS } from '../../core/model';
import type { OpenStudy } from '../../core/study-time';
import type { PersonEvent } from './events';
import { Doc, upgrade, type DeepReadonly, type Migration, type Versioned } from './doc';
import { writeFileAtomic, writeFileAtomicSync } from './durable-json-file';
import { applyLine, PersonDoc } from './person-doc';
import type { FilePort, PersonPort, Store } from './store';
import { journalFiles, readJournals, StudyJournal, type JournalLine } from './study-journal';
import type { PersonCampaignView } from './person-summary';
import { SummaryIndex } from './summary-index';
import { serverLog } from '../log';

/** The 问题台账: inspections and findings as one append-only hash chain (core/inspection.ts). */
export interface InspectionsFile {
  schemaVersion: 1;
  entries: import('../../core/inspection').LedgerEntry[];
}
/** The prose of each campaign's 总结报告, as the officer wrote it (services/summary.ts). */
export interface SummariesFile {
  schemaVersion: 1;
  campaigns: Record<string, { sections: Record<'overview' | 'measures' | 'problems' | 'next', string>; savedAt: string; savedBy: string }>;
}
/** The campaign plans' tasks (services/plan.ts). */
export interface PlanFile {
  schemaVersion: 1;
  tasks: import('../../core/plan').PlanTask[];
}

/** A conflict as kept: both versions whole (the view shows them side by side). */
export interface MergeConflict {
  id: string;
  runId: string;
  station: string;
  kind: import('../../shared/api').MergeConflictKind;
  employeeNo: string | null;
  campaignId: string | null;
  server: unknown;
  workstation: unknown;
  /** ids of the workstation's events held back by this conflict (an essay's versions and reviews) */
  heldEvents: string[];
  decided: { by: string; at: string; choice: 'server' | 'workstation' } | null;
}
/** The merges of workstations into this record set (services/merge.ts). */
export interface MergesFile {
  schemaVersion: 1;
  runs: import('../../shared/api').MergeRunView[];
  conflicts: MergeConflict[];
}

/** failed logins per key (`no:<工号>`, `ip:<address>`); the rules are in services/login-guard.ts */
export interface LoginGuardFile {
  schemaVersion: 1;
  entries: Record<string, { failures: number[]; lockedUntil: number; locks: number; lastLockAt: number; lastTryAt: number; laneAt?: number }>;
}

export interface MetaFile {
  schemaVersion: 5;
  enterprise: string | null;
  createdAt: string | null;
  settings: Settings;
  /** the key of anonymous grading's pseudonyms (base64; made when first needed, never sent to a renderer) */
  pseudonymKey?: string;
}
export interface Account {
  employeeNo: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  createdAt: string;
  /** sign-in refused, sessions ended; the person's records are kept */
  disabled?: boolean;
  disabledAt?: string;
  /** set by an admin's password reset: the next sign-in must choose a new password */
  mustChangePassword?: boolean;
}
/** The enterprise's signing key (services/signing.ts): public in clear, private once per admin under their password. */
export interface SigningFile {
  schemaVersion: 1;
  publicKey: string | null;
  fingerprint: string | null;
  createdAt: string | null;
  wraps: Record<string, string>;
}
/** A signed checkpoint of the live data: the count and chain head of each person whose record changed since the one before. */
export interface Checkpoint {
  seq: number;
  at: string;
  reason: 'daily' | 'export' | 'setup' | 'manual';
  /** the hash of the checkpoint before (GENESIS for the first) */
  prev: string;
  changed: Record<string, { count: number; head: string }>;
  /** SHA-256 over every person's count and head as of this checkpoint */
  state: string;
  /** Ed25519 over the fields above */
  signature: string;
  hash: string;
}
export interface CheckpointsFile {
  schemaVersion: 1;
  entries: Checkpoint[];
}
export interface AccountsFile {
  schemaVersion: 1;
  accounts: Account[];
}
export interface RosterFile {
  schemaVersion: 1;
  people: (Person & { updatedAt: string })[];
}
export interface CampaignsFile {
  schemaVersion: 2;
  campaigns: Campaign[];
}
export interface QuestionsFile {
  schemaVersion: 2;
  /** the current version of every question in the bank */
  questions: Question[];
  /** earlier versions of edited questions, and removed questions: kept, never rewritten */
  history: (Question & { replacedAt: string; replacedBy: string; removed?: boolean })[];
}

/** v2: questions carry 难度/分类/标签/document/version; the file keeps earlier versions. */
export function migrateQuestionsV1(f: Record<string, unknown>): Record<string, unknown> {
  const qs = (f.questions ?? []) as Record<string, unknown>[];
  return { ...f, questions: qs.map((q) => ({ difficulty: 0, category: '', tags: [], docId: '', version: 1, ...q })), history: [] };
}

/** v2: a campaign's quiz is fixed or drawn at random by rules. */
export function migrateCampaignsV1(f: Record<string, unknown>): Record<string, unknown> {
  const cs = (f.campaigns ?? []) as { quiz: Record<string, unknown> }[];
  return { ...f, campaigns: cs.map((c) => ({ ...c, quiz: { mode: 'fixed', rules: [], ...c.quiz } })) };
}
/** What a person typed, kept apart from the training record: one snapshot per minute of writing. */
export interface EssayDraftSnapshot {
  at: string;
  parts: import('../../core/model').EssayParts;
  accidents: string[];
  total: number;
  /** the snapshot of a submitted version: later typing starts a new one */
  sealed?: boolean;
}
export interface EssayDraftsFile {
  schemaVersion: 1;
  employeeNo: string;
  campaigns: Record<string, EssayDraftSnapshot[]>;
}

/** The audit log: what an administrator did that changes records, each entry chained to the one before. */
export type AuditEntry = import('../../shared/api').AuditEntryView;
export interface AuditFile {
  schemaVersion: 1;
  entries: AuditEntry[];
}

export interface ExportRecord {
  exportId: string;
  employeeNo: string;
  campaignId: string;
  at: string;
  by: string;
  manifestSha256: string;
}
export interface ExportsFile {
  schemaVersion: 1;
  exports: ExportRecord[];
}
export interface CustomDoc {
  id: string;
  title: string;
  docNo: string;
  issuer: string;
  category: '法律' | '行政法规' | '国家标准' | '行业标准' | '地方文件' | '企业制度' | '事故案例';
  effective: string;
  suggestedMinutes: number;
  summary: string;
  createdAt: string;
}
/** One imported file of a document. The newest edition is studied; older ones stay for the record. */
export interface Edition {
  docId: string;
  sha256: string;
  fileName: string;
  original: 'pdf' | 'md' | 'txt' | 'docx';
  /** how the reader shows it: the PDF itself, or extracted text */
  readAs: 'pdf' | 'md' | 'txt';
  importedAt: string;
  importedBy: string;
  pages: number;
  chars: number;
  superseded: boolean;
}
export interface CorpusFile {
  schemaVersion: 1;
  documents: CustomDoc[];
  editions: Edition[];
}
export interface CollectiveSession extends Omit<import('../../core/model').CollectiveInput, 'id'> {
  id: string;
  createdBy: string;
  createdAt: string;
  /** who attended, as the officer ticked it or as people checked in (the records are in each person's file) */
  attendees: { employeeNo: string; via: 'roster' | 'self'; at: string }[];
  checkIn: { code: string; until: number } | null;
}
export interface CollectiveFile {
  schemaVersion: 1;
  sessions: CollectiveSession[];
}
export interface OpenAttempt {
  attemptId: string;
  campaignId: string;
  questionIds: string[];
  startedAt: number;
  startedAtIso: string;
  deadline: number;
  /** answers in the letters of the original options */
  answers: Record<string, string[]>;
  /** per question, the original option index shown at each position (absent: as written) */
  optionOrder?: Record<string, number[]>;
  /** times the person left the quiz window */
  leaves?: number;
  /** the questions as this person was given them (the version, and for drawn papers the points) */
  questions?: Question[];
  /** questions the person flagged to look at again before submitting */
  flags?: string[];
}
export interface PersonFile {
  schemaVersion: 2;
  employeeNo: string;
  events: PersonEvent[];
  open: {
    study: OpenStudy | null;
    quiz: Record<string, OpenAttempt>;
    essayDrafts: Record<string, { parts: import('../../core/model').EssayParts; savedAt: string; accidents?: string[] }>;
    /** where the person stopped reading each text ("docId/key" → share of the text scrolled) */
    positions?: Record<string, { ratio: number; at: string }>;
    /** 述职报告 being written, per campaign (absent in files from before 述职) */
    reportDrafts?: Record<string, { parts: import('../../core/duty-report').ReportParts; savedAt: string; attachments: import('../../core/evidence').FileRef[] }>;
    /** raised by one at each study-only change (lowdb: tells a journal line from an older one; storage/study-journal.ts) */
    studyRev?: number;
  };
}

/** v2: an open study session carries attention-check state and provisional time. */
export function migratePersonV1(f: Record<string, unknown>): Record<string, unknown> {
  const open = (f.open ?? {}) as Record<string, unknown>;
  const study = open.study as Record<string, unknown> | null | undefined;
  if (!study) return f;
  return {
    ...f,
    open: {
      ...open,
      study: {
        provisionalMs: 0,
        provisionalByDay: {},
        checks: { issued: 0, answered: 0, missed: 0 },
        pendingCheck: null,
        checkMissed: false,
        nextCheckAt: null,
        ...study,
        excludedMs: { locked: 0, check_missed: 0, daily_cap: 0, ...(study.excludedMs as object) },
      },
    },
  };
}

/**
 * The shared documents, the same for every backend: their file (lowdb) or row name (PostgreSQL),
 * their empty state and their schema migrations.
 */
export const SHARED_DOCS = {
  meta: {
    file: 'meta.json',
    defaults: (): MetaFile => ({ schemaVersion: 5 as const, enterprise: null, createdAt: null, settings: { ...DEFAULT_SETTINGS } }),
    // v2 added the daily cap and the attention-check settings, v3 the essay similarity threshold, v4 retention,
    // v5 the campaign targets per person category:
    // older folders get the defaults
    migrations: {
      1: (m) => ({ ...m, settings: { ...DEFAULT_SETTINGS, ...(m.settings as object) } }),
      2: (m) => ({ ...m, settings: { ...DEFAULT_SETTINGS, ...(m.settings as object) } }),
      3: (m) => ({ ...m, settings: { ...DEFAULT_SETTINGS, ...(m.settings as object) } }),
      4: (m) => ({ ...m, settings: { ...DEFAULT_SETTINGS, ...(m.settings as object) } }),
    } as Record<number, Migration>,
  },
  accounts: { file: 'accounts.json', defaults: (): AccountsFile => ({ schemaVersion: 1 as const, accounts: [] }), migrations: {} },
  signing: { file: 'signing.json', defaults: (): SigningFile => ({ schemaVersion: 1 as const, publicKey: null, fingerprint: null, createdAt: null, wraps: {} }), migrations: {} },
  checkpoints: { file: 'checkpoints.json', defaults: (): CheckpointsFile => ({ schemaVersion: 1 as const, entries: [] }), migrations: {} },
  roster: { file: 'roster.json', defaults: (): RosterFile => ({ schemaVersion: 1 as const, people: [] }), migrations: {} },
  campaigns: { file: 'campaigns.json', defaults: (): CampaignsFile => ({ schemaVersion: 2 as const, campaigns: [] }), migrations: { 1: migrateCampaignsV1 } },
  questions: { file: 'questions.json', defaults: (): QuestionsFile => ({ schemaVersion: 2 as const, questions: [], history: [] }), migrations: { 1: migrateQuestionsV1 } },
  exports: { file: 'exports.json', defaults: (): ExportsFile => ({ schemaVersion: 1 as const, exports: [] }), migrations: {} },
  audit: { file: 'audit.json', defaults: (): AuditFile => ({ schemaVersion: 1 as const, entries: [] }), migrations: {} },
  loginGuard: { file: 'login-guard.json', defaults: (): LoginGuardFile => ({ schemaVersion: 1 as const, entries: {} }), migrations: {} },
  plan: { file: 'plan.json', defaults: (): PlanFile => ({ schemaVersion: 1 as const, tasks: [] }), migrations: {} },
  summaries: { file: 'summaries.json', defaults: (): SummariesFile => ({ schemaVersion: 1 as const, campaigns: {} }), migrations: {} },
  inspections: { file: 'inspections.json', defaults: (): InspectionsFile => ({ schemaVersion: 1 as const, entries: [] }), migrations: {} },
  merges: { file: 'merges.json', defaults: (): MergesFile => ({ schemaVersion: 1 as const, runs: [], conflicts: [] }), migrations: {} },
  collective: { file: 'collective.json', defaults: (): CollectiveFile => ({ schemaVersion: 1 as const, sessions: [] }), migrations: {} },
  corpus: { file: 'corpus.json', defaults: (): CorpusFile => ({ schemaVersion: 1 as const, documents: [], editions: [] }), migrations: {} },
} satisfies Record<string, { file: string; defaults: () => Versioned; migrations: Record<number, Migration> }>;
export type SharedDocName = keyof typeof SHARED_DOCS;

export const emptyPerson = (employeeNo: string): PersonFile => ({ schemaVersion: 2 as const, employeeNo, events: [], open: { study: null, quiz: {}, essayDrafts: {} } });
export const PERSON_MIGRATIONS: Record<number, Migration> = { 1: migratePersonV1 };
export const emptyDrafts = (employeeNo: string): EssayDraftsFile => ({ schemaVersion: 1 as const, employeeNo, campaigns: {} });

/** A 工号 as it may name a file or a row. */
export function checkEmployeeNo(employeeNo: string): void {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(employeeNo)) throw new Error(`无效的工号：${employeeNo}`);
}

/**
 * Opening a folder after a stop or a crash: every journaled study state that is newer than its
 * person's file is written into the file, then the journal files are deleted. A line whose person
 * has no file (deleted meanwhile) is dropped.
 */
function replayJournals(dir: string): void {
  const files = journalFiles(dir);
  if (files.length === 0) return;
  for (const [no, line] of readJournals(files)) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(no)) throw new Error(`学习日志中的工号无效：${no}（${files.join(', ')}）`);
    const file = path.join(dir, 'people', `${no}.json`);
    if (!existsSync(file)) continue;
    let stored: PersonFile;
    try {
      stored = upgrade(JSON.parse(readFileSync(file, 'utf8')) as PersonFile, 2, PERSON_MIGRATIONS, file);
    } catch {
      throw new Error(`数据文件已损坏，无法解析：${file}`);
    }
    const now = applyLine(stored, line);
    if (now !== stored) writeFileAtomicSync(file, JSON.stringify(now, null, 1));
  }
  StudyJournal.remove(files);
}

const heldLocks = new Set<string>();

export class DataFolderLockedError extends Error {}

/** Refuse a second writer: a second process on the same folder would lose updates. */
function acquireLock(dir: string): () => void {
  const lockFile = path.join(dir, 'anxue.lock');
  const key = path.resolve(lockFile);
  if (heldLocks.has(key)) throw new DataFolderLockedError(`数据文件夹 ${dir} 已在本进程中打开`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname() }));
      closeSync(fd);
      heldLocks.add(key);
      return () => {
        heldLocks.delete(key);
        try {
          unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: { pid?: number; host?: string } = {};
      try {
        owner = JSON.parse(readFileSync(lockFile, 'utf8')) as typeof owner;
      } catch {
        /* unreadable lock: treat as stale */
      }
      if (owner.pid && owner.host === os.hostname() && processAlive(owner.pid)) {
        throw new DataFolderLockedError(`数据文件夹 ${dir} 正被另一个安学进程使用（进程号 ${owner.pid}）`);
      }
      if (owner.host && owner.host !== os.hostname()) {
        throw new DataFolderLockedError(`数据文件夹 ${dir} 正被计算机 ${owner.host} 使用`);
      }
      unlinkSync(lockFile);
    }
  }
  throw new DataFolderLockedError(`无法锁定数据文件夹 ${dir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
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
  /** failed logins per 工号 and per client address (services/login-guard.ts) */
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
  /** where study-only changes are kept until their person's file is written (storage/study-journal.ts) */
  private readonly journal: StudyJournal | null = null;
  /** journal files whose lines are all in memory, to delete once a checkpoint has written them */
  private journalsDone: string[] = [];
  private checkpointing: Promise<void> | null = null;
  /** opened to read: the journaled states newer than the files, applied as each person is read */
  private readonly replayed = new Map<string, JournalLine>();
  private closed = false;
  /** per campaign, what the officer's views need of each person (storage/summary-index.ts) */
  private readonly index: SummaryIndex;

  private constructor(
    readonly dir: string,
    private readonly readOnly = false,
  ) {
    for (const sub of ['people', 'exports', 'corpus', 'essays', 'files', 'index']) mkdirSync(path.join(dir, sub), { recursive: true });
    this.index = new SummaryIndex(dir, readOnly, (no) => this.people.get(no)?.current() ?? null);
    // read-only: no lock, so a backup can read a folder a running server holds (every file is
    // replaced whole by a rename, so each one read is complete)
    this.release = readOnly ? null : acquireLock(dir);
    if (readOnly) {
      for (const [no, line] of readJournals(journalFiles(dir))) this.replayed.set(no, line);
    } else {
      try {
        replayJournals(dir);
        this.journal = new StudyJournal(dir);
      } catch (e) {
        this.close();
        throw e;
      }
    }
    for (const [name, spec] of Object.entries(SHARED_DOCS)) {
      const key = name as SharedDocName;
      const d = new Doc<Versioned>(path.join(dir, spec.file), spec.defaults, spec.migrations);
      d.readOnly = readOnly;
      (this as unknown as Record<SharedDocName, unknown>)[key] = d;
    }
  }

  readonly files: FilePort = {
    put: async (bytes) => {
      if (this.readOnly) throw new Error(`数据文件夹以只读方式打开，不能写入：${this.dir}`);
      const sha = createHash('sha256').update(bytes).digest('hex');
      const file = path.join(this.dir, 'files', sha);
      if (!existsSync(file)) await writeFileAtomic(file, bytes);
      return sha;
    },
    get: async (sha) => {
      if (!/^[0-9a-f]{64}$/.test(sha)) return null;
      try {
        return await readFile(path.join(this.dir, 'files', sha));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    list: async () => (await readdir(path.join(this.dir, 'files'))).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort(),
  };

  static open(dir: string): DataStore {
    return new DataStore(path.resolve(dir));
  }

  /** Open a folder only to read it, even while a server holds it. */
  static openReadOnly(dir: string): DataStore {
    if (DataStore.looksEmpty(dir)) throw new Error(`不是安学数据文件夹（没有 meta.json）：${dir}`);
    return new DataStore(path.resolve(dir), true);
  }

  /** True when the folder exists and holds no data file yet (or does not exist at all). */
  static looksEmpty(dir: string): boolean {
    return !existsSync(path.join(dir, 'meta.json'));
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
      d = new PersonDoc(path.join(this.dir, 'people', `${employeeNo}.json`), employeeNo, this.journal, this.replayed.get(employeeNo), () => this.checkpointIfDue());
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
    d = new Doc<EssayDraftsFile>(path.join(this.dir, 'essays', `${employeeNo}.json`), () => emptyDrafts(employeeNo));
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

  campaignSummaries(campaignId: string, employeeNos: readonly string[]): Promise<ReadonlyMap<string, PersonCampaignView>> {
    return this.index.campaign(campaignId, employeeNos);
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
    for (const [map, dir] of [[this.people, 'people'], [this.drafts, 'essays']] as const) {
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
    if (!/^[a-z0-9]{64}(\.[a-z0-9.]+)?$/.test(name)) throw new Error(`无效的文件名：${name}`);
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
      const old = await journal.rotate();
      if (old) this.journalsDone.push(old);
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
