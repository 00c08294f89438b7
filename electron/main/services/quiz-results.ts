// Results of a campaign's quiz: paper and question statistics over each person's first attempt
// (as Moodle's statistics report does), and the score sheet (成绩单) archives want, with a signature column.
import { paperStats, questionStats } from '../../core/quiz-stats';
import type { Question } from '../../core/model';
import type { Input, QuizStatsView } from '../../shared/api';
import type { PersonFile } from '../storage/data-store';
import { getCampaign } from './campaign';
import { attemptResult, bestResult, effectiveItems, eventsOf, manualGrades, quizResults } from './derive';
import type { Ports } from './ports';
import { collectIfGrown } from './gc';

function firstAttempt(f: PersonFile, campaignId: string) {
  return eventsOf(f, 'quiz.submitted').find((e) => e.data.campaignId === campaignId) ?? null;
}

export async function quizStats(ports: Ports, input: Input<'quiz.stats'>): Promise<QuizStatsView> {
  const c = await getCampaign(ports, input.campaignId);
  const people = (await ports.store.roster.peek()).people;
  const attempts: { scores: Record<string, number> }[] = [];
  const percents: number[] = [];
  const dept = new Map<string, number[]>();
  const team = new Map<string, { dept: string; team: string; percents: number[] }>();
  const seen = new Map<string, Question>();
  const rows: QuizStatsView['people'] = [];
  for (const p of people) {
    collectIfGrown();
    const f = (await ports.store.person(p.employeeNo).peek()) as PersonFile;
    const all = quizResults(f, c.id);
    rows.push({ employeeNo: p.employeeNo, name: p.name, dept: p.dept, team: p.team, attempts: all.length, best: bestResult(all) });
    const e = firstAttempt(f, c.id);
    if (!e) continue;
    const manual = manualGrades(f, e.data.attemptId);
    const scores: Record<string, number> = {};
    for (const it of effectiveItems(f, e.data)) {
      // a short answer not graded yet is left out of the question's figures
      if (it.status === 'graded') scores[it.questionId] = it.score;
      else if (manual[it.questionId] !== undefined) scores[it.questionId] = manual[it.questionId]!;
    }
    for (const q of e.data.questions) if (!seen.has(q.id)) seen.set(q.id, q);
    attempts.push({ scores });
    const r = attemptResult(f, e.data);
    if (r.pendingCount === 0) {
      percents.push(r.percent);
      dept.set(p.dept, [...(dept.get(p.dept) ?? []), r.percent]);
      const key = `${p.dept}\u0000${p.team}`;
      const t = team.get(key) ?? { dept: p.dept, team: p.team, percents: [] };
      t.percents.push(r.percent);
      team.set(key, t);
    }
  }
  const qs = [...seen.values()];
  const stats = questionStats(attempts, qs.map((q) => ({ id: q.id, max: q.score })));
  return {
    paper: paperStats(percents, c.quiz.passMark),
    byDept: [...dept].map(([d, ps]) => ({ dept: d, attempts: ps.length, passRate: paperStats(ps, c.quiz.passMark).passRate })),
    byTeam: [...team.values()].map((t) => ({ dept: t.dept, team: t.team, attempts: t.percents.length, passRate: paperStats(t.percents, c.quiz.passMark).passRate })),
    questions: stats.map((s, i) => ({ ...s, stem: qs[i]!.stem, type: qs[i]!.type })),
    people: rows,
  };
}

/** 成绩单: one row per person with their best attempt, who graded it, and a column to sign. */
export async function scoreSheet(ports: Ports, input: Input<'quiz.scoreSheet'>): Promise<{ fileName: string; base64: string }> {
  const c = await getCampaign(ports, input.campaignId);
  const { enterprise } = await ports.store.meta.read();
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩单');
  ws.addRow([`${enterprise ?? ''} ${c.name} 考核成绩单`]).font = { bold: true, size: 14 };
  ws.addRow([`及格分 ${c.quiz.passMark}（百分制）；每人取最好成绩`]);
  ws.addRow(['序号', '工号', '姓名', '部门/车间', '班组', '考核次数', '交卷时间', '用时（分钟）', '得分', '满分', '百分制', '结果', '阅卷人', '本人签字']).font = { bold: true };
  let n = 0;
  for (const p of (await ports.store.roster.peek()).people) {
    collectIfGrown();
    const f = (await ports.store.person(p.employeeNo).peek()) as PersonFile;
    const results = eventsOf(f, 'quiz.submitted')
      .filter((e) => e.data.campaignId === c.id)
      .map((e) => ({ e, r: attemptResult(f, e.data) }));
    const best = results.sort((a, b) => b.r.percent - a.r.percent)[0];
    const graders = best ? [...new Set(eventsOf(f, 'quiz.graded').filter((g) => g.data.attemptId === best.e.data.attemptId).map((g) => g.by))].join('、') : '';
    ws.addRow([
      ++n,
      p.employeeNo,
      p.name,
      p.dept,
      p.team,
      results.length,
      best ? best.e.data.submittedAt.slice(0, 16).replace('T', ' ') : '未参加',
      best ? Math.round(best.r.durationMs / 6000) / 10 : '',
      best?.r.score ?? '',
      best?.r.max ?? '',
      best?.r.percent ?? '',
      !best ? '' : best.r.passed === null ? '待阅卷' : best.r.passed ? '合格' : '不合格',
      best ? graders || '系统自动评分' : '',
      '',
    ]);
  }
  ws.addRow([]);
  ws.addRow(['', '', '考核人签字：', '', '', '', '', '', '日期：']);
  ws.columns.forEach((col, i) => (col.width = [6, 10, 10, 14, 10, 8, 18, 10, 8, 8, 8, 10, 14, 14][i] ?? 10));
  return { fileName: `考核成绩单-${c.studyStart}.xlsx`, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
