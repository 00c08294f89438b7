// The calls of counted study time (self-study and collective sessions), and of one's own progress.
import { z } from 'zod';
import { collectiveInputSchema, employeeNoSchema } from '../../core/model';
import { minutesInputSchema } from '../../core/discussion';
import { call, OFFICE, STUDENT, campaignRef } from './common';
import type { BeatReply, StudyStartReply, CollectiveView } from '../views/study';
import type { MyProgress } from '../views/progress';

export const studyCalls = {
  'study.start': call<StudyStartReply>()(campaignRef.extend({ docId: z.string().min(1).max(80), key: z.string().max(40).optional() }), STUDENT),
  'study.beat': call<BeatReply>()(z.object({ sessionId: z.string().min(1).max(64), visible: z.boolean(), focused: z.boolean(), interacted: z.boolean(), locked: z.boolean().optional() }), STUDENT),
  'study.answerCheck': call<BeatReply>()(z.object({ sessionId: z.string().min(1).max(64), checkId: z.string().min(1).max(64), answer: z.string().max(20) }), STUDENT),
  'study.stop': call<{ ok: true }>()(z.object({ sessionId: z.string().min(1).max(64) }), STUDENT),
  'progress.mine': call<MyProgress>()(campaignRef, STUDENT),
} as const;

export const collectiveCalls = {
  'collective.list': call<CollectiveView[]>()(campaignRef, OFFICE),
  'collective.save': call<CollectiveView>()(collectiveInputSchema, OFFICE),
  'collective.attendance': call<CollectiveView>()(z.object({ sessionId: z.string().min(1).max(64), employeeNos: z.array(employeeNoSchema).max(5000) }), OFFICE),
  /** the minutes of a 研讨 (seminar, group discussion): speakers among the attendees, points, conclusions, follow-ups */
  'collective.minutes': call<CollectiveView>()(minutesInputSchema, OFFICE),
  'collective.openCheckIn': call<CollectiveView>()(z.object({ sessionId: z.string().min(1).max(64), minutes: z.number().int().min(1).max(240) }), OFFICE),
  'collective.checkIn': call<CollectiveView>()(
    z.object({
      code: z
        .string()
        .trim()
        .regex(/^\d{4}$/, 'rule.checkInCode'),
    }),
    STUDENT,
  ),
} as const;
