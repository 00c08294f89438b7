// What the essay calls answer: one's own essay, its reviews, its similarity to other texts, and the
// office's overview.
import type { EssayPart, EssayParts, EssayStatus } from '../../core/model';

export interface EssayReview {
  at: string;
  reviewer: string;
  decision: 'accept' | 'return';
  comment: string;
  version: number;
  partComments: { part: EssayPart; comment: string; quote: string }[];
  /** why a flagged essay was accepted anyway */
  override: string | null;
}
export interface EssayView {
  campaignId: string;
  parts: EssayParts;
  /** the accidents this person reflects on (chosen from the campaign's list) */
  accidents: string[];
  /** the campaign's list to choose from */
  accidentChoices: string[];
  /** a 班子成员 writes the fifth part too */
  leader: boolean;
  savedAt: string | null;
  status: EssayStatus;
  /** for this person's category */
  minChars: number;
  deadline: string;
  version: number;
  reviews: EssayReview[];
}
/** A text an essay was compared with: another person's essay, or a source (template prompts, study notes). */
export interface SimilarityMatch {
  kind: 'person' | 'source';
  /** 工号, or the source's id */
  id: string;
  label: string;
  /** share of the essay found in it, % (one decimal) */
  percent: number;
}
export interface EssaySimilarity {
  /** share of the essay found in any other text, % */
  percent: number;
  matches: SimilarityMatch[];
  flagged: boolean;
}
export interface EssayOverview {
  deadline: string;
  thresholdPercent: number;
  counts: Record<EssayStatus, number>;
  rows: {
    employeeNo: string;
    name: string;
    dept: string;
    team: string;
    post: string;
    leader: boolean;
    status: EssayStatus;
    version: number;
    submittedAt: string | null;
    total: number;
    minChars: number;
    similarity: EssaySimilarity | null;
  }[];
}
export interface EssayRecord {
  person: { employeeNo: string; name: string; dept: string; team: string; post: string; leader: boolean };
  status: EssayStatus;
  versions: { version: number; at: string; parts: EssayParts; accidents: string[]; total: number }[];
  reviews: EssayReview[];
  similarity: EssaySimilarity | null;
  thresholdPercent: number;
}
export interface EssayCompare {
  share: number;
  a: { label: string; text: string; spans: { start: number; end: number }[] };
  b: { label: string; text: string; spans: { start: number; end: number }[] };
}
