// Anonymous grading in the backend: while a campaign grades anonymously, no
// grading response carries a name or 工号 (nor the attempt's id, which other views pair with a
// 工号); a grader grades by the sealed reference; naming the person is refused; a forged or
// changed reference is refused and changes nothing; turned off, the names come back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROSTER_CSV, makeApp, removeDir, seeded, storedPerson, type TempApp } from '../helpers/temp-app';

let app: TempApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const ANSWERS: Record<string, string[]> = { 'wm-01': ['D'], 'wm-02': ['A', 'B', 'C'], 'wm-03': ['T'], 'wm-04': ['T'], 'wm-05': ['检测'], 'wm-06': ['B'], 'wm-07': ['主要风险是泄漏，我会按时巡检。'] };
const ESSAY = { awareness: '巡检有走过场的情况。', responsibility: '交接班记录不完整。', warning: '违章就是拿生命冒险。', measures: '每班按路线巡检。', leadership: '' };

/** Every name and 工号 of the roster, as they could appear in a response. */
const identities = () =>
  ROSTER_CSV.split('\n')
    .slice(1)
    .flatMap((line) => line.split(',').slice(0, 2));

async function setUp(anonymous: boolean) {
  const s = await seeded(app);
  const campaign = await app.call('campaign.save', { ...s.campaign, quiz: { ...s.campaign.quiz, anonymousGrading: anonymous }, essay: { ...s.campaign.essay, minChars: 10 } }, s.admin);
  const attempts: Record<string, string> = {};
  for (const no of ['E001', 'E002', 'E003']) {
    const t = await s.login(no);
    const a = await app.call('quiz.start', { campaignId: campaign.id }, t);
    await app.call('quiz.submit', { attemptId: a.attemptId, answers: ANSWERS }, t);
    attempts[no] = a.attemptId;
    await app.call('essay.submit', { campaignId: campaign.id, parts: ESSAY, accidents: ['“9·7”事故'] }, t);
  }
  return { ...s, campaign, attempts };
}

describe('anonymous grading', () => {
  it('no grading response carries a name, a 工号 or an attempt id; each paper has a pseudonym of its own', async () => {
    const s = await setUp(true);
    const queue = await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin);
    expect(queue.anonymous).toBe(true);
    expect(queue.answers).toHaveLength(3);
    expect(queue.essays).toHaveLength(3);
    const text = JSON.stringify(queue);
    for (const who of identities()) expect(text, who).not.toContain(who);
    for (const id of Object.values(s.attempts)) expect(text).not.toContain(id);
    expect(queue.answers.every((a) => a.employeeNo === null && a.name === null && a.attemptId === null)).toBe(true);
    expect(queue.essays.every((e) => e.employeeNo === null && e.name === null && e.dept === null)).toBe(true);
    const papers = new Set(queue.answers.map((a) => a.paper));
    expect(papers.size).toBe(3);
    for (const p of papers) expect(p).toMatch(/^[0-9A-F]{8}$/);
    // one person's answer and essay share the paper; the next load gives the same papers
    expect(new Set(queue.essays.map((e) => e.paper))).toEqual(papers);
    const again = await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin);
    expect(new Set(again.answers.map((a) => a.paper))).toEqual(papers);
    // grading by the reference: the answer's own person is graded, and the response names no one
    const first = queue.answers[0]!;
    const r = await app.raw('grading.gradeAnswer', { ref: first.ref, questionId: first.questionId, score: 20, comment: '具体' }, s.admin);
    expect(r).toEqual({ ok: true, value: { ok: true } });
    const graded = [];
    for (const no of ['E001', 'E002', 'E003']) {
      const f = await storedPerson(app.dir, no);
      if (f.events.some((e: { type: string }) => e.type === 'quiz.graded')) graded.push(no);
    }
    expect(graded).toHaveLength(1);
    const after = await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin);
    expect(after.answers.map((a) => a.paper).sort()).toEqual([...papers].filter((p) => p !== first.paper).sort());
  });

  it('while anonymous, grading by 工号 is refused, and a forged or changed reference is refused and changes nothing', async () => {
    const s = await setUp(true);
    const byName = await app.raw('grading.gradeAnswer', { employeeNo: 'E001', attemptId: s.attempts.E001!, questionId: 'wm-07', score: 20, comment: '' }, s.admin);
    expect(byName).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'employeeNo' } });
    const queue = await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin);
    const ref = queue.answers[0]!.ref;
    const changed = ref.slice(0, -2) + (ref.endsWith('AA') ? 'BB' : 'AA');
    for (const bad of [changed, 'not-a-reference', Buffer.from(JSON.stringify(['E001', s.attempts.E001])).toString('base64url')]) {
      expect(await app.raw('grading.gradeAnswer', { ref: bad, questionId: 'wm-07', score: 20, comment: '' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'ref' } });
    }
    // neither a reference nor a 工号 and attempt: refused by the contract
    expect(await app.raw('grading.gradeAnswer', { questionId: 'wm-07', score: 20, comment: '' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    for (const no of ['E001', 'E002', 'E003']) expect((await storedPerson(app.dir, no)).events.some((e: { type: string }) => e.type === 'quiz.graded')).toBe(false);
    expect((await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin)).answers).toHaveLength(3);
  });

  it('not anonymous (or turned off once grading is over): names, 工号 and attempts are shown, and grading by 工号 works', async () => {
    const s = await setUp(true);
    await app.call('campaign.save', { ...s.campaign, quiz: { ...s.campaign.quiz, anonymousGrading: false } }, s.admin);
    const queue = await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin);
    expect(queue.anonymous).toBe(false);
    expect(queue.answers.map((a) => [a.employeeNo, a.name, a.attemptId])).toEqual([
      ['E001', '测试甲', s.attempts.E001],
      ['E002', '测试乙', s.attempts.E002],
      ['E003', '测试丙', s.attempts.E003],
    ]);
    expect(queue.essays.map((e) => e.employeeNo)).toEqual(['E001', 'E002', 'E003']);
    expect(await app.raw('grading.gradeAnswer', { employeeNo: 'E002', attemptId: s.attempts.E002!, questionId: 'wm-07', score: 25, comment: '' }, s.admin)).toEqual({ ok: true, value: { ok: true } });
    expect((await app.call('grading.queue', { campaignId: s.campaign.id }, s.admin)).answers.map((a) => a.employeeNo)).toEqual(['E001', 'E003']);
  });
});
