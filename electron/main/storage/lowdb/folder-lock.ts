// One writer per data folder: a lock file naming the process and the PC that hold it.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Whether `inner` is `outer` or inside it. */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(path.resolve(outer), path.resolve(inner));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const heldLocks = new Set<string>();

export class DataFolderLockedError extends Error {}

/** Refuse a second writer: a second process on the same folder would lose updates. */
export function acquireLock(dir: string): () => void {
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
