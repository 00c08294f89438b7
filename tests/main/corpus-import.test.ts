// Import of official texts and the enterprise's documents, and Chinese phrase search over them.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseNumber, chineseNumeral } from '../../electron/core/text-structure';
import { corpusIndex, detectDocNo } from '../../electron/main/services/corpus/corpus-import';
import { launchChromium } from '../helpers/browser';
import { ROOT } from '../helpers/cli';
import { b64, makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';

const SHARED_CORPUS = path.resolve(ROOT, '../shared/corpus');
const haveShared = existsSync(path.join(SHARED_CORPUS, '安全生产法.md'));
if (!haveShared) console.log(`[corpus-import.test] ${SHARED_CORPUS} is absent: the tests on the real law texts are skipped; the rest use the team's fixtures`);

let app: TempApp;
let officer: string;
let seed: Awaited<ReturnType<typeof seeded>>;
let chromiumPdf: Buffer;
let bigPdf: Buffer;
const work = tempDir('anxue-import-');

const FIXTURE_MD = [
  '# 本厂动火作业管理制度（测试用，虚构）',
  '',
  '## 第一章 总则',
  '',
  '第一条 动火作业前必须进行气体分析，分析合格后方可动火。',
  '',
  '第二条 操作工动手前应先关闭阀门，严禁在罐区点火取暖。',
  '',
  '## 第二章 受限空间',
  '',
  '第三条 受限空间作业必须设监护人，监护人不得离开作业现场。',
].join('\n');

function corpusState(dir: string) {
  const files = readdirSync(path.join(dir, 'corpus')).sort();
  const json = existsSync(path.join(dir, 'corpus.json')) ? readFileSync(path.join(dir, 'corpus.json'), 'utf8') : null;
  return { files, json };
}

beforeAll(async () => {
  app = makeApp();
  seed = await seeded(app);
  officer = seed.admin;
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.setContent(
    `<html lang="zh-CN"><body style="font-family:'Noto Sans CJK SC';font-size:16px">
     <h1>动火作业安全培训讲义（测试用）</h1>
     <p>动火作业前进行气体分析，执行作业票证制度，注意防风。</p>
     <p>受限空间作业：先通\u2EDB、再检测（第3\u2EDA）；\u2F55源管理，严格执\u2F8F。</p></body></html>`,
  );
  chromiumPdf = await page.pdf({ format: 'A4' });
  await page.setContent(
    `<html lang="zh-CN"><body style="font-family:'Noto Sans CJK SC';font-size:16px">${Array.from({ length: 2000 }, (_, i) => `<p>第${i + 1}条 作业前进行风险辨识，办理作业票证，落实安全措施。</p>`).join('')}</body></html>`,
  );
  bigPdf = await page.pdf({ format: 'A4' });
  await browser.close();
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
  removeDir(work);
});

describe('import', () => {
  it('a Markdown file of the enterprise imports as a new document and is searchable by phrase', async () => {
    const up = { fileName: '动火作业管理制度.md', base64: b64(FIXTURE_MD) };
    const p = await app.call('corpus.importPreview', up, officer);
    expect(p, JSON.stringify(p)).toMatchObject({ format: 'md', title: '本厂动火作业管理制度（测试用，虚构）', matchDocId: null, duplicateOf: null });
    const r = await app.call(
      'corpus.importCommit',
      { ...up, newDoc: { title: p.title, docNo: 'QB-001', issuer: '安全环保部', category: '企业制度', effective: '', suggestedMinutes: 30, summary: '' } },
      officer,
    );
    const hits = await app.call('corpus.search', { q: '动火作业' }, officer);
    const mine = hits.filter((h) => h.docId === r.docId);
    // the paragraph with 动手 … 点火 (动 and 火 apart) is not a hit
    expect(mine.map((h) => h.snippet).join('|')).not.toContain('点火取暖');
    expect(mine.some((h) => h.snippet.includes('动火作业前必须进行气体分析'))).toBe(true);
    const hit = mine.find((h) => h.snippet.includes('气体分析'))!;
    expect(hit).toMatchObject({ kind: 'official', format: 'md', loc: 1 }); // under the 2nd heading (h-1)
    expect(hit.snippet.slice(hit.marks[0]![0], hit.marks[0]![1])).toBe('动火作业');
  });

  it('several terms must all match, each as a phrase', async () => {
    const both = await app.call('corpus.search', { q: '受限空间 监护人' }, officer);
    expect(both.length).toBeGreaterThan(0);
    for (const h of both) expect(h.snippet.includes('受限空间') || h.snippet.includes('监护人')).toBe(true);
    expect(await app.call('corpus.search', { q: '受限空间 点火取暖' }, officer)).toEqual([]);
  });

  it('finds the bundled study guides and notes, Markdown and PDF, and the case library', async () => {
    const hits = await app.call('corpus.search', { q: '受限空间 监护人' }, officer);
    const where = hits.map((h) => `${h.docId}/${h.key}`);
    expect(where).toContain('gb-30871-2022/guide');
    expect(where.some((w) => w.endsWith('/case'))).toBe(true);
    expect(where).toContain('gb-30871-2022/notes-pdf');
    expect(hits.find((h) => h.key === 'notes-pdf')!.loc).toBeGreaterThanOrEqual(1); // a page number
  });

  it('a PDF printed by Chromium with Noto Sans CJK imports; its text has no Kangxi radicals and is searchable', async () => {
    // Chromium with Noto Sans CJK can write 火/行/页/风 as radical code points; this build does not
    // always do it for ordinary text, so the page also carries those code points outright.
    const raw = execFileSync('pdftotext', ['-', '-'], { input: chromiumPdf }).toString('utf8');
    const RADICALS = /[\u2E80-\u2EFF\u2F00-\u2FDF]/;
    expect(raw, 'the PDF must contain radical code points for this test to mean anything').toMatch(RADICALS);
    const up = { fileName: 'chromium-handout.pdf', base64: chromiumPdf.toString('base64') };
    const r = await app.call('corpus.importCommit', { ...up, newDoc: { title: '讲义', docNo: '', issuer: '', category: '企业制度', effective: '', suggestedMinutes: 10, summary: '' } }, officer);
    const blocks = readFileSync(path.join(app.dir, 'corpus', `${r.edition}.blocks.json`), 'utf8');
    expect(blocks).not.toMatch(RADICALS);
    const hits = (await app.call('corpus.search', { q: '执行作业票证' }, officer)).filter((h) => h.docId === r.docId);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ format: 'pdf', loc: 1 });
    const folded = (await app.call('corpus.search', { q: '先通风 火源管理 严格执行 第3页' }, officer)).filter((h) => h.docId === r.docId);
    expect(folded).toHaveLength(1);
  });

  it.runIf(haveShared)('imports every law in ../shared/corpus and finds known articles by phrase', async () => {
    for (const f of readdirSync(SHARED_CORPUS).filter((x) => x.endsWith('.md') && x !== 'SOURCES.md' && x !== 'TRAINING-FACTS.md')) {
      const up = { fileName: f, base64: readFileSync(path.join(SHARED_CORPUS, f)).toString('base64') };
      const p = await app.call('corpus.importPreview', up, officer);
      expect(p.matchDocId, `${f} should match its catalog entry`).not.toBeNull();
      await app.call('corpus.importCommit', { ...up, docId: p.matchDocId! }, officer);
    }
    const hits = await app.call('corpus.search', { q: '安全生产教育和培训档案' }, officer);
    const law = hits.find((h) => h.docId === 'work-safety-law' && h.kind === 'official');
    expect(law, JSON.stringify(hits.slice(0, 3))).toBeDefined();
    expect(law!.snippet).toContain('如实记录安全生产教育和培训的时间、内容、参加人员以及考核结果');
    const drill = await app.call('corpus.search', { q: '每半年 演练' }, officer);
    expect(drill.some((h) => h.docId === 'emergency-regulations')).toBe(true);
    const docs = await app.call('corpus.list', {}, officer);
    expect(docs.find((d) => d.id === 'work-safety-law')!.texts[0]).toMatchObject({ kind: 'official', key: 'official' });
  });

  it.runIf(haveShared)('each imported law has a structure with as many articles as its last article number; hits name their article', async () => {
    const problems: string[] = [];
    const laws = readdirSync(SHARED_CORPUS).filter((x) => x.endsWith('.md') && x !== 'SOURCES.md' && x !== 'TRAINING-FACTS.md');
    for (const f of laws) {
      const text = readFileSync(path.join(SHARED_CORPUS, f), 'utf8');
      const last = [...text.matchAll(/^第([一二三四五六七八九十百零〇]+)条/gm)].map((m) => chineseNumber(m[1]!)).reduce((a, b) => Math.max(a, b), 0);
      const p = await app.call('corpus.importPreview', { fileName: f, base64: Buffer.from(text).toString('base64') }, officer);
      const doc = await app.call('corpus.get', { docId: p.matchDocId!, key: 'official' }, officer);
      const articles = doc.structure?.units.filter((u) => u.kind === 'article') ?? [];
      if (doc.structure?.kind !== 'law') problems.push(`${f}: kind ${doc.structure?.kind}`);
      if (articles.length !== last) problems.push(`${f}: ${articles.length} articles, the text's last is ${last}`);
      if (!existsSync(path.join(app.dir, 'corpus', `${doc.ref!.edition!.sha256}.structure.json`))) problems.push(`${f}: no structure saved beside its blocks`);
      const units = await app.call('corpus.units', { docId: p.matchDocId! }, officer);
      if (!units.units.includes(`第${chineseNumeral(last)}条`)) problems.push(`${f}: corpus.units lacks its last article`);
    }
    expect(problems).toEqual([]);
    const hit = (await app.call('corpus.search', { q: '知悉自身在安全生产方面的权利和义务' }, officer)).find((h) => h.docId === 'work-safety-law' && h.kind === 'official');
    expect(hit).toMatchObject({ unit: '第二十八条' });
    // the notes name no unit; a document without an official text has none to link to
    expect((await app.call('corpus.search', { q: '受限空间 监护人' }, officer)).filter((h) => h.kind === 'notes' && h.unit)).toEqual([]);
    expect(await app.call('corpus.units', { docId: 'gb-30871-2022' }, officer)).toEqual({ edition: null, units: [] });
  });

  it.runIf(haveShared)('an edition imported before structures were kept gets one when first asked, and its hits name their article', async () => {
    const doc = await app.call('corpus.get', { docId: 'work-safety-law', key: 'official' }, officer);
    const file = path.join(app.dir, 'corpus', `${doc.ref!.edition!.sha256}.structure.json`);
    // as a data folder of before: no structure file, an index whose blocks name no unit
    rmSync(file);
    for (const f of ['search-index.json', 'search-index.bin']) rmSync(path.join(app.dir, f));
    app.ports.runtime.searchIndex = null; // as at start-up
    const hit = (await app.call('corpus.search', { q: '知悉自身在安全生产方面的权利和义务' }, officer)).find((h) => h.docId === 'work-safety-law');
    expect(hit).toMatchObject({ kind: 'official', unit: '第二十八条' });
    expect(existsSync(file)).toBe(true);
    const again = await app.call('corpus.get', { docId: 'work-safety-law', key: 'official' }, officer);
    expect(again.structure).toEqual(doc.structure);
    const art = again.structure!.units.find((u) => u.id === '第二十八条')!;
    expect(art).toMatchObject({ kind: 'article', loc: 2 }); // under the third heading (the title, 第一章, 第二章)
  });

  it('a new edition replaces the old one for study; the old stays on record; a session keeps its edition', async () => {
    const v1 = { fileName: 'gb30871-v1.txt', base64: b64('危险化学品企业特殊作业安全规范\n\n第一版：动火作业分级管理。') };
    const r1 = await app.call('corpus.importCommit', { ...v1, docId: 'gb-30871-2022' }, officer);
    const e1 = await seed.login('E001');
    const st = await app.call('study.start', { campaignId: seed.campaign.id, docId: 'gb-30871-2022', key: 'official' }, e1);
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, e1);
    const v2 = { fileName: 'gb30871-v2.txt', base64: b64('危险化学品企业特殊作业安全规范\n\n第二版：动火作业分级与审批。') };
    const r2 = await app.call('corpus.importCommit', { ...v2, docId: 'gb-30871-2022' }, officer);
    await app.call('study.stop', { sessionId: st.sessionId }, e1);
    const person = JSON.parse(readFileSync(path.join(app.dir, 'people', 'E001.json'), 'utf8'));
    expect(person.events.at(-1).data).toMatchObject({ docId: 'gb-30871-2022', textKey: 'official', edition: r1.edition, countedMs: 15_000 });
    const corpus = JSON.parse(readFileSync(path.join(app.dir, 'corpus.json'), 'utf8'));
    const eds = corpus.editions.filter((e: { docId: string }) => e.docId === 'gb-30871-2022');
    expect(eds.map((e: { fileName: string; superseded: boolean }) => [e.fileName, e.superseded])).toEqual([
      ['gb30871-v1.txt', true],
      ['gb30871-v2.txt', false],
    ]);
    const doc = await app.call('corpus.get', { docId: 'gb-30871-2022' }, officer);
    expect(doc.ref).toMatchObject({ kind: 'official', edition: { sha256: r2.edition } });
    expect(doc.text).toContain('第二版');
    expect((await app.call('corpus.search', { q: '分级管理' }, officer)).filter((h) => h.docId === 'gb-30871-2022')).toEqual([]);
    expect(await app.call('corpus.search', { q: '分级与审批' }, officer)).toHaveLength(1);
    expect(await app.raw('corpus.importCommit', { ...v2, docId: 'gb-30871-2022' }, officer)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('the index is saved and loaded at start-up, not rebuilt', async () => {
    const file = path.join(app.dir, 'search-index.json');
    const before = statSync(file).mtimeMs;
    const hitsBefore = await app.call('corpus.search', { q: '监护人' }, officer);
    app.close();
    app = makeApp(app.dir);
    officer = (await app.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
    const t0 = performance.now();
    const ix = await corpusIndex(app.ports);
    const loadMs = performance.now() - t0;
    expect(ix.size).toBeGreaterThan(10);
    expect(statSync(file).mtimeMs).toBe(before);
    expect(await app.call('corpus.search', { q: '监护人' }, officer)).toEqual(hitsBefore);
    console.log(`[corpus-import.test] search index of ${ix.size} blocks loaded in ${Math.round(loadMs)} ms`);
  });
});

describe('a large import shows progress and can be cancelled', () => {
  const wait = async (jobId: string, until: (j: { state: string; done: number }) => boolean) => {
    // as long as a busy machine may need (a safety net of minutes, not a speed limit)
    for (let i = 0; i < 24_000; i++) {
      const j = await app.call('corpus.importJob', { jobId }, officer);
      if (until(j)) return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('import job did not get there');
  };
  it('reports pages read; a cancelled import writes nothing', async () => {
    const before = corpusState(app.dir);
    const up = { fileName: 'big.pdf', base64: bigPdf.toString('base64') };
    const job = await app.call('corpus.importStart', up, officer);
    expect(job.state).toBe('reading');
    const mid = await wait(job.jobId, (j) => j.done > 0);
    expect(mid.state === 'reading' || mid.state === 'ready').toBe(true);
    const cancelled = await app.call('corpus.importCancel', { jobId: job.jobId }, officer);
    expect(cancelled.state).toBe('cancelled');
    expect(
      await app.raw('corpus.importCommit', { jobId: job.jobId, newDoc: { title: 'x', docNo: '', issuer: '', category: '企业制度', effective: '', suggestedMinutes: 0, summary: '' } }, officer),
    ).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(corpusState(app.dir)).toEqual(before);
  });
  it('a long PDF read in the reader process gives the same paragraphs as one read here, with progress to the end', async () => {
    const { extractText } = await import('../../electron/main/services/corpus/text-extract');
    const { readPdfHere } = await import('../../electron/main/services/corpus/pdfium-text');
    const seen: number[] = [];
    const apart = await extractText('big.pdf', bigPdf, { onProgress: (done) => seen.push(done) });
    const here = await readPdfHere(bigPdf);
    expect(apart.pages).toBeGreaterThanOrEqual(40);
    expect(apart.blocks).toEqual(here.blocks);
    expect(seen.at(-1)).toBe(apart.pages);
    // cancelled part-way: the reader process is ended, the reading is refused as cancelled
    const ac = new AbortController();
    await expect(extractText('big.pdf', bigPdf, { signal: ac.signal, onProgress: (done) => done >= 3 && ac.abort() })).rejects.toThrow('导入已取消');
  });
  it('a finished reading is committed without reading the file again', async () => {
    const job = await app.call('corpus.importStart', { fileName: 'big.pdf', base64: bigPdf.toString('base64') }, officer);
    const ready = await wait(job.jobId, (j) => j.state !== 'reading');
    expect(ready.state).toBe('ready');
    expect(ready.done).toBe(ready.total);
    expect(ready.total).toBeGreaterThan(20);
    expect(ready.preview).toMatchObject({ fileName: 'big.pdf', pages: ready.total });
    const r = await app.call(
      'corpus.importCommit',
      { jobId: job.jobId, newDoc: { title: '大文件', docNo: '', issuer: '', category: '企业制度', effective: '', suggestedMinutes: 0, summary: '' } },
      officer,
    );
    expect((await app.call('corpus.importJob', { jobId: job.jobId }, officer)).state).toBe('done');
    expect((await app.call('corpus.search', { q: '第1234条' }, officer)).some((h) => h.docId === r.docId)).toBe(true);
  });
});

describe('bad files change nothing', () => {
  const refuse = async (fileName: string, bytes: Buffer, message: RegExp) => {
    const before = corpusState(app.dir);
    const r = await app.raw(
      'corpus.importCommit',
      { fileName, base64: bytes.toString('base64'), newDoc: { title: 'x', docNo: '', issuer: '', category: '企业制度', effective: '', suggestedMinutes: 0, summary: '' } },
      officer,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    if (!r.ok) expect(r.error.message).toMatch(message);
    expect(corpusState(app.dir)).toEqual(before);
  };
  it('a truncated PDF', () => refuse('cut.pdf', chromiumPdf.subarray(0, 3000), /cut\.pdf 不是有效的 PDF/));
  it('an encrypted PDF', async () => {
    const plain = path.join(work, 'plain.pdf');
    const locked = path.join(work, 'locked.pdf');
    writeFileSync(plain, chromiumPdf);
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
    await refuse('locked.pdf', readFileSync(locked), /locked\.pdf 已加密/);
  });
  it('a .docx that is really a zip of junk', async () => {
    const zip = new JSZip();
    zip.file('junk.bin', 'not a word document');
    await refuse('制度.docx', await zip.generateAsync({ type: 'nodebuffer' }), /制度\.docx 不是有效的 \.docx/);
  });
  it('an empty file, a file with no text, an unsupported type', async () => {
    await refuse('empty.txt', Buffer.alloc(0), /empty\.txt 是空文件/);
    await refuse('blank.md', Buffer.from('\n\n   \n'), /blank\.md 中没有文字/);
    await refuse('photo.jpg', Buffer.from([0xff, 0xd8, 0xff]), /格式不支持/);
  });
});

describe('document numbers', () => {
  it.each([
    ['危险化学品企业特殊作业安全规范 GB 30871—2022', 'GB 30871-2022'],
    ['AQ/T3034-2022 化工过程安全管理导则', 'AQ/T3034-2022'],
    ['鄂应急发〔2023〕101 号', '鄂应急发〔2023〕101 号'],
    ['国务院令第708号', '国务院令第708号'],
    ['没有文号的文件', ''],
  ])('%s → %s', (text, no) => expect(detectDocNo(text)).toBe(no));
});
