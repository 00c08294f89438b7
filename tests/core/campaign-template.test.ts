// Templates dated from the start the officer chooses: every kind's dates valid, ordered and from
// that day; the warning month keeps the notice's shape wherever it starts, and its plan agrees
// with the dates its phases name; 三级安全教育 adds up to the category's initial 学时.
import { describe, expect, it } from 'vitest';
import { campaignTemplateOf, TEMPLATE_KINDS, warningMonthTemplate, type TemplateParts } from '../../electron/core/campaign-template';
import { addDays, isCalendarDay, lastOfMonth } from '../../electron/core/days';
import { campaignInputSchema, DEFAULT_SETTINGS, type CampaignInput } from '../../electron/core/model';
import { taskState, warningMonthTasks } from '../../electron/core/plan';

const parts = (settings: TemplateParts['settings'] = DEFAULT_SETTINGS): TemplateParts => ({
  documents: [
    { docId: 'law-a', minutes: 60 },
    { docId: 'law-b', minutes: 30 },
  ],
  questionIds: ['q1', 'q2'],
  rules: null,
  settings,
});

const STARTS = ['2026-12-06', '2027-02-28', '2028-02-29', '2027-12-31', '2026-09-01', '2024-09-01'];

/** every date a campaign names, each with the window it must fall in */
function ordered(c: CampaignInput): void {
  expect(c.start <= c.studyStart && c.studyStart <= c.studyEnd && c.studyEnd <= c.end).toBe(true);
  expect(c.start <= c.essay.deadline && c.essay.deadline <= c.end).toBe(true);
  for (const p of c.phases) expect(c.start <= p.start && p.start <= p.end && p.end <= c.end).toBe(true);
  for (const d of [c.start, c.end, c.studyStart, c.studyEnd, c.essay.deadline, ...c.phases.flatMap((p) => [p.start, p.end])]) expect(isCalendarDay(d)).toBe(true);
}

describe('calendar days', () => {
  it('adds across months, years and 29 February; knows which days exist', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(lastOfMonth('2028-02-10')).toBe('2028-02-29');
    expect(lastOfMonth('2027-02-10')).toBe('2027-02-28');
    expect(lastOfMonth('2027-12-31')).toBe('2027-12-31');
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2027-02-29')).toBe(false);
    expect(isCalendarDay('2027-02-30')).toBe(false);
    expect(isCalendarDay('2027-13-01')).toBe(false);
  });
});

describe('the warning month from a chosen start', () => {
  it('from 1 September 2024 it is the notice as before: the same dates and names', () => {
    const c = warningMonthTemplate('2024-09-01', parts());
    expect(c).toMatchObject({
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
      essay: { minChars: 800, deadline: '2024-09-30' },
      targetCreditHours: 8,
    });
  });

  it.each(STARTS)('from %s: the same shape moved, the year and dates its names say are the moved ones, nothing ended or overdue that day', (start) => {
    const c = warningMonthTemplate(start, parts());
    expect(c.start).toBe(start);
    expect(c.name.startsWith(`${start.slice(0, 4)}年`)).toBe(true);
    expect(campaignInputSchema.safeParse(c).success).toBe(true);
    ordered(c);
    const off = (d: string) => (Date.parse(d) - Date.parse(start)) / 86_400_000;
    expect([c.end, c.studyStart, c.studyEnd, c.essay.deadline].map(off)).toEqual([44, 5, 11, 29]);
    expect(c.phases.map((p) => [off(p.start), off(p.end)])).toEqual([
      [0, 4],
      [5, 29],
      [19, 44],
    ]);
    expect(c.phases.every((p) => p.end >= start)).toBe(true);
    // the day the two later phases name: the last phase's first day
    const by = c.phases[2]!.start;
    const named = `${Number(by.slice(5, 7))}月${Number(by.slice(8, 10))}日前`;
    expect(c.phases[1]!.name).toContain(named);
    expect(c.phases[2]!.name).toContain(named);
    const tasks = warningMonthTasks(c);
    expect(tasks.filter((t) => taskState({ status: 'open', due: t.due }, start) === 'overdue')).toEqual([]);
    expect(tasks.find((t) => t.kind === 'summary')!.due).toBe(by);
    expect(tasks.filter((t) => t.kind === 'inspection').map((t) => t.due)).toEqual([by, by, by, by]);
  });
});

describe('every kind from a chosen start', () => {
  it.each(TEMPLATE_KINDS.flatMap((k) => STARTS.map((s) => [k, s] as const)))('%s from %s: valid, ordered, starts that day', (kind, start) => {
    const c = campaignTemplateOf(kind, start, parts());
    expect(c.kind).toBe(kind);
    expect(c.start).toBe(start);
    expect(campaignInputSchema.safeParse(c).success).toBe(true);
    ordered(c);
  });

  it('三级安全教育: 30 days, no essay, levels that add up to the initial 学时 of 其他从业人员, for a category the officer narrows', () => {
    const c = campaignTemplateOf('induction', '2027-02-28', parts());
    expect(c.end).toBe('2027-03-30');
    expect([c.studyStart, c.studyEnd]).toEqual([c.start, c.end]);
    expect(c.essay.minChars).toBe(0);
    expect(c.induction!.levels).toEqual([
      { level: 'company', hours: 24 },
      { level: 'workshop', hours: 24 },
      { level: 'team', hours: 24 },
    ]);
    expect(c.targetCreditHours).toBe(72);
    expect(c.participants).toEqual({ kind: 'some', depts: [], teams: [], categories: ['其他从业人员'], employeeNos: [] });
    // the enterprise's own figure, not divisible by three: the levels still add up to it
    const own = { ...DEFAULT_SETTINGS, categoryTargets: { ...DEFAULT_SETTINGS.categoryTargets, 其他从业人员: { initial: 80, annual: 24 } } };
    const d = campaignTemplateOf('induction', '2027-02-28', parts(own));
    expect(d.induction!.levels.reduce((a, l) => a + l.hours, 0)).toBe(80);
    expect(d.targetCreditHours).toBe(80);
  });

  it('年度再培训: to 31 December of the start’s year, each category its annual 学时', () => {
    const c = campaignTemplateOf('refresher', '2027-03-15', parts());
    expect(c.end).toBe('2027-12-31');
    expect(c.targetCreditHours).toBe(20);
    expect(c.targetByCategory).toEqual({ 主要负责人: 16, 安全管理人员: 16, 特种作业人员: 20, 其他从业人员: 20 });
    expect(c.documents.map((d) => d.docId)).toEqual(['law-a', 'law-b']);
    expect(campaignTemplateOf('refresher', '2027-12-31', parts()).end).toBe('2027-12-31');
  });

  it('班组安全活动: from the start to its month’s last day, named by the month, 2 学时', () => {
    const c = campaignTemplateOf('team', '2028-02-10', parts());
    expect([c.start, c.end, c.name, c.targetCreditHours]).toEqual(['2028-02-10', '2028-02-29', '2028年2月班组安全活动', 2]);
    expect(campaignTemplateOf('team', '2027-12-31', parts()).end).toBe('2027-12-31');
  });
});
