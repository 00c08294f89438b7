// PDF previews and imports in bounded memory, on the server as its own process
// (`anxue serve`): PDFs are read in a reader process of their own, one at a time, with a memory cap.
// Four previews of a 250-page Chinese PDF at once keep the server's peak resident memory (VmHWM,
// from /proc) under 400 MB (before: one took it from 127 to 628 MB, four to 1.49 GB). A PDF whose
// stream inflates to a gigabyte is refused naming the file, and the server lives on.
// The real ~250-page PDF (Debian's Chinese manuals) is measured by `npm run bench -- pdf-memory`.
import { createDeflate } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../electron/core/message';
import { sayIn } from '../../electron/main/messages';
import { descendants, longChinesePdf, memOf } from '../bench/pdf-memory';
import { cli } from '../helpers/cli';
import { postJson } from '../helpers/raw-http';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir, tempDir } from '../helpers/temp-app';

const dirs: string[] = [];
let srv: ServerProcess;
let token: string;
let longPdf: Buffer;
let bombPdf: Buffer;

/**
 * One page whose content stream is FlateDecode of `mb` MB of spaces (about 1 MB in the file): a
 * reader that believes the stream holds what it says grows by `mb` MB.
 */
async function inflatingPdf(mb: number): Promise<Buffer> {
  const d = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((r) => d.on('end', r));
  const chunk = Buffer.alloc(16 * 1024 * 1024, 0x20);
  for (let i = 0; i < mb / 16; i++) if (!d.write(chunk)) await new Promise((r) => d.once('drain', r));
  d.end(Buffer.from('\nBT /F1 12 Tf (x) Tj ET\n'));
  await ended;
  const z = Buffer.concat(out);
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const stream = PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode', Length: z.length }), z);
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  const data = tempDir('anxue-pdfmem-');
  const work = tempDir('anxue-pdfmem-work-');
  dirs.push(data, work);
  await longChinesePdf(path.join(work, 'long.pdf'), 250);
  longPdf = readFileSync(path.join(work, 'long.pdf'));
  bombPdf = await inflatingPdf(1024);
  writeFileSync(path.join(work, 'pw.txt'), 'pdfmem-admin-pass');
  const init = cli(['init', '--data', data, '--enterprise', '内存测试化工（虚构）', '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]);
  if (init.status !== 0) throw new Error(init.stderr);
  srv = await startServeProcess(['--data', data, '--port', '0']);
  token = (JSON.parse((await postJson(srv.url, 'auth.login', { employeeNo: 'admin', password: 'pdfmem-admin-pass' })).text) as { token: string }).token;
}, 300_000);
afterAll(async () => {
  await srv?.stop();
  dirs.forEach(removeDir);
});

const upload = (fileName: string, bytes: Buffer) => ({ fileName, base64: bytes.toString('base64') });

describe('PDF previews and imports in bounded memory', () => {
  it("four previews of a 250-page Chinese PDF at once: all answered, the server's peak resident memory stays under 400 MB", async () => {
    const pid = srv.child.pid!;
    const before = memOf(pid).rss;
    let readerPeak = 0;
    const sampler = setInterval(() => {
      for (const c of descendants(pid)) readerPeak = Math.max(readerPeak, memOf(c).rss);
    }, 50);
    const rs = await Promise.all(Array.from({ length: 4 }, (_, i) => postJson(srv.url, 'corpus.importPreview', upload(`长文档-${i}.pdf`, longPdf), { token })));
    clearInterval(sampler);
    const { hwm } = memOf(pid);
    console.log(
      `[pdf-memory] four previews of ${(longPdf.length / 1024 / 1024).toFixed(1)} MB, 250 pages: server RSS ${before.toFixed(0)} MB before, peak (VmHWM) ${hwm.toFixed(0)} MB; the reader process at most ${readerPeak.toFixed(0)} MB`,
    );
    for (const r of rs) {
      expect(r.status, r.text.slice(0, 300)).toBe(200);
      expect(JSON.parse(r.text)).toMatchObject({ format: 'pdf', pages: 250 });
    }
    expect(hwm).toBeLessThan(400);
  }, 300_000);

  it('a PDF whose stream inflates to a gigabyte is refused naming the file; the server lives on, its memory untouched', async () => {
    const pid = srv.child.pid!;
    const r = await postJson(srv.url, 'corpus.importPreview', upload('膨胀.pdf', bombPdf), { token });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({
      code: 'bad_input',
      field: 'file',
      key: 'corpus.pdfOverMemory',
      params: { fileName: '膨胀.pdf' },
      message: expect.stringMatching(/^膨胀\.pdf 读取时需要的内存超过上限（\d+ MB），未导入。/),
    });
    expect(sayIn('en-US', JSON.parse(r.text) as Message)).toMatch(/^reading 膨胀\.pdf needs more memory than the limit \(\d+ MB\)/);
    // an import job of it fails with the same words
    const job = JSON.parse((await postJson(srv.url, 'corpus.importStart', upload('膨胀.pdf', bombPdf), { token })).text) as { jobId: string; state: string };
    let j = job as { state: string; error?: string | null };
    while (j.state === 'reading') {
      await new Promise((res) => setTimeout(res, 200));
      j = JSON.parse((await postJson(srv.url, 'corpus.importJob', { jobId: job.jobId }, { token })).text) as typeof j;
    }
    expect(j).toMatchObject({ state: 'failed', error: expect.stringContaining('膨胀.pdf 读取时需要的内存超过上限') });
    expect((await postJson(srv.url, 'setup.status', {})).status).toBe(200);
    expect(memOf(pid).hwm).toBeLessThan(400);
    // and the next PDF is read as before
    expect((await postJson(srv.url, 'corpus.importPreview', upload('长文档.pdf', longPdf), { token })).status).toBe(200);
  }, 300_000);
});
