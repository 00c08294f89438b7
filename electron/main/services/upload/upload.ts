// Large files sent in pieces, resumable: begin → chunks at the offset the server has → finish
// (the sha256 the server computed while the bytes arrived) — or cancel. Both transports come
// here: HTTP streams a chunk's request body in (transport/upload-body.ts), IPC hands a chunk's
// bytes, and the desktop's main process copies a file chosen in the open dialog (copyFromPath).
// A chunk is written at its offset as it arrives, never gathered whole; what has arrived is
// synced before the record says so, so after a dropped connection `received` is true and the
// client goes on from there.
//
// The hash: Node's sha256 state cannot be saved, so it is kept in this app's memory (runtime.uploads)
// and made again from the partial file, once, when it is not current (after a restart, or when another
// server of the same database took the previous chunk): a sequential read of what is there, far
// cheaper than hashing every byte of every upload in a JavaScript SHA-256 whose state could be saved.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { DEFAULT_VIDEO_UPLOAD_MB, type Role } from '../../../core/model';
import { mayCall, type UploadFinished, type UploadView } from '../../../shared/api';
import { OFFICE, MB } from '../../../shared/calls/common';
import { UPLOAD_CHUNK, type UploadPurpose } from '../../../shared/calls/upload';
import { ApiError, badInput, conflict, forbidden } from '../errors';
import { iso, type Ports } from '../ports';
import type { UploadHash } from '../runtime';
import { filePath, ownRecord, partPath, removeUpload, sweepStale, uploadsDir, viewOf, writeRecord, type UploadRecord } from './upload-files';

/** a document for import: as large as the base64 upload took (its text is read whole) */
export const DOCUMENT_UPLOAD_MAX = 22 * MB;

export function sizeText(bytes: number): string {
  return bytes >= 1024 * MB ? `${(bytes / 1024 / MB).toFixed(1)} GB` : bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export async function uploadLimit(ports: Ports, purpose: UploadPurpose): Promise<number> {
  if (purpose === 'document') return DOCUMENT_UPLOAD_MAX;
  return ((await ports.store.meta.read()).settings.videoUploadMaxMb ?? DEFAULT_VIDEO_UPLOAD_MB) * MB;
}

export async function beginUpload(ports: Ports, owner: string, input: { fileName: string; size: number; purpose: UploadPurpose }): Promise<UploadView> {
  const limit = await uploadLimit(ports, input.purpose);
  if (input.size > limit) {
    const key = input.purpose === 'video' ? 'upload.tooLargeVideo' : 'upload.tooLargeDocument';
    throw new ApiError('too_large', key, { fileName: input.fileName, size: sizeText(input.size), limit: sizeText(limit) }, 'size');
  }
  sweepStale(ports);
  ports.files.mkdir(uploadsDir(ports));
  const at = iso(ports.clock.now());
  const r: UploadRecord = { v: 1, id: randomUUID(), owner, fileName: path.basename(input.fileName), size: input.size, purpose: input.purpose, received: 0, createdAt: at, updatedAt: at };
  // the record first: a piece without one is a leftover the sweep may remove
  await writeRecord(ports, r);
  await finished(ports.files.writeStream(partPath(ports, r.id), { exclusive: true }).end());
  return viewOf(r);
}

export function uploadStatus(ports: Ports, owner: string, id: string): UploadView {
  return viewOf(ownRecord(ports, id, owner));
}

/** This upload's hash, current with its `received` bytes; marked busy (the caller clears it). */
async function takeHash(ports: Ports, r: UploadRecord): Promise<UploadHash> {
  const rt = ports.runtime.uploads;
  const had = rt.get(r.id);
  if (had?.busy) throw conflict('upload.busy');
  if (had && had.at === r.received) {
    had.busy = true;
    return had;
  }
  const st: UploadHash = { hash: createHash('sha256'), at: 0, busy: true, cancelled: false };
  rt.set(r.id, st);
  try {
    if (r.received > 0) for await (const c of ports.files.readStream(partPath(ports, r.id), { start: 0, end: r.received - 1 })) st.hash.update(c as Buffer);
  } catch (e) {
    rt.delete(r.id);
    throw e;
  }
  st.at = r.received;
  return st;
}

class WriteFailed extends Error {
  constructor(readonly cause: unknown) {
    super('write failed');
  }
}

function writeTo(out: Writable, c: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => out.write(c, (e) => (e ? reject(new WriteFailed(e)) : resolve())));
}

/**
 * One chunk, from `offset` (which must be what the server has): its bytes are written in place as
 * they come and hashed once written. When the body ends early (a dropped connection), what was
 * written counts: it is synced, `received` says so, and the client continues from there.
 */
export async function receiveChunk(
  ports: Ports,
  owner: string,
  target: { uploadId: string; offset: number },
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  declared?: number,
): Promise<UploadView> {
  const r = ownRecord(ports, target.uploadId, owner);
  if (r.sha256 !== undefined) throw conflict('upload.finishedAlready');
  if (target.offset !== r.received) throw conflict('upload.wrongOffset', { offset: target.offset, received: r.received });
  const room = Math.min(UPLOAD_CHUNK, r.size - r.received);
  if (declared !== undefined && declared > room) {
    throw declared > UPLOAD_CHUNK ? new ApiError('too_large', 'upload.chunkTooLarge', { max: sizeText(UPLOAD_CHUNK) }) : badInput('upload.chunkPastEnd', { size: r.size });
  }
  const st = await takeHash(ports, r);
  const part = partPath(ports, r.id);
  let got = 0;
  let failure: unknown = null;
  try {
    const out = ports.files.writeStream(part, { start: r.received });
    // an error is met by the write it fails; without a listener it would end the process
    out.on('error', () => undefined);
    try {
      for await (const c of body) {
        if (st.cancelled) break;
        if (got + c.length > room) {
          failure =
            c.length > UPLOAD_CHUNK || got + c.length > UPLOAD_CHUNK
              ? new ApiError('too_large', 'upload.chunkTooLarge', { max: sizeText(UPLOAD_CHUNK) })
              : badInput('upload.chunkPastEnd', { size: r.size });
          break;
        }
        await writeTo(out, c);
        st.hash.update(c);
        got += c.length;
      }
    } catch (e) {
      // the body ended early (a dropped connection) or the disk refused a write
      failure = e;
    }
    out.end();
    await finished(out).catch((e: unknown) => (failure ??= new WriteFailed(e)));
    if (st.cancelled) {
      removeUpload(ports, r.id);
      throw conflict('upload.noSuchUpload');
    }
    if (failure instanceof WriteFailed) {
      // what the hash took in may not all be on disk: it is made again from the file next time
      ports.runtime.uploads.delete(r.id);
      throw failure.cause;
    }
    if (got > 0) {
      ports.files.sync(part);
      r.received += got;
      await writeRecord(ports, r);
    }
    st.at = r.received;
  } finally {
    st.busy = false;
  }
  if (failure) throw failure;
  return viewOf(r);
}

/**
 * Every byte there: the hash is the upload's, the part is synced and becomes the finished file.
 * Finishing again answers the same (a client whose answer was lost asks again).
 */
export async function finishUpload(ports: Ports, owner: string, id: string): Promise<UploadFinished> {
  const r = ownRecord(ports, id, owner);
  if (r.sha256 !== undefined) return { uploadId: r.id, sha256: r.sha256, size: r.size };
  if (r.received !== r.size) throw conflict('upload.notComplete', { received: r.received, size: r.size });
  const st = await takeHash(ports, r);
  try {
    const part = partPath(ports, r.id);
    ports.files.sync(part);
    r.sha256 = st.hash.digest('hex');
    // the record says finished only once the bytes are synced; the rename follows (finishedFile puts it right after a crash)
    await writeRecord(ports, r);
    ports.files.rename(part, filePath(ports, r.id));
    ports.files.sync(uploadsDir(ports));
  } finally {
    ports.runtime.uploads.delete(r.id);
  }
  return { uploadId: r.id, sha256: r.sha256, size: r.size };
}

export function cancelUpload(ports: Ports, owner: string, id: string): { ok: true } {
  ownRecord(ports, id, owner);
  const st = ports.runtime.uploads.get(id);
  // a chunk at work removes it when its write ends (and writes no record after)
  if (st?.busy) st.cancelled = true;
  else removeUpload(ports, id);
  return { ok: true };
}

/** A finished upload as the call that uses it sees it (a document import, a film). */
export interface FinishedUpload {
  uploadId: string;
  /** the file on the server's disk */
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  purpose: UploadPurpose;
}

/** The caller's finished upload for this purpose: refused when it is another's, unfinished, or for something else. */
export function finishedUpload(ports: Ports, owner: string, id: string, purpose: UploadPurpose): FinishedUpload {
  const r = ownRecord(ports, id, owner);
  if (r.sha256 === undefined) throw badInput('upload.notFinished', {}, 'uploadId');
  if (r.purpose !== purpose) throw badInput('upload.wrongPurpose', {}, 'uploadId');
  const file = filePath(ports, r.id);
  // a crash between the record and the rename: the bytes are whole (the record says so only after their sync)
  if (!ports.files.exists(file)) ports.files.rename(partPath(ports, r.id), file);
  return { uploadId: r.id, path: file, fileName: r.fileName, size: r.size, sha256: r.sha256, purpose: r.purpose };
}

/** The upload used up: what took it has its bytes now. */
export function releaseUpload(ports: Ports, id: string): void {
  removeUpload(ports, id);
}

/**
 * The desktop's way in: a file the person chose in the open dialog, copied by the main process as a
 * stream through the same chunks (so the same limits, hash and records). Not a call of the contract —
 * a browser must never name a path on the server — so it checks the roles itself.
 */
export async function copyFromPath(
  ports: Ports,
  account: { employeeNo: string; roles: readonly Role[] },
  source: string,
  purpose: UploadPurpose,
  onProgress?: (received: number, size: number) => void,
): Promise<UploadFinished> {
  if (!mayCall(OFFICE, account.roles)) throw forbidden();
  const size = ports.files.size(source);
  const up = await beginUpload(ports, account.employeeNo, { fileName: path.basename(source), size, purpose });
  try {
    for (let at = 0; at < size;) {
      const end = Math.min(at + UPLOAD_CHUNK, size);
      const v = await receiveChunk(ports, account.employeeNo, { uploadId: up.uploadId, offset: at }, ports.files.readStream(source, { start: at, end: end - 1 }), end - at);
      at = v.received;
      onProgress?.(at, size);
    }
    return await finishUpload(ports, account.employeeNo, up.uploadId);
  } catch (e) {
    removeUpload(ports, up.uploadId);
    throw e;
  }
}
