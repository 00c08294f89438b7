// A file sent to the backend in chunks (the upload.* calls), the same on both transports: each
// chunk is read from the file as it is sent (never the whole file in memory), a dropped connection
// is met by asking the server where it stands and going on from there, a few times by itself;
// after that the caller is told and may resume (with the upload's id) once the network is back.
import type { AnxueClient, UploadFinished, UploadView } from '../../electron/shared/api';
import type { UploadPurpose } from '../../electron/shared/calls/upload';

export type UploadClient = Pick<AnxueClient, 'upload.begin' | 'upload.chunk' | 'upload.status' | 'upload.finish'>;

export interface UploadState {
  uploadId: string | null;
  received: number;
  size: number;
  /** a dropped connection is being met by itself: the bar stays, the words say so */
  retrying: boolean;
}

/** Failures worth asking again: the network, a chunk still being written (conflict), a fault on the server. */
function worthRetrying(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'network' || code === 'conflict' || code === 'internal';
}

export async function sendFile(
  client: UploadClient,
  file: Blob & { name: string },
  purpose: UploadPurpose,
  o: {
    onState: (s: UploadState) => void;
    /** go on with this upload (a resume after a failure the caller was told of) */
    uploadId?: string | null;
    retries?: number;
    wait?: (ms: number) => Promise<void>;
  },
): Promise<UploadFinished> {
  const wait = o.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = o.retries ?? 4;
  let v: UploadView = o.uploadId ? await client['upload.status']({ uploadId: o.uploadId }) : await client['upload.begin']({ fileName: file.name, size: file.size, purpose });
  const state = (retrying: boolean) => o.onState({ uploadId: v.uploadId, received: v.received, size: v.size, retrying });
  state(false);
  let failures = 0;
  while (v.received < v.size) {
    try {
      const data = new Uint8Array(await file.slice(v.received, Math.min(v.received + v.chunkSize, v.size)).arrayBuffer());
      v = await client['upload.chunk']({ uploadId: v.uploadId, offset: v.received, data });
      failures = 0;
      state(false);
    } catch (e) {
      if (!worthRetrying(e) || failures >= retries) throw e;
      failures += 1;
      state(true);
      await wait(1000 * failures);
      // where the server stands now: what arrived of the lost chunk counts
      try {
        v = await client['upload.status']({ uploadId: v.uploadId });
      } catch (e2) {
        if (!worthRetrying(e2)) throw e2;
      }
    }
  }
  return client['upload.finish']({ uploadId: v.uploadId });
}
