// Backup and restore, the same for both backends: a backup is one .zip holding the records as a
// lowdb data folder (readable without Anxue, and restorable into either backend), the imported
// editions, and backup.json with every file's SHA-256 and the counts. Restoring checks every
// hash first, then copies the records into an empty store and compares each one with the backup.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyCorpusFiles } from '../storage/copy-files';
import { copyRecords, CopyConflict, type CopyReport } from '../storage/copy';
import { DataStore } from '../storage/data-store';
import type { Store } from '../storage/store';
import { unzipTo, walk, ZIP_LIMITS, zipFolder, type ZipLimits } from './zip-folder';

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

export class BackupProblem extends Error {}

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
    const copy = DataStore.open(folder);
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
    for (const name of walk(folder)) files[name] = await sha256(path.join(folder, name));
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
    await zipFolder(folder, partial, new Date(manifest.createdAt), meta.settings.utcOffsetMinutes);
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
export async function openBackup(file: string, tmp: string, limits: ZipLimits): Promise<{ manifest: BackupManifest; records: DataStore }> {
  if (!existsSync(file)) throw new BackupProblem(`备份文件不存在：${file}`);
  await unzipTo(file, tmp, limits).catch((e: Error) => {
    throw new BackupProblem(e.message);
  });
  const mf = path.join(tmp, BACKUP_MANIFEST);
  if (!existsSync(mf)) throw new BackupProblem(`${path.basename(file)} 不是安学备份（缺少 ${BACKUP_MANIFEST}）`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(mf, 'utf8')) as BackupManifest;
  } catch {
    throw new BackupProblem(`${BACKUP_MANIFEST} 无法解析`);
  }
  if (manifest.format !== 'anxue-backup' || manifest.version !== 1) throw new BackupProblem(`${path.basename(file)} 不是本程序能读的安学备份`);
  const present = walk(tmp).filter((n) => n !== BACKUP_MANIFEST);
  for (const name of present) if (!(name in manifest.files)) throw new BackupProblem(`备份中有清单未列出的文件：${name}`);
  for (const [name, hash] of Object.entries(manifest.files)) {
    const p = path.join(tmp, ...name.split('/'));
    if (!existsSync(p)) throw new BackupProblem(`备份中缺少文件：${name}`);
    if ((await sha256(p)) !== hash) throw new BackupProblem(`备份中的文件已被改动：${name}`);
  }
  rmSync(mf);
  return { manifest, records: DataStore.openReadOnly(tmp) };
}

/** Restore a backup into `store`, which must hold no enterprise yet. Nothing is written if the backup is not whole. */
export async function restoreFrom(file: string, store: Store, progress?: (done: number, total: number) => void): Promise<{ manifest: BackupManifest; report: CopyReport }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxue-restore-'));
  try {
    const { manifest, records: from } = await openBackup(file, tmp, ZIP_LIMITS.restore);
    let report: CopyReport;
    try {
      if ((await store.meta.peek()).enterprise !== null) throw new BackupProblem('目标中已有企业数据：恢复只能恢复到新的数据文件夹或空数据库');
      report = await copyRecords(from, store, progress).catch((e: unknown) => {
        throw e instanceof CopyConflict ? new BackupProblem(e.message) : e;
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
