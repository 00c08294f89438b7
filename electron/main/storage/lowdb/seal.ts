// Seals: every file of records in a lowdb data folder carries an HMAC made with a key
// that the folder does not hold. Someone who can write the folder (a share, a copied folder, a
// restored backup) but cannot read that key cannot make a changed file look untouched, even with
// the hash chain recomputed; the signed checkpoints (services/signing/signing.ts) remain the proof for
// the bureau. What a seal covers:
//   - each JSON document of the folder (shared documents, people/, essays/): its whole text and its
//     path, as the first key "$seal" (so a file moved to another name no longer matches);
//   - each event of a person's record: its own MAC (PersonFile.seals), so `check` can name the first
//     record that was changed, not only the file;
//   - each line of the study journal ("mac"), so a heartbeat cannot be written by hand either.
// Not sealed: login-guard.json (counts of failed logins, written before a sign-in can unlock
// anything), the derived index/ (made again from the records), evidence and corpus files (named by
// their SHA-256), exports (their own manifests and signatures).
//
// The key lives outside the folder: in the OS key store through Electron's safeStorage where the
// desktop shell runs (platform/seal-keys.ts), otherwise in a key file in the user's (or the
// service's) own config folder, readable by that user only. seal.json in the folder names the key
// (a random id), holds a check value, and the key wrapped under each admin's password (as the
// signing key is), so a backup carries it and a restore on another PC can take it with an admin's
// password.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventSeals } from '../../../records/person';
import { said, type Message } from '../../../core/message';
import { SealError, SealLockedError, type SealFile } from '../store';

export type { SealFile };

/** Where seal keys are kept: never inside a data folder. */
export interface KeyStore {
  /** where the keys are, for messages */
  readonly where: string;
  get(sealId: string): Buffer | null;
  put(sealId: string, key: Buffer): void;
  /** the seal id a data folder (by its absolute path) had when it was last opened with this key store */
  folder(dir: string): string | null;
  rememberFolder(dir: string, sealId: string): void;
}

const SEAL_ID = /^[0-9a-f]{32}$/;

/** The key store of this user on this PC, when the desktop shell's is not at hand: ANXUE_KEYSTORE, else the config folder. */
export function defaultKeyStoreDir(): string {
  if (process.env.ANXUE_KEYSTORE) return path.resolve(process.env.ANXUE_KEYSTORE);
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Anxue', 'seal-keys');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Anxue', 'seal-keys');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'anxue', 'seal-keys');
}

/** Write a small file whole, readable by its owner only. */
function writePrivate(file: string, text: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * Keys as files of one folder, mode 600 in a folder of mode 700 (on Windows the user's profile
 * folder keeps other users out). `encode`/`decode` let the desktop shell keep them encrypted by
 * the OS key store (platform/seal-keys.ts) in the same layout.
 */
export function folderKeyStore(
  dir: string,
  codec: { encode(key: Buffer): Buffer; decode(stored: Buffer): Buffer } = { encode: (k) => Buffer.from(k.toString('hex')), decode: (s) => Buffer.from(s.toString('utf8').trim(), 'hex') },
): KeyStore {
  const ensure = () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      chmodSync(dir, 0o700);
    } catch {
      /* not ours to change (a folder given by path): the files themselves are 600 */
    }
  };
  const foldersFile = path.join(dir, 'folders.json');
  const folders = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(foldersFile, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    where: dir,
    get(sealId) {
      if (!SEAL_ID.test(sealId)) return null;
      try {
        const key = codec.decode(readFileSync(path.join(dir, `${sealId}.key`)));
        return key.length === 32 ? key : null;
      } catch {
        return null;
      }
    },
    put(sealId, key) {
      if (!SEAL_ID.test(sealId)) throw new Error(`invalid seal id ${sealId}`);
      ensure();
      writePrivate(path.join(dir, `${sealId}.key`), codec.encode(key));
    },
    folder(folderDir) {
      return folders()[path.resolve(folderDir)] ?? null;
    },
    rememberFolder(folderDir, sealId) {
      ensure();
      const all = folders();
      if (all[path.resolve(folderDir)] === sealId) return;
      all[path.resolve(folderDir)] = sealId;
      writePrivate(foldersFile, JSON.stringify(all, null, 1));
    },
  };
}

/** Keys held in memory only: a backup's copy, a key unwrapped with an admin's password for one command. */
export function memoryKeyStore(base: KeyStore | null, extra: ReadonlyMap<string, Buffer>): KeyStore {
  return {
    where: base?.where ?? '(memory)',
    get: (id) => extra.get(id) ?? base?.get(id) ?? null,
    put: () => undefined,
    folder: () => null,
    rememberFolder: () => undefined,
  };
}

export const SEAL_FILE = 'seal.json';

const MAC_HEX = 32;

export class Sealer {
  constructor(
    readonly sealId: string,
    private readonly key: Buffer,
  ) {}

  static create(): Sealer {
    return new Sealer(randomBytes(16).toString('hex'), randomBytes(32));
  }

  get secret(): Buffer {
    return this.key;
  }

  private mac(kind: string, ...parts: (string | Buffer)[]): string {
    const h = createHmac('sha256', this.key).update(kind);
    for (const p of parts) h.update('\0').update(p);
    return h.digest('hex').slice(0, MAC_HEX);
  }

  checkValue(): string {
    return this.mac('check', this.sealId);
  }

  /** a JSON document's text at its path in the folder */
  doc(rel: string, text: string): string {
    return this.mac('doc', rel, text);
  }

  /** one event of a person's record, by its place in the chain and its hash */
  event(employeeNo: string, e: { seq: number; hash: string }): string {
    return this.mac('event', employeeNo, String(e.seq), e.hash);
  }

  /** one line of the study journal, as its text without the mac */
  line(text: string): string {
    return this.mac('line', text);
  }
}

export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const PREFIX = '{"$seal":"';

/** The text of a document with its seal as the first key. `text` is a JSON object's text. */
export function sealedText(sealer: Sealer, rel: string, text: string): string {
  if (!text.startsWith('{')) throw new Error(`internal: ${rel} is not a JSON object`);
  const body = text.slice(1);
  return `${PREFIX}${sealer.doc(rel, text)}"${body.trimStart().startsWith('}') ? '' : ','}${body}`;
}

/**
 * A document's text as it was sealed, and its seal: `seal` null when the file carries none.
 * (The seal is a fixed-length first key, so the text it covers is found without parsing.)
 */
export function splitSealed(raw: string): { text: string; seal: string | null } {
  if (!raw.startsWith(PREFIX)) return { text: raw, seal: null };
  const end = PREFIX.length + MAC_HEX;
  const seal = raw.slice(PREFIX.length, end);
  if (raw[end] !== '"' || !/^[0-9a-f]+$/.test(seal)) return { text: raw, seal: null };
  const after = raw.slice(end + 1);
  return { text: `{${after.startsWith(',') ? after.slice(1) : after}`, seal };
}

/** Whether a document's text holds its seal at `rel`: 'ok', 'none' (no seal at all), 'bad'. */
export function checkSealed(sealer: Sealer, rel: string, raw: string): { state: 'ok' | 'none' | 'bad'; text: string } {
  const { text, seal } = splitSealed(raw);
  if (seal === null) return { state: 'none', text };
  return { state: sameMac(seal, sealer.doc(rel, text)) ? 'ok' : 'bad', text };
}

/** The relative path of a file in the folder, as sealed: '/'-separated whatever the platform. */
export function relPath(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/**
 * The event seals of a record about to be written: those of events already sealed are kept
 * (the record is append-only), new events get theirs. `before`: the seals as last written.
 */
export function sealEvents(
  sealer: Sealer,
  employeeNo: string,
  events: readonly { seq: number; hash: string }[],
  before: EventSeals | undefined,
  beforeEvents: readonly { hash: string }[],
): EventSeals {
  const from = before?.from ?? 0;
  const macs: string[] = [];
  for (let i = from; i < events.length; i++) {
    const kept = before?.macs[i - from];
    macs.push(kept !== undefined && beforeEvents[i]?.hash === events[i]!.hash ? kept : sealer.event(employeeNo, events[i]!));
  }
  return { from: Math.min(from, events.length), macs };
}

/**
 * The first event whose seal does not hold, as a message naming it; null when every event from
 * `from` on carries its own seal.
 */
export function firstBadEvent(sealer: Sealer, employeeNo: string, events: readonly { seq: number; hash: string; at: string; type: string }[], seals: EventSeals | undefined): Message | null {
  const no = employeeNo;
  if (!seals) return events.length > 0 ? said('seal.recordNoSeals', { no }) : null;
  for (let i = seals.from; i < events.length; i++) {
    const e = events[i]!;
    const mac = seals.macs[i - seals.from];
    if (mac === undefined) return said('seal.eventNoSeal', { no, n: i + 1, at: e.at, type: e.type });
    if (!sameMac(mac, sealer.event(employeeNo, e))) return said('seal.eventChanged', { no, n: i + 1, at: e.at, type: e.type });
  }
  if (seals.macs.length > events.length - seals.from) return said('seal.moreSeals', { no, n: seals.macs.length - (events.length - seals.from) });
  return null;
}

/** A record as compared across stores: its event seals belong to the folder it is in, not to the record. */
export function withoutSeals<T extends { seals?: unknown }>(f: T): Omit<T, 'seals'> {
  const { seals: _seals, ...rest } = f;
  return rest;
}

/** A new seal.json for a sealer (no admin copies yet). */
export function newSealFile(sealer: Sealer, at: string): SealFile {
  return { format: 'anxue-seal', version: 1, sealId: sealer.sealId, createdAt: at, check: sealer.checkValue(), wraps: {} };
}

export function readSealFile(dir: string): SealFile | null {
  const file = path.join(dir, SEAL_FILE);
  if (!existsSync(file)) return null;
  let f: SealFile;
  try {
    f = JSON.parse(readFileSync(file, 'utf8')) as SealFile;
  } catch {
    throw new SealError(said('seal.fileUnreadable', { file }));
  }
  if (f?.format !== 'anxue-seal' || f.version !== 1 || !SEAL_ID.test(f.sealId) || typeof f.check !== 'string' || typeof f.wraps !== 'object' || f.wraps === null) {
    throw new SealError(said('seal.notSealFile', { file }));
  }
  return f;
}

/** The digest of a key, for messages that must not show the key. */
export const keyDigest = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);

/**
 * The seal of one data folder as this process holds it: 'on' (the key is here: files are sealed
 * when written and checked when read), 'locked' (the folder is sealed but the key is not on this
 * PC: reads go on, unchecked; writes are refused until an admin's password unwraps it), 'off'
 * (a folder that is not sealed: a backup's working copy of PostgreSQL records).
 */
export class FolderSeal {
  mode: 'on' | 'locked' | 'off' = 'off';
  sealer: Sealer | null = null;
  file: SealFile | null = null;

  constructor(
    readonly dir: string,
    readonly keys: KeyStore | null,
  ) {}

  get where(): string {
    return this.keys?.where ?? '(none)';
  }

  lockedError(): SealLockedError {
    return new SealLockedError(said('seal.locked', { where: this.where }));
  }

  /** The text to write for a document at `rel` (sealed when the folder is). */
  seal(rel: string, text: string): string {
    if (this.mode === 'off') return text;
    if (this.mode === 'locked' || !this.sealer) throw this.lockedError();
    return sealedText(this.sealer, rel, text);
  }

  /** A document's text as read, without its seal, and what is wrong with the seal (checked only when the key is here). */
  open(rel: string, raw: string): { text: string; problem: Message | null } {
    if (this.mode !== 'on' || !this.sealer) return { text: splitSealed(raw).text, problem: null };
    const r = checkSealed(this.sealer, rel, raw);
    if (r.state === 'ok') return { text: r.text, problem: null };
    return { text: r.text, problem: said(r.state === 'none' ? 'seal.docNoSeal' : 'seal.docChanged', { file: rel }) };
  }

  /** A journal line's text with its mac (sealed folders), for the journal. */
  sealLine(text: string): string {
    if (this.mode === 'off') return text;
    if (this.mode === 'locked' || !this.sealer) throw this.lockedError();
    return `${text.slice(0, -1)},"mac":"${this.sealer.line(text)}"}`;
  }

  /** Whether a journal line (its fields as read) holds its mac: always true where it cannot be checked. */
  lineHolds(rec: { no: string; rev: number; head: string; study: unknown; mac?: string }): boolean {
    if (this.mode !== 'on' || !this.sealer) return true;
    if (typeof rec.mac !== 'string') return false;
    return sameMac(rec.mac, this.sealer.line(JSON.stringify({ no: rec.no, rev: rec.rev, head: rec.head, study: rec.study })));
  }
}
