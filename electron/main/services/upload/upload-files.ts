// Where an upload lives on disk, and its record. All of it is in the data folder's `uploads/`
// (on PostgreSQL: the files folder every server of the database shares), one upload as:
//   <id>.json  its record: whose, what, how much has arrived safely (written atomically)
//   <id>.part  the bytes as they arrive, written in place at their offset
//   <id>.file  the finished file, renamed from .part only once every byte is synced and hashed
// The record names the sha256 only once the bytes are whole: a crash never leaves a half file
// that looks finished.
import path from 'node:path';
import type { UploadPurpose } from '../../../shared/calls/upload';
import { UPLOAD_CHUNK } from '../../../shared/calls/upload';
import type { UploadView } from '../../../shared/api';
import { iso, type Ports } from '../ports';
import { notFound } from '../errors';

/** An upload's record. */
export interface UploadRecord {
  v: 1;
  id: string;
  /** the 工号 of who began it: nobody else may send, see or use it */
  owner: string;
  fileName: string;
  size: number;
  purpose: UploadPurpose;
  /** bytes from the start of the file that are synced to disk */
  received: number;
  createdAt: string;
  /** the last chunk's time (the stale sweep goes by it) */
  updatedAt: string;
  /** set once finished: the hash of all `size` bytes */
  sha256?: string;
}

/** an upload nobody has touched for this long is removed, finished or not (a finished one not used by then is not coming) */
export const UPLOAD_STALE_MS = 24 * 3600_000;

export const uploadsDir = (ports: Ports) => path.join(ports.store.dir, 'uploads');
const idOk = (id: string) => /^[0-9a-f-]{36}$/.test(id);
export const recordPath = (ports: Ports, id: string) => path.join(uploadsDir(ports), `${id}.json`);
export const partPath = (ports: Ports, id: string) => path.join(uploadsDir(ports), `${id}.part`);
export const filePath = (ports: Ports, id: string) => path.join(uploadsDir(ports), `${id}.file`);

export function readRecord(ports: Ports, id: string): UploadRecord | null {
  if (!idOk(id)) return null;
  const file = recordPath(ports, id);
  if (!ports.files.exists(file)) return null;
  try {
    return JSON.parse(ports.files.readText(file)) as UploadRecord;
  } catch {
    return null;
  }
}

/** The caller's own upload; another's is answered as none at all (its id tells nobody anything). */
export function ownRecord(ports: Ports, id: string, employeeNo: string): UploadRecord {
  const r = readRecord(ports, id);
  if (!r || r.owner !== employeeNo) throw notFound('upload.noSuchUpload');
  return r;
}

export async function writeRecord(ports: Ports, r: UploadRecord): Promise<void> {
  r.updatedAt = iso(ports.clock.now());
  await ports.files.writeAtomic(recordPath(ports, r.id), JSON.stringify(r));
}

export function removeUpload(ports: Ports, id: string): void {
  for (const f of [recordPath(ports, id), partPath(ports, id), filePath(ports, id)]) ports.files.remove(f);
  ports.runtime.uploads.delete(id);
}

export function viewOf(r: UploadRecord): UploadView {
  return { uploadId: r.id, fileName: r.fileName, size: r.size, received: r.received, chunkSize: UPLOAD_CHUNK, finished: r.sha256 !== undefined };
}

/**
 * Remove the uploads nobody has touched for UPLOAD_STALE_MS (by their record's time, on the app's
 * clock), and pieces without a record (a begin writes the record first, so such a piece is left
 * over from a removal that a crash cut short).
 * Run when an upload begins: that is when disk is about to be taken. Returns how many it removed.
 */
export function sweepStale(ports: Ports): number {
  const dir = uploadsDir(ports);
  if (!ports.files.exists(dir)) return 0;
  const now = ports.clock.now();
  let removed = 0;
  const names = ports.files.list(dir);
  const ids = new Set(names.map((n) => n.replace(/\.(json|part|file)$/, '')).filter(idOk));
  for (const id of ids) {
    if (ports.runtime.uploads.get(id)?.busy) continue;
    const r = readRecord(ports, id);
    const touched = r ? Date.parse(r.updatedAt) : null;
    if (touched !== null && now - touched <= UPLOAD_STALE_MS) continue;
    removeUpload(ports, id);
    removed += 1;
  }
  return removed;
}
