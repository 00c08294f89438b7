// The renderer's chunked sender (lib/chunked-upload.ts) against a fake of the upload calls that
// keeps the bytes it was sent: a dropped chunk is met by asking the status and going on from
// what the server kept; after too many failures the caller is told, and a resume with the
// upload's id finishes the same file.
import { describe, expect, it } from 'vitest';
import { sendFile, type UploadClient, type UploadState } from '../../renderer/lib/chunked-upload';
import { ApiFailure } from '../../renderer/lib/api';

/** A server in memory: chunk N (counted from 1) in `drops` is cut after half its bytes and answered with a network failure. */
function fakeServer(chunkSize: number, drops: Set<number>) {
  let kept = new Uint8Array(0);
  let size = 0;
  let chunks = 0;
  const view = () => ({ uploadId: 'u1', fileName: 'f', size, received: kept.length, chunkSize, finished: false });
  const client: UploadClient = {
    'upload.begin': async (i) => {
      size = i.size;
      return view();
    },
    'upload.status': async () => view(),
    'upload.chunk': async (i) => {
      chunks += 1;
      if (i.offset !== kept.length) throw new ApiFailure('conflict', 'wrong offset');
      const data = drops.has(chunks) ? i.data.subarray(0, Math.floor(i.data.length / 2)) : i.data;
      const next = new Uint8Array(kept.length + data.length);
      next.set(kept);
      next.set(data, kept.length);
      kept = next;
      if (drops.has(chunks)) throw new ApiFailure('network', 'network');
      return view();
    },
    'upload.finish': async () => ({ uploadId: 'u1', sha256: 'x', size: kept.length }),
  };
  return { client, kept: () => kept };
}

const fileOf = (n: number) => Object.assign(new Blob([Uint8Array.from({ length: n }, (_, i) => i % 251)]), { name: 'film.mp4' });
const noWait = () => Promise.resolve();

describe('sendFile', () => {
  it('goes on from what the server kept after a dropped chunk; every byte arrives once, in order', async () => {
    const s = fakeServer(100, new Set([2, 4]));
    const file = fileOf(450);
    const seen: UploadState[] = [];
    await sendFile(s.client, file, 'video', { onState: (st) => seen.push(st), wait: noWait });
    expect(Array.from(s.kept())).toEqual(Array.from({ length: 450 }, (_, i) => i % 251));
    expect(seen.some((st) => st.retrying)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ received: 450, size: 450, retrying: false });
  });

  it('tells the caller after too many failures; a resume with the upload id finishes the file', async () => {
    const s = fakeServer(100, new Set([2, 3, 4]));
    const file = fileOf(300);
    let last: UploadState | null = null;
    await expect(sendFile(s.client, file, 'video', { onState: (st) => (last = st), wait: noWait, retries: 2 })).rejects.toMatchObject({ code: 'network' });
    expect(last!.received).toBeLessThan(300);
    const done = await sendFile(s.client, file, 'video', { onState: (st) => (last = st), wait: noWait, uploadId: last!.uploadId });
    expect(done.size).toBe(300);
    expect(Array.from(s.kept())).toEqual(Array.from({ length: 300 }, (_, i) => i % 251));
  });
});
