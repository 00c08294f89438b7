// 履职述职 (the notice's 二(三)): each reporter writes on how they carried out their post's safety
// duties, ran safety work, and followed the rules and operating procedures; their superior
// returns it with remarks or accepts it and scores it on a 计分表. Pure: the parts, the default
// score sheet, and the checks of a scoring.
import { said, type Message } from './message';
import { z } from 'zod';
import { countChars } from './essay';
import type { ReportLevel } from './model';

/** the three things the notice asks a 述职 to cover */
export const REPORT_PARTS = ['duties', 'work', 'rules'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];
export const REPORT_PART_NAMES: Record<ReportPart, string> = {
  duties: '履行岗位安全生产职责情况',
  work: '组织开展安全生产工作情况',
  rules: '遵守规章制度和操作规程情况',
};

export const reportPartsSchema = z.object(Object.fromEntries(REPORT_PARTS.map((p) => [p, z.string().max(20000)])) as Record<ReportPart, z.ZodString>).strict();
export type ReportParts = z.infer<typeof reportPartsSchema>;

/** One item of a 计分表: what is scored and its most points. */
export const scoreItemSchema = z.object({ name: z.string().trim().min(1, 'rule.scoreItem').max(80), max: z.number().positive().max(100) }).strict();
export type ScoreItem = z.infer<typeof scoreItemSchema>;

/** The 计分表 an enterprise starts from (editable): 100 points over what the notice asks. */
export function defaultScoreSheet(level: ReportLevel): ScoreItem[] {
  const lead = level === 'team' ? '班组' : level === 'workshop' ? '车间' : '分管范围';
  return [
    { name: '岗位安全生产责任制落实', max: 25 },
    { name: `${lead}安全生产工作组织开展（培训、检查、隐患整改）`, max: 25 },
    { name: '遵守规章制度和操作规程，制止“三违”', max: 20 },
    { name: '警示月活动参与（学习、剖析材料、述职）', max: 15 },
    { name: '问题整改和下一步措施的针对性', max: 15 },
  ];
}

export type ScoreCheck = { ok: true; total: number } | { ok: false; field: string; message: Message };

/** A scoring on a sheet: every item scored, none above its most or below 0; the total is their sum. */
export function checkScores(sheet: readonly ScoreItem[], points: readonly number[]): ScoreCheck {
  if (sheet.length === 0) return { ok: false, field: 'sheet', message: said('report.sheetEmpty') };
  if (points.length !== sheet.length) return { ok: false, field: 'points', message: said('report.sheetScoresCount', { items: sheet.length, scores: points.length }) };
  for (let i = 0; i < sheet.length; i++) {
    const p = points[i]!;
    if (!Number.isFinite(p) || p < 0 || p > sheet[i]!.max) return { ok: false, field: `points.${i}`, message: said('report.scoreOutOfRange', { name: sheet[i]!.name, max: sheet[i]!.max }) };
  }
  // in tenths: 0.1 + 0.2 is 0.3 here
  return { ok: true, total: Math.round(points.reduce((a, b) => a + b * 10, 0)) / 10 };
}

/** 不少于 this many 字 over the three parts */
export const REPORT_MIN_CHARS = 300;

export type ReportStatus = 'not_started' | 'draft' | 'submitted' | 'returned' | 'accepted';
export const REPORT_STATUS_NAMES: Record<ReportStatus, string> = { not_started: '未开始', draft: '草稿', submitted: '待审阅', returned: '已退回', accepted: '已通过' };

export function emptyReport(): ReportParts {
  return { duties: '', work: '', rules: '' };
}

/** 字数 per part and in total (as the essay counts them). */
export function countReport(parts: Partial<ReportParts>): { perPart: Record<ReportPart, number>; total: number } {
  const perPart = {} as Record<ReportPart, number>;
  let total = 0;
  for (const k of REPORT_PARTS) {
    perPart[k] = countChars(parts[k] ?? '');
    total += perPart[k];
  }
  return { perPart, total };
}

/** Every part written, and enough in all; else the field to name and why. */
export function checkReport(parts: ReportParts): { ok: true; total: number } | { ok: false; field: string; message: Message } {
  const c = countReport(parts);
  for (const k of REPORT_PARTS) if (c.perPart[k] === 0) return { ok: false, field: `parts.${k}`, message: said('report.fillInPart', { part: REPORT_PART_NAMES[k] }) };
  if (c.total < REPORT_MIN_CHARS) return { ok: false, field: 'parts', message: said('report.tooShort', { total: c.total, min: REPORT_MIN_CHARS }) };
  return { ok: true, total: c.total };
}

/** the level a report of this level goes to (the head reports to the bureau) */
export const REPORTS_TO: Record<ReportLevel, ReportLevel | 'bureau'> = { team: 'workshop', workshop: 'deputy', deputy: 'head', head: 'bureau' };
