// The words of the working files an officer downloads (学时台账, 成绩单), in the language of the
// caller's screen. Records made for the file of the enterprise or for the bureau (一人一档, 一期一档,
// 剖析材料, 总结报告, 问题台账) are written in Chinese whatever the screen shows: they are the record.
// What people entered (names, departments, categories, document titles) is data and stays as entered.
import { COLLECTIVE_TYPE_NAMES, INDUCTION_LEVEL_NAMES, PERSON_CATEGORIES, type CollectiveType, type EssayStatus, type InductionLevel, type PersonCategory } from '../../../core/model';
import type { Lang } from '../ports';

const COLLECTIVE_EN: Record<CollectiveType, string> = {
  film: 'Warning-education film',
  lecture: 'Accident case lecture',
  seminar: 'Topic seminar',
  group: 'Group discussion',
  mobilization: 'Mobilization meeting',
  forum: 'Safety lecture hall',
  oath: 'Safety oath',
  speech: 'Safety speeches',
};

export interface LedgerWords {
  sheet: string;
  title: (enterprise: string, campaign: string) => string;
  scope: (start: string, end: string, minutes: number, targets: string) => string;
  /** the required hours: the campaign's, and each category's that differs */
  targets: (all: number, byCategory: [PersonCategory, number][]) => string;
  headers: string[];
  yes: string;
  no: string;
  pending: string;
  essay: Record<EssayStatus, string>;
  detailSheet: string;
  detailHeaders: string[];
  selfStudy: string;
  collective: (t: CollectiveType) => string;
  reasons: Record<string, string>;
  minutes: (reason: string, n: number) => string;
  joiner: string;
  checks: (answered: number, issued: number, missed: number) => string;
  fileName: (studyStart: string) => string;
  /** 三级安全教育 (an induction campaign only): a sheet of each person's three levels */
  inductionSheet: string;
  inductionHeaders: string[];
  levels: Record<InductionLevel, string>;
  /** the responsible person who signed the level on the paper card, and their post */
  signer: (name: string, post: string) => string;
  unsigned: string;
}

export const LEDGER_WORDS: Record<Lang, LedgerWords> = {
  'zh-CN': {
    sheet: '学时台账',
    title: (e, c) => `${e} ${c} 学时台账`,
    scope: (s, e, m, t) => `集中学习 ${s} 至 ${e}；每学时 ${m} 分钟；要求 ${t}`,
    targets: (all, by) => `${all} 学时${by.length ? `（${by.map(([k, h]) => `${k} ${h} 学时`).join('，')}）` : ''}`,
    headers: [
      '工号',
      '姓名',
      '部门/车间',
      '班组',
      '人员类别',
      '集中学习(小时)',
      '自学(小时)',
      '合计(小时)',
      '学时',
      '要求学时',
      '是否达标',
      '考核成绩',
      '剖析材料',
      '防挂机验证(未完成/总数)',
      '本年度学时',
      '年度要求学时',
    ],
    yes: '是',
    no: '否',
    pending: '待阅卷',
    essay: { not_started: '未开始', draft: '草稿', submitted: '已提交', returned: '退回修改', accepted: '已通过' },
    detailSheet: '学习记录明细',
    detailHeaders: ['工号', '姓名', '类型', '开始', '结束', '内容', '计入(分钟)', '未计入(分钟)', '未计入原因', '防挂机验证'],
    selfStudy: '自学',
    collective: (t) => COLLECTIVE_TYPE_NAMES[t],
    reasons: { idle: '无操作', hidden: '窗口不可见', unfocused: '窗口不在前台', locked: '锁屏', gap: '计时中断', check_missed: '防挂机验证未完成', daily_cap: '超过每日上限' },
    minutes: (r, n) => `${r} ${n} 分钟`,
    joiner: '；',
    checks: (a, i, m) => `${a}/${i}（未完成 ${m}）`,
    fileName: (s) => `学时台账-${s}.xlsx`,
    inductionSheet: '三级安全教育',
    inductionHeaders: ['工号', '姓名', '部门/车间', '班组', '级别', '学时', '负责人签字', '完成日期'],
    levels: INDUCTION_LEVEL_NAMES,
    signer: (n, p) => (p ? `${n}（${p}）` : n),
    unsigned: '未签字',
  },
  'en-US': {
    sheet: 'Study hours',
    title: (e, c) => `${e} ${c}: study hours ledger`,
    scope: (s, e, m, t) => `Concentrated study ${s} to ${e}; ${m} minutes per credit hour; required ${t}`,
    targets: (all, by) => `${all} credit hours${by.length ? ` (${by.map(([k, h]) => `${k} ${h}`).join(', ')})` : ''}`,
    headers: [
      'Employee no.',
      'Name',
      'Department',
      'Team',
      'Category',
      'Collective (hours)',
      'Self-study (hours)',
      'Total (hours)',
      'Credit hours',
      'Required',
      'Target met',
      'Quiz score',
      'Self-analysis',
      'Attention checks (missed/issued)',
      'Credit hours this year',
      'Required this year',
    ],
    yes: 'yes',
    no: 'no',
    pending: 'awaiting grading',
    essay: { not_started: 'not started', draft: 'draft', submitted: 'handed in', returned: 'returned', accepted: 'accepted' },
    detailSheet: 'Study records',
    detailHeaders: ['Employee no.', 'Name', 'Kind', 'Start', 'End', 'Content', 'Counted (minutes)', 'Not counted (minutes)', 'Why not counted', 'Attention checks'],
    selfStudy: 'Self-study',
    collective: (t) => COLLECTIVE_EN[t],
    reasons: { idle: 'no input', hidden: 'window hidden', unfocused: 'window not in front', locked: 'screen locked', gap: 'timing gap', check_missed: 'check missed', daily_cap: 'over daily limit' },
    minutes: (r, n) => `${r} ${n} min`,
    joiner: '; ',
    checks: (a, i, m) => `${a}/${i} (missed ${m})`,
    fileName: (s) => `study-hours-${s}.xlsx`,
    inductionSheet: 'Induction levels',
    inductionHeaders: ['Employee no.', 'Name', 'Department', 'Team', 'Level', 'Credit hours', 'Signed by (responsible person)', 'Date completed'],
    levels: { company: 'Company level', workshop: 'Workshop level', team: 'Team level' },
    signer: (n, p) => (p ? `${n} (${p})` : n),
    unsigned: 'not signed',
  },
};

/** The campaign's required hours in words: its own, and each category's that differs. */
export function targetWords(w: LedgerWords, c: { targetCreditHours: number; targetByCategory?: Partial<Record<PersonCategory, number>> }): string {
  const by = PERSON_CATEGORIES.filter((k) => c.targetByCategory?.[k] !== undefined && c.targetByCategory[k] !== c.targetCreditHours).map((k): [PersonCategory, number] => [k, c.targetByCategory![k]!]);
  return w.targets(c.targetCreditHours, by);
}

export interface ScoreSheetWords {
  sheet: string;
  title: (enterprise: string, campaign: string) => string;
  rule: (passMark: number) => string;
  headers: string[];
  absent: string;
  pending: string;
  passed: string;
  failed: string;
  auto: string;
  graderJoiner: string;
  examiner: string;
  date: string;
  fileName: (studyStart: string) => string;
}

export const SCORE_SHEET_WORDS: Record<Lang, ScoreSheetWords> = {
  'zh-CN': {
    sheet: '成绩单',
    title: (e, c) => `${e} ${c} 考核成绩单`,
    rule: (m) => `及格分 ${m}（百分制）；每人取最好成绩`,
    headers: ['序号', '工号', '姓名', '部门/车间', '班组', '考核次数', '交卷时间', '用时（分钟）', '得分', '满分', '百分制', '结果', '阅卷人', '本人签字'],
    absent: '未参加',
    pending: '待阅卷',
    passed: '合格',
    failed: '不合格',
    auto: '系统自动评分',
    graderJoiner: '、',
    examiner: '考核人签字：',
    date: '日期：',
    fileName: (s) => `考核成绩单-${s}.xlsx`,
  },
  'en-US': {
    sheet: 'Scores',
    title: (e, c) => `${e} ${c}: quiz score sheet`,
    rule: (m) => `Pass mark ${m} (out of 100); each person's best attempt`,
    headers: ['No.', 'Employee no.', 'Name', 'Department', 'Team', 'Attempts', 'Handed in', 'Time taken (minutes)', 'Score', 'Out of', 'Percent', 'Result', 'Graded by', 'Signature'],
    absent: 'did not take part',
    pending: 'awaiting grading',
    passed: 'passed',
    failed: 'failed',
    auto: 'scored automatically',
    graderJoiner: ', ',
    examiner: 'Examiner:',
    date: 'Date:',
    fileName: (s) => `quiz-scores-${s}.xlsx`,
  },
};
