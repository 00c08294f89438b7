// A lowdb adapter that writes like steno (temp file + rename) but also fsyncs the temp file and the
// folder, so a power loss leaves either the old or the new file, never an empty one; a write that
// fails (a full disk) removes its temp file and leaves the old file as it was. In a sealed folder
// (seal.ts) each file carries its seal, checked when it is read.
import { closeSync, fsyncSync, openSync, promises as fs, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { relPath, type FolderSeal } from './lowdb/seal';
import { said, type Message } from '../../core/message';
import { StoreProblem } from './store';

export class DurableJSONFile<T> implements Adapter<T> {
  /** what the last read found wrong with the file's seal (null: it holds, or the folder is not sealed) */
  sealProblem: Message | null = null;
  private readonly rel: string;

  constructor(
    readonly filename: string,
    private readonly seal: FolderSeal | null = null,
  ) {
    this.rel = seal ? relPath(seal.dir, filename) : path.basename(filename);
  }

  async read(): Promise<T | null> {
    let raw: string;
    try {
      raw = await fs.readFile(this.filename, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return this.parse(raw);
  }

  /** The data of a file's text; its seal is checked (sealProblem) and left out of the data. */
  parse(raw: string): T {
    const { text, problem } = this.seal ? this.seal.open(this.rel, raw) : { text: raw, problem: null };
    this.sealProblem = problem;
    try {
      const data = JSON.parse(text) as T & { $seal?: string };
      // a sealed file read where the seal cannot be checked: the seal is not data
      delete data.$seal;
      return data;
    } catch {
      throw new StoreProblem(said('store.dataFileDamaged', { file: this.filename }));
    }
  }

  /** The text this adapter writes for `data` (sealed in a sealed folder). */
  text(data: T): string {
    const text = JSON.stringify(data, null, 1);
    return this.seal ? this.seal.seal(this.rel, text) : text;
  }

  async write(data: T): Promise<void> {
    await writeFileAtomic(this.filename, this.text(data));
  }
}

/** The temp file of a write of `filename`: its own folder, a name no data file has (`removeTempFiles` knows it). */
export function tempName(filename: string): string {
  return path.join(path.dirname(filename), `.${path.basename(filename)}.${process.pid}.tmp`);
}

/** Temp files of writes that never finished (a crash, a kill): the folder's writer removes them when it opens it. */
export const TEMP_FILE = /^\..+\.\d+\.tmp$|\.\d+\.tmp$/;

/** Write temp + fsync + rename + fsync(dir): readers see the old file or the new one, never a torn one. */
export async function writeFileAtomic(filename: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(filename);
  const tmp = tempName(filename);
  try {
    const fh = await fs.open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, filename);
  } catch (e) {
    // a full disk: the temp file goes, the old file stays as it was
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
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
  const tmp = tempName(filename);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, filename);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never made */
    }
    throw e;
  }
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
