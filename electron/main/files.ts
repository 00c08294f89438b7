// The files port (services/ports.ts) on Node's fs: what services read and write goes through here.
// writeAtomic is storage's own atomic writer (temp file, fsync, rename, fsync of the folder), the
// one lowdb's files use, so a crash or a full disk is met the same way everywhere.
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  openSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Files } from './services/ports';
import { writeFileAtomic } from './storage/durable-json-file';

export const nodeFiles: Files = {
  read: (file) => readFileSync(file),
  readText: (file) => readFileSync(file, 'utf8'),
  write: (file, data) => writeFileSync(file, data),
  writeAtomic: (file, data) => writeFileAtomic(file, data),
  exists: (p) => existsSync(p),
  isFolder: (p) => statSync(p).isDirectory(),
  list: (dir) => readdirSync(dir),
  mkdir: (dir) => void mkdirSync(dir, { recursive: true }),
  rename: (from, to) => renameSync(from, to),
  remove: (p) => rmSync(p, { recursive: true, force: true }),
  readStream: (file, o = {}) => createReadStream(file, o),
  writeStream: (file, o = {}) => createWriteStream(file, o.start !== undefined ? { flags: 'r+', start: o.start } : o.exclusive ? { flags: 'wx' } : {}),
  size: (file) => statSync(file).size,
  sync: (p) => {
    const fd = openSync(p, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  tempDir: (prefix) => mkdtempSync(path.join(os.tmpdir(), prefix)),
};
