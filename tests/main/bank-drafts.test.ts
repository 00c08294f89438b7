// Questions drafted from a document's official text through the service: nothing without an
// imported text, the drafts of the current edition, and only reviewed drafts into a bank, all or nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../electron/core/message';
import { sayIn } from '../../electron/main/messages';
import type { QuestionDraft } from '../../electron/shared/api';
import { ROOT } from '../helpers/cli';
import { b64, makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

const LAW = path.resolve(ROOT, '../shared/corpus/安全生产法.md');
const haveLaw = existsSync(LAW);
if (!haveLaw) console.log(`[bank-drafts.test] ${LAW} is absent: the drafts of the real law are not checked`);
const bothOf = (e: Message & { message: string }) => `${e.message} / ${sayIn('en-US', e)}`;
const asInput = (d: QuestionDraft) => {
  const { id: _id, version: _v, ...q } = d.question;
  return q;
};

let app: TempApp;
let officer: string;
beforeEach(async () => {
  app = makeApp();
  officer = (await seeded(app)).admin;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const bankFile = () => readFileSync(path.join(app.dir, 'questions.json'), 'utf8');

describe('drafts from an official text', () => {
  it('asks for the official text first, in both languages', async () => {
    const r = await app.raw('bank.drafts', { docId: 'gb-30871-2022' }, officer);
    expect(r.ok ? null : bothOf(r.error)).toBe(
      '「危险化学品企业特殊作业安全规范」还没有导入的正式文本：请先导入正式文本 / "危险化学品企业特殊作业安全规范" has no imported official text yet: import the official text first',
    );
  });

  it.runIf(haveLaw)('drafts from the imported 安全生产法; accepts reviewed ones into a bank once, refuses a bad batch whole', async () => {
    await app.call('corpus.importCommit', { fileName: '安全生产法.md', base64: readFileSync(LAW).toString('base64'), docId: 'work-safety-law' }, officer);
    const before = bankFile();
    const v = await app.call('bank.drafts', { docId: 'work-safety-law' }, officer);
    expect(v).toMatchObject({ docId: 'work-safety-law', shortTitle: '安全生产法', fileName: '安全生产法.md', structure: 'law', inBank: [] });
    expect(v.drafts.length).toBeGreaterThanOrEqual(150);
    expect(v.drafts.every((d) => d.question.docId === 'work-safety-law' && d.question.source.startsWith('《安全生产法》第'))).toBe(true);
    // drafting adds nothing
    expect(bankFile()).toBe(before);

    const take = v.drafts.slice(0, 12).map(asInput);
    // one bad question refuses the whole batch, naming it
    const tf = take.findIndex((q) => q.type === 'truefalse');
    const bad = take.map((q, i) => (i === tf ? { ...q, answer: ['是'] } : q));
    const r = await app.raw('bank.addDrafts', { bank: '安全生产法', questions: bad }, officer);
    expect(r.ok ? null : bothOf(r.error)).toBe(`第 ${tf + 1} 道题：判断题答案应为 T 或 F / question ${tf + 1}: a true/false answer is T or F`);
    expect(bankFile()).toBe(before);

    expect(await app.call('bank.addDrafts', { bank: '安全生产法', questions: take }, officer)).toEqual({ bank: '安全生产法', added: 12, duplicates: 0 });
    const inBank = (await app.call('bank.list', {}, officer)).filter((q) => q.bank === '安全生产法');
    expect(inBank.map((q) => q.id).sort()).toEqual(
      v.drafts
        .slice(0, 12)
        .map((d) => d.question.id)
        .sort(),
    );
    // again, with more: the ones already there are skipped and counted; the drafts say which are in
    expect(await app.call('bank.addDrafts', { bank: '安全生产法', questions: v.drafts.slice(0, 15).map(asInput) }, officer)).toEqual({ bank: '安全生产法', added: 3, duplicates: 12 });
    expect((await app.call('bank.drafts', { docId: 'work-safety-law' }, officer)).inBank).toHaveLength(15);
  });

  it('drafts from a text of the enterprise with articles, and refuses a question of a document that is not there', async () => {
    const md = [
      '# 本厂动火作业管理制度（测试用，虚构）',
      '',
      '第一条 动火作业前必须进行气体分析，分析合格后方可动火。',
      '',
      '第二条 动火作业票有效期不超过8小时；超过8小时的，应当重新办理。',
      '',
      '第三条 受限空间作业必须设监护人，监护人不得离开作业现场。',
      '',
      '第四条 新员工应当接受不少于24学时的岗位培训，复训每年不少于8学时。',
    ].join('\n');
    const r = await app.call(
      'corpus.importCommit',
      { fileName: '动火制度.md', base64: b64(md), newDoc: { title: '本厂动火作业管理制度', docNo: '', issuer: '', category: '企业制度', effective: '', suggestedMinutes: 10, summary: '' } },
      officer,
    );
    const v = await app.call('bank.drafts', { docId: r.docId }, officer);
    expect(v.drafts.length).toBeGreaterThan(3);
    expect(v.drafts.map((d) => d.question.source)).toContain('《本厂动火作业管理制度》第四条');
    const q = { ...asInput(v.drafts[0]!), docId: 'no-such-doc' };
    const r2 = await app.raw('bank.addDrafts', { bank: 'x', questions: [q] }, officer);
    expect(r2.ok ? null : r2.error.message).toBe('学习文件 no-such-doc 不存在');
  });
});
