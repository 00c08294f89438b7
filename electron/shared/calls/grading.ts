// The calls of grading answers and reviewing essays.
import { z } from 'zod';
import { employeeNoSchema, ALL_ESSAY_PARTS } from '../../core/model';
import { call, OFFICE, campaignRef } from './common';
import type { GradingQueue } from '../views/grading';

export const gradingCalls = {
  'grading.queue': call<GradingQueue>()(campaignRef, OFFICE),
  /** an answer named by the queue's `ref` (always possible; the only way while grading is anonymous), or by 工号 and attempt */
  'grading.gradeAnswer': call<{ ok: true }>()(
    z
      .object({
        ref: z.string().min(1).max(400).optional(),
        employeeNo: employeeNoSchema.optional(),
        attemptId: z.string().min(1).max(64).optional(),
        questionId: z.string().min(1).max(64),
        score: z.number().min(0).max(100),
        comment: z.string().max(2000),
      })
      .refine((x) => (x.ref !== undefined) !== (x.employeeNo !== undefined && x.attemptId !== undefined), { message: 'rule.attemptRef', path: ['ref'] }),
    OFFICE,
  ),
  'grading.reviewEssay': call<{ ok: true }>()(
    campaignRef.extend({
      employeeNo: employeeNoSchema,
      version: z.number().int().min(1),
      decision: z.enum(['accept', 'return']),
      comment: z.string().max(4000),
      partComments: z
        .array(z.object({ part: z.enum(ALL_ESSAY_PARTS), comment: z.string().trim().min(1).max(2000), quote: z.string().max(500).default('') }))
        .max(20)
        .default([]),
      /** accepting an essay flagged as similar needs a reason */
      override: z.string().trim().max(500).optional(),
    }),
    OFFICE,
  ),
} as const;
