// Backup and restore, the same for both backends: a backup is one .zip holding the records as a
// lowdb data folder (readable without Anxue, and restorable into either backend), the imported
// editions, and backup.json with every file's SHA-256 and the counts. Restoring checks every
// hash first, then copies the records into an empty store and compares each one with the backup.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyCorpusFiles } from './storage/copy-files';
import { copyRecords, CopyConflict, type CopyReport } from './storage/copy';
import { DataStore, defaultKeyStore } from './storage/lowdb/data-store';
import { unwrapSecret } from '../records/key-wrap';
import { memoryKeyStore, readSealFile, type KeyStore } from './storage/lowdb/seal';
import { SealError } from './storage/store';
import type { Store } from './storage/store';
import { unzipTo, walk, ZIP_LIMITS, zipFolder, type ZipLimits } from './services/files/zip-folder';
import { saidOf, type Message } from '../core/message';
import type { MessageKey, MessageParams } from '../shared/messages';
import { sayIn } from './messages';
import { nodeFiles } from './files';

export const BACKUP_MANIFEST = 'backup.json';

export interface BackupManifest {
  format: 'anxue-backup';
  version: 1;
  createdAt: string;
  enterprise: string | null;
  people: number;
  events: number;
  files: Record<string, string>;
  /** `anxue export workstation`: the workstation it came from, for `anxue merge` */
  station?: string;
}

/** Why a backup cannot be read or restored; `said`, where it is set, is what the command line says (in its language). */
export class BackupProblem extends Error {
  constructor(
    message: string,
    readonly said?: Message,
  ) {
    super(message);
  }
}

/** A backup refused with a message of the catalog: its Chinese as `message`, said in the reader's language where it is shown. */
const refuse = (key: MessageKey, params?: MessageParams) => new BackupProblem(sayIn('zh-CN', { key, params }), { key, params });
/** The store's own refusal (a seal, a copy that finds the target holds something else), carried as it is. */
const carried = (e: Error & { said: Message }) => new BackupProblem(e.message, e.said);

/** An admin's 工号 and password: opens their copy of a backup's seal key on a PC that does not hold it. */
export interface AdminPassword {
  no: string;
  password: string;
}

/** A file's SHA-256, read a piece at a time: a backup's corpus files may be large. */
async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Write a backup of `store` to `out` (a .zip). */
export async function backupTo(store: Store, out: string, progress?: (done: number, total: number) => void, station?: string): Promise<{ manifest: BackupManifest; report: CopyReport }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxue-backup-'));
  try {
    const folder = path.join(tmp, 'data');
    // a sealed folder's backup is sealed with the same key and carries its seal.json (the key under
    // each admin's password): a restore on another PC opens it with an admin's password
    const seals = store.seals;
    if (seals?.status().mode === 'locked') throw refuse('backup.sealLocked');
    const identity = seals?.identity() ?? null;
    const copy = DataStore.open(folder, identity ? { keys: memoryKeyStore(null, new Map([[identity.file.sealId, identity.key]])), identity } : { keys: null });
    let report: CopyReport;
    try {
      report = await copyRecords(store, copy, progress);
    } finally {
      copy.close();
    }
    copyCorpusFiles(store.dir, folder);
    rmSync(path.join(folder, 'anxue.lock'), { force: true });
    // empty folders of a data folder are made again on opening: only files go in
    const files: Record<string, string> = {};
    for (const name of walk(nodeFiles, folder)) files[name] = await sha256(path.join(folder, name));
    const meta = await store.meta.peek();
    const manifest: BackupManifest = {
      format: 'anxue-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      enterprise: meta.enterprise,
      people: report.checked.people,
      events: report.events,
      files,
      ...(station ? { station } : {}),
    };
    writeFileSync(path.join(folder, BACKUP_MANIFEST), JSON.stringify(manifest, null, 1));
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    const partial = `${out}.partial`;
    await zipFolder(nodeFiles, folder, partial, new Date(manifest.createdAt), meta.settings.utcOffsetMinutes);
    // the backup gets its name only once it is whole
    renameSync(partial, out);
    return { manifest, report };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Unpack a backup (or a workstation's export) into `tmp` and check it whole: its manifest, every
 * file's hash, no file the manifest does not list. Returns the manifest and the records, opened
 * only to read. Unpacking is bounded by `limits` (a zip bomb is refused, naming the entry).
 */
export async function openBackup(file: string, tmp: string, limits: ZipLimits, admin?: AdminPassword): Promise<{ manifest: BackupManifest; records: DataStore }> {
  if (!existsSync(file)) throw refuse('backup.noFile', { file });
  await unzipTo(nodeFiles, file, tmp, limits).catch((e: Error) => {
    throw new BackupProblem(e.message, saidOf(e));
  });
  const mf = path.join(tmp, BACKUP_MANIFEST);
  if (!existsSync(mf)) throw refuse('backup.notBackup', { name: path.basename(file), manifest: BACKUP_MANIFEST });
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(mf, 'utf8')) as BackupManifest;
  } catch {
    throw refuse('backup.manifestUnreadable', { manifest: BACKUP_MANIFEST });
  }
  if (manifest.format !== 'anxue-backup' || manifest.version !== 1) throw refuse('backup.unknownFormat', { name: path.basename(file) });
  const present = walk(nodeFiles, tmp).filter((n) => n !== BACKUP_MANIFEST);
  for (const name of present) if (!(name in manifest.files)) throw refuse('backup.unlistedFile', { name });
  for (const [name, hash] of Object.entries(manifest.files)) {
    const p = path.join(tmp, ...name.split('/'));
    if (!existsSync(p)) throw refuse('backup.missingFile', { name });
    if ((await sha256(p)) !== hash) throw refuse('backup.fileChanged', { name });
  }
  rmSync(mf);
  return { manifest, records: DataStore.openReadOnly(tmp, { keys: await backupKeys(file, tmp, admin) }) };
}

/**
 * The key store that opens a backup's seal: this PC's own (it holds the key of folders it sealed),
 * or, given an admin's password, that admin's copy in the backup's seal.json. A sealed backup
 * whose key cannot be had is refused: its records could not be checked.
 */
async function backupKeys(file: string, tmp: string, admin?: AdminPassword): Promise<KeyStore> {
  const here = defaultKeyStore();
  let seal;
  try {
    seal = readSealFile(tmp);
  } catch (e) {
    throw e instanceof SealError ? carried(e) : new BackupProblem(String(e));
  }
  if (!seal || here.get(seal.sealId)) return here;
  const wrapped = admin ? seal.wraps[admin.no] : undefined;
  const key = wrapped ? await unwrapSecret(wrapped, admin!.password) : null;
  if (!key) {
    throw admin ? refuse('backup.adminNoCopy', { name: path.basename(file), no: admin.no }) : refuse('backup.sealedNoKey', { name: path.basename(file) });
  }
  return memoryKeyStore(here, new Map([[seal.sealId, key]]));
}

/** Restore a backup into `store`, which must hold no enterprise yet. Nothing is written if the backup is not whole. */
export async function restoreFrom(file: string, store: Store, progress?: (done: number, total: number) => void, admin?: AdminPassword): Promise<{ manifest: BackupManifest; report: CopyReport }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxue-restore-'));
  try {
    const { manifest, records: from } = await openBackup(file, tmp, ZIP_LIMITS.restore, admin);
    let report: CopyReport;
    try {
      if ((await store.meta.peek()).enterprise !== null) throw refuse('backup.targetHasEnterprise');
      // a lowdb folder takes the backup's seal (and this PC keeps its key): a workstation restored
      // from the server's backup seals with the server's key, so the server can check what it merges
      const identity = from.seals?.identity();
      if (identity && store.seals) await store.seals.take(identity);
      report = await copyRecords(from, store, progress).catch((e: unknown) => {
        throw e instanceof CopyConflict ? carried(e) : e;
      });
    } finally {
      from.close();
    }
    copyCorpusFiles(tmp, store.dir);
    return { manifest, report };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
