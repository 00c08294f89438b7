// The calls of a large file sent in pieces (resumable): begin, send chunks at the offset the server
// has, ask where it stands after a dropped connection, finish (the server's sha256), or cancel.
// A finished upload is a file on the server's disk that a later call names by its id (a document
// import, a film). Over HTTP a chunk's bytes are the request body itself (application/octet-stream,
// the upload id and offset in the query), never base64 in JSON; over IPC they are a Uint8Array.
import { z } from 'zod';
import { call, MB, OFFICE } from './common';
import type { UploadFinished, UploadFromDialog, UploadView } from '../views/upload';

/** what one chunk carries at most: large enough that a 1 GB film takes ~128 requests, small enough to lose little on a drop */
export const UPLOAD_CHUNK = 8 * MB;
/** what an upload may be for: each has its own size limit (a document as today's, a film as the admin sets) */
export const UPLOAD_PURPOSES = ['document', 'video'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

export const uploadId = z.string().uuid();
/** a chunk's place, as the HTTP query carries it (strings) and IPC (numbers) */
export const uploadChunkTarget = z.object({ uploadId, offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

export const uploadCalls = {
  'upload.begin': call<UploadView>()(
    z.object({
      fileName: z.string().trim().min(1).max(255),
      size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      purpose: z.enum(UPLOAD_PURPOSES),
    }),
    OFFICE,
  ),
  'upload.chunk': call<UploadView>()(
    uploadChunkTarget.extend({ data: z.instanceof(Uint8Array).refine((d) => d.length <= UPLOAD_CHUNK, 'rule.chunkTooLarge') }),
    OFFICE,
    // IPC only: over HTTP the body is the chunk itself, streamed to disk (transport/upload-body.ts)
    { maxBytes: UPLOAD_CHUNK + 64 * 1024 },
  ),
  'upload.status': call<UploadView>()(z.object({ uploadId }), OFFICE),
  'upload.finish': call<UploadFinished>()(z.object({ uploadId }), OFFICE),
  'upload.cancel': call<{ ok: true }>()(z.object({ uploadId }), OFFICE),
  /** the desktop app only: the open dialog on this PC, the file chosen copied in by the main process as a stream (no bytes cross IPC) */
  'upload.fromDialog': call<UploadFromDialog>()(z.object({ purpose: z.enum(UPLOAD_PURPOSES) }), OFFICE),
};
