// The PDF reader (services/corpus/pdf-reader.ts): one reading at a time in a process of its own; the ones
// waiting are told how many are ahead of them, and may be cancelled; a reading over the memory cap
// (its heap, or all its memory) is refused naming the file. (Over HTTP, with a hostile PDF and four
// long ones at once: tests/main/pdf-memory.test.ts.)
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportCancelled, READER_CAPS, readPdf, setReaderCaps } from '../../electron/main/services/corpus/pdf-reader';
import { helpRead, readPdfHere, type PageHelper } from '../../electron/main/services/corpus/pdfium-text';
import { longChinesePdf } from '../bench/pdf-memory';
import { removeDir, tempDir } from '../helpers/temp-app';

const work = tempDir('anxue-reader-');
let pdf: Uint8Array;

beforeAll(async () => {
  await longChinesePdf(path.join(work, 'short.pdf'), 12);
  pdf = new Uint8Array(readFileSync(path.join(work, 'short.pdf')));
}, 120_000);
afterAll(() => {
  setReaderCaps(READER_CAPS);
  removeDir(work);
});

describe('PDF reader', () => {
  it('three readings asked for at once run one after another; each waiting one is told its place, and the paragraphs are those read here', async () => {
    const places: number[][] = [[], [], []];
    const order: number[] = [];
    const reads = [0, 1, 2].map((i) => readPdf(`f${i}.pdf`, pdf, { onQueue: (ahead) => places[i]!.push(ahead), onProgress: (done) => done === 1 && order.push(i) }));
    const results = await Promise.all(reads);
    expect(places).toEqual([[0], [1, 0], [2, 1, 0]]);
    expect(order).toEqual([0, 1, 2]);
    const here = await readPdfHere(pdf);
    for (const r of results) {
      expect(r.pages).toBe(12);
      expect(r.blocks).toEqual(here.blocks);
    }
  }, 120_000);

  it('pages shared with a helper come back in the order of the pages, the same as read by one thread', async () => {
    // the helper runs in this thread here: it takes the pages left once the first thread pauses
    // (after its fourth page), so the sharing is the same every time
    const helped: number[] = [];
    const helper: PageHelper = { read: (bytes, next, onPage) => helpRead(bytes, next, (i, blocks) => (helped.push(i), onPage(i, blocks))) };
    const progress: number[] = [];
    const shared = await readPdfHere(pdf, (done) => progress.push(done), helper);
    expect(helped).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(shared).toEqual(await readPdfHere(pdf));
    // a helper that takes three pages and fails: the pages it did not give back are read all the same
    const failing: PageHelper = { read: (_bytes, next) => (Atomics.add(new Int32Array(next), 0, 3), Promise.reject(new Error('gone'))) };
    expect(await readPdfHere(pdf, undefined, failing)).toEqual(shared);
  }, 120_000);

  it('a waiting reading that is cancelled leaves the queue at once; one being read is ended; the rest go on', async () => {
    const first = new AbortController();
    const second = new AbortController();
    const places: number[] = [];
    const a = readPdf('a.pdf', pdf, { signal: first.signal, onProgress: (done) => done >= 1 && first.abort() });
    const b = readPdf('b.pdf', pdf, { signal: second.signal });
    const c = readPdf('c.pdf', pdf, { onQueue: (ahead) => places.push(ahead) });
    second.abort();
    await expect(b).rejects.toBeInstanceOf(ImportCancelled);
    await expect(a).rejects.toBeInstanceOf(ImportCancelled);
    expect((await c).pages).toBe(12);
    // c was third, then second once b left, then read
    expect(places).toEqual([2, 1, 0]);
  }, 120_000);

  it('a reading over the cap is refused naming the file: the heap cap, and the cap on all its memory', async () => {
    // PDFium reads in its WebAssembly memory, outside the JavaScript heap (the resident cap below
    // covers it): a heap cap it goes over is one too small for the reader to start
    setReaderCaps({ ...READER_CAPS, heapMb: 4 });
    await expect(readPdf('堆.pdf', pdf)).rejects.toThrow(/^堆\.pdf 读取时需要的内存超过上限/);
    setReaderCaps({ ...READER_CAPS, rssMb: 40 });
    await expect(readPdf('常驻.pdf', pdf)).rejects.toThrow(/^常驻\.pdf 读取时需要的内存超过上限（40 MB），未导入/);
    setReaderCaps(READER_CAPS);
    expect((await readPdf('ok.pdf', pdf)).pages).toBe(12);
  }, 120_000);

  it('past the readings that may wait, one more is refused (429, naming the file) until some are done', async () => {
    setReaderCaps({ ...READER_CAPS, waiting: 1 });
    const first = readPdf('1.pdf', pdf);
    const second = readPdf('2.pdf', pdf);
    await expect(readPdf('3.pdf', pdf)).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30, message: expect.stringContaining('请稍后再导入 3.pdf') });
    expect((await first).pages).toBe(12);
    expect((await second).pages).toBe(12);
    expect((await readPdf('3.pdf', pdf)).pages).toBe(12);
    setReaderCaps(READER_CAPS);
  }, 120_000);
});
