// The data folder: its file layout, the process lock, and one Doc per file.
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, closeSync, writeSync, readFileSync, readdirSync, unlinkSync, existsSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Doc } from './doc';
import { upgrade, type DeepReadonly, type Versioned } from '../../records/versioned';
import { SHARED_DOCS, type AccountsFile, type AuditFile, type CampaignsFile, type CheckpointsFile, type CollectiveFile, type CorpusFile, type ExportsFile, type InspectionsFile, type LoginGuardFile, type MergesFile, type MetaFile, type PlanFile, type QuestionsFile, type RosterFile, type SharedDocName, type SigningFile, type SummariesFile } from '../../records/shared-docs';
import { checkEmployeeNo, emptyDrafts, PERSON_MIGRATIONS, type EssayDraftsFile, type PersonFile } from '../../records/person';
import { TEMP_FILE, writeFileAtomic, writeFileAtomicSync } from './durable-json-file';
import { applyLine, PersonDoc } from './person-doc';
import { defaultKeyStoreDir, firstBadEvent, folderKeyStore, FolderSeal, newSealFile, readSealFile, relPath, sameMac, SEAL_FILE, SealError, Sealer, splitSealed, type KeyStore, type SealFile } from './seal';
import type { EventSeals } from '../../records/person';
import { unwrapSecret, wrapSecret } from '../../records/key-wrap';
import type { FilePort, PersonPort, SealIdentity, SealPort, Store } from './store';
import { verifyChain } from '../../records/events';
import { describeCut, journalFiles, readJournals, StudyJournal, type JournalLine } from './study-journal';
import type { PersonCampaignView } from '../../records/summary';
import { SummaryIndex } from './summary-index';
import { serverLog } from '../log';

/** The shared documents' files: sealed, but for the counts of failed logins (written before a sign-in can unlock anything). */
const UNSEALED_DOCS: ReadonlySet<SharedDocName> = new Set(['loginGuard']);

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

/** Whether `inner` is `outer` or inside it. */
function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(path.resolve(outer), path.resolve(inner));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
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

  /** the folder's seal (seal.ts) */
  private readonly folderSeal: FolderSeal;
  /** what opening the folder found and did, one line each */
  private readonly openNotes: string[] = [];
  /** journal lines that are not records, or whose seal does not hold */
  private journalProblems: string[] = [];
  /** changes of seal.json, one at a time */
  private sealWrites: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly readOnly = false,
    options: OpenOptions = {},
  ) {
    for (const sub of ['people', 'exports', 'corpus', 'essays', 'files', 'index']) mkdirSync(path.join(dir, sub), { recursive: true });
    this.folderSeal = new FolderSeal(dir, options.keys === undefined ? defaultKeyStore() : options.keys);
    this.index = new SummaryIndex(dir, readOnly, (no) => this.people.get(no)?.current() ?? null);
    // read-only: no lock, so a backup can read a folder a running server holds (every file is
    // replaced whole by a rename, so each one read is complete)
    this.release = readOnly ? null : acquireLock(dir);
    try {
      if (!readOnly) this.removeTempFiles();
      this.openSeal(options.identity);
      if (readOnly) {
        for (const [no, line] of this.readJournalLines(journalFiles(dir))) this.replayed.set(no, line);
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

  /** Temp files of writes that never finished (a crash, a kill, a full disk): this process is the folder's only writer. */
  private removeTempFiles(): void {
    let removed = 0;
    const sweep = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        // exports: a batch that stopped is resumed from its own partial folders
        if (e.isDirectory()) {
          if (e.name !== 'exports') sweep(full);
        } else if (TEMP_FILE.test(e.name)) {
          try {
            unlinkSync(full);
            removed += 1;
          } catch {
            /* gone already */
          }
        }
      }
    };
    sweep(this.dir);
    if (removed > 0) this.openNotes.push(`已删除 ${removed} 个中断的写入留下的临时文件 / removed ${removed} temporary files left by writes that never finished`);
  }

  /** The journal lines of `files` (the newest per person), noting what was cut and what does not hold its seal. */
  private readJournalLines(files: readonly string[]): Map<string, JournalLine> {
    const { lines, cuts } = readJournals(
      files,
      (rec) => this.folderSeal.lineHolds(rec),
      (file, line, rec) =>
        this.journalProblems.push(`学习日志 ${path.basename(file)} 第 ${line} 行（${rec.no}）与封印不符：在程序之外写入，未采用 / line ${line} of the study journal ${path.basename(file)} (${rec.no}) does not match its seal: written outside the app, not used`),
    );
    for (const c of cuts) (c.kind === 'torn' ? this.openNotes : this.journalProblems).push(describeCut(c));
    return lines;
  }

  /**
   * Opening a folder after a stop or a crash: every journaled study state that is newer than its
   * person's file is written into the file, then the journal files are deleted. Where a file
   * cannot be written now (a full disk, the seal key not here yet) the state is kept in memory
   * and the journal stays for the next opening. A line whose person has no file (deleted
   * meanwhile) is dropped; a record changed outside the app is not written over.
   */
  private replay(): void {
    const files = journalFiles(this.dir);
    if (files.length === 0) return;
    let all = true;
    for (const [no, line] of this.readJournalLines(files)) {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(no)) {
        this.journalProblems.push(`学习日志中的工号无效：${no.slice(0, 40)} / an invalid 工号 in the study journal: ${no.slice(0, 40)}`);
        continue;
      }
      const file = path.join(this.dir, 'people', `${no}.json`);
      if (!existsSync(file)) continue;
      if (this.folderSeal.mode === 'locked') {
        this.replayed.set(no, line);
        all = false;
        continue;
      }
      const rel = relPath(this.dir, file);
      try {
        const { text, problem } = this.folderSeal.open(rel, readFileSync(file, 'utf8'));
        if (problem) {
          all = false; // anxue check names it; nothing is written over it
          continue;
        }
        const stored = upgrade(JSON.parse(text) as PersonFile, 2, PERSON_MIGRATIONS, file);
        const now = applyLine(stored, line);
        if (now !== stored) writeFileAtomicSync(file, this.folderSeal.seal(rel, JSON.stringify(now, null, 1)));
      } catch (e) {
        this.replayed.set(no, line);
        all = false;
        this.openNotes.push(`${no}：学习日志暂未写入记录文件（${(e as Error).message}），保留在日志中 / ${no}: the study journal could not be written into the record yet (${(e as Error).message}); it is kept in the journal`);
      }
    }
    if (all) StudyJournal.remove(files);
  }

  /**
   * The folder's seal: checked against the key on this PC, or locked until an admin's password
   * opens their copy of it. A new folder gets one; a folder from before seals gets one over what
   * it holds (its records so far are covered by the signed checkpoints, as before). A folder this
   * PC sealed whose seal.json is gone is refused: someone removed it.
   */
  private openSeal(identity?: SealIdentity): void {
    const seal = this.folderSeal;
    const keys = seal.keys;
    if (keys && isInside(keys.where, this.dir)) throw new SealError(`封印密钥库 ${keys.where} 在数据文件夹之内：密钥必须放在数据文件夹之外 / the seal key store ${keys.where} is inside the data folder: the key must be kept outside it`);
    const file = readSealFile(this.dir);
    if (file) {
      seal.file = file;
      const key = identity?.file.sealId === file.sealId ? identity.key : (keys?.get(file.sealId) ?? null);
      if (!key) {
        seal.mode = 'locked';
        this.openNotes.push(`记录封印密钥不在本机（密钥库 ${seal.where}）：系统管理员登录一次后才能写入记录 / the records' seal key is not on this PC (key store ${seal.where}): records can be written once an administrator has signed in`);
        return;
      }
      const sealer = new Sealer(file.sealId, key);
      if (!sameMac(sealer.checkValue(), file.check)) throw new SealError(`${path.join(this.dir, SEAL_FILE)}：本机的封印密钥不是这个数据文件夹的（封印文件被改动或替换）/ the seal key on this PC is not this data folder's (the seal file was changed or replaced)`);
      seal.sealer = sealer;
      seal.mode = 'on';
      if (!this.readOnly && !identity) keys?.rememberFolder(this.dir, file.sealId);
      return;
    }
    if (!keys || this.readOnly) return;
    const empty = DataStore.looksEmpty(this.dir);
    const had = keys.folder(this.dir);
    if (!empty && had) throw new SealError(`${path.join(this.dir, SEAL_FILE)} 不见了：本机曾封印这个数据文件夹（${had}），封印文件被删除，记录可能在程序之外被改动。请从备份恢复 / ${SEAL_FILE} is missing: this PC sealed this data folder (${had}) and its seal file was removed, so records may have been changed outside the app. Restore from a backup`);
    // a folder from before seals: its journal into its files first, as they were written then
    if (!empty) this.replay();
    const sealer = identity ? new Sealer(identity.file.sealId, identity.key) : Sealer.create();
    const sealFile: SealFile = identity ? structuredClone(identity.file) : newSealFile(sealer, new Date().toISOString());
    if (!identity) keys.put(sealer.sealId, sealer.secret);
    seal.sealer = sealer;
    seal.file = sealFile;
    seal.mode = 'on';
    if (!empty) {
      const n = this.sealAll(true);
      this.openNotes.push(`记录封印已启用：${n} 人的记录从现在起封印，此前的记录由签名检查点保护 / record seals are on: the records of ${n} people are sealed from now on; what they held before is covered by the signed checkpoints`);
    }
    // seal.json last: a folder whose sealing stopped half-way is sealed again from the start
    writeFileAtomicSync(path.join(this.dir, SEAL_FILE), JSON.stringify(sealFile, null, 1));
    if (!identity) keys.rememberFolder(this.dir, sealer.sealId);
  }

  /**
   * Seal every document file of the folder with the current key (a seal they had is replaced).
   * `adopt`: a folder from before seals, whose records' events so far get no seals of their own.
   * Returns the number of people.
   */
  private sealAll(adopt: boolean): number {
    const seal = this.folderSeal;
    const rewrite = (file: string, change?: (data: Record<string, unknown>) => void) => {
      if (!existsSync(file)) return;
      const data = JSON.parse(splitSealed(readFileSync(file, 'utf8')).text) as Record<string, unknown>;
      change?.(data);
      writeFileAtomicSync(file, seal.seal(relPath(this.dir, file), JSON.stringify(data, null, 1)));
    };
    for (const [name, spec] of Object.entries(SHARED_DOCS)) if (!UNSEALED_DOCS.has(name as SharedDocName)) rewrite(path.join(this.dir, spec.file));
    const jsonIn = (sub: string) => readdirSync(path.join(this.dir, sub)).filter((f) => /^[A-Za-z0-9_-]{1,32}\.json$/.test(f));
    for (const f of jsonIn('essays')) rewrite(path.join(this.dir, 'essays', f));
    const people = jsonIn('people');
    if (!adopt && people.length > 0) throw new SealError(`${this.dir} 中已有记录，不能换用另一个封印 / ${this.dir} holds records already: it cannot take another seal`);
    for (const f of people) {
      rewrite(path.join(this.dir, 'people', f), (data) => {
        data.seals = { from: (data.events as unknown[]).length, macs: [] } satisfies EventSeals;
      });
    }
    return people.length;
  }

  /** The folder's seals (a lowdb folder's own; see SealPort). */
  readonly seals: SealPort = {
    status: () => ({ mode: this.folderSeal.mode, sealId: this.folderSeal.file?.sealId ?? null, keyStore: this.folderSeal.where, copies: Object.keys(this.folderSeal.file?.wraps ?? {}) }),
    notes: () => [...this.openNotes],
    problems: (only, skip) => this.sealProblems(only, skip),
    unlock: (adminNo, password) => this.unlockSeal(adminNo, password),
    keepCopyFor: (adminNo, password) => this.keepSealCopy(adminNo, password),
    identity: () => {
      const s = this.folderSeal;
      return s.mode === 'on' && s.sealer && s.file ? { file: structuredClone(s.file), key: Buffer.from(s.sealer.secret) } : null;
    },
    take: (identity) => this.takeSeal(identity),
  };

  private async sealProblems(only?: readonly string[], skip: ReadonlySet<string> = new Set()): Promise<string[]> {
    const seal = this.folderSeal;
    const out: string[] = only ? [] : [...this.journalProblems];
    if (seal.mode === 'off') {
      const had = seal.keys?.folder(this.dir);
      if (had && !DataStore.looksEmpty(this.dir)) out.push(`${SEAL_FILE} 不见了：本机曾封印这个数据文件夹，封印文件被删除 / ${SEAL_FILE} is missing: this PC sealed this data folder and its seal file was removed`);
      return out;
    }
    if (seal.mode === 'locked' || !seal.sealer) {
      out.push(`无法检查记录封印：本机没有这个数据文件夹的封印密钥（密钥库 ${seal.where}）；用 --admin 工号 --password-file 文件 给出一位系统管理员的密码 / the records' seals cannot be checked: this PC does not hold the folder's seal key (key store ${seal.where}); give an administrator's password with --admin NO --password-file FILE`);
      return out;
    }
    const sealer = seal.sealer;
    const read = async (file: string): Promise<{ text: string; problem: string | null } | null> => {
      try {
        return seal.open(relPath(this.dir, file), await readFile(file, 'utf8'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    };
    if (!only) {
      for (const [name, spec] of Object.entries(SHARED_DOCS)) {
        if (UNSEALED_DOCS.has(name as SharedDocName)) continue;
        const r = await read(path.join(this.dir, spec.file));
        if (r?.problem) out.push(r.problem);
      }
      for (const no of (await this.recordIds()).drafts) {
        const r = await read(path.join(this.dir, 'essays', `${no}.json`));
        if (r?.problem) out.push(r.problem);
      }
      // lines written into the journal since it was opened (those found at opening are in journalProblems)
      const seen = new Set(this.journalProblems);
      readJournals(journalFiles(this.dir), (rec) => seal.lineHolds(rec), (file, line, rec) => {
        const p = `学习日志 ${path.basename(file)} 第 ${line} 行（${rec.no}）与封印不符：在程序之外写入，未采用 / line ${line} of the study journal ${path.basename(file)} (${rec.no}) does not match its seal: written outside the app, not used`;
        if (!seen.has(p)) out.push(p);
      });
    }
    for (const no of (only ?? (await this.recordIds()).people).filter((x) => !skip.has(x))) {
      const r = await read(path.join(this.dir, 'people', `${no}.json`));
      if (!r) continue;
      let f: PersonFile;
      try {
        f = JSON.parse(r.text) as PersonFile;
      } catch {
        out.push(`${no}：记录文件无法解析 / ${no}: the record file cannot be read`);
        continue;
      }
      // the first record that does not hold: by its own seal (rewritten, hashes recomputed), else by
      // its hash (changed, hashes left); else the file as a whole (what the person has open)
      const bad = firstBadEvent(sealer, no, f.events ?? [], f.seals);
      const chain = bad ? [] : verifyChain(f.events ?? []);
      if (bad) out.push(bad);
      else if (chain.length > 0) out.push(`${no}：${chain[0]}`);
      else if (r.problem) out.push(`${no}：${r.problem}`);
    }
    return out;
  }

  private async unlockSeal(adminNo: string, password: string): Promise<boolean> {
    const seal = this.folderSeal;
    if (seal.mode === 'on') return true;
    const wrapped = seal.file?.wraps[adminNo];
    if (seal.mode === 'off' || !seal.file || !wrapped) return false;
    const key = await unwrapSecret(wrapped, password);
    if (!key || key.length !== 32) return false;
    const sealer = new Sealer(seal.file.sealId, key);
    if (!sameMac(sealer.checkValue(), seal.file.check)) return false;
    if (!this.readOnly) {
      seal.keys?.put(sealer.sealId, key);
      seal.keys?.rememberFolder(this.dir, sealer.sealId);
    }
    seal.sealer = sealer;
    seal.mode = 'on';
    this.forgetUnchecked();
    return true;
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
    this.journalProblems = [];
    this.replayed.clear();
    for (const [no, line] of this.readJournalLines(journalFiles(this.dir))) this.replayed.set(no, line);
  }

  private writeSealFile(change: (f: SealFile) => void): Promise<void> {
    const run = async () => {
      const f = this.folderSeal.file;
      if (!f) return;
      const next = structuredClone(f);
      change(next);
      await writeFileAtomic(path.join(this.dir, SEAL_FILE), JSON.stringify(next, null, 1));
      this.folderSeal.file = next;
    };
    const p = this.sealWrites.then(run, run);
    this.sealWrites = p.catch(() => undefined);
    return p;
  }

  private async keepSealCopy(adminNo: string, password: string): Promise<void> {
    const seal = this.folderSeal;
    if (this.readOnly || seal.mode !== 'on' || !seal.sealer) return;
    const w = await wrapSecret(seal.sealer.secret, password);
    await this.writeSealFile((f) => void (f.wraps[adminNo] = w));
  }

  private async takeSeal(identity: SealIdentity): Promise<void> {
    if (this.readOnly) throw new Error(`internal: ${this.dir} was opened read-only`);
    const seal = this.folderSeal;
    if (seal.file?.sealId === identity.file.sealId && seal.mode === 'on') return;
    const sealer = new Sealer(identity.file.sealId, identity.key);
    if (!sameMac(sealer.checkValue(), identity.file.check)) throw new SealError(`备份的封印密钥与其封印文件不符 / the backup's seal key does not match its seal file`);
    const before = { sealer: seal.sealer, file: seal.file, mode: seal.mode };
    seal.sealer = sealer;
    seal.file = structuredClone(identity.file);
    seal.mode = 'on';
    try {
      this.sealAll(false);
    } catch (e) {
      Object.assign(seal, before);
      throw e;
    }
    seal.keys?.put(sealer.sealId, identity.key);
    await writeFileAtomic(path.join(this.dir, SEAL_FILE), JSON.stringify(seal.file, null, 1));
    seal.keys?.rememberFolder(this.dir, sealer.sealId);
    this.forgetUnchecked();
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

  static open(dir: string, options: OpenOptions = {}): DataStore {
    return new DataStore(path.resolve(dir), false, options);
  }

  /** Open a folder only to read it, even while a server holds it. */
  static openReadOnly(dir: string, options: OpenOptions = {}): DataStore {
    if (DataStore.looksEmpty(dir)) throw new Error(`不是安学数据文件夹（没有 meta.json）：${dir} / not an Anxue data folder (no meta.json): ${dir}`);
    return new DataStore(path.resolve(dir), true, options);
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
