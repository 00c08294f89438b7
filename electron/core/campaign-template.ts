// The 警示月 template, from the county notice (乌审旗 2024): the officer only adjusts it.
import type { CampaignInput } from './model';

export function warningMonthTemplate(docIds: readonly { docId: string; minutes: number }[], questionIds: readonly string[]): CampaignInput {
  return {
    name: '2024年“危险化学品生产安全事故警示月”安全专项整治',
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
    quiz: { mode: 'fixed', questionIds: [...questionIds], rules: [], timeLimitMinutes: 30, passMark: 80, maxAttempts: 2, shuffleQuestions: true, shuffleOptions: true, partialCredit: false, showAnswers: 'after_submit', maxLeaves: 0, anonymousGrading: false },
    essay: { minChars: 800, deadline: '2024-09-30', minCharsByCategory: {} },
    accidents: ['“9·7”事故', '近期国内外危险化学品生产安全事故', '2016年以来全市危险化学品生产安全事故'],
  };
}
