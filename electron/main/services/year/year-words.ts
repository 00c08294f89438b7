// The words of the 年度学时台账 (a working file the officer downloads), in the language of their screen.
// Names, departments and categories are data and stay as entered.
import type { Lang } from '../ports';

export interface YearLedgerWords {
  sheet: string;
  title: (enterprise: string, year: string) => string;
  /** what is counted, as of when, and the requirement per category */
  rule: (year: string, asOf: string, minutes: number, targets: [string, number, number][]) => string;
  headers: string[];
  requirement: { annual: string; initial: string };
  yes: string;
  no: string;
  joiner: string;
  groupSheets: { dept: string; team: string; category: string };
  groupHeaders: { dept: string[]; team: string[]; category: string[] };
  fileName: (year: string) => string;
}

const COUNTS = ['人数', '达标', '未达标', '平均学时'];
const COUNTS_EN = ['People', 'Met', 'Short', 'Average credit hours'];

export const YEAR_LEDGER_WORDS: Record<Lang, YearLedgerWords> = {
  'zh-CN': {
    sheet: '年度学时台账',
    title: (e, y) => `${e} ${y} 年度学时台账`,
    rule: (y, asOf, m, ts) =>
      `统计 ${y} 年内（截至 ${asOf}）所有培训活动中计入的自学和集中学习时间，同一段自学计入多个培训活动时只计一次；每学时 ${m} 分钟。` +
      `要求学时按系统设置的人员类别年度再培训学时：${ts.map(([k, a]) => `${k} ${a}`).join('，')}；` +
      `当年参加新员工入职培训的，按初次培训学时：${ts.map(([k, , i]) => `${k} ${i}`).join('，')}（以正式文本为准）。`,
    headers: ['工号', '姓名', '部门/车间', '班组', '人员类别', '本年度学时', '要求学时', '要求依据', '是否达标', '差额学时', '参加的培训活动'],
    requirement: { annual: '年度再培训', initial: '初次培训（新员工）' },
    yes: '是',
    no: '否',
    joiner: '；',
    groupSheets: { dept: '部门', team: '班组', category: '类别' },
    groupHeaders: { dept: ['部门/车间', ...COUNTS], team: ['部门/车间', '班组', ...COUNTS], category: ['人员类别', ...COUNTS] },
    fileName: (y) => `年度学时台账-${y}.xlsx`,
  },
  'en-US': {
    sheet: 'Year ledger',
    title: (e, y) => `${e} ${y}: credit hours of the year`,
    rule: (y, asOf, m, ts) =>
      `Self-study and collective sessions counted in ${y} (as of ${asOf}) in every campaign; a stretch of self-study that counts toward several campaigns is counted once; ${m} minutes per credit hour. ` +
      `Required: the annual retraining hours of each category as set in Settings: ${ts.map(([k, a]) => `${k} ${a}`).join(', ')}; ` +
      `for new hires in an induction that year, the initial training hours: ${ts.map(([k, , i]) => `${k} ${i}`).join(', ')} (the official text prevails).`,
    headers: ['Employee no.', 'Name', 'Department', 'Team', 'Category', 'Credit hours this year', 'Required', 'Requirement', 'Met', 'Short by', 'Campaigns'],
    requirement: { annual: 'annual retraining', initial: 'initial training (new hire)' },
    yes: 'yes',
    no: 'no',
    joiner: '; ',
    groupSheets: { dept: 'Departments', team: 'Teams', category: 'Categories' },
    groupHeaders: { dept: ['Department', ...COUNTS_EN], team: ['Department', 'Team', ...COUNTS_EN], category: ['Category', ...COUNTS_EN] },
    fileName: (y) => `year-ledger-${y}.xlsx`,
  },
};
