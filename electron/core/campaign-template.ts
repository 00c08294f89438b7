// The 警示月 template, from the county notice (乌审旗 2024): the officer only adjusts it.
import type { CampaignInput, DrawRule, Question } from './model';
import { drawPaper } from './paper';

/** The default paper: 20 objective questions of 4 points and one short answer of 20, 30 minutes. */
export const PAPER_OBJECTIVE = 20;
const OBJECTIVE_POINTS = 4;
const SHORT_POINTS = 20;

/**
 * The warning month's paper drawn at random so that every required document is asked: two single
 * choice questions from each (or true/false where a document has no single choice), true/false
 * from any document up to 20, and one short answer (graded by the officer) from any document. Null
 * when the bank cannot fill it (the caller falls back to a fixed paper).
 */
export function warningMonthRules(bank: readonly Question[], requiredDocIds: readonly string[]): DrawRule[] | null {
  const rules: DrawRule[] = [];
  const rule = (type: DrawRule['type'], count: number, points: number, docIds: string[]): DrawRule => ({ type, count, points, banks: [], categories: [], docIds, difficulties: [] });
  for (const docId of requiredDocIds) {
    const of = (t: Question['type']) => bank.filter((q) => q.docId === docId && q.type === t).length;
    if (of('single') > 0) rules.push(rule('single', Math.min(2, of('single')), OBJECTIVE_POINTS, [docId]));
    else if (of('truefalse') > 0) rules.push(rule('truefalse', Math.min(2, of('truefalse')), OBJECTIVE_POINTS, [docId]));
    else return null;
  }
  const n = rules.reduce((a, r) => a + r.count, 0);
  if (n > PAPER_OBJECTIVE) return null;
  // the rest from any document (one rule names one document or any, as the officer's editor shows it)
  if (n < PAPER_OBJECTIVE) rules.push(rule('truefalse', PAPER_OBJECTIVE - n, OBJECTIVE_POINTS, []));
  rules.push(rule('short', 1, SHORT_POINTS, []));
  if (rules.length > 20) return null;
  return drawPaper(bank, rules, () => 0).ok ? rules : null;
}

export function warningMonthTemplate(docIds: readonly { docId: string; minutes: number }[], questionIds: readonly string[], rules: DrawRule[] | null = null): CampaignInput {
  return {
    name: '2024年“危险化学品生产安全事故警示月”安全专项整治',
    kind: 'warning',
    participants: { kind: 'all' },
    start: '2024-09-01',
    end: '2024-10-15',
    studyStart: '2024-09-06',
    studyEnd: '2024-09-12',
    phases: [
      { name: '动员部署阶段', start: '2024-09-01', end: '2024-09-05' },
      { name: '专项整治阶段（9月20日前完成自查自改）', start: '2024-09-06', end: '2024-09-30' },
      { name: '总结提升阶段（总结报告9月20日前报送）', start: '2024-09-20', end: '2024-10-15' },
    ],
    documents: docIds.map((d) => ({ ...d })),
    targetCreditHours: 8,
    targetByCategory: {},
    quiz: {
      mode: rules ? 'random' : 'fixed',
      questionIds: rules ? [] : [...questionIds],
      rules: rules ?? [],
      timeLimitMinutes: 30,
      passMark: 80,
      maxAttempts: 2,
      shuffleQuestions: true,
      shuffleOptions: true,
      partialCredit: false,
      showAnswers: 'after_submit',
      maxLeaves: 0,
      anonymousGrading: false,
    },
    essay: { minChars: 800, deadline: '2024-09-30', minCharsByCategory: {} },
    accidents: ['“9·7”事故', '近期国内外危险化学品生产安全事故', '2016年以来全市危险化学品生产安全事故'],
  };
}
