// Papers drawn by rules, question versions, removal, flags: through the contract on real files.
import { questionSha } from '../../electron/records/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DrawRule } from '../../electron/core/model';
import { DataStore } from '../../electron/main/storage/lowdb/data-store';
import { folderKeyStore } from '../../electron/main/storage/lowdb/seal';
import { b64, makeApp, lowdbFilesOnly, removeDir, seeded, storedPerson, tempDir, type TempApp } from '../helpers/temp-app';
import { sayIn } from '../../electron/main/messages';
import type { Message } from '../../electron/core/message';

/** a store's message as its Chinese text, which the assertions below read */
const zh = (m: Message) => sayIn('zh-CN', m);

let app: TempApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

/** a bank the team wrote for this test: 12 single (6 动火, 6 受限空间), 6 true/false, 2 short */
function bankCsv(): string {
  const rows = ['题型,题干,选项A,选项B,选项C,答案,解析,分值,难度,分类'];
  for (let i = 0; i < 12; i++) rows.push(`单选,${i < 6 ? '动火' : '受限空间'}单选题${i},对的,错的,也错,A,解析${i},1,${(i % 3) + 1},${i < 6 ? '动火' : '受限空间'}`);
  for (let i = 0; i < 6; i++) rows.push(`判断,判断题${i}。,,,,${i % 2 ? '错误' : '正确'},,1,1,通用`);
  for (let i = 0; i < 2; i++) rows.push(`简答,简答题${i}？,,,,参考答案${i},,5,3,通用`);
  return rows.join('\n');
}

const rule = (r: Partial<DrawRule> & Pick<DrawRule, 'type' | 'count' | 'points'>): DrawRule => ({ banks: [], categories: [], docIds: [], difficulties: [], ...r });

async function randomCampaign(s: Awaited<ReturnType<typeof seeded>>, rules: DrawRule[]) {
  const c = await app.call('campaign.get', { campaignId: s.campaign.id }, s.admin);
  return app.raw('campaign.save', { ...c, quiz: { ...c.quiz, mode: 'random', questionIds: [], rules } }, s.admin);
}

describe('papers drawn at random by rules', () => {
  it('each person gets the same composition and points, a draw of their own, no keys; a bank too small is refused naming the rule', async () => {
    const s = await seeded(app, { shuffle: true });
    expect(await app.call('bank.importCommit', { fileName: '车间题库.csv', base64: b64(bankCsv()), bank: '车间题库' }, s.admin)).toEqual({ added: 20, duplicates: 0, refused: 0 });
    const rules = [
      rule({ type: 'single', count: 4, points: 10, categories: ['动火'], banks: ['车间题库'] }),
      rule({ type: 'single', count: 2, points: 10, categories: ['受限空间'], difficulties: [3] }),
      rule({ type: 'truefalse', count: 3, points: 5 }),
      rule({ type: 'short', count: 1, points: 25 }),
    ];
    // 受限空间 questions of 难度 3: i = 8 and 11 → two; asking three is refused
    const tooMany = await randomCampaign(
      s,
      rules.map((r, i) => (i === 1 ? { ...r, count: 3 } : r)),
    );
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'quiz.rules.1.count' } });
    if (!tooMany.ok) expect(tooMany.error.message).toContain('规则 2（单选）：可抽的题 2 道，要抽 3 道');
    // the campaign is unchanged by the refusal
    expect((await app.call('campaign.get', { campaignId: s.campaign.id }, s.admin)).quiz.mode).toBe('fixed');
    expect(await randomCampaign(s, rules)).toMatchObject({ ok: true });
    expect((await app.call('campaign.list', {}, s.admin))[0]!.quiz).toMatchObject({ mode: 'random', questionCount: 10 });

    const bank = await app.call('bank.list', {}, s.admin);
    const byId = new Map(bank.map((q) => [q.id, q]));
    for (const no of ['E001', 'E002', 'E003']) {
      const t = await s.login(no);
      const a = await app.raw('quiz.start', { campaignId: s.campaign.id }, t);
      if (!a.ok) throw new Error(a.error.message);
      const paper = a.value as { attemptId: string; questions: { id: string; type: string; score: number }[] };
      // the transport payload: no answer, no explanation
      expect(JSON.stringify(paper)).not.toMatch(/"answer"|"explanation"|解析|参考答案/);
      const qs = paper.questions.map((q) => byId.get(q.id)!);
      expect(qs.filter((q) => q.category === '动火')).toHaveLength(4);
      expect(qs.filter((q) => q.category === '受限空间').every((q) => q.difficulty === 3)).toBe(true);
      expect(qs.filter((q) => q.type === 'truefalse')).toHaveLength(3);
      expect(qs.filter((q) => q.type === 'short')).toHaveLength(1);
      expect(paper.questions.reduce((sum, q) => sum + q.score, 0)).toBe(100);
      // resuming gives the same paper, not a new draw
      const again = await app.call('quiz.start', { campaignId: s.campaign.id }, t);
      expect(again.questions.map((q) => q.id)).toEqual(paper.questions.map((q) => q.id));
      if (no === 'E001') {
        // right answers to the single questions: the rule's 10 points each, not the bank's 1
        const answers: Record<string, string[]> = {};
        for (const q of again.questions) if (q.type === 'single') answers[q.id] = [String.fromCharCode(65 + q.options.indexOf('对的'))];
        app.clock.advance(12 * 60_000);
        const r = await app.call('quiz.submit', { attemptId: again.attemptId, answers }, t);
        expect(r.score).toBe(60);
        expect(r.durationMs).toBe(12 * 60_000);
        expect(r.max).toBe(100);
      }
    }
    // (random numbers are a constant in these tests, so everyone draws alike here; that draws differ
    // from person to person is tested in tests/core/paper.test.ts with a real generator)
  });
});

describe('editing a question keeps its versions', () => {
  it('an attempt keeps the version it was given; new attempts get the edit; the history has both', async () => {
    const s = await seeded(app);
    const t1 = await s.login('E001');
    const before = await app.call('quiz.start', { campaignId: s.campaign.id }, t1);
    const wm06 = (await app.call('bank.list', {}, s.admin)).find((q) => q.id === 'wm-06')!;
    const { id: _id, version: _v, ...fields } = wm06;
    const edited = await app.call('bank.save', { ...fields, id: 'wm-06', stem: `${wm06.stem}（修订）`, answer: ['A'], difficulty: 2, category: '应急处置', tags: ['应急'] }, s.admin);
    expect(edited).toMatchObject({ id: 'wm-06', version: 2, difficulty: 2, category: '应急处置', tags: ['应急'] });
    // saving the same again is not a new version
    expect((await app.call('bank.save', { ...fields, id: 'wm-06', stem: `${wm06.stem}（修订）`, answer: ['A'], difficulty: 2, category: '应急处置', tags: ['应急'] }, s.admin)).version).toBe(2);
    const history = await app.call('bank.history', { questionId: 'wm-06' }, s.admin);
    expect(history.map((v) => [v.version, v.stem.endsWith('（修订）'), v.replacedBy])).toEqual([
      [2, true, null],
      [1, false, 'admin'],
    ]);
    // E001 opened the quiz before the edit: same stem on resume, graded with the key of then (B)
    const resumed = await app.call('quiz.start', { campaignId: s.campaign.id }, t1);
    expect(resumed.questions.find((q) => q.id === 'wm-06')!.stem).toBe(wm06.stem);
    const r1 = await app.call('quiz.submit', { attemptId: before.attemptId, answers: { 'wm-06': ['B'] } }, t1);
    expect(r1.score).toBe(10);
    // E002 starts after the edit: the new stem and key
    const t2 = await s.login('E002');
    const a2 = await app.call('quiz.start', { campaignId: s.campaign.id }, t2);
    expect(a2.questions.find((q) => q.id === 'wm-06')!.stem).toBe(`${wm06.stem}（修订）`);
    expect((await app.call('quiz.submit', { attemptId: a2.attemptId, answers: { 'wm-06': ['A'] } }, t2)).score).toBe(10);
    // the record of E001 names version 1 by its content, and the bank's history has that content as it was
    const file = await storedPerson(app.dir, 'E001');
    expect(file.events[0].data.questions).toBeUndefined();
    const ref = file.events[0].data.paper.find((q: { id: string }) => q.id === 'wm-06');
    expect(ref).toMatchObject({ id: 'wm-06', version: 1, score: wm06.score, type: wm06.type });
    const kept = (await app.ports.store.questions.read()).history.find((q) => q.id === 'wm-06' && q.version === 1)!;
    expect(kept).toMatchObject({ stem: wm06.stem, answer: ['B'] });
    const { replacedAt: _a, replacedBy: _b, ...asGiven } = kept;
    expect(questionSha(asGiven)).toBe(ref.sha);
    // the review of E001's attempt shows the version they were given
    const review = await app.call('quiz.review', { attemptId: before.attemptId }, t1);
    expect(review.items.map((x) => x.stem)).toContain(wm06.stem);
    expect(review.items.map((x) => x.stem)).not.toContain(`${wm06.stem}（修订）`);
    // the employee cannot edit the bank
    expect(await app.raw('bank.save', { ...fields, id: 'wm-06' }, t1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a new question by hand: validated field by field; the same question twice is refused', async () => {
    const s = await seeded(app);
    const base = {
      type: 'single' as const,
      stem: '动火作业的监护人可以离开现场吗？',
      options: ['可以', '不可以'],
      answer: ['B'],
      explanation: '',
      score: 2,
      source: 'GB 30871-2022 5.5',
      bank: '手工录入',
      difficulty: 1,
      category: '动火',
      tags: [],
      docId: '',
    };
    const q = await app.call('bank.save', base, s.admin);
    expect(q).toMatchObject({ version: 1, bank: '手工录入' });
    expect(await app.raw('bank.save', base, s.admin)).toMatchObject({ ok: false, error: { code: 'conflict', field: 'stem' } });
    expect(await app.raw('bank.save', { ...base, stem: '另一题', answer: ['C'] }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'answer' } });
    expect(await app.raw('bank.save', { ...base, stem: '另一题', docId: 'no-such-doc' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'docId' } });
    expect(await app.raw('bank.save', { ...base, stem: '   ' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    // an import of the same question is a duplicate, even after the question was edited
    await app.call('bank.save', { ...base, id: q.id, explanation: '监护人不得离开' }, s.admin);
    const csv = '题型,题干,选项A,选项B,答案\n单选,动火作业的监护人可以离开现场吗？,可以,不可以,B\n';
    expect(await app.call('bank.importCommit', { fileName: 'x.csv', base64: b64(csv), bank: 'x' }, s.admin)).toEqual({ added: 0, duplicates: 1, refused: 0 });
  });

  it('removing: refused while the question is on a fixed paper; otherwise kept in the history only', async () => {
    const s = await seeded(app);
    const r = await app.raw('bank.remove', { questionIds: ['wm-01'] }, s.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!r.ok) expect(r.error.message).toContain(s.campaign.name);
    const c = await app.call('campaign.get', { campaignId: s.campaign.id }, s.admin);
    await app.call('campaign.save', { ...c, quiz: { ...c.quiz, questionIds: c.quiz.questionIds.filter((x) => x !== 'wm-01') } }, s.admin);
    expect(await app.call('bank.remove', { questionIds: ['wm-01'] }, s.admin)).toEqual({ removed: 1 });
    expect((await app.call('bank.list', {}, s.admin)).some((q) => q.id === 'wm-01')).toBe(false);
    expect((await app.call('bank.history', { questionId: 'wm-01' }, s.admin))[0]).toMatchObject({ removed: true, replacedBy: 'admin' });
    expect(await app.raw('bank.remove', { questionIds: ['nope'] }, s.admin)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('flags for review', () => {
  it('are kept with the attempt and come back on resume; a flag for a question not on the paper is refused', async () => {
    const s = await seeded(app);
    const t = await s.login('E001');
    const a = await app.call('quiz.start', { campaignId: s.campaign.id }, t);
    expect(a.flags).toEqual([]);
    await app.call('quiz.save', { attemptId: a.attemptId, answers: { 'wm-01': ['D'] }, flags: ['wm-02', 'wm-05', 'wm-02'] }, t);
    expect((await app.call('quiz.start', { campaignId: s.campaign.id }, t)).flags).toEqual(['wm-02', 'wm-05']);
    expect(await app.raw('quiz.save', { attemptId: a.attemptId, answers: {}, flags: ['zz'] }, t)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    // a save without flags leaves them as they were
    await app.call('quiz.save', { attemptId: a.attemptId, answers: { 'wm-01': ['C'] } }, t);
    expect((await app.call('quiz.start', { campaignId: s.campaign.id }, t)).flags).toEqual(['wm-02', 'wm-05']);
  });
});

describe.skipIf(lowdbFilesOnly('older data folders'))('older data folders', () => {
  it('questions and campaigns of schema version 1 are upgraded when read', async () => {
    const s = await seeded(app);
    app.close();
    const qf = path.join(app.dir, 'questions.json');
    const cf = path.join(app.dir, 'campaigns.json');
    const q = JSON.parse(readFileSync(qf, 'utf8'));
    const c = JSON.parse(readFileSync(cf, 'utf8'));
    writeFileSync(qf, JSON.stringify({ schemaVersion: 1, questions: q.questions.map(({ difficulty: _d, category: _c, tags: _t, docId: _i, version: _v, ...rest }: Record<string, unknown>) => rest) }));
    writeFileSync(cf, JSON.stringify({ schemaVersion: 1, campaigns: c.campaigns.map((x: { quiz: Record<string, unknown> }) => ({ ...x, quiz: { ...x.quiz, mode: undefined, rules: undefined } })) }));
    // a folder of a program from before seals (storage/lowdb/seal.ts), opened on a PC that never saw it: sealed as it is
    rmSync(path.join(app.dir, 'seal.json'));
    const keys = tempDir('anxue-older-keys-');
    const store = DataStore.open(app.dir, { keys: folderKeyStore(keys) });
    expect(store.seals.notes().map(zh).join('\n')).toContain('记录封印已启用');
    const qs = await store.questions.read();
    expect(qs.schemaVersion).toBe(2);
    expect(qs.history).toEqual([]);
    expect(qs.questions[0]).toMatchObject({ difficulty: 0, category: '', tags: [], docId: '', version: 1 });
    const cs = await store.campaigns.read();
    expect(cs.campaigns.find((x) => x.id === s.campaign.id)!.quiz).toMatchObject({ mode: 'fixed', rules: [] });
    expect(await store.seals.problems()).toEqual([]);
    store.close();
    removeDir(keys);
  });
});
