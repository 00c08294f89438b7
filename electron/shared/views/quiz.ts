// What the question bank and quiz calls answer: a bank import's preview, a question's versions,
// an attempt, its result and review, the campaign's statistics.
import type { Question, QuestionForTaker, QuestionType } from '../../core/model';
import type { PaperStats, QuestionStat } from '../../core/quiz-stats';
import type { QuizResult } from '../../core/record-shapes';
import type { Message } from '../../core/message';

export interface BankPreview {
  /** false: some questions are refused (`errors`); `total`, `counts` and `sample` are then the good ones */
  ok: boolean;
  fileName: string;
  /** question-list: a .docx, .md or .txt typed as people do (一、单选题 … 1. …（ ） A. … 答案：) */
  layout: 'template' | 'packed' | 'gift' | 'aiken' | 'moodle-xml' | 'question-list' | null;
  /** what an error's `row` counts: a spreadsheet's rows, a text file's lines, a Word document's paragraphs */
  numbering: 'row' | 'line' | 'paragraph';
  counts: Record<'single' | 'multiple' | 'truefalse' | 'fill' | 'short', number>;
  total: number;
  /** questions already in the bank (same type, stem and options): skipped on import */
  duplicates: number;
  sample: Question[];
  /** the refused rows: what is wrong with each, a key of the backend's message catalog with its values */
  errors: { row: number; column: string; message: Message }[];
  /** the refused questions' text as written (its start), by the row/line/paragraph they start on */
  refused: { row: number; text: string }[];
}
/** One version of a question: the current one (replacedAt null) or an earlier one kept in the history. */
export type QuestionVersion = Question & { replacedAt: string | null; replacedBy: string | null; removed: boolean };
export interface QuizAttemptView {
  attemptId: string;
  campaignId: string;
  questions: QuestionForTaker[];
  answers: Record<string, string[]>;
  remainingMs: number;
  timeLimitMinutes: number;
  /** leaving the window this many times submits (0: never) */
  maxLeaves: number;
  leaves: number;
  /** questions the person flagged for review (kept across a resume) */
  flags: string[];
}
export type QuizResultView = QuizResult;
/** A submitted attempt with the right answers and 解析, for the person who took it (when allowed). */
export interface QuizReview {
  attemptId: string;
  result: QuizResultView;
  items: { stem: string; type: QuestionType; options: string[]; given: string[]; answer: string[]; explanation: string; score: number; max: number; pending: boolean }[];
}
export interface QuizStatsView {
  paper: PaperStats;
  byDept: { dept: string; attempts: number; passRate: number | null }[];
  byTeam: { dept: string; team: string; attempts: number; passRate: number | null }[];
  questions: (QuestionStat & { stem: string; type: QuestionType })[];
  /** everyone on the roster: attempts used and the best one (or none) */
  people: { employeeNo: string; name: string; dept: string; team: string; attempts: number; best: QuizResultView | null }[];
}
