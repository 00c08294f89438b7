// What the practice calls answer: questions to practise, the feedback on an answer, the 错题本.

/** A question to practise: no answer, no 解析 (they come with the feedback). */
export interface PracticeQuestion {
  id: string;
  type: 'single' | 'multiple' | 'truefalse' | 'fill' | 'short';
  stem: string;
  options: string[];
  docId: string;
  docTitle: string;
  category: string;
  /** in the person's 错题本 */
  inBook: boolean;
}
export interface PracticeOptions {
  docs: { docId: string; title: string; count: number; categories: { name: string; count: number }[] }[];
  randomCount: number;
  book: { open: number; due: number };
}
export interface PracticeFeedback {
  correct: boolean;
  answer: string[];
  explanation: string;
  source: string;
  /** the clause the answer stands on, to open in the reader */
  cite: { docId: string; clause: string } | null;
  /** the accident case the question was drawn from */
  caseId: string | null;
  /** the question's place in the 错题本 after this answer (null: not in it) */
  card: { due: string; rightDays: number; misses: number; mastered: boolean } | null;
}
export interface BookView {
  cards: { id: string; stem: string; docId: string; docTitle: string; clause: string; misses: number; hits: number; due: string; dueNow: boolean; rightDays: number }[];
  /** questions that left the book (answered right on two days) */
  mastered: number;
}
export interface WeakSpot {
  docId: string;
  docTitle: string;
  clause: string;
  answered: number;
  wrong: number;
  /** wrong / answered, 0–1 */
  share: number;
  /** how many people practised it */
  people: number;
}
