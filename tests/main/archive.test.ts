import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPersonTo, verifyArchiveDir } from '../../electron/main/services/archive';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';
import { sayIn } from '../../electron/main/messages';
import type { Message } from '../../electron/core/message';

/** a verification's problems as the archivist reads them (in Chinese) */
const told = (r: { problems: readonly Message[] }) => r.problems.map((p) => sayIn('zh-CN', p)).join('\n');

let app: TempApp;
let out: string;
let folder: string;
const ESSAY = {
  awareness: '我对动火作业风险认识不足，曾经在气体分析前催促开工。',
  responsibility: '作为操作工，巡检记录填写不认真。',
  warning: '事故警示我：每一个违章都可能酿成大祸。',
  measures: '严格执行作业票证制度，每月自查一次。',
  leadership: '',
};

beforeAll(async () => {
  app = makeApp();
  out = tempDir('anxue-out-');
  const s = await seeded(app);
  const e1 = await s.login('E001');
  const cid = s.campaign.id;
  const st = await app.call('study.start', { campaignId: cid, docId: 'gb-30871-2022' }, e1);
  for (let i = 0; i < 4; i++) {
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, e1);
  }
  await app.call('study.stop', { sessionId: st.sessionId }, e1);
  const a = await app.call('quiz.start', { campaignId: cid }, e1);
  await app.call('quiz.submit', { attemptId: a.attemptId, answers: { 'wm-01': ['D'], 'wm-03': ['T'], 'wm-07': ['不清楚'] } }, e1);
  await app.call('grading.gradeAnswer', { employeeNo: 'E001', attemptId: a.attemptId, questionId: 'wm-07', score: 5, comment: '' }, s.admin);
  const c = await app.call('campaign.get', { campaignId: cid }, s.admin);
  await app.call('campaign.save', { ...c, essay: { ...c.essay, minChars: 20 } }, s.admin);
  await app.call('essay.submit', { campaignId: cid, parts: ESSAY, accidents: ['“9·7”事故'] }, e1);
  await app.call('grading.reviewEssay', { campaignId: cid, employeeNo: 'E001', version: 1, decision: 'accept', comment: '内容真实', partComments: [] }, s.admin);
  folder = (await exportPersonTo(app.ports, 'E001', out, 'archivist')).folder;
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
  removeDir(out);
});

function copyOf(dir: string): string {
  const c = tempDir('anxue-copy-');
  for (const f of readdirSync(dir)) writeFileSync(path.join(c, f), readFileSync(path.join(dir, f)));
  return c;
}

describe('一人一档 export', () => {
  it('writes the PDF, the JSON and a manifest with SHA-256 of each file', () => {
    expect(readdirSync(folder).sort()).toEqual(['manifest.json', 'manifest.sig', 'record.json', 'training-file.pdf', 'training-file.xlsx', 'xapi.json']);
    const m = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
    expect(m.files.map((f: { name: string }) => f.name)).toEqual(['record.json', 'training-file.pdf', 'training-file.xlsx', 'xapi.json']);
    expect(m.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.chainHeads.E001).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the PDF holds what 安全生产法 Art. 28(4) asks: time, content, participants, assessment result; and the signature lines', () => {
    const text = execFileSync('pdftotext', ['-layout', path.join(folder, 'training-file.pdf'), '-'], { encoding: 'utf8' }).normalize('NFKC');
    for (const needle of [
      '安全生产教育和培训档案',
      '测试甲', // participant
      'E001',
      '甲醇车间',
      '危险化学品企业特殊作业安全规范', // content
      '1 分钟', // counted time
      '2024-09-06', // time
      '25 / 100', // assessment result
      '不合格',
      'admin', // assessor
      ESSAY.awareness.slice(0, 12),
      '内容真实', // review comment
      '本人签字',
      '考核人签字',
    ])
      expect(text, needle).toContain(needle);
  });

  it('the PDF renders Chinese glyphs (pdftoppm page 1 is not blank)', () => {
    const png = path.join(out, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', path.join(folder, 'training-file.pdf'), png]);
    const file = readdirSync(out).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    const bytes = readFileSync(path.join(out, file));
    // a blank white A4 page at 40 dpi compresses to well under 2 KB; text makes it larger
    expect(bytes.length).toBeGreaterThan(4000);
  });

  it('verifies intact', () => {
    expect(verifyArchiveDir(nodeFiles, folder)).toMatchObject({ ok: true, problems: [], signedBy: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
  });

  it('detects one changed byte in the PDF and names the file', () => {
    const c = copyOf(folder);
    const pdf = readFileSync(path.join(c, 'training-file.pdf'));
    const mid = Math.floor(pdf.length / 2);
    pdf[mid] = pdf[mid]! ^ 0x01;
    writeFileSync(path.join(c, 'training-file.pdf'), pdf);
    const r = verifyArchiveDir(nodeFiles, c);
    expect(r.ok).toBe(false);
    expect(told(r)).toContain('training-file.pdf');
    removeDir(c);
  });

  const tamperRecord = (fn: (rec: { events: Record<string, unknown>[] }) => void) => {
    const c = copyOf(folder);
    const rec = JSON.parse(readFileSync(path.join(c, 'record.json'), 'utf8'));
    fn(rec);
    writeFileSync(path.join(c, 'record.json'), JSON.stringify(rec, null, 2) + '\n');
    // a forger who also rewrites the manifest hash of record.json: the chain still tells
    const m = JSON.parse(readFileSync(path.join(c, 'manifest.json'), 'utf8'));
    m.files[0].sha256 = createHash('sha256')
      .update(readFileSync(path.join(c, 'record.json')))
      .digest('hex');
    writeFileSync(path.join(c, 'manifest.json'), JSON.stringify(m));
    const r = verifyArchiveDir(nodeFiles, c);
    removeDir(c);
    return r;
  };

  it('detects a changed record even when the manifest hash is forged', () => {
    const r = tamperRecord((rec) => {
      (rec.events[0]!.data as { countedMs: number }).countedMs = 36_000_000;
    });
    expect(r.ok).toBe(false);
    expect(told(r)).toMatch(/记录 #1.*被修改/);
  });
  it('detects a deleted record', () => {
    const r = tamperRecord((rec) => rec.events.splice(1, 1));
    expect(r.ok).toBe(false);
    expect(told(r)).toMatch(/#2/);
  });
  it('detects swapped records', () => {
    const r = tamperRecord((rec) => ([rec.events[0], rec.events[1]] = [rec.events[1]!, rec.events[0]!]));
    expect(r.ok).toBe(false);
  });
  it('detects an added file', () => {
    const c = copyOf(folder);
    appendFileSync(path.join(c, 'extra.txt'), 'x');
    expect(told(verifyArchiveDir(nodeFiles, c))).toContain('extra.txt');
    removeDir(c);
  });

  it('two exports of the same data differ only in the declared timestamp', async () => {
    app.clock.advance(60_000);
    const second = (await exportPersonTo(app.ports, 'E001', out, 'archivist')).folder;
    const strip = (d: string) => {
      const r = JSON.parse(readFileSync(path.join(d, 'record.json'), 'utf8'));
      delete r.exportedAt;
      return r;
    };
    expect(strip(second)).toEqual(strip(folder));
    expect(second).not.toBe(folder);
  });
});
