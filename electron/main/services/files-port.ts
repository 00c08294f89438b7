// A leaf (it imports nothing of ours), so that what ports.ts itself imports, such as the bundled
// content's loader, can take a Files without an import circle.
import type { Readable, Writable } from 'node:stream';

/**
 * The disk, as services reach it (they import no node:fs; eslint.config.js holds them to it): the
 * archives, export jobs and caches they write, the corpus' files, a folder or .zip named to be
 * checked. Synchronous like the calls it stands for, but writeAtomic. Node's is main/files.ts.
 */
export interface Files {
  /** a file's bytes */
  read(file: string): Buffer;
  /** a file's text (UTF-8) */
  readText(file: string): string;
  /** a file written whole, made or replaced */
  write(file: string, data: string | Uint8Array): void;
  /** written to a temp file, synced and renamed: a crash or a full disk leaves the old file or the new one, never a torn one */
  writeAtomic(file: string, data: string | Uint8Array): Promise<void>;
  /** a file or folder is there */
  exists(p: string): boolean;
  /** what is there is a folder (throws when nothing is) */
  isFolder(p: string): boolean;
  /** the names in a folder, in no set order */
  list(dir: string): string[];
  /** a folder, and any above it that is missing (nothing when it is there) */
  mkdir(dir: string): void;
  rename(from: string, to: string): void;
  /** a file, or a folder and all below it (nothing when nothing is there) */
  remove(p: string): void;
  /** `start`/`end`: only those bytes (end inclusive, as Node's) */
  readStream(file: string, o?: { start?: number; end?: number }): Readable;
  /** `exclusive`: fails (EEXIST) when the file is there already; `start`: writes into the file there is from that byte on (nothing truncated) */
  writeStream(file: string, o?: { exclusive?: boolean; start?: number }): Writable;
  /** a file's size in bytes */
  size(file: string): number;
  /** what was written to a file, or the names in a folder, made durable (fsync) */
  sync(p: string): void;
  /** a new empty folder in the system's temp folder, its name starting with `prefix` */
  tempDir(prefix: string): string;
}
