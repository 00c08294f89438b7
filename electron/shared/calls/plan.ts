// The calls of the campaign plan.
import { z } from 'zod';
import { taskInputSchema } from '../../core/plan';
import { call, OFFICE, campaignRef } from './common';
import type { PlanTaskView, PlanView } from '../views/plan';

export const planCalls = {
  'plan.get': call<PlanView>()(campaignRef, [...OFFICE, 'archivist']),
  /** the warning month's tasks, dated from the campaign (only while it has none) */
  'plan.fromTemplate': call<PlanView>()(campaignRef, OFFICE),
  'plan.saveTask': call<PlanTaskView>()(taskInputSchema, OFFICE),
  'plan.setDone': call<PlanTaskView>()(z.object({ taskId: z.string().uuid(), done: z.boolean() }).strict(), OFFICE),
  'plan.deleteTask': call<{ ok: true }>()(z.object({ taskId: z.string().uuid() }).strict(), OFFICE),
} as const;
