// What drafting questions from an official text answers: the drafts for review, and what accepting them did.
import type { QuestionDraft } from '../../core/question-draft';

export type { QuestionDraft } from '../../core/question-draft';

export interface DraftsView {
  docId: string;
  /** the document's title, and the short one its 出处 and default bank name use */
  title: string;
  shortTitle: string;
  /** the official text's file, so the officer sees which edition the drafts come from */
  fileName: string;
  /** how the text is numbered: a text with no structure has no drafts */
  structure: 'law' | 'standard' | 'notice' | 'none';
  drafts: QuestionDraft[];
  /** ids of drafts already in the bank (same type, stem and options): accepting them skips them */
  inBank: string[];
}

export interface DraftsAdded {
  bank: string;
  added: number;
  duplicates: number;
}
