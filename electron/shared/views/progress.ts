// What the progress calls answer: one's own progress, and the office's table of everyone's.
import type { EssayStatus, ExcludeReason } from '../../core/model';
import type { QuizResultView } from './quiz';
import type { StudyTotals } from './study';
import type { CampaignSummary } from './campaign';

export interface MyProgress {
  campaign: CampaignSummary;
  totals: StudyTotals;
  /** counted per local day in this campaign (self-study and collective sessions) */
  byDay: Record<string, number>;
  /** Monday–Sunday of the current week */
  weekMs: number;
  /** this calendar year over all campaigns, against the annual retraining target of the person's category */
  year: { year: string; ms: number; annualCreditHours: number; initialCreditHours: number; category: string | null };
  /** results: every attempt handed in, oldest first */
  quiz: { attemptsUsed: number; best: QuizResultView | null; openAttemptId: string | null; results: QuizResultView[] };
  essayStatus: EssayStatus;
}
export interface ProgressRow {
  employeeNo: string;
  name: string;
  dept: string;
  team: string;
  category: string;
  leader: boolean;
  /** self-study + collective sessions */
  studiedMs: number;
  selfMs: number;
  collectiveMs: number;
  sessions: number;
  longestSessionMs: number;
  checksIssued: number;
  checksMissed: number;
  /** patterns worth a look: many missed checks, very long sessions */
  flags: ('many_missed_checks' | 'long_sessions')[];
  creditHours: number;
  targetCreditHours: number;
  /** this calendar year, all campaigns, against the annual target of the person's category */
  yearCreditHours: number;
  yearTargetCreditHours: number;
  quizPercent: number | null;
  quizPassed: boolean | null;
  quizPending: boolean;
  /** times the quiz window was left during the best attempt */
  quizLeaves: number;
  essayStatus: EssayStatus;
}
/** Reached / not reached the campaign's target, in one department, team or category. */
export interface ProgressGroup {
  key: string;
  reached: number;
  notReached: number;
}
/**
 * The office's progress page: the counts and the chart over everyone in the chosen department or
 * team, and one page of their rows. The rows of 3,000 people are never sent at once (1.2 MB that a
 * busy server had to write and a shared PC to draw); the ledger (.xlsx) has them all.
 */
export interface ProgressView {
  /** every department of the campaign's people with its teams, for the pickers */
  depts: { dept: string; teams: string[] }[];
  /** in the chosen department / team */
  total: number;
  behind: number;
  flagged: number;
  groups: Record<'dept' | 'team' | 'category', ProgressGroup[]>;
  /** of those, the ones that pass the filters (only behind, a name or 工号), in roster order */
  matching: number;
  page: number;
  pageSize: number;
  rows: ProgressRow[];
}
export interface PersonSessions {
  person: { employeeNo: string; name: string; dept: string; team: string; category: string };
  sessions: {
    startedAt: string;
    endedAt: string;
    docTitle: string;
    countedMs: number;
    excludedMs: Record<string, number>;
    checks: { issued: number; answered: number; missed: number } | null;
    closedBy: string;
  }[];
  collective: { date: string; start: string; type: string; topic: string; durationMinutes: number; via: string }[];
  byDay: Record<string, number>;
}
export type ExcludedView = Record<ExcludeReason, number>;
