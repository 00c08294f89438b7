// The calls of the question bank, and of taking a quiz and its statistics.
import { z } from 'zod';
import { QUESTION_TYPES, type Question } from '../../core/model';
import { call, UPLOAD, OFFICE, STUDENT, none, fileUpload, campaignRef } from './common';
import type { BankPreview, QuestionVersion, QuizAttemptView, QuizResultView, QuizReview, QuizStatsView } from '../views/quiz';

const answersSchema = z.record(z.string().max(64), z.array(z.string().max(2000)).max(8));

export const bankCalls = {
  'bank.list': call<Question[]>()(none, OFFICE),
  'bank.importPreview': call<BankPreview>()(fileUpload, OFFICE, UPLOAD),
  /** skipRefused: import the good questions of a file that has refused ones (the officer chose to, after the preview) */
  'bank.importCommit': call<{ added: number; duplicates: number; refused: number }>()(
    fileUpload.extend({ bank: z.string().trim().min(1).max(100), skipRefused: z.boolean().optional() }),
    OFFICE,
    UPLOAD,
  ),
  /** the refused questions of a bank file, as a sheet in our template to correct and import again */
  'bank.refusedSheet': call<{ fileName: string; base64: string }>()(fileUpload, OFFICE, UPLOAD),
  'bank.template': call<{ fileName: string; base64: string }>()(none, OFFICE),
  'bank.correctKey': call<{ regraded: number }>()(z.object({ questionId: z.string().min(1).max(64), answer: z.array(z.string().min(1).max(2000)).min(1).max(8) }), OFFICE),
  'bank.save': call<Question>()(
    z.object({
      /** absent: a new question */
      id: z.string().min(1).max(64).optional(),
      type: z.enum(QUESTION_TYPES),
      stem: z.string().trim().min(1, 'rule.stem').max(4000),
      options: z.array(z.string().trim().min(1, 'rule.option').max(1000)).max(8),
      answer: z.array(z.string().trim().min(1).max(2000)).min(1, 'rule.answer').max(8),
      explanation: z.string().trim().max(4000),
      score: z.number().positive().max(100),
      source: z.string().trim().max(200),
      bank: z.string().trim().max(100),
      difficulty: z.number().int().min(0).max(3),
      category: z.string().trim().max(60),
      tags: z.array(z.string().trim().min(1).max(30)).max(20),
      docId: z.string().max(80),
    }),
    OFFICE,
  ),
  'bank.history': call<QuestionVersion[]>()(z.object({ questionId: z.string().min(1).max(64) }), OFFICE),
  'bank.remove': call<{ removed: number }>()(z.object({ questionIds: z.array(z.string().min(1).max(64)).min(1).max(5000) }), OFFICE),
  'bank.export': call<{ fileName: string; base64: string }>()(z.object({ bank: z.string().max(100).optional(), format: z.enum(['xlsx', 'gift']) }), OFFICE),
} as const;

export const quizCalls = {
  'quiz.start': call<QuizAttemptView>()(campaignRef, STUDENT),
  'quiz.save': call<{ remainingMs: number }>()(z.object({ attemptId: z.string().min(1).max(64), answers: answersSchema, flags: z.array(z.string().max(64)).max(500).optional() }), STUDENT),
  'quiz.leave': call<{ leaves: number; submitted: QuizResultView | null }>()(z.object({ attemptId: z.string().min(1).max(64) }), STUDENT),
  'quiz.review': call<QuizReview>()(z.object({ attemptId: z.string().min(1).max(64) }), STUDENT),
  'quiz.submit': call<QuizResultView>()(z.object({ attemptId: z.string().min(1).max(64), answers: answersSchema }), STUDENT),

  'quiz.stats': call<QuizStatsView>()(campaignRef, [...OFFICE, 'archivist']),
  'quiz.scoreSheet': call<{ fileName: string; base64: string }>()(campaignRef, [...OFFICE, 'archivist']),
} as const;
