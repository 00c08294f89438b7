// Results of a campaign's quiz: paper and question statistics over each person's first attempt
// (as Moodle's statistics report does), and the score sheet (成绩单) archives want, with a signature column.
import { paperStats, questionStats } from '../../../core/quiz-stats';
import type { Question } from '../../../core/model';
import type { Input, QuizStatsView } from '../../../shared/api';
import { campaignPeople, getCampaign } from '../campaign/campaign';
import { bestResult, summaryResult } from '../../../records/derive';
import { questionVersions } from '../bank/question-versions';
import type { Lang, Ports } from '../ports';
import { SCORE_SHEET_WORDS } from '../render/file-words';

/** The statistics of the campaign's quiz from the people's summaries there (never their whole history). */
export async function quizStats(ports: Ports, input: Input<'quiz.stats'>): Promise<QuizStatsView> {
  const c = await getCampaign(ports, input.campaignId);
  const people = await campaignPeople(ports, c);
  const views = await ports.store.campaignSummaries(
    c.id,
    people.map((p) => p.employeeNo),
    { essayTexts: false },
  );
  const versions = await questionVersions(ports);
  const current = new Map((await ports.store.questions.peek()).questions.map((q) => [q.id, q]));
  const attempts: { scores: Record<string, number> }[] = [];
  const percents: number[] = [];
  const dept = new Map<string, number[]>();
  const team = new Map<string, { dept: string; team: string; percents: number[] }>();
  const seen = new Map<string, { id: string; max: number; type: Question['type']; stem: string }>();
  const rows: QuizStatsView['people'] = [];
  for (const p of people) {
    const all = views.get(p.employeeNo)?.campaign?.attempts ?? [];
    rows.push({ employeeNo: p.employeeNo, name: p.name, dept: p.dept, team: p.team, attempts: all.length, best: bestResult(all.map((a) => summaryResult(a, c.id))) });
    // each person's first attempt (a short answer not graded yet is left out of the question's figures)
    const first = all[0];
    if (!first) continue;
    for (const q of first.questions) {
      if (!seen.has(q.id)) seen.set(q.id, { id: q.id, max: q.max, type: q.type, stem: versions.get(q.sha)?.stem ?? current.get(q.id)?.stem ?? q.id });
    }
    attempts.push({ scores: first.scores as Record<string, number> });
    if (first.pendingCount === 0) {
      percents.push(first.percent);
      dept.set(p.dept, [...(dept.get(p.dept) ?? []), first.percent]);
      const key = `${p.dept}\u0000${p.team}`;
      const t = team.get(key) ?? { dept: p.dept, team: p.team, percents: [] };
      t.percents.push(first.percent);
      team.set(key, t);
    }
  }
  const qs = [...seen.values()];
  const stats = questionStats(
    attempts,
    qs.map((q) => ({ id: q.id, max: q.max })),
  );
  return {
    paper: paperStats(percents, c.quiz.passMark),
    byDept: [...dept].map(([d, ps]) => ({ dept: d, attempts: ps.length, passRate: paperStats(ps, c.quiz.passMark).passRate })),
    byTeam: [...team.values()].map((t) => ({ dept: t.dept, team: t.team, attempts: t.percents.length, passRate: paperStats(t.percents, c.quiz.passMark).passRate })),
    questions: stats.map((s, i) => ({ ...s, stem: qs[i]!.stem, type: qs[i]!.type })),
    people: rows,
  };
}

/** 成绩单: one row per person with their best attempt, who graded it, and a column to sign. */
export async function scoreSheet(ports: Ports, input: Input<'quiz.scoreSheet'>, lang: Lang = 'zh-CN'): Promise<{ fileName: string; base64: string }> {
  const w = SCORE_SHEET_WORDS[lang];
  const c = await getCampaign(ports, input.campaignId);
  const { enterprise } = await ports.store.meta.read();
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(w.sheet);
  ws.addRow([w.title(enterprise ?? '', c.name)]).font = { bold: true, size: 14 };
  ws.addRow([w.rule(c.quiz.passMark)]);
  ws.addRow(w.headers).font = { bold: true };
  let n = 0;
  const people = await campaignPeople(ports, c);
  const views = await ports.store.campaignSummaries(
    c.id,
    people.map((p) => p.employeeNo),
    { essayTexts: false },
  );
  for (const p of people) {
    const results = (views.get(p.employeeNo)?.campaign?.attempts ?? []).map((a) => ({ a, r: summaryResult(a, c.id) }));
    const best = [...results].sort((x, y) => y.r.percent - x.r.percent)[0];
    const graders = best ? best.a.graders.join(w.graderJoiner) : '';
    ws.addRow([
      ++n,
      p.employeeNo,
      p.name,
      p.dept,
      p.team,
      results.length,
      best ? best.a.submittedAt.slice(0, 16).replace('T', ' ') : w.absent,
      best ? Math.round(best.r.durationMs / 6000) / 10 : '',
      best?.r.score ?? '',
      best?.r.max ?? '',
      best?.r.percent ?? '',
      !best ? '' : best.r.passed === null ? w.pending : best.r.passed ? w.passed : w.failed,
      best ? graders || w.auto : '',
      '',
    ]);
  }
  ws.addRow([]);
  ws.addRow(['', '', w.examiner, '', '', '', '', '', w.date]);
  ws.columns.forEach((col, i) => (col.width = [6, 10, 10, 14, 10, 8, 18, 10, 8, 8, 8, 10, 14, 14][i] ?? 10));
  return { fileName: w.fileName(c.studyStart), base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
