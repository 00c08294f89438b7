// A campaign as every role may see it.
import type { CampaignKind, PersonCategory } from '../../core/model';
import type { CampaignState } from '../../core/campaign-scope';

export interface CampaignSummary {
  id: string;
  name: string;
  kind: CampaignKind;
  /** when an officer closed (froze) it; null while open */
  closedAt: string | null;
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

/** A campaign in the picker: where it stands today, and how many on the roster take part. */
export interface CampaignListItem extends CampaignSummary {
  state: CampaignState;
  participantCount: number;
  /** everyone on the roster, or a chosen part of it */
  participantsKind: 'all' | 'some';
}
