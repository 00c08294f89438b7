// A simulated cohort of 300 first attempts through the real services: statistics come out as the
// ability model implies, a question that strong people get "wrong" is flagged, and the score sheet
// is a real .xlsx with a signature column.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/main/services/accounts/auth';
import type { QuizStatsView } from '../../electron/shared/api';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let stats: QuizStatsView;
const N = 300;

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  app = makeApp();
  s = await seeded(app);
  const hash = await hashPassword('cohort-pass-1');
  const depts = ['甲醇车间', '合成氨车间', '储运车间'];
  await app.ports.store.roster.update((f) => {
    for (let i = 0; i < N; i++)
      f.people.push({ employeeNo: `C${i}`, name: `模拟${i}`, dept: depts[i % 3]!, team: i % 2 ? '甲班' : '乙班', post: '', category: '其他从业人员', leader: false, updatedAt: '' });
  });
  await app.ports.store.accounts.update((f) => {
    for (let i = 0; i < N; i++) f.accounts.push({ employeeNo: `C${i}`, name: `模拟${i}`, roles: ['employee'], passwordHash: hash, createdAt: '' });
  });
  // ability θ ~ U(-2, 2); P(right) = 1 / (1 + e^-(θ - b)); wm-04 is "miskeyed": the able answer the other way
  const rand = rng(7);
  const b: Record<string, number> = { 'wm-01': -1.5, 'wm-02': 0.5, 'wm-03': -2.5, 'wm-05': 0, 'wm-06': -0.5 };
  const right: Record<string, string[]> = { 'wm-01': ['D'], 'wm-02': ['A', 'B', 'C'], 'wm-03': ['T'], 'wm-04': ['F'], 'wm-05': ['检测'], 'wm-06': ['B'] };
  const wrong: Record<string, string[]> = { 'wm-01': ['A'], 'wm-02': ['A', 'D'], 'wm-03': ['F'], 'wm-04': ['T'], 'wm-05': ['通风'], 'wm-06': ['A'] };
  for (let i = 0; i < N; i++) {
    const theta = rand() * 4 - 2;
    const token = await ports().sessions.create(`C${i}`);
    const a = await app.call('quiz.start', { campaignId: s.campaign.id }, token);
    const answers: Record<string, string[]> = {};
    for (const q of ['wm-01', 'wm-02', 'wm-03', 'wm-05', 'wm-06']) answers[q] = rand() < 1 / (1 + Math.exp(-(theta - b[q]!))) ? right[q]! : wrong[q]!;
    answers['wm-04'] = rand() < 1 / (1 + Math.exp(theta)) ? right['wm-04']! : wrong['wm-04']!;
    answers['wm-07'] = ['本岗位风险是泄漏。'];
    await app.call('quiz.submit', { attemptId: a.attemptId, answers }, token);
    // the officer grades the short answer by ability too
    await app.call('grading.gradeAnswer', { employeeNo: `C${i}`, attemptId: a.attemptId, questionId: 'wm-07', score: Math.round(((theta + 2) / 4) * 30), comment: '' }, s.admin);
  }
  stats = await app.call('quiz.stats', { campaignId: s.campaign.id }, s.admin);
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});
const ports = () => app.ports;

describe('statistics for a simulated cohort of 300 first attempts', () => {
  it('the paper: every attempt counted, a pass rate, a histogram', () => {
    expect(stats.paper.attempts).toBe(N);
    expect(stats.paper.histogram.reduce((a, b) => a + b, 0)).toBe(N);
    expect(stats.byDept.map((d) => d.attempts).reduce((a, b) => a + b, 0)).toBe(N);
    // by 班组 within 部门: 3 部门 × 2 班组, each pass rate as counted by hand from the people's rows
    expect(stats.byTeam).toHaveLength(6);
    for (const t of stats.byTeam) {
      const mine = stats.people.filter((p) => p.dept === t.dept && p.team === t.team && p.best);
      expect(t.attempts).toBe(mine.length);
      expect(t.passRate).toBeCloseTo((mine.filter((p) => p.best!.passed).length / mine.length) * 100, 1);
    }
    // everyone on the roster has a row; the seeded four took no quiz
    expect(stats.people).toHaveLength(N + 4);
    expect(stats.people.filter((p) => p.attempts === 0).map((p) => p.employeeNo)).toEqual(['E001', 'E002', 'E003', 'M001']);
    console.log(`[quiz-stats.test] paper ${JSON.stringify(stats.paper)}`);
    for (const q of stats.questions) console.log(`[quiz-stats.test] ${q.questionId} ${q.type} F=${q.facility} D=${q.discrimination} ${q.flags.join(',')}`);
  });
  it('easier questions have higher facility; the miskeyed one is flagged negative', () => {
    const by = Object.fromEntries(stats.questions.map((q) => [q.questionId, q]));
    expect(by['wm-03']!.facility!).toBeGreaterThan(by['wm-01']!.facility!);
    expect(by['wm-01']!.facility!).toBeGreaterThan(by['wm-02']!.facility!);
    expect(by['wm-04']!.flags).toContain('negative_discrimination');
    for (const q of ['wm-01', 'wm-02', 'wm-06', 'wm-07']) expect(by[q]!.discrimination!, q).toBeGreaterThan(20);
  });
  it('the score sheet has every person, the result and a signature column', async () => {
    const x = await app.call('quiz.scoreSheet', { campaignId: s.campaign.id }, s.admin);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('成绩单')!;
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['工号', '百分制', '结果', '阅卷人', '本人签字']));
    let rows = 0;
    ws.eachRow((row, n) => n > 3 && typeof row.getCell(2).value === 'string' && String(row.getCell(2).value).startsWith('C') && (rows += 1));
    expect(rows).toBe(N);
    expect(String(ws.getRow(4 + 4).getCell(13).value)).toBe('admin'); // the short answer's grader
    expect(ws.getRow(4 + 4).getCell(6).value).toBe(1); // attempts
  });
});
