// A lowdb adapter that writes like steno (temp file + rename) but also fsyncs the temp file and the
// folder, so a power loss leaves either the old or the new file, never an empty one.
import { closeSync, fsyncSync, openSync, promises as fs, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';

export class DurableJSONFile<T> implements Adapter<T> {
  constructor(readonly filename: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.filename, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`数据文件已损坏，无法解析：${this.filename}`);
    }
  }

  async write(data: T): Promise<void> {
    await writeFileAtomic(this.filename, JSON.stringify(data, null, 1));
  }
}

/** Write temp + fsync + rename + fsync(dir): readers see the old file or the new one, never a torn one. */
export async function writeFileAtomic(filename: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(filename);
  const tmp = path.join(dir, `.${path.basename(filename)}.${process.pid}.tmp`);
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, filename);
  try {
    const dh = await fs.open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // fsync of a directory is not supported on every platform (Windows): the rename is still atomic.
  }
}

/** The same, blocking: for the replay of a journal while a folder is being opened. */
export function writeFileAtomicSync(filename: string, data: string): void {
  const dir = path.dirname(filename);
  const tmp = path.join(dir, `.${path.basename(filename)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, filename);
  try {
    const dh = openSync(dir, 'r');
    try {
      fsyncSync(dh);
    } finally {
      closeSync(dh);
    }
  } catch {
    // as above: not every platform syncs a directory
  }
}
