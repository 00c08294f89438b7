// A long PDF in parts (the campaign's file of thousands of people): split where the content breaks
// the page anyway and inside very long tables, each part laid out alone, the pages joined with page
// numbers of the whole. Checked on real PDFs with pdftotext and pdfinfo.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Content } from 'pdfmake/interfaces';
import { afterAll, describe, expect, it } from 'vitest';
import { renderParts, renderPdf, splitIntoParts } from '../../electron/main/services/render/pdf';
import { PdfPool } from '../../electron/main/services/render/pdf-pool';
import { removeDir, tempDir } from '../helpers/temp-app';

const dir = tempDir('anxue-pdf-parts-');
afterAll(() => removeDir(dir));

const table = (n: number, from = 0): Content => ({
  table: {
    headerRows: 1,
    widths: [60, '*'],
    body: [
      [
        { text: '工号', bold: true },
        { text: '姓名', bold: true },
      ],
      ...Array.from({ length: n }, (_, i) => [`P${from + i}`, `员工${from + i}`]),
    ],
  },
  fontSize: 9,
});
const rowsOf = (c: Content) => (c as { table: { body: unknown[][] } }).table.body.length;
const pdfText = (bytes: Buffer, name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const text = Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }));
  return { pages, text, info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }) };
};

describe('splitIntoParts', () => {
  it('cuts where the content breaks the page, and a long table every N rows with its header again', () => {
    const content: Content[] = [{ text: '一、封面' }, table(3), { text: '二、名单', pageBreak: 'before' }, table(25), { text: '三、结尾', pageBreak: 'before' }];
    const parts = splitIntoParts(content, 10);
    // part 1: cover and a short table; part 2: heading and the first 10-row slice (header + 9 rows
    // after the heading's one); then slices of 10; the ending on its own page
    expect(parts.map((p) => p.length)).toEqual([2, 2, 1, 1, 1]);
    expect(parts[1]![0]).toEqual({ text: '二、名单' }); // its page break is the start of the part
    const slices = parts.slice(1, 4).map((p) => p[p.length - 1]!);
    expect(slices.map(rowsOf)).toEqual([1 + 9, 1 + 10, 1 + 6]);
    const names = slices.flatMap((s) => (s as { table: { body: unknown[][] } }).table.body.slice(1).map((r) => r[0]));
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `P${i}`));
    for (const s of slices)
      expect((s as { table: { body: unknown[][] } }).table.body[0]).toEqual([
        { text: '工号', bold: true },
        { text: '姓名', bold: true },
      ]);
    expect(parts[4]).toEqual([{ text: '三、结尾' }]);
  });

  it('a document that fits is one part, unchanged', () => {
    const content: Content[] = [{ text: 'a' }, table(5), { text: 'b', pageBreak: 'before' }];
    expect(splitIntoParts(content, 100)).toEqual([[content[0], content[1]], [{ text: 'b' }]]);
    expect(splitIntoParts([{ text: 'a' }, table(5)], 100)).toEqual([[{ text: 'a' }, table(5)]]);
  });
});

describe('renderParts', () => {
  it('every row in order, pages numbered across the whole, the title kept', async () => {
    const content: Content[] = [{ text: '封面页' }, { text: '名单', pageBreak: 'before' }, table(700)];
    const parted = await renderParts({ pageSize: 'A4', info: { title: '一期一档 测试' }, footerText: '测试计划', parts: splitIntoParts(content, 250) });
    const whole = await renderPdf({ pageSize: 'A4', info: { title: '一期一档 测试' }, footerText: '测试计划', content });
    const a = pdfText(parted, 'parted.pdf');
    const b = pdfText(whole, 'whole.pdf');
    expect(a.info).toMatch(/Title:\s+一期一档 测试/);
    // a part ends a page early at most once per cut: about as many pages as the single document
    expect(a.pages).toBeGreaterThanOrEqual(b.pages);
    expect(a.pages).toBeLessThanOrEqual(b.pages + 3);
    a.text.forEach((t, i) => expect(t.replace(/\s+/g, '')).toContain(`测试计划第${i + 1}/${a.pages}页`));
    const found = a.text.join('\n').match(/P\d+/g)!;
    expect(found).toEqual(Array.from({ length: 700 }, (_, i) => `P${i}`));
    expect(a.text[0]!.replace(/\s+/g, '')).toContain('封面页');
    // the header row again on the first page of each part of the table
    for (const t of a.text.slice(1)) expect(t.replace(/\s+/g, '')).toMatch(/^(名单)?工号姓名/);
  });

  it('printed two parts at a time on two workers, it is the same document page for page', async () => {
    const content: Content[] = [{ text: '封面页' }, { text: '名单', pageBreak: 'before' }, table(700)];
    const doc = { pageSize: 'A4' as const, info: { title: '一期一档 测试' }, footerText: '测试计划', parts: splitIntoParts(content, 150) };
    const pool = new PdfPool(2);
    try {
      expect(pool.threads).toBe(2);
      const one = pdfText(await renderParts(doc), 'one-at-a-time.pdf');
      const two = pdfText(await pool.renderParts(doc), 'two-at-a-time.pdf');
      expect(two.pages).toBe(one.pages);
      expect(two.text).toEqual(one.text);
    } finally {
      await pool.close();
    }
  });
});
