// The calls of practice and the 错题本.
import { z } from 'zod';
import { call, OFFICE, STUDENT, campaignRef } from './common';
import type { PracticeQuestion, PracticeOptions, PracticeFeedback, BookView, WeakSpot } from '../views/practice';

export const practiceCalls = {
  'practice.options': call<PracticeOptions>()(campaignRef, STUDENT),
  'practice.draw': call<PracticeQuestion[]>()(
    campaignRef
      .extend({ mode: z.enum(['doc', 'random', 'book']), docId: z.string().min(1).max(80).optional(), category: z.string().max(60).optional(), count: z.number().int().min(1).max(50) })
      .strict(),
    STUDENT,
  ),
  'practice.answer': call<PracticeFeedback>()(campaignRef.extend({ questionId: z.string().min(1).max(64), answer: z.array(z.string().max(2000)).max(8) }).strict(), STUDENT),
  'practice.book': call<BookView>()(campaignRef, STUDENT),
  'practice.weakSpots': call<WeakSpot[]>()(campaignRef, [...OFFICE, 'archivist']),
} as const;
