// The calls of 三级安全教育 (induction): the board of a campaign's new hires and their three levels,
// entering a level signed on the paper card, and taking a mistaken entry back.
import { z } from 'zod';
import { employeeNoSchema, INDUCTION_LEVELS, isoDateSchema } from '../../core/model';
import { call, OFFICE, campaignRef } from './common';
import type { InductionBoard } from '../views/induction';

export const inductionCalls = {
  'induction.board': call<InductionBoard>()(campaignRef, OFFICE),
  'induction.sign': call<InductionBoard>()(
    campaignRef.extend({
      employeeNo: employeeNoSchema,
      level: z.enum(INDUCTION_LEVELS),
      date: isoDateSchema,
      signer: employeeNoSchema,
      content: z.string().trim().max(200),
    }),
    OFFICE,
  ),
  'induction.revoke': call<InductionBoard>()(
    campaignRef.extend({ employeeNo: employeeNoSchema, level: z.enum(INDUCTION_LEVELS), reason: z.string().trim().min(2, 'rule.revokeReason').max(200) }),
    OFFICE,
  ),
} as const;
