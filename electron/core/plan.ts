// The campaign as a plan: the tasks the notice asks of an enterprise in the warning month, each with
// a deadline, an owner, a status and evidence. Pure functions: the template, and what is due.
import { z } from 'zod';
import type { CampaignInput } from './model';

export const TASK_KINDS = ['mobilization', 'warning', 'study', 'assessment', 'essay', 'report', 'inspection', 'lecture', 'summary', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

import { INSPECTION_KINDS, type InspectionKind } from './inspection';

const isoDate = z.string().regex(/^\d{4}-\d\d-\d\d$/, 'rule.dateFormat');

export const taskInputSchema = z
  .object({
    id: z.string().uuid().optional(),
    campaignId: z.string().min(1).max(64),
    title: z.string().trim().min(1, 'rule.taskName').max(120),
    kind: z.enum(TASK_KINDS),
    /** the index of the campaign phase it belongs to (null: not tied to a phase) */
    phase: z.number().int().min(0).max(9).nullable(),
    due: isoDate,
    /** who answers for it (a 工号 of the roster), or nobody yet */
    owner: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .nullable(),
    note: z.string().max(2000).default(''),
    /** collective sessions that are its evidence (动员部署会, 大讲堂, 宣誓, 演讲 …) */
    sessionIds: z.array(z.string().min(1).max(64)).max(50).default([]),
    /** an inspection task: which kind of inspection is its evidence in the 问题台账 */
    inspectionKind: z.enum(INSPECTION_KINDS).optional(),
  })
  .strict();
export type TaskInput = z.infer<typeof taskInputSchema>;

export interface PlanTask extends TaskInput {
  id: string;
  status: 'open' | 'done';
  doneAt: string | null;
  doneBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The warning month's tasks as the county notice lists them, dated from the campaign's own phases
 * and dates (so a campaign moved to other dates brings its tasks along).
 */
export function warningMonthTasks(c: Pick<CampaignInput, 'phases' | 'studyEnd' | 'end' | 'essay'>): Omit<TaskInput, 'campaignId'>[] {
  const phase = (i: number) => c.phases[i] ?? null;
  const endOf = (i: number, fallback: string) => phase(i)?.end ?? fallback;
  // 自查自改 and the summary report are due by the start of the last phase (9/20 in the notice, and the phases' names say so)
  const byLastPhase = phase(2)?.start ?? endOf(1, c.end);
  const at = (i: number) => (phase(i) ? i : null);
  const t = (title: string, kind: TaskKind, p: number, due: string, inspectionKind?: InspectionKind): Omit<TaskInput, 'campaignId'> => ({
    title,
    kind,
    phase: at(p),
    due,
    owner: null,
    note: '',
    sessionIds: [],
    ...(inspectionKind ? { inspectionKind } : {}),
  });
  return [
    t('召开全员动员部署会', 'mobilization', 0, endOf(0, c.studyEnd)),
    t('警示教育：观看警示片，学习事故调查报告', 'warning', 0, c.studyEnd),
    t('集中学习法律法规和标准（不少于一周）', 'study', 1, c.studyEnd),
    t('学习考核', 'assessment', 1, endOf(1, c.end)),
    t('全员撰写个人剖析材料，存入个人安全教育档案', 'essay', 1, c.essay.deadline),
    t('逐级履职述职（班组长→车间主任→分管副总→总经理）', 'report', 1, endOf(1, c.end)),
    t('操作规程逐岗审查（对照 AQ/T 3034-2022）', 'inspection', 1, byLastPhase, 'procedure'),
    t('异常工况处置检查', 'inspection', 1, byLastPhase, 'abnormal'),
    t('检维修和特殊作业检查（作业票、电子作业票系统）', 'inspection', 1, byLastPhase, 'maintenance'),
    t('安全生产治本攻坚检查', 'inspection', 1, byLastPhase, 'rootcause'),
    t('安全大讲堂、安全宣誓、安全演讲', 'lecture', 1, endOf(1, c.end)),
    t('形成总结报告报送应急管理局', 'summary', 2, byLastPhase),
  ];
}

/** Where a task stands on `today` (a local date): done, overdue, due within `soonDays`, or later. */
export function taskState(task: Pick<PlanTask, 'status' | 'due'>, today: string, soonDays = 3): 'done' | 'overdue' | 'soon' | 'later' {
  if (task.status === 'done') return 'done';
  if (task.due < today) return 'overdue';
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + soonDays * 86_400_000).toISOString().slice(0, 10);
  return task.due <= soon ? 'soon' : 'later';
}
