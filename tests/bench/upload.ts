// `npm run bench -- upload [MB]`: a large file sent in pieces (services/upload) to the LAN server
// as a plant runs it (`anxue serve`, its own process), 1 GB by default. The bytes are made on the
// fly and streamed (never held whole here either); each 8 MB chunk is one POST whose body is the
// chunk. Measured: the time from upload.begin to upload.finish, against the yardstick of a plain
// Node fs stream copy of the same bytes to a file in this process; the server process's resident
// memory from /proc, sampled, with its peak (it must stay under ~250 MB whatever the file's size);
// the server's sha256 against the one computed here as the bytes were made.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cli } from '../helpers/cli';
import { postJson } from '../helpers/raw-http';
import { startServeProcess } from '../helpers/server-process';
import { sendChunk } from '../helpers/upload-http';
import { memOf } from './pdf-memory';

const MB = 1024 * 1024;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The bytes of the file from `start`, `length` of them, in pieces of at most 1 MB: each MB is one
 * random block with its number written over its first 8 bytes, so no two MB are alike and nothing
 * but one block is ever held.
 */
function made(block: Buffer, start: number, length: number, onPiece?: (b: Buffer) => void): Readable {
  let at = start;
  const end = start + length;
  return new Readable({
    read() {
      if (at >= end) return void this.push(null);
      const n = Math.floor(at / MB);
      const within = at - n * MB;
      const take = Math.min(MB - within, end - at);
      const piece = Buffer.from(block);
      piece.writeBigUInt64BE(BigInt(n), 0);
      const out = piece.subarray(within, within + take);
      onPiece?.(out);
      at += take;
      this.push(out);
    },
  });
}

export async function benchUpload(args: string[]) {
  const size = (args[0] ? Number(args[0]) : 1024) * MB;
  const block = randomBytes(MB);
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const d = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  try {
    // the yardstick: the same bytes copied to a file by Node's fs streams
    const copyTo = path.join(tempDir('anxue-bench-copy-'), 'copy.bin');
    const y0 = performance.now();
    await pipeline(made(block, 0, size), createWriteStream(copyTo));
    const yardstickS = (performance.now() - y0) / 1000;
    rmSync(copyTo, { force: true });

    const data = tempDir('anxue-bench-upload-');
    const work = tempDir('anxue-bench-upload-work-');
    writeFileSync(path.join(work, 'pw.txt'), 'upload-bench-pass');
    const init = cli(['init', '--data', data, '--enterprise', '上传测试化工（虚构）', '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]);
    if (init.status !== 0) throw new Error(init.stderr);
    const srv = await startServeProcess(['--data', data, '--port', '0']);
    try {
      const pid = srv.child.pid!;
      const token = (JSON.parse((await postJson(srv.url, 'auth.login', { employeeNo: 'admin', password: 'upload-bench-pass' })).text) as { token: string }).token;
      // the video limit moved past the file's size when it is larger than the default's 2 GB
      if (size > 2048 * MB) {
        const settings = JSON.parse((await postJson(srv.url, 'settings.get', {}, { token })).text) as Record<string, unknown>;
        await postJson(srv.url, 'settings.save', { ...settings, videoUploadMaxMb: Math.ceil(size / MB) }, { token });
      }
      const rssStart = memOf(pid).rss;
      let peak = rssStart;
      const sampler = setInterval(() => (peak = Math.max(peak, memOf(pid).rss)), 20);
      const hash = createHash('sha256');
      const t0 = performance.now();
      const begun = JSON.parse((await postJson(srv.url, 'upload.begin', { fileName: 'bench.mp4', size, purpose: 'video' }, { token })).text) as { uploadId: string; chunkSize: number };
      for (let at = 0; at < size;) {
        const len = Math.min(begun.chunkSize, size - at);
        const r = await sendChunk(
          srv.url,
          token,
          { uploadId: begun.uploadId, offset: at },
          made(block, at, len, (b) => hash.update(b)),
          { length: len },
        );
        if (r.status !== 200) throw new Error(`chunk at ${at}: ${r.status} ${r.text}`);
        at = (JSON.parse(r.text) as { received: number }).received;
      }
      const fin = await postJson(srv.url, 'upload.finish', { uploadId: begun.uploadId }, { token });
      const oursS = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      const finished = JSON.parse(fin.text) as { sha256: string; size: number };
      const hwm = memOf(pid).hwm;
      const shaOk = finished.sha256 === hash.digest('hex') && finished.size === size;
      console.log(`[upload] ${round(size / MB, 0)} MB through anxue serve in ${round(oursS)} s (${round(size / MB / oursS, 0)} MB/s, sha256 as sent: ${shaOk})`);
      console.log(`[upload] yardstick, a Node fs stream copy of the same bytes: ${round(yardstickS)} s (${round(size / MB / yardstickS, 0)} MB/s); ratio ${round(oursS / yardstickS, 2)}`);
      console.log(`[upload] server RSS: ${round(rssStart)} MB at start → peak ${round(peak)} MB while uploading (VmHWM ${round(hwm)} MB); limit ~250 MB`);
      return {
        bench: 'upload',
        mb: round(size / MB, 0),
        seconds: round(oursS, 2),
        yardstick_fs_copy_s: round(yardstickS, 2),
        ratio: round(oursS / yardstickS, 2),
        mb_per_s: round(size / MB / oursS, 0),
        server_rss_start_mb: round(rssStart),
        server_rss_peak_mb: round(peak),
        server_vmhwm_mb: round(hwm),
        under_250_mb: peak < 250,
        sha256_ok: shaOk,
      };
    } finally {
      await srv.stop();
    }
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
