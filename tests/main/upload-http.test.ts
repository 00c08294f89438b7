// A large file sent in pieces over real HTTP (services/upload, transport/upload-body.ts): a chunk's
// bytes are the request body; a connection cut mid-chunk keeps what arrived and the client resumes
// from the status the server gives; the server's sha256 is the file's. Refused: a file over its
// limit (the message names both sizes), a chunk at the wrong offset, another officer's upload, an
// employee, a page of another site, a chunk sent as JSON.
import { createHash } from 'node:crypto';
import nodeHttp from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../electron/main/transport/http';
import { MB } from '../../electron/shared/calls/common';
import type { UploadFinished, UploadView } from '../../electron/shared/api';
import { sendChunk, uploadCall } from '../helpers/upload-http';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let server: nodeHttp.Server;
let base: string;
let officer: string;
let otherOfficer: string;
let employee: string;
let admin: string;

beforeAll(async () => {
  app = makeApp();
  const s = await seeded(app);
  admin = s.admin;
  await app.call('accounts.setRoles', { employeeNo: 'E001', roles: ['employee', 'officer'], reason: '' }, admin);
  await app.call('accounts.setRoles', { employeeNo: 'E003', roles: ['employee', 'officer'], reason: '' }, admin);
  officer = await s.login('E001');
  otherOfficer = await s.login('E003');
  employee = await s.login('E002');
  server = createHttpServer(app.ports, { rendererDir: null, log: { refused: () => undefined } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  app.close();
  removeDir(app.dir);
});

/** deterministic bytes that are not all alike (a hash of a counter), so a chunk in the wrong place changes the sha256 */
function bytesOf(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  for (let at = 0, n = 0; at < size; n++) at += createHash('sha256').update(`${seed}:${n}`).digest().copy(out, at);
  return out;
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const status = async (token: string, uploadId: string) => (await uploadCall<UploadView>(base, token, 'upload.status', { uploadId })).body;

async function begin(token: string, size: number, purpose: 'document' | 'video' = 'video', fileName = 'film.mp4') {
  return uploadCall<UploadView & { key?: string; message?: string; params?: Record<string, unknown> }>(base, token, 'upload.begin', { fileName, size, purpose });
}

describe('a chunked upload over HTTP', () => {
  it('a connection cut mid-chunk keeps what arrived; the client resumes from status; the sha256 is the file’s', async () => {
    const file = bytesOf(20 * MB + 12345);
    const b = await begin(officer, file.length);
    expect(b.status).toBe(200);
    const { uploadId, chunkSize } = b.body;
    expect(chunkSize).toBe(8 * MB);
    // the first chunk whole
    const first = await sendChunk(base, officer, { uploadId, offset: 0 }, file.subarray(0, chunkSize));
    expect(first.status, first.text).toBe(200);
    expect((JSON.parse(first.text) as UploadView).received).toBe(chunkSize);
    // the second is cut after 3 MB of its 8
    const cut = await sendChunk(base, officer, { uploadId, offset: chunkSize }, file.subarray(chunkSize, 2 * chunkSize), { dropAfter: 3 * MB });
    expect(cut.status).toBe(-1);
    // the client asks where the server stands (the cut chunk's write may still be ending: a 409 busy is asked again)
    let received = -1;
    for (let i = 0; i < 100 && received < 0; i++) {
      const s = await uploadCall<UploadView>(base, officer, 'upload.status', { uploadId });
      const probe = await sendChunk(base, officer, { uploadId, offset: s.body.received }, Buffer.alloc(0));
      if (probe.status === 200) received = s.body.received;
      else await new Promise((r) => setTimeout(r, 20));
    }
    // what arrived before the cut counts (never more than was sent)
    expect(received).toBeGreaterThanOrEqual(chunkSize);
    expect(received).toBeLessThanOrEqual(chunkSize + 3 * MB);
    console.log(`[upload] cut after 3 MB of chunk 2: the server kept ${((received - chunkSize) / MB).toFixed(2)} MB of it`);
    for (let at = received; at < file.length;) {
      const r = await sendChunk(base, officer, { uploadId, offset: at }, file.subarray(at, Math.min(at + chunkSize, file.length)));
      expect(r.status, r.text).toBe(200);
      at = (JSON.parse(r.text) as UploadView).received;
    }
    const done = await uploadCall<UploadFinished>(base, officer, 'upload.finish', { uploadId });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ uploadId, sha256: sha(file), size: file.length });
    expect((await status(officer, uploadId)).finished).toBe(true);
  });

  it('a chunk at another offset than the server has is refused, naming where to continue', async () => {
    const { body } = await begin(officer, 100);
    const r = await sendChunk(base, officer, { uploadId: body.uploadId, offset: 10 }, Buffer.alloc(90, 1));
    expect(r.status).toBe(409);
    expect(JSON.parse(r.text)).toMatchObject({ key: 'upload.wrongOffset', params: { offset: 10, received: 0 } });
    expect((await status(officer, body.uploadId)).received).toBe(0);
  });

  it('a chunk past the end of the file is refused and nothing is written', async () => {
    const { body } = await begin(officer, 100);
    const r = await sendChunk(base, officer, { uploadId: body.uploadId, offset: 0 }, Buffer.alloc(101, 1));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ key: 'upload.chunkPastEnd' });
    expect((await status(officer, body.uploadId)).received).toBe(0);
  });

  it('finishing before every byte arrived is refused', async () => {
    const { body } = await begin(officer, 100);
    await sendChunk(base, officer, { uploadId: body.uploadId, offset: 0 }, Buffer.alloc(40, 1));
    const r = await uploadCall(base, officer, 'upload.finish', { uploadId: body.uploadId });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ key: 'upload.notComplete', params: { received: 40, size: 100 } });
  });

  it("another officer's upload: as if there were none, to send, ask, finish or cancel", async () => {
    const { body } = await begin(officer, 100);
    const chunk = await sendChunk(base, otherOfficer, { uploadId: body.uploadId, offset: 0 }, Buffer.alloc(100, 1));
    expect(chunk.status).toBe(404);
    expect(JSON.parse(chunk.text)).toMatchObject({ key: 'upload.noSuchUpload' });
    for (const call of ['upload.status', 'upload.finish', 'upload.cancel']) expect((await uploadCall(base, otherOfficer, call, { uploadId: body.uploadId })).status).toBe(404);
    expect((await status(officer, body.uploadId)).received).toBe(0);
  });

  it('an employee may not upload', async () => {
    expect((await begin(employee, 100)).status).toBe(403);
    const { body } = await begin(officer, 100);
    expect((await sendChunk(base, employee, { uploadId: body.uploadId, offset: 0 }, Buffer.alloc(100, 1))).status).toBe(403);
  });

  it('a film over the limit is refused naming its size and the limit; the admin’s setting moves the limit; a document keeps today’s', async () => {
    const big = await begin(officer, 3 * 1024 * MB);
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'too_large', key: 'upload.tooLargeVideo', params: { size: '3.0 GB', limit: '2.0 GB' } });
    expect(big.body.message).toContain('3.0 GB');
    const settings = await app.call('settings.get', {}, admin);
    await app.call('settings.save', { ...settings, videoUploadMaxMb: 100 }, admin);
    try {
      expect((await begin(officer, 101 * MB)).body).toMatchObject({ key: 'upload.tooLargeVideo', params: { limit: '100 MB' } });
      expect((await begin(officer, 100 * MB)).status).toBe(200);
    } finally {
      await app.call('settings.save', settings, admin);
    }
    expect((await begin(officer, 23 * MB, 'document', 'a.pdf')).body).toMatchObject({ key: 'upload.tooLargeDocument', params: { limit: '22 MB' } });
  });

  it('a chunk sent as JSON, or from a page of another site, is refused before its body is read', async () => {
    const { body } = await begin(officer, 100);
    const asJson = await sendChunk(base, officer, { uploadId: body.uploadId, offset: 0 }, Buffer.alloc(100, 1), { headers: { 'Content-Type': 'application/json' } });
    expect(asJson.status).toBe(403);
    expect(JSON.parse(asJson.text)).toMatchObject({ key: 'upload.notOctetStream' });
    const crossSite = await sendChunk(base, officer, { uploadId: body.uploadId, offset: 0 }, Buffer.alloc(100, 1), { headers: { Origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect((await status(officer, body.uploadId)).received).toBe(0);
  });

  it('a browser cannot have the server open a file dialog or read a path of its own, even where the app has one', async () => {
    let asked = 0;
    app.ports.desktop = { chooseFile: async () => (asked++, '/etc/passwd') };
    try {
      const r = await uploadCall(base, officer, 'upload.fromDialog', { purpose: 'document' });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ key: 'upload.desktopOnly' });
      expect(asked).toBe(0);
    } finally {
      delete app.ports.desktop;
    }
  });

  it('a bad upload id or offset in the query is refused as bad input', async () => {
    const r = await sendChunk(base, officer, { uploadId: 'not-an-id', offset: 0 }, Buffer.alloc(1));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ field: 'uploadId' });
  });
});
