// The 总结报告: over a simulated cohort of 300, every figure of the report equals
// what the cohort was given and what the ledgers say; the .docx and the PDF read back with those
// numbers; the officer's prose is kept and printed. Both backends (see vitest.config.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCreditHours } from '../../electron/core/study-time';
import { appendEvent } from '../../electron/records/events';
import { countsFromRows, countsOfView } from '../helpers/progress-counts';
import { b64, makeApp, removeDir, type TempApp } from '../helpers/temp-app';

const N = 300;
let app: TempApp;
let admin: string;
let campaignId: string;
let passMark: number;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxue-summary-'));

/** the cohort: who does what, decided by number so the test knows the truth */
const no = (i: number) => `C${String(i).padStart(3, '0')}`;
const category = (i: number) => (i === 0 ? '主要负责人' : i % 10 === 0 ? '安全管理人员' : i % 7 === 0 ? '特种作业人员' : '其他从业人员');
const idle = (i: number) => i % 17 === 5; // did nothing at all
const studiedMinutes = (i: number) => (idle(i) ? 0 : 30 + (i % 13) * 40);
const tookQuiz = (i: number) => !idle(i) && i % 5 !== 0;
const percent = (i: number) => 40 + ((i * 7) % 61);
const essay = (i: number) => (idle(i) ? 'none' : i % 6 === 0 ? 'accepted' : i % 3 === 0 ? 'submitted' : 'none');
// the reporting line: 1 head (C000), 2 deputies, 6 workshop directors, 24 team leaders
const level = (i: number) => (i === 0 ? '总经理' : i <= 2 ? '分管副总' : i <= 8 ? '车间主任' : i <= 32 ? '班组长' : '');
/** the 大讲堂: the first 100 who are not idle */
const forum = new Set(
  Array.from({ length: N }, (_, i) => i)
    .filter((i) => !idle(i))
    .slice(0, 100),
);
const superior = (i: number) => (i === 0 ? '' : i <= 2 ? no(0) : i <= 8 ? no(1 + (i % 2)) : i <= 32 ? no(3 + (i % 6)) : '');

beforeAll(async () => {
  app = makeApp();
  app.clock.t = Date.parse('2024-09-25T02:00:00Z');
  await app.call('setup.init', { enterprise: '汇总测试化工（虚构）', adminNo: 'admin', adminName: '管理员', password: 'admin-pass-1' });
  admin = (await app.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
  const rows = ['工号,姓名,部门/车间,班组,岗位,人员类别,班子成员,岗位层级,上级工号'];
  for (let i = 0; i < N; i++) rows.push(`${no(i)},员工${i},${['甲醇车间', '储运车间', '公用工程'][i % 3]},,岗位${i % 4},${category(i)},${i <= 2 ? '是' : '否'},${level(i)},${superior(i)}`);
  const imported = await app.call('roster.commit', { fileName: 'cohort.csv', base64: b64(rows.join('\n')) }, admin);
  // the notice's own dates (the clock is 2024-09-25): the records below fall in its study week
  const template = await app.call('campaign.template', { start: '2024-09-01', past: true }, admin);
  const c = await app.call('campaign.save', template, admin);
  campaignId = c.id;
  passMark = c.quiz.passMark;
  // records as the app keeps them: study sessions, an attempt each, essays
  for (let i = 0; i < N; i++) {
    await app.ports.store.person(no(i)).update((f) => {
      const at = '2024-09-10T02:00:00.000Z';
      const by = no(i);
      if (studiedMinutes(i) > 0) {
        const ms = studiedMinutes(i) * 60_000;
        appendEvent(
          f.events,
          'study.session',
          {
            sessionId: `s${i}`,
            campaignId,
            docId: 'gb-30871-2022',
            docTitle: '特殊作业',
            textKey: 'notes',
            edition: null,
            startedAt: at,
            endedAt: at,
            countedMs: ms,
            excludedMs: { idle: 0, hidden: 0, unfocused: 0, locked: 0, gap: 0, check_missed: 0, daily_cap: 0 },
            byDay: { '2024-09-10': ms },
            closedBy: 'stop',
          },
          { at, by },
        );
      }
      if (tookQuiz(i)) {
        appendEvent(
          f.events,
          'quiz.submitted',
          {
            attemptId: `q${i}`,
            campaignId,
            startedAt: at,
            submittedAt: at,
            questions: [],
            answers: {},
            items: [{ questionId: 'x', status: 'graded', score: percent(i), max: 100, correct: true }],
            timedOut: false,
            passMark,
          },
          { at, by },
        );
      }
      if (essay(i) !== 'none') {
        appendEvent(f.events, 'essay.submitted', { campaignId, version: 1, parts: { awareness: '甲', responsibility: '乙', warning: '丙', measures: '丁', leadership: '' }, total: 4 }, { at, by });
        if (essay(i) === 'accepted') appendEvent(f.events, 'essay.reviewed', { campaignId, version: 1, decision: 'accept', comment: '', similarity: 0 }, { at, by: 'admin' });
      }
    });
  }
  // collective sessions: the mobilization meeting (everyone who is not idle), a 大讲堂 (the first 100)
  const meet = await app.call(
    'collective.save',
    { campaignId, type: 'mobilization', topic: '动员部署会', date: '2024-09-02', start: '09:00', durationMinutes: 60, place: '礼堂', host: '总经理' },
    admin,
  );
  await app.call(
    'collective.attendance',
    {
      sessionId: meet.id,
      employeeNos: Array.from({ length: N }, (_, i) => i)
        .filter((i) => !idle(i))
        .map(no),
    },
    admin,
  );
  const talk = await app.call('collective.save', { campaignId, type: 'forum', topic: '安全大讲堂', date: '2024-09-12', start: '14:00', durationMinutes: 90, place: '会议室', host: '安全科' }, admin);
  await app.call('collective.attendance', { sessionId: talk.id, employeeNos: [...forum].map(no) }, admin);
  // 述职: three team leaders report and are accepted (scores 80, 85, 90), one is waiting
  const pw = (n: string) => imported.initialPasswords.find((p) => p.employeeNo === n)!.password;
  const token = async (n: string) => (await app.call('auth.login', { employeeNo: n, password: pw(n) })).token;
  const parts = { duties: '履职'.repeat(60), work: '工作'.repeat(60), rules: '规程'.repeat(60) };
  for (const [i, score] of [
    [9, 80],
    [10, 85],
    [11, 90],
    [12, null],
  ] as const) {
    await app.call('report.submit', { campaignId, parts, to: superior(i) }, await token(no(i)));
    if (score === null) continue;
    await app.call('report.review', { campaignId, employeeNo: no(i), version: 1, decision: 'accept', comment: '', sheet: [{ name: '综合', max: 100 }], points: [score] }, await token(superior(i)));
  }
  // the 问题台账: two inspections, five findings; two closed, one past its deadline
  const ins = await app.call('inspection.save', { campaignId, kind: 'procedure', scope: 'workshop', unit: '甲醇车间', date: '2024-09-15', inspectors: '安全科', checklist: [] }, admin);
  const ins2 = await app.call('inspection.save', { campaignId, kind: 'maintenance', scope: 'dept', unit: '设备部', date: '2024-09-16', inspectors: '安全科', checklist: [] }, admin);
  const f = (inspectionId: string, level: 'general' | 'major', owner: string, due: string) =>
    app.call('finding.record', { inspectionId, level, location: '现场', description: `问题-${owner}`, measure: '整改', owner, due, photos: [] }, admin);
  const a = await f(ins.id, 'major', no(20), '2024-09-30');
  const b = await f(ins.id, 'general', no(21), '2024-09-30');
  await f(ins.id, 'general', no(22), '2024-09-20');
  await f(ins2.id, 'general', no(23), '2024-10-10');
  await f(ins2.id, 'major', no(24), '2024-10-10');
  for (const x of [a, b]) {
    await app.call('finding.rectify', { findingId: x.id, note: '已整改', photos: [] }, admin);
    // the verifier is an officer who is not the 责任人
    await app.call('finding.verify', { findingId: x.id, passed: true, note: '' }, admin);
  }
  await app.call(
    'summary.save',
    { campaignId, sections: { overview: '公司高度重视，成立了领导小组。', measures: '一是全员学习；二是逐岗排查。', problems: '个别员工学习时间不足。', next: '持续开展隐患整改“回头看”。' } },
    admin,
  );
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
  rmSync(tmp, { recursive: true, force: true });
});

const range = Array.from({ length: N }, (_, i) => i);
const pct = (n: number, of: number) => Math.round((n / of) * 1000) / 10;

describe('总结报告 over a cohort of 300', () => {
  it('every figure equals what the cohort did and what the ledgers say', async () => {
    const { figures: f } = await app.call('summary.get', { campaignId }, admin);
    const participants = range.filter((i) => !idle(i)).length;
    expect(f.people).toEqual({ roster: N, participants, rate: pct(participants, N) });
    // 学时 by category: the cohort's minutes, counted as the app counts them (45 minutes a 学时), and the 学时台账's rows
    // the progress page's rows, page by page (200 at most at a time)
    const rows = [];
    for (let page = 0; ; page++) {
      const v = await app.call('progress.table', { campaignId, page, pageSize: 200 }, admin);
      rows.push(...v.rows);
      if ((page + 1) * v.pageSize >= v.matching) break;
    }
    expect(rows).toHaveLength(N);
    // the page's counts (read from the stores' numbers) are those everyone's whole rows give
    expect(countsOfView(await app.call('progress.table', { campaignId }, admin))).toEqual(countsFromRows(rows));
    for (const cat of ['主要负责人', '安全管理人员', '特种作业人员', '其他从业人员']) {
      const of = range.filter((i) => category(i) === cat);
      const hours = (i: number) => toCreditHours((studiedMinutes(i) + (idle(i) ? 0 : 60) + (forum.has(i) ? 90 : 0)) * 60_000, 45);
      const total = Math.round(of.reduce((a, i) => a + hours(i), 0) * 10) / 10;
      const row = f.byCategory.find((x) => x.category === cat)!;
      expect(row).toEqual({
        category: cat,
        people: of.length,
        targetCreditHours: 8,
        totalCreditHours: total,
        averageCreditHours: Math.round((total / of.length) * 10) / 10,
        reached: of.filter((i) => hours(i) >= 8).length,
      });
      expect(Math.round(rows.filter((r) => r.category === cat).reduce((a, r) => a + r.creditHours, 0) * 10) / 10).toBe(total);
    }
    expect(f.collective).toEqual({
      sessions: 2,
      attendances: participants + 100,
      byType: [
        { type: 'mobilization', sessions: 1, attendances: participants, averageRate: pct(participants, N) },
        { type: 'forum', sessions: 1, attendances: 100, averageRate: pct(100, N) },
      ],
    });
    const took = range.filter(tookQuiz);
    const passed = took.filter((i) => percent(i) >= passMark);
    expect(f.quiz).toEqual({ took: took.length, passed: passed.length, pending: 0, passRate: pct(passed.length, took.length) });
    expect(f.essays).toEqual({ people: N, submitted: range.filter((i) => essay(i) !== 'none').length, accepted: range.filter((i) => essay(i) === 'accepted').length });
    expect(f.reports).toEqual([
      { level: 'team', people: 24, submitted: 4, accepted: 3, averageScore: 85 },
      { level: 'workshop', people: 6, submitted: 0, accepted: 0, averageScore: null },
      { level: 'deputy', people: 2, submitted: 0, accepted: 0, averageScore: null },
      { level: 'head', people: 1, submitted: 0, accepted: 0, averageScore: null },
    ]);
    expect(f.findings).toMatchObject({ inspections: 2, total: 5, closed: 2, overdue: 1, asOf: '2024-09-25' });
    const procedure = f.findings.byKind.find((k) => k.kind === 'procedure')!;
    expect(procedure).toEqual({
      kind: 'procedure',
      inspections: 1,
      levels: [
        { level: 'general', found: 2, closed: 1, overdue: 1 },
        { level: 'major', found: 1, closed: 1, overdue: 0 },
      ],
    });
    expect(f.findings.byKind.find((k) => k.kind === 'maintenance')!.levels).toEqual([
      { level: 'general', found: 1, closed: 0, overdue: 0 },
      { level: 'major', found: 1, closed: 0, overdue: 0 },
    ]);
    // the same counts as the 问题台账 itself
    const ledger = await app.call('inspection.list', { campaignId }, admin);
    expect([f.findings.total, f.findings.closed, f.findings.overdue]).toEqual([ledger.counts.findings, ledger.counts.closed, ledger.counts.overdue]);
  });

  it("the .docx and the PDF read back with the same numbers and the officer's prose", async () => {
    const { figures: f } = await app.call('summary.get', { campaignId }, admin);
    const docx = await app.call('summary.export', { campaignId, format: 'docx' }, admin);
    expect(docx.fileName).toMatch(/^总结报告-.*\.docx$/);
    const file = path.join(tmp, 'r.docx');
    writeFileSync(file, Buffer.from(docx.base64, 'base64'));
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/<[^>]+>/g, '');
    const line = `全公司在册 ${N} 人，参加 ${f.people.participants} 人，参与率 ${f.people.rate}%；组织集中学习活动 2 场、${f.collective.attendances} 人次；参加考核 ${f.quiz.took} 人，合格 ${f.quiz.passed} 人，合格率 ${f.quiz.passRate}%`;
    expect(xml).toContain(line);
    expect(xml).toContain(`提交个人剖析材料 ${f.essays.submitted} 份，审阅通过 ${f.essays.accepted} 份；开展专项检查 2 次，发现问题 5 项，已整改销号 2 项，逾期未整改 1 项`);
    expect(xml).toContain('公司高度重视，成立了领导小组。');
    expect(xml).toContain('四、下一步工作打算');
    expect(xml).toContain('数据来源：学时台账（ledger.xlsx）');
    const other = f.byCategory.find((x) => x.category === '其他从业人员')!;
    expect(xml).toContain(`其他从业人员${other.people}${other.targetCreditHours}${other.totalCreditHours}${other.averageCreditHours}${other.reached}`);
    const pdf = await app.call('summary.export', { campaignId, format: 'pdf' }, admin);
    writeFileSync(path.join(tmp, 'r.pdf'), Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', [path.join(tmp, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(line.replace(/\s+/g, ''));
    expect(text).toContain('个别员工学习时间不足。');
    expect(text).toContain('班组长244385');
  });
});
