// Content packs: prepared once, loaded on every workstation; hostile packs are refused and change nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let source: TempApp;
let target: TempApp;
let srcOfficer: string;
let dstOfficer: string;
let pack: { fileName: string; base64: string };

const OWN = '# 本厂受限空间作业管理制度（测试用，虚构）\n\n第一条 进入受限空间前必须检测氧含量，并设专人监护。';

beforeAll(async () => {
  source = makeApp();
  target = makeApp();
  srcOfficer = (await seeded(source)).admin;
  dstOfficer = (await seeded(target)).admin;
  await source.call('corpus.importCommit', { fileName: 'gb30871.txt', base64: b64('危险化学品企业特殊作业安全规范（测试文本）\n\n动火作业分级审批。'), docId: 'gb-30871-2022' }, srcOfficer);
  await source.call(
    'corpus.importCommit',
    {
      fileName: '受限空间制度.md',
      base64: b64(OWN),
      newDoc: { title: '本厂受限空间作业管理制度', docNo: 'QB-002', issuer: '安全环保部', category: '企业制度', effective: '2024-01-01', suggestedMinutes: 20, summary: '' },
    },
    srcOfficer,
  );
  pack = await source.call('corpus.packExport', {}, srcOfficer);
});
afterAll(() => {
  for (const a of [source, target]) {
    a.close();
    removeDir(a.dir);
  }
});

function corpusState(dir: string) {
  return { files: readdirSync(path.join(dir, 'corpus')).sort(), json: existsSync(path.join(dir, 'corpus.json')) ? readFileSync(path.join(dir, 'corpus.json'), 'utf8') : null };
}
async function rezip(mutate: (zip: JSZip) => void | Promise<void>) {
  const zip = await JSZip.loadAsync(Buffer.from(pack.base64, 'base64'));
  await mutate(zip);
  return { fileName: 'bad-pack.zip', base64: (await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })).toString('base64') };
}
async function refused(up: { fileName: string; base64: string }, message: RegExp) {
  const before = corpusState(target.dir);
  const r = await target.raw('corpus.packImport', up, dstOfficer);
  expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  if (!r.ok) expect(r.error.message).toMatch(message);
  expect(corpusState(target.dir)).toEqual(before);
}

describe('content packs', () => {
  it('a pack carries the official texts and the enterprise documents to another workstation', async () => {
    expect(pack.fileName).toMatch(/^anxue-content-pack-\d{4}-\d{2}-\d{2}\.zip$/);
    const r = await target.call('corpus.packImport', pack, dstOfficer);
    expect(r).toEqual({ documents: 1, editions: 2, unchanged: 0 });
    const docs = await target.call('corpus.list', {}, dstOfficer);
    expect(docs.find((d) => d.id === 'gb-30871-2022')!.texts[0]).toMatchObject({ kind: 'official', edition: { fileName: 'gb30871.txt' } });
    expect(docs.some((d) => d.title === '本厂受限空间作业管理制度' && d.docNo === 'QB-002')).toBe(true);
    const hits = await target.call('corpus.search', { q: '进入受限空间前必须检测' }, dstOfficer);
    expect(hits.map((h) => h.title)).toEqual(['本厂受限空间作业管理制度']);
    // loading the same pack again changes nothing
    expect(await target.call('corpus.packImport', pack, dstOfficer)).toEqual({ documents: 0, editions: 0, unchanged: 2 });
  });

  it('refuses a path that escapes the pack', async () => {
    await refused(await rezip((z) => void z.file('../../evil.txt', 'x')), /越出了内容包/);
  });
  it('refuses an entry that is too large once unpacked', async () => {
    await refused(await rezip((z) => void z.file('files/huge.txt', Buffer.alloc(26 * 1024 * 1024, 0x41))), /太大/);
  });
  it('refuses a file whose checksum does not match', async () => {
    await refused(
      await rezip(async (z) => {
        const m = JSON.parse(await z.file('anxue-pack.json')!.async('string'));
        const f = m.editions[0].file as string;
        const text = await z.file(f)!.async('string');
        z.file(f, text.replace('动火', '用火'));
      }),
      /校验和不符/,
    );
  });
  it('refuses a file the manifest does not list, a broken zip, and a zip that is not a pack', async () => {
    await refused(await rezip((z) => void z.file('files/extra.md', '# 多出来的')), /清单未列出/);
    await refused({ fileName: 'broken.zip', base64: Buffer.from(pack.base64, 'base64').subarray(0, 200).toString('base64') }, /broken\.zip 不是有效的内容包/);
    const other = new JSZip();
    other.file('readme.txt', 'hello');
    await refused({ fileName: 'other.zip', base64: (await other.generateAsync({ type: 'nodebuffer' })).toString('base64') }, /不是安学内容包/);
  });
  it('refuses a manifest with a bad field, naming it', async () => {
    await refused(
      await rezip(async (z) => {
        const m = JSON.parse(await z.file('anxue-pack.json')!.async('string'));
        m.documents[0].category = '小说';
        z.file('anxue-pack.json', JSON.stringify(m));
      }),
      /anxue-pack\.json 无效：documents\.0\.category/,
    );
  });
});
