// The templates a new campaign starts from, dated from a start the officer chooses (a template made
// today never starts in the past unless the officer says so): the 警示月 from the county notice
// (乌审旗 2024), 三级安全教育 for new hires, the annual refresher and a month of 班组安全活动.
// Pure: the caller passes the start, the bank and the enterprise's settings.
import type { CampaignInput, DrawRule, Question, Settings } from './model';
import { drawPaper } from './paper';
import { addDays, lastOfMonth, monthDay } from './days';

/** The kinds a template exists for ('other' starts from any of them). */
export const TEMPLATE_KINDS = ['warning', 'induction', 'refresher', 'team'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

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

/** What every template is made of besides its dates: the required documents, the bank, the enterprise's figures. */
export interface TemplateParts {
  documents: readonly { docId: string; minutes: number }[];
  /** the whole bank's ids: the fixed paper when the rules cannot be filled */
  questionIds: readonly string[];
  rules: DrawRule[] | null;
  settings: Pick<Settings, 'categoryTargets' | 'campaignTargetsByCategory'>;
}

/** Every kind asks the warning month's paper (drawn from every required document, or fixed when the bank cannot fill it). */
function quizOf(p: TemplateParts): CampaignInput['quiz'] {
  return {
    mode: p.rules ? 'random' : 'fixed',
    questionIds: p.rules ? [] : [...p.questionIds],
    rules: p.rules ? structuredClone(p.rules) : [],
    timeLimitMinutes: 30,
    passMark: 80,
    maxAttempts: 2,
    shuffleQuestions: true,
    shuffleOptions: true,
    partialCredit: false,
    showAnswers: 'after_submit',
    maxLeaves: 0,
    anonymousGrading: false,
  };
}

/** A campaign of `start`–`end` that studies the whole time, asks no essay and lists no phases. */
function plain(p: TemplateParts, start: string, end: string): Omit<CampaignInput, 'name' | 'kind' | 'targetCreditHours'> {
  return {
    participants: { kind: 'all' },
    start,
    end,
    studyStart: start,
    studyEnd: end,
    phases: [],
    documents: p.documents.map((d) => ({ ...d })),
    targetByCategory: {},
    quiz: quizOf(p),
    essay: { minChars: 0, deadline: end, minCharsByCategory: {} },
    accidents: [],
  };
}

const yearOf = (day: string) => day.slice(0, 4);
const monthOf = (day: string) => Number(day.slice(5, 7));

/**
 * The 警示月 as the notice dates it from 9月1日, moved to `start`: 45 days to 10月15日, phases
 * 9/1–9/5, 9/6–9/30 and 9/20–10/15, the study week 9/6–9/12, the essays by 9/30, 自查自改 and the
 * summary report by 9/20 (the last phase's first day; its name says the moved date).
 */
export function warningMonthTemplate(start: string, p: TemplateParts): CampaignInput {
  const d = (n: number) => addDays(start, n);
  const byDay = d(19);
  return {
    name: `${yearOf(start)}年“危险化学品生产安全事故警示月”安全专项整治`,
    kind: 'warning',
    participants: { kind: 'all' },
    start,
    end: d(44),
    studyStart: d(5),
    studyEnd: d(11),
    phases: [
      { name: '动员部署阶段', start, end: d(4) },
      { name: `专项整治阶段（${monthDay(byDay)}前完成自查自改）`, start: d(5), end: d(29) },
      { name: `总结提升阶段（总结报告${monthDay(byDay)}前报送）`, start: byDay, end: d(44) },
    ],
    documents: p.documents.map((x) => ({ ...x })),
    targetCreditHours: 8,
    // what a new campaign asks of some person categories (settings)
    targetByCategory: { ...p.settings.campaignTargetsByCategory },
    quiz: quizOf(p),
    essay: { minChars: 800, deadline: d(29), minCharsByCategory: {} },
    accidents: ['“9·7”事故', '近期国内外危险化学品生产安全事故', '2016年以来全市危险化学品生产安全事故'],
  };
}

/** The category whose figures the templates for everyone take (the one most of a plant's people are in). */
const COMMON_CATEGORY = '其他从业人员' as const;

/**
 * 三级安全教育 for new hires: 30 days from `start`, the initial 学时 of 其他从业人员 (72 by default)
 * split over the three levels as evenly as whole hours allow (the split is the enterprise's choice;
 * the total is the category's figure). Participants: the category 其他从业人员, as a valid start the
 * officer narrows to this intake's 工号 before saving.
 */
export function inductionTemplate(start: string, p: TemplateParts): CampaignInput {
  const total = p.settings.categoryTargets[COMMON_CATEGORY]?.initial ?? 72;
  const each = Math.floor(total / 3);
  const end = addDays(start, 30);
  return {
    ...plain(p, start, end),
    name: `${yearOf(start)}年${monthOf(start)}月新员工三级安全教育`,
    kind: 'induction',
    participants: { kind: 'some', depts: [], teams: [], categories: [COMMON_CATEGORY], employeeNos: [] },
    induction: {
      levels: [
        { level: 'company', hours: total - 2 * each },
        { level: 'workshop', hours: each },
        { level: 'team', hours: each },
      ],
    },
    targetCreditHours: total,
  };
}

/** The annual refresher (年度再培训): from `start` to 31 December of that year, each category's annual 学时. */
export function refresherTemplate(start: string, p: TemplateParts): CampaignInput {
  const t = p.settings.categoryTargets;
  const targetByCategory = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.annual])) as CampaignInput['targetByCategory'];
  return {
    ...plain(p, start, `${yearOf(start)}-12-31`),
    name: `${yearOf(start)}年度从业人员安全再培训`,
    kind: 'refresher',
    targetCreditHours: t[COMMON_CATEGORY]?.annual ?? 20,
    targetByCategory,
  };
}

/** No statute we know of names the 学时 of a month's 班组安全活动: an editable default of the enterprise. */
export const TEAM_MONTH_HOURS = 2;

/** A month of 班组安全活动: from `start` to the last day of its month. */
export function teamMonthTemplate(start: string, p: TemplateParts): CampaignInput {
  return {
    ...plain(p, start, lastOfMonth(start)),
    name: `${yearOf(start)}年${monthOf(start)}月班组安全活动`,
    kind: 'team',
    targetCreditHours: TEAM_MONTH_HOURS,
  };
}

export function campaignTemplateOf(kind: TemplateKind, start: string, p: TemplateParts): CampaignInput {
  const make = { warning: warningMonthTemplate, induction: inductionTemplate, refresher: refresherTemplate, team: teamMonthTemplate }[kind];
  return make(start, p);
}
