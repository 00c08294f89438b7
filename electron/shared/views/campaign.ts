// A campaign as every role may see it.
import type { PersonCategory } from '../../core/model';

export interface CampaignSummary {
  id: string;
  name: string;
  start: string;
  end: string;
  studyStart: string;
  studyEnd: string;
  targetCreditHours: number;
  /** where a person category is asked for other 学时 than targetCreditHours */
  targetByCategory: Partial<Record<PersonCategory, number>>;
  documents: { docId: string; minutes: number }[];
  quiz: {
    mode: 'fixed' | 'random';
    questionCount: number;
    timeLimitMinutes: number;
    passMark: number;
    maxAttempts: number;
    /** leaving the window this many times hands the paper in (0: never) */ maxLeaves: number;
  };
  essay: { minChars: number; deadline: string };
  phases: { name: string; start: string; end: string }[];
}
