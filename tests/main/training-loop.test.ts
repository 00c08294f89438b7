// The whole loop through the contract dispatcher on real storage (lowdb files, and PostgreSQL in the "pg" project), with a hand-moved clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, removeDir, seeded, storedPerson, type TempApp } from '../helpers/temp-app';

let app: TempApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const ESSAY = {
  awareness: '对照事故教训，我的风险意识不够强，巡检时有走过场的情况。',
  responsibility: '岗位职责落实不到位，交接班记录有时不完整。',
  warning: '事故告诉我，违章就是在拿生命冒险，同样的事可能在我的岗位发生。',
  measures: '每班严格执行巡检路线，每月参加一次应急演练，认真填写交接班记录。',
  leadership: '',
};

describe('training loop (services + storage)', () => {
  it('counts study time from beats, by the backend clock', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const start = await app.call('study.start', { campaignId: s.campaign.id, docId: 'warning-month-notes' }, e1);
    for (let i = 0; i < 8; i++) {
      app.clock.advance(15_000);
      await app.call('study.beat', { sessionId: start.sessionId, visible: true, focused: true, interacted: true }, e1);
    }
    // walks away: 10 minutes of beats without input
    for (let i = 0; i < 40; i++) {
      app.clock.advance(15_000);
      await app.call('study.beat', { sessionId: start.sessionId, visible: true, focused: true, interacted: false }, e1);
    }
    const last = await app.call('study.beat', { sessionId: start.sessionId, visible: true, focused: true, interacted: false }, e1);
    expect(last.status).toEqual({ counting: false, reason: 'idle' });
    expect(last.sessionCountedMs).toBe(120_000 + 120_000);
    await app.call('study.stop', { sessionId: start.sessionId }, e1);
    const mine = await app.call('progress.mine', { campaignId: s.campaign.id }, e1);
    expect(mine.totals.campaignMs).toBe(240_000);
    expect(mine.totals.todayMs).toBe(240_000);
    expect(mine.totals.perDocMs).toEqual({ 'warning-month-notes': 240_000 });
    const file = await storedPerson(app.dir, 'E001');
    expect(file.events[0].type).toBe('study.session');
    expect(file.events[0].data.excludedMs.idle).toBe(600_000 + 0 - 120_000);
  });

  it('a second start elsewhere ends the first session, keeping its counted time', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const e1b = await s.login('E001');
    const a = await app.call('study.start', { campaignId: s.campaign.id, docId: 'warning-month-notes' }, e1);
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: a.sessionId, visible: true, focused: true, interacted: true }, e1);
    await app.call('study.start', { campaignId: s.campaign.id, docId: 'gb-30871-2022' }, e1b);
    const r = await app.raw('study.beat', { sessionId: a.sessionId, visible: true, focused: true, interacted: true }, e1);
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await app.call('progress.mine', { campaignId: s.campaign.id }, e1)).totals.campaignMs).toBe(15_000);
  });

  it('an open session survives a restart of the backend (crash loses at most one beat)', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const a = await app.call('study.start', { campaignId: s.campaign.id, docId: 'warning-month-notes' }, e1);
    for (let i = 0; i < 4; i++) {
      app.clock.advance(15_000);
      await app.call('study.beat', { sessionId: a.sessionId, visible: true, focused: true, interacted: true }, e1);
    }
    app.close(); // "crash": no stop call
    const again = makeApp(app.dir);
    again.clock.t = app.clock.t + 3600_000;
    app = again;
    const e1new = (await app.call('auth.login', { employeeNo: 'E001', password: s.pw('E001') })).token;
    expect((await app.call('progress.mine', { campaignId: s.campaign.id }, e1new)).totals.campaignMs).toBe(60_000);
    await app.call('study.start', { campaignId: s.campaign.id, docId: 'warning-month-notes' }, e1new);
    const file = await storedPerson(app.dir, 'E001');
    expect(file.events.map((e: { data: { closedBy?: string; countedMs?: number } }) => [e.data.closedBy, e.data.countedMs])).toEqual([['recovered', 60_000]]);
  });

  it('quiz: answer keys never reach the taker; objective questions graded on submit; short answers queued', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const attempt = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
    const text = JSON.stringify(attempt);
    expect(text).not.toMatch(/"answer"|"explanation"/);
    expect(attempt.questions.length).toBe(7);
    const answers: Record<string, string[]> = {
      'wm-01': ['D'],
      'wm-02': ['A', 'B', 'C'],
      'wm-03': ['T'],
      'wm-04': ['T'],
      'wm-05': ['检测'],
      'wm-06': ['B'],
      'wm-07': ['主要风险是泄漏，我会按时巡检。'],
    };
    await app.call('quiz.save', { attemptId: attempt.attemptId, answers }, e1);
    // a closed window resumes the same attempt, answers kept
    const resumed = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
    expect(resumed.attemptId).toBe(attempt.attemptId);
    expect(resumed.answers).toEqual(answers);
    const result = await app.call('quiz.submit', { attemptId: attempt.attemptId, answers }, e1);
    expect(result).toMatchObject({ score: 60, max: 100, pendingCount: 1, passed: null });
    const queue = await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin);
    expect(queue.answers).toHaveLength(1);
    expect(queue.answers[0]).toMatchObject({ employeeNo: 'E001', questionId: 'wm-07', max: 30 });
    await app.call('grading.gradeAnswer', { employeeNo: 'E001', attemptId: attempt.attemptId, questionId: 'wm-07', score: 25, comment: '较具体' }, s.admin);
    const after = await app.call('progress.mine', { campaignId: s.campaign.id }, e1);
    expect(after.quiz.best).toMatchObject({ score: 85, percent: 85, passed: true });
    expect((await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin)).answers).toHaveLength(0);
  });

  it('quiz: the backend owns the countdown; late answers are not taken', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const attempt = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
    expect(attempt.remainingMs).toBe(30 * 60_000);
    await app.call('quiz.save', { attemptId: attempt.attemptId, answers: { 'wm-01': ['D'] } }, e1);
    app.clock.advance(31 * 60_000);
    const r = await app.call('quiz.submit', { attemptId: attempt.attemptId, answers: { 'wm-01': ['D'], 'wm-03': ['T'] } }, e1);
    expect(r.score).toBe(10);
  });

  it('quiz: attempts are limited', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    for (let i = 0; i < 2; i++) {
      const a = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
      await app.call('quiz.submit', { attemptId: a.attemptId, answers: {} }, e1);
    }
    expect(await app.raw('quiz.start', { campaignId: s.campaign.id }, e1)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('essay: autosave, minimum length, submit, return with comment, resubmit, accept', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const cid = s.campaign.id;
    expect((await app.call('essay.get', { campaignId: cid }, e1)).status).toBe('not_started');
    await app.call('essay.save', { campaignId: cid, parts: { ...ESSAY, measures: '' }, accidents: ['“9·7”事故'] }, e1);
    const draft = await app.call('essay.get', { campaignId: cid }, e1);
    expect(draft).toMatchObject({ status: 'draft', minChars: 800 });
    expect(draft.parts.awareness).toBe(ESSAY.awareness);
    const short = await app.raw('essay.submit', { campaignId: cid, parts: ESSAY, accidents: ['“9·7”事故'] }, e1);
    expect(short).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'parts' } });
    // the officer lowers the minimum for this test campaign
    const c = await app.call('campaign.get', { campaignId: cid }, s.admin);
    await app.call('campaign.save', { ...c, essay: { ...c.essay, minChars: 50 } }, s.admin);
    const sub = await app.call('essay.submit', { campaignId: cid, parts: ESSAY, accidents: ['“9·7”事故'] }, e1);
    expect(sub).toMatchObject({ status: 'submitted', version: 1 });
    expect(await app.raw('essay.save', { campaignId: cid, parts: ESSAY, accidents: ['“9·7”事故'] }, e1)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const q = await app.call('grading.queue', { campaignId: cid }, s.admin);
    expect(q.essays.map((e) => [e.employeeNo, e.version])).toEqual([['E001', 1]]);
    expect(await app.raw('grading.reviewEssay', { campaignId: cid, employeeNo: 'E001', version: 1, decision: 'return', comment: '', partComments: [] }, s.admin)).toMatchObject({ ok: false });
    await app.call('grading.reviewEssay', { campaignId: cid, employeeNo: 'E001', version: 1, decision: 'return', comment: '措施请写具体时间', partComments: [] }, s.admin);
    const back = await app.call('essay.get', { campaignId: cid }, e1);
    expect(back.status).toBe('returned');
    expect(back.reviews[0]).toMatchObject({ decision: 'return', comment: '措施请写具体时间', reviewer: 'admin' });
    await app.call('essay.submit', { campaignId: cid, parts: { ...ESSAY, measures: ESSAY.measures + '本月底前完成。' }, accidents: ['“9·7”事故'] }, e1);
    await app.call('grading.reviewEssay', { campaignId: cid, employeeNo: 'E001', version: 2, decision: 'accept', comment: '', partComments: [] }, s.admin);
    expect((await app.call('essay.get', { campaignId: cid }, e1)).status).toBe('accepted');
    const table = (await app.call('progress.table', { campaignId: cid }, s.admin)).rows;
    expect(table.find((r) => r.employeeNo === 'E001')?.essayStatus).toBe('accepted');
    expect(table.find((r) => r.employeeNo === 'E002')?.essayStatus).toBe('not_started');
  });

  it('an employee only ever touches their own records', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const e2 = await s.login('E002');
    await app.call('essay.save', { campaignId: s.campaign.id, parts: ESSAY, accidents: ['“9·7”事故'] }, e1);
    const other = await app.call('essay.get', { campaignId: s.campaign.id }, e2);
    expect(other.parts.awareness).toBe('');
    // the contract has no way for an employee to name another person
    expect(await app.raw('grading.queue', { campaignId: s.campaign.id }, e2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.raw('progress.table', { campaignId: s.campaign.id }, e2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.raw('roster.list', {}, e2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a person changes their one-time password; the old one stops working', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    expect(await app.raw('auth.changePassword', { oldPassword: 'wrong-old', newPassword: 'my-new-pass-1' }, e1)).toMatchObject({ ok: false, error: { field: 'oldPassword' } });
    await app.call('auth.changePassword', { oldPassword: s.pw('E001'), newPassword: 'my-new-pass-1' }, e1);
    expect(await app.raw('auth.login', { employeeNo: 'E001', password: s.pw('E001') })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await app.call('auth.login', { employeeNo: 'E001', password: 'my-new-pass-1' })).me.employeeNo).toBe('E001');
  });

  it('remembers where each person stopped reading each text', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const e2 = await s.login('E002');
    expect(await app.call('reader.position', { docId: 'gb-30871-2022', key: 'notes' }, e1)).toEqual({ ratio: null });
    await app.call('reader.savePosition', { docId: 'gb-30871-2022', key: 'notes', ratio: 0.42 }, e1);
    await app.call('reader.savePosition', { docId: 'gb-30871-2022', key: 'notes-pdf', ratio: 0.9 }, e1);
    expect(await app.call('reader.position', { docId: 'gb-30871-2022', key: 'notes' }, e1)).toEqual({ ratio: 0.42 });
    expect(await app.call('reader.position', { docId: 'gb-30871-2022', key: 'notes' }, e2)).toEqual({ ratio: null });
    expect(await app.raw('reader.savePosition', { docId: 'gb-30871-2022', key: 'notes', ratio: 7 }, e1)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('no call ever returns a password hash', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const outputs = [
      await app.call('auth.me', {}, e1),
      await app.call('auth.me', {}, s.admin),
      await app.call('roster.list', {}, s.admin),
      (await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows,
    ];
    expect(JSON.stringify(outputs)).not.toMatch(/scrypt|passwordHash/);
  });
});

describe('shuffled papers and partial credit', () => {
  it('each person sees their own order; answers are graded against the original options; resuming shows what was chosen', async () => {
    const s = await seeded(app, { shuffle: true });
    const e1 = await s.login('E001');
    const a = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
    expect(a.questions.map((q) => q.id)).not.toEqual(s.campaign.quiz.questionIds);
    const q1 = a.questions.find((q) => q.id === 'wm-01')!;
    expect(q1.options).not.toEqual(['培训的时间', '培训的内容', '参加人员以及考核结果', '参加人员的家庭住址']);
    // choose the right option by its text, wherever it is shown
    const shownLetter = String.fromCharCode(65 + q1.options.indexOf('参加人员的家庭住址'));
    const q6 = a.questions.find((q) => q.id === 'wm-06')!;
    const wrongLetter = String.fromCharCode(65 + q6.options.indexOf('加快进度尽快完成'));
    await app.call('quiz.save', { attemptId: a.attemptId, answers: { 'wm-01': [shownLetter], 'wm-06': [wrongLetter] } }, e1);
    const resumed = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
    expect(resumed.questions.map((q) => q.id)).toEqual(a.questions.map((q) => q.id));
    expect(resumed.answers['wm-01']).toEqual([shownLetter]);
    const r = await app.call('quiz.submit', { attemptId: a.attemptId, answers: { 'wm-01': [shownLetter], 'wm-06': [wrongLetter] } }, e1);
    expect(r.score).toBe(10);
    const file = await storedPerson(app.dir, 'E001');
    const ev = file.events.at(-1).data;
    expect(ev.answers['wm-01']).toEqual(['D']); // stored in the original letters
    expect(ev.optionOrder['wm-01']).toHaveLength(4); // and what the person saw, for the record
  });

  it('partial credit for multiple choice when the campaign says so: no wrong option, the share of right ones', async () => {
    const s = await seeded(app);
    await app.call('campaign.save', { ...(await app.call('campaign.get', { campaignId: s.campaign.id }, s.admin)), quiz: { ...s.campaign.quiz, partialCredit: true } }, s.admin);
    const e1 = await s.login('E001');
    const a = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
    const r = await app.call('quiz.submit', { attemptId: a.attemptId, answers: { 'wm-02': ['A', 'B'] } }, e1);
    expect(r.score).toBeCloseTo((20 * 2) / 3, 2);
    const e2 = await s.login('E002');
    const b = await app.call('quiz.start', { campaignId: s.campaign.id }, e2);
    expect((await app.call('quiz.submit', { attemptId: b.attemptId, answers: { 'wm-02': ['A', 'D'] } }, e2)).score).toBe(0);
  });
});

describe('a corrected answer key', () => {
  it('regrades everyone who had the question; what they answered stays as it was', async () => {
    const s = await seeded(app);
    const took = async (no: string, answer: string) => {
      const t = await s.login(no);
      const a = await app.call('quiz.start', { campaignId: s.campaign.id }, t);
      await app.call('quiz.submit', { attemptId: a.attemptId, answers: { 'wm-06': [answer] } }, t);
      return t;
    };
    const t1 = await took('E001', 'B');
    const t2 = await took('E002', 'A');
    expect((await app.call('progress.mine', { campaignId: s.campaign.id }, t1)).quiz.best!.score).toBe(10);
    expect(await app.call('bank.correctKey', { questionId: 'wm-06', answer: ['A'] }, s.admin)).toEqual({ regraded: 2 });
    expect((await app.call('progress.mine', { campaignId: s.campaign.id }, t1)).quiz.best!.score).toBe(0);
    expect((await app.call('progress.mine', { campaignId: s.campaign.id }, t2)).quiz.best!.score).toBe(10);
    expect((await app.call('bank.list', {}, s.admin)).find((q) => q.id === 'wm-06')!.answer).toEqual(['A']);
    expect(await app.raw('bank.correctKey', { questionId: 'wm-06', answer: ['Z'] }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'answer' } });
    const file = await storedPerson(app.dir, 'E001');
    expect(file.events.map((e: { type: string }) => e.type)).toEqual(['quiz.submitted', 'quiz.regraded']);
    expect(file.events[0].data.answers['wm-06']).toEqual(['B']);
  });
});

describe('answers and 解析 after submitting', () => {
  it('shown for one’s own submitted attempt when the campaign allows it; never before submitting or for others', async () => {
    const s = await seeded(app, { shuffle: true });
    const e1 = await s.login('E001');
    const a = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
    expect(await app.raw('quiz.review', { attemptId: a.attemptId }, e1)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const q1 = a.questions.find((q) => q.id === 'wm-01')!;
    const shown = String.fromCharCode(65 + q1.options.indexOf('参加人员的家庭住址'));
    await app.call('quiz.submit', { attemptId: a.attemptId, answers: { 'wm-01': [shown] } }, e1);
    const r = await app.call('quiz.review', { attemptId: a.attemptId }, e1);
    const item = r.items.find((i) => i.stem.includes('不在其中'))!;
    // in the order the person saw: their answer and the key are the same displayed letter
    expect(item).toMatchObject({ given: [shown], answer: [shown], score: 10, explanation: expect.stringContaining('如实记录') });
    expect(item.options).toEqual(q1.options);
    const e2 = await s.login('E002');
    expect(await app.raw('quiz.review', { attemptId: a.attemptId }, e2)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // a campaign that publishes answers only after it ends
    const c = await app.call('campaign.get', { campaignId: s.campaign.id }, s.admin);
    await app.call('campaign.save', { ...c, quiz: { ...c.quiz, showAnswers: 'after_end' } }, s.admin);
    expect(await app.raw('quiz.review', { attemptId: a.attemptId }, e1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    app.clock.advance(60 * 86_400_000); // past 2024-10-15
    expect((await app.call('quiz.review', { attemptId: a.attemptId }, e1)).items).toHaveLength(7);
  });
});

describe('leaving the quiz window', () => {
  it('is counted and shown to the officer; with a limit set, reaching it submits what was saved', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    const a = await app.call('quiz.start', { campaignId: s.campaign.id }, e1);
    expect(await app.call('quiz.leave', { attemptId: a.attemptId }, e1)).toEqual({ leaves: 1, submitted: null }); // off by default: only counted
    await app.call('quiz.submit', { attemptId: a.attemptId, answers: { 'wm-01': ['D'] } }, e1);
    expect((await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows.find((r) => r.employeeNo === 'E001')!.quizLeaves).toBe(1);
    const c = await app.call('campaign.get', { campaignId: s.campaign.id }, s.admin);
    await app.call('campaign.save', { ...c, quiz: { ...c.quiz, maxLeaves: 2 } }, s.admin);
    const e2 = await s.login('E002');
    const b = await app.call('quiz.start', { campaignId: s.campaign.id }, e2);
    await app.call('quiz.save', { attemptId: b.attemptId, answers: { 'wm-03': ['T'] } }, e2);
    expect((await app.call('quiz.leave', { attemptId: b.attemptId }, e2)).submitted).toBeNull();
    const second = await app.call('quiz.leave', { attemptId: b.attemptId }, e2);
    expect(second).toMatchObject({ leaves: 2, submitted: { score: 10 } });
    const file = await storedPerson(app.dir, 'E002');
    expect(file.events.at(-1).data).toMatchObject({ leaves: 2, leftOut: true });
  });
});
