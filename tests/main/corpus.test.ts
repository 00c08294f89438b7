import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContentDir, getDocText, listDocs, loadContent, manifestSchema } from '../../electron/main/services/corpus/corpus';
import { makeApp, removeDir, tempDir, type TempApp } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';

const dir = defaultContentDir();
const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
let app: TempApp;
beforeAll(() => {
  app = makeApp();
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('bundled catalog', () => {
  it('lists every document the notice requires, with 文号 or standard number', () => {
    const numbers = manifest.documents.map((d) => d.docNo);
    for (const n of ['AQ/T 3034-2022', 'GB 30871-2022', '鄂应急发〔2022〕117号', '鄂应急发〔2023〕101号', '鄂应急发〔2023〕97号', '鄂应急发〔2023〕110号']) expect(numbers).toContain(n);
    const titles = manifest.documents.map((d) => d.title).join('|');
    for (const t of ['危险化学品生产企业安全生产标准化定级标准', '化工生产企业异常工况安全处置准则', '中华人民共和国安全生产法', '危险化学品安全管理条例']) expect(titles).toContain(t);
    expect(manifest.documents.filter((d) => d.required)).toHaveLength(9);
  });

  it('every required document has the team’s study notes, each labelled as not the official text, and every file loads', () => {
    const c = loadContent(nodeFiles, dir);
    for (const d of manifest.documents) {
      if (d.required) expect(d.notes.length, d.id).toBeGreaterThan(0);
      for (const n of d.notes) {
        expect(existsSync(path.join(dir, n.file)), n.file).toBe(true);
        const { bytes } = c.readNotes(d.id, n.key);
        if (n.format === 'md') expect(bytes.toString('utf8'), n.file).toMatch(/不是.{0,24}(正式|官方)文本/);
        else expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
    expect(c.questions().length).toBeGreaterThanOrEqual(5);
    // every bundled question names a study document of the catalog, so rules can draw by document
    const ids = new Set(c.documents().map((d) => d.id));
    for (const q of c.questions()) expect(ids.has(q.docId), `${q.id} → ${q.docId}`).toBe(true);
  });

  it('a manifest whose file path leaves the content folder is refused, naming the field', () => {
    const bad = tempDir();
    mkdirSync(path.join(bad, 'docs'));
    const m = structuredClone(manifest);
    m.documents[0]!.notes[0]!.file = '../../etc/passwd.md';
    writeFileSync(path.join(bad, 'manifest.json'), JSON.stringify(m));
    expect(() => loadContent(nodeFiles, bad)).toThrow(/documents\.0\.notes\.0\.file/);
    removeDir(bad);
  });
});

describe('corpus view', () => {
  it('a document without an imported official text offers the team’s guide (and older notes) only', async () => {
    const docs = await listDocs(app.ports);
    const gb = docs.find((d) => d.id === 'gb-30871-2022')!;
    expect(gb.texts.map((t) => [t.key, t.kind, t.format])).toEqual([
      ['guide', 'notes', 'md'],
      ['notes-pdf', 'notes', 'pdf'],
    ]);
    const law = await getDocText(app.ports, 'hazchem-regulations', undefined);
    expect(law.ref).toMatchObject({ key: 'guide', kind: 'notes' });
  });
  it('the case library: each case a document of category 事故案例 with its report, readable as text', async () => {
    const docs = await listDocs(app.ports);
    const cases = docs.filter((d) => d.case);
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const c of cases) {
      expect(c).toMatchObject({ category: '事故案例', required: false, texts: [{ key: 'case', kind: 'notes', format: 'md' }] });
      expect(c.case!.source.report.length).toBeGreaterThan(0);
    }
    const one = await getDocText(app.ports, cases[0]!.id, 'case');
    expect(one.text).toMatch(/^# /);
  });
  it('reads guides as text or notes as PDF bytes; an unknown document or text is a clear not-found', async () => {
    expect((await getDocText(app.ports, 'gb-30871-2022', 'guide')).text).toContain('以正式文本为准');
    const pdf = await getDocText(app.ports, 'gb-30871-2022', 'notes-pdf');
    expect(Buffer.from(pdf.base64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await expect(getDocText(app.ports, 'nope', undefined)).rejects.toThrow(/nope/);
    await expect(getDocText(app.ports, 'gb-30871-2022', 'official')).rejects.toThrow(/official/);
  });
});
