// A lowdb folder's seal (seal.ts): opened against the key on this PC or locked until an admin's
// password unlocks it, set up for a new folder or one from before seals, checked record by record,
// and handed on to a backup's copy. The folder's store (data-store.ts) is the host it works for.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SHARED_DOCS, type SharedDocName } from '../../../records/shared-docs';
import type { EventSeals, PersonFile } from '../../../records/person';
import { verifyChain } from '../../../records/events';
import { unwrapSecret, wrapSecret } from '../../../records/key-wrap';
import { writeFileAtomic, writeFileAtomicSync } from '../durable-json-file';
import { isInside } from './folder-lock';
import { firstBadEvent, FolderSeal, newSealFile, readSealFile, relPath, sameMac, SEAL_FILE, Sealer, splitSealed, type SealFile } from './seal';
import { said, type Message } from '../../../core/message';
import { SealError } from '../store';
import type { SealIdentity, SealPort } from '../store';
import { journalFiles, journalLineProblem, readJournals } from './study-journal';

/** The shared documents' files: sealed, but for the counts of failed logins (written before a sign-in can unlock anything). */
export const UNSEALED_DOCS: ReadonlySet<SharedDocName> = new Set(['loginGuard']);

/** True when the folder exists and holds no data file yet (or does not exist at all). */
export function looksEmpty(dir: string): boolean {
  return !existsSync(path.join(dir, 'meta.json'));
}

/** What the seal needs of the folder's store. */
export interface SealHost {
  readonly dir: string;
  readonly readOnly: boolean;
  readonly seal: FolderSeal;
  /** what opening the folder found and did; journal lines that are not records or do not hold their seal */
  readonly report: { notes: Message[]; journalProblems: Message[] };
  /** write the study journal into the person files (a folder from before seals, before it is sealed) */
  replay(): void;
  recordIds(): Promise<{ people: string[]; drafts: string[] }>;
  /** drop what was read while the key was not here, so that it is read again and checked */
  forgetUnchecked(): void;
}

export class FolderSeals {
  /** changes of seal.json, one at a time */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: SealHost) {}

  /**
   * The folder's seal: checked against the key on this PC, or locked until an admin's password
   * opens their copy of it. A new folder gets one; a folder from before seals gets one over what
   * it holds (its records so far are covered by the signed checkpoints, as before). A folder this
   * PC sealed whose seal.json is gone is refused: someone removed it.
   */
  open(identity?: SealIdentity): void {
    const seal = this.host.seal;
    const keys = seal.keys;
    if (keys && isInside(keys.where, this.host.dir)) throw new SealError(said('seal.keyStoreInside', { where: keys.where }));
    const file = readSealFile(this.host.dir);
    if (file) {
      seal.file = file;
      const key = identity?.file.sealId === file.sealId ? identity.key : (keys?.get(file.sealId) ?? null);
      if (!key) {
        seal.mode = 'locked';
        this.host.report.notes.push(said('seal.note.locked', { where: seal.where }));
        return;
      }
      const sealer = new Sealer(file.sealId, key);
      if (!sameMac(sealer.checkValue(), file.check)) throw new SealError(said('seal.notThisKey', { file: path.join(this.host.dir, SEAL_FILE) }));
      seal.sealer = sealer;
      seal.mode = 'on';
      if (!this.host.readOnly && !identity) keys?.rememberFolder(this.host.dir, file.sealId);
      return;
    }
    if (!keys || this.host.readOnly) return;
    const empty = looksEmpty(this.host.dir);
    const had = keys.folder(this.host.dir);
    if (!empty && had) throw new SealError(said('seal.fileRemoved', { file: path.join(this.host.dir, SEAL_FILE), had }));
    // a folder from before seals: its journal into its files first, as they were written then
    if (!empty) this.host.replay();
    const sealer = identity ? new Sealer(identity.file.sealId, identity.key) : Sealer.create();
    const sealFile: SealFile = identity ? structuredClone(identity.file) : newSealFile(sealer, new Date().toISOString());
    if (!identity) keys.put(sealer.sealId, sealer.secret);
    seal.sealer = sealer;
    seal.file = sealFile;
    seal.mode = 'on';
    if (!empty) {
      const n = this.sealAll(true);
      this.host.report.notes.push(said('seal.note.sealedNow', { n }));
    }
    // seal.json last: a folder whose sealing stopped half-way is sealed again from the start
    writeFileAtomicSync(path.join(this.host.dir, SEAL_FILE), JSON.stringify(sealFile, null, 1));
    if (!identity) keys.rememberFolder(this.host.dir, sealer.sealId);
  }

  /**
   * Seal every document file of the folder with the current key (a seal they had is replaced).
   * `adopt`: a folder from before seals, whose records' events so far get no seals of their own.
   * Returns the number of people.
   */
  private sealAll(adopt: boolean): number {
    const seal = this.host.seal;
    const rewrite = (file: string, change?: (data: Record<string, unknown>) => void) => {
      if (!existsSync(file)) return;
      const data = JSON.parse(splitSealed(readFileSync(file, 'utf8')).text) as Record<string, unknown>;
      change?.(data);
      writeFileAtomicSync(file, seal.seal(relPath(this.host.dir, file), JSON.stringify(data, null, 1)));
    };
    for (const [name, spec] of Object.entries(SHARED_DOCS)) if (!UNSEALED_DOCS.has(name as SharedDocName)) rewrite(path.join(this.host.dir, spec.file));
    const jsonIn = (sub: string) => readdirSync(path.join(this.host.dir, sub)).filter((f) => /^[A-Za-z0-9_-]{1,32}\.json$/.test(f));
    for (const f of jsonIn('essays')) rewrite(path.join(this.host.dir, 'essays', f));
    const people = jsonIn('people');
    if (!adopt && people.length > 0) throw new SealError(said('seal.folderHasRecords', { dir: this.host.dir }));
    for (const f of people) {
      rewrite(path.join(this.host.dir, 'people', f), (data) => {
        data.seals = { from: (data.events as unknown[]).length, macs: [] } satisfies EventSeals;
      });
    }
    return people.length;
  }

  /** The folder's seals as the Store port gives them. */
  readonly port: SealPort = {
    status: () => ({ mode: this.host.seal.mode, sealId: this.host.seal.file?.sealId ?? null, keyStore: this.host.seal.where, copies: Object.keys(this.host.seal.file?.wraps ?? {}) }),
    notes: () => [...this.host.report.notes],
    problems: (only, skip) => this.problems(only, skip),
    unlock: (adminNo, password) => this.unlock(adminNo, password),
    keepCopyFor: (adminNo, password) => this.keepCopy(adminNo, password),
    identity: () => {
      const s = this.host.seal;
      return s.mode === 'on' && s.sealer && s.file ? { file: structuredClone(s.file), key: Buffer.from(s.sealer.secret) } : null;
    },
    take: (identity) => this.take(identity),
  };

  private async problems(only?: readonly string[], skip: ReadonlySet<string> = new Set()): Promise<Message[]> {
    const seal = this.host.seal;
    const out: Message[] = only ? [] : [...this.host.report.journalProblems];
    if (seal.mode === 'off') {
      const had = seal.keys?.folder(this.host.dir);
      if (had && !looksEmpty(this.host.dir)) out.push(said('seal.fileGone', { file: SEAL_FILE }));
      return out;
    }
    if (seal.mode === 'locked' || !seal.sealer) {
      out.push(said('seal.cannotCheck', { where: seal.where }));
      return out;
    }
    const sealer = seal.sealer;
    const read = async (file: string): Promise<{ text: string; problem: Message | null } | null> => {
      try {
        return seal.open(relPath(this.host.dir, file), await readFile(file, 'utf8'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    };
    if (!only) {
      for (const [name, spec] of Object.entries(SHARED_DOCS)) {
        if (UNSEALED_DOCS.has(name as SharedDocName)) continue;
        const r = await read(path.join(this.host.dir, spec.file));
        if (r?.problem) out.push(r.problem);
      }
      for (const no of (await this.host.recordIds()).drafts) {
        const r = await read(path.join(this.host.dir, 'essays', `${no}.json`));
        if (r?.problem) out.push(r.problem);
      }
      // lines written into the journal since it was opened (those found at opening are in journalProblems)
      const seen = new Set(this.host.report.journalProblems.map((m) => JSON.stringify(m)));
      readJournals(
        journalFiles(this.host.dir),
        (rec) => seal.lineHolds(rec),
        (file, line, rec) => {
          const p = journalLineProblem(file, line, rec.no);
          if (!seen.has(JSON.stringify(p))) out.push(p);
        },
      );
    }
    for (const no of (only ?? (await this.host.recordIds()).people).filter((x) => !skip.has(x))) {
      const r = await read(path.join(this.host.dir, 'people', `${no}.json`));
      if (!r) continue;
      let f: PersonFile;
      try {
        f = JSON.parse(r.text) as PersonFile;
      } catch {
        out.push(said('seal.recordUnreadable', { no }));
        continue;
      }
      // the first record that does not hold: by its own seal (rewritten, hashes recomputed), else by
      // its hash (changed, hashes left); else the file as a whole (what the person has open)
      const bad = firstBadEvent(sealer, no, f.events ?? [], f.seals);
      const chain = bad ? [] : verifyChain(f.events ?? []);
      if (bad) out.push(bad);
      else if (chain.length > 0) out.push(said('seal.ofPerson', { no, problem: chain[0]! }));
      else if (r.problem) out.push(said('seal.ofPerson', { no, problem: r.problem }));
    }
    return out;
  }

  private async unlock(adminNo: string, password: string): Promise<boolean> {
    const seal = this.host.seal;
    if (seal.mode === 'on') return true;
    const wrapped = seal.file?.wraps[adminNo];
    if (seal.mode === 'off' || !seal.file || !wrapped) return false;
    const key = await unwrapSecret(wrapped, password);
    if (!key || key.length !== 32) return false;
    const sealer = new Sealer(seal.file.sealId, key);
    if (!sameMac(sealer.checkValue(), seal.file.check)) return false;
    if (!this.host.readOnly) {
      seal.keys?.put(sealer.sealId, key);
      seal.keys?.rememberFolder(this.host.dir, sealer.sealId);
    }
    seal.sealer = sealer;
    seal.mode = 'on';
    this.host.forgetUnchecked();
    return true;
  }

  private writeSealFile(change: (f: SealFile) => void): Promise<void> {
    const run = async () => {
      const f = this.host.seal.file;
      if (!f) return;
      const next = structuredClone(f);
      change(next);
      await writeFileAtomic(path.join(this.host.dir, SEAL_FILE), JSON.stringify(next, null, 1));
      this.host.seal.file = next;
    };
    const p = this.writes.then(run, run);
    this.writes = p.catch(() => undefined);
    return p;
  }

  private async keepCopy(adminNo: string, password: string): Promise<void> {
    const seal = this.host.seal;
    if (this.host.readOnly || seal.mode !== 'on' || !seal.sealer) return;
    const w = await wrapSecret(seal.sealer.secret, password);
    await this.writeSealFile((f) => void (f.wraps[adminNo] = w));
  }

  private async take(identity: SealIdentity): Promise<void> {
    if (this.host.readOnly) throw new Error(`internal: ${this.host.dir} was opened read-only`);
    const seal = this.host.seal;
    if (seal.file?.sealId === identity.file.sealId && seal.mode === 'on') return;
    const sealer = new Sealer(identity.file.sealId, identity.key);
    if (!sameMac(sealer.checkValue(), identity.file.check)) throw new SealError(said('seal.backupKeyMismatch'));
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
    await writeFileAtomic(path.join(this.host.dir, SEAL_FILE), JSON.stringify(seal.file, null, 1));
    seal.keys?.rememberFolder(this.host.dir, sealer.sealId);
    this.host.forgetUnchecked();
  }
}
