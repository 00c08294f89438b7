// The upload service as IPC and the desktop's main process reach it (services/upload): a chunk's
// bytes handed over, a body that ends early keeps what was written, a restart makes the hash again
// from the partial file, a cancelled or stale upload leaves nothing, a file chosen in the open
// dialog is copied through the same chunks (upload.fromDialog: the desktop window only), and a document import takes a finished upload's id.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MB } from '../../electron/shared/calls/common';
import { copyFromPath, finishUpload, receiveChunk } from '../../electron/main/services/upload/upload';
import { newRuntime } from '../../electron/main/services/runtime';
import { dispatch } from '../../electron/main/transport/dispatch';
import { UPLOAD_STALE_MS } from '../../electron/main/services/upload/upload-files';
import type { UploadView } from '../../electron/shared/api';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let admin: string;
let employee: string;
const dirs: string[] = [];

beforeAll(async () => {
  app = makeApp();
  const s = await seeded(app);
  admin = s.admin;
  employee = await s.login('E002');
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
  dirs.forEach(removeDir);
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 17 + (i >> 8)) & 0xff);
const uploadsDir = (a: TempApp) => path.join(a.ports.store.dir, 'uploads');

/** a body that yields these pieces, then fails as a dropped connection does */
async function* cutAfter(pieces: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const p of pieces) yield p;
  throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
}

describe('the upload service', () => {
  it('a body that ends early keeps the bytes written; the chunk goes on from there and the sha256 is the file’s', async () => {
    const file = bytes(3 * MB);
    const up = await app.call('upload.begin', { fileName: 'a.webm', size: file.length, purpose: 'video' }, admin);
    await expect(receiveChunk(app.ports, 'admin', { uploadId: up.uploadId, offset: 0 }, cutAfter([file.subarray(0, MB), file.subarray(MB, MB + 1000)]))).rejects.toThrow('aborted');
    expect((await app.call('upload.status', { uploadId: up.uploadId }, admin)).received).toBe(MB + 1000);
    await app.call('upload.chunk', { uploadId: up.uploadId, offset: MB + 1000, data: file.subarray(MB + 1000) }, admin);
    expect(await app.call('upload.finish', { uploadId: up.uploadId }, admin)).toEqual({ uploadId: up.uploadId, sha256: sha(file), size: file.length });
    // finishing again (an answer lost on the way) answers the same
    expect((await app.call('upload.finish', { uploadId: up.uploadId }, admin)).sha256).toBe(sha(file));
  });

  it('after a restart the hash is made again from the partial file: the finished sha256 is still the file’s', async () => {
    const dir = tempDir('anxue-upload-restart-');
    dirs.push(dir);
    const first = makeApp(dir);
    const s = await seeded(first);
    const file = bytes(2 * MB + 5, 3);
    const up = await first.call('upload.begin', { fileName: 'b.mp4', size: file.length, purpose: 'video' }, s.admin);
    await first.call('upload.chunk', { uploadId: up.uploadId, offset: 0, data: file.subarray(0, MB) }, s.admin);
    first.close();
    const again = makeApp(dir);
    try {
      const admin2 = (await again.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
      expect(again.ports.runtime.uploads.size).toBe(0);
      expect((await again.call('upload.status', { uploadId: up.uploadId }, admin2)).received).toBe(MB);
      await again.call('upload.chunk', { uploadId: up.uploadId, offset: MB, data: file.subarray(MB) }, admin2);
      expect((await again.call('upload.finish', { uploadId: up.uploadId }, admin2)).sha256).toBe(sha(file));
    } finally {
      again.close();
    }
  });

  it('two servers sharing the files folder take turns: each one’s hash is made again when the other moved the upload on', async () => {
    // a second server of the same database: the same records and files, a memory of its own
    const other = { ...app.ports, runtime: newRuntime() };
    const file = bytes(3 * MB, 5);
    const up = await app.call('upload.begin', { fileName: 'i.mp4', size: file.length, purpose: 'video' }, admin);
    await receiveChunk(app.ports, 'admin', { uploadId: up.uploadId, offset: 0 }, [file.subarray(0, MB)]);
    await receiveChunk(other, 'admin', { uploadId: up.uploadId, offset: MB }, [file.subarray(MB, 2 * MB)]);
    await receiveChunk(app.ports, 'admin', { uploadId: up.uploadId, offset: 2 * MB }, [file.subarray(2 * MB)]);
    expect((await finishUpload(other, 'admin', up.uploadId)).sha256).toBe(sha(file));
  });

  it('a finished upload is a file on disk; an unfinished one has none presented as finished', async () => {
    const up = await app.call('upload.begin', { fileName: 'c.mp4', size: 10, purpose: 'video' }, admin);
    await app.call('upload.chunk', { uploadId: up.uploadId, offset: 0, data: bytes(4) }, admin);
    expect(existsSync(path.join(uploadsDir(app), `${up.uploadId}.file`))).toBe(false);
    await app.call('upload.chunk', { uploadId: up.uploadId, offset: 4, data: bytes(6) }, admin);
    await app.call('upload.finish', { uploadId: up.uploadId }, admin);
    expect(existsSync(path.join(uploadsDir(app), `${up.uploadId}.file`))).toBe(true);
    expect(existsSync(path.join(uploadsDir(app), `${up.uploadId}.part`))).toBe(false);
  });

  it('a cancelled upload leaves nothing; one untouched for a day is removed when the next begins', async () => {
    const cancelled = await app.call('upload.begin', { fileName: 'd.mp4', size: 10, purpose: 'video' }, admin);
    await app.call('upload.chunk', { uploadId: cancelled.uploadId, offset: 0, data: bytes(5) }, admin);
    await app.call('upload.cancel', { uploadId: cancelled.uploadId }, admin);
    expect(readdirSync(uploadsDir(app)).filter((n) => n.startsWith(cancelled.uploadId))).toEqual([]);
    expect((await app.raw('upload.status', { uploadId: cancelled.uploadId }, admin)).ok).toBe(false);

    const stale = await app.call('upload.begin', { fileName: 'e.mp4', size: 10, purpose: 'video' }, admin);
    app.clock.advance(UPLOAD_STALE_MS / 2);
    const fresh = await app.call('upload.begin', { fileName: 'f.mp4', size: 10, purpose: 'video' }, admin);
    app.clock.advance(UPLOAD_STALE_MS / 2 + 1000);
    await app.call('upload.begin', { fileName: 'g.mp4', size: 10, purpose: 'video' }, admin);
    const left = readdirSync(uploadsDir(app));
    expect(left.filter((n) => n.startsWith(stale.uploadId))).toEqual([]);
    expect(left.filter((n) => n.startsWith(fresh.uploadId)).sort()).toEqual([`${fresh.uploadId}.json`, `${fresh.uploadId}.part`]);
  });

  it('a file chosen in the open dialog is copied in chunks by the main process; an employee may not', async () => {
    const src = path.join(tempDir('anxue-upload-src-'), '警示片.mp4');
    dirs.push(path.dirname(src));
    const file = bytes(9 * MB + 3, 11);
    writeFileSync(src, file);
    const seen: number[] = [];
    const done = await copyFromPath(app.ports, { employeeNo: 'admin', roles: ['admin'] }, src, 'video', (r) => seen.push(r));
    expect(done.sha256).toBe(sha(file));
    expect(seen).toEqual([8 * MB, 9 * MB + 3]);
    expect((await app.call('upload.status', { uploadId: done.uploadId }, admin)).fileName).toBe('警示片.mp4');
    await expect(copyFromPath(app.ports, { employeeNo: 'E002', roles: ['employee'] }, src, 'video')).rejects.toMatchObject({ code: 'forbidden' });
    // the same through the contract, as the desktop window asks (IPC): the dialog's choice, or nothing when it was closed
    let chosen: string | null = src;
    const desktop = { ...app.ports, desktop: { chooseFile: async () => chosen } };
    expect(await dispatch(desktop, 'upload.fromDialog', { purpose: 'video' }, admin)).toMatchObject({
      ok: true,
      value: { chosen: true, fileName: '警示片.mp4', sha256: sha(file), size: file.length },
    });
    chosen = null;
    expect(await dispatch(desktop, 'upload.fromDialog', { purpose: 'video' }, admin)).toEqual({ ok: true, value: { chosen: false } });
    // not from a browser, even on the server PC, and not where there is no dialog
    expect(await dispatch(desktop, 'upload.fromDialog', { purpose: 'video' }, admin, { address: '127.0.0.1', loopback: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'upload.desktopOnly' },
    });
    expect(await app.raw('upload.fromDialog', { purpose: 'video' }, admin)).toMatchObject({ ok: false, error: { key: 'upload.desktopOnly' } });
    expect((await app.raw('upload.begin', { fileName: 'x', size: 1, purpose: 'video' }, employee)).ok).toBe(false);
  });
});

describe('a document import from a finished upload', () => {
  it('imports as base64 does, uses the upload up, and takes only a finished document upload of the caller’s', async () => {
    const text = '# 本厂动火作业制度（测试用，虚构）\n\n第一条 动火前先做气体分析。\n\n第二条 作业时专人监护。\n';
    const data = new TextEncoder().encode(text);
    const up = await app.call('upload.begin', { fileName: '动火制度.md', size: data.length, purpose: 'document' }, admin);
    // unfinished: refused
    expect(await app.raw('corpus.importStart', { uploadId: up.uploadId }, admin)).toMatchObject({ ok: false, error: { key: 'upload.notFinished' } });
    const v: UploadView = await app.call('upload.chunk', { uploadId: up.uploadId, offset: 0, data }, admin);
    expect(v.received).toBe(data.length);
    await app.call('upload.finish', { uploadId: up.uploadId }, admin);
    let job = await app.call('corpus.importStart', { uploadId: up.uploadId }, admin);
    for (let i = 0; i < 200 && job.state === 'reading'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = await app.call('corpus.importJob', { jobId: job.jobId }, admin);
    }
    expect(job.state).toBe('ready');
    expect(job.preview).toMatchObject({ fileName: '动火制度.md', sha256: sha(data) });
    const r = await app.call(
      'corpus.importCommit',
      { jobId: job.jobId, newDoc: { title: '动火作业制度', docNo: '', issuer: '', category: '企业制度', effective: '', suggestedMinutes: 10, summary: '' } },
      admin,
    );
    expect(r.edition).toBe(sha(data));
    // used up
    expect(readdirSync(uploadsDir(app)).filter((n) => n.startsWith(up.uploadId))).toEqual([]);

    const film = await app.call('upload.begin', { fileName: 'h.md', size: 2, purpose: 'video' }, admin);
    await app.call('upload.chunk', { uploadId: film.uploadId, offset: 0, data: bytes(2) }, admin);
    await app.call('upload.finish', { uploadId: film.uploadId }, admin);
    expect(await app.raw('corpus.importStart', { uploadId: film.uploadId }, admin)).toMatchObject({ ok: false, error: { key: 'upload.wrongPurpose' } });
  });
});
