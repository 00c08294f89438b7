// What the grading queue holds: the answers and essays waiting for a grader.
import type { EssayParts } from '../../core/model';

export interface GradingAnswer {
  /** the paper's pseudonym in this campaign (the same for all of one person's answers) */
  paper: string;
  /** which of the person's attempts (1, 2, …) */
  attempt: number;
  /** what grading.gradeAnswer takes: says nothing to the grader */
  ref: string;
  /** null while the campaign grades anonymously */
  employeeNo: string | null;
  name: string | null;
  attemptId: string | null;
  questionId: string;
  stem: string;
  reference: string;
  given: string;
  max: number;
}
export interface GradingQueue {
  /** the campaign grades anonymously: no answer or essay here carries a name or 工号 */
  anonymous: boolean;
  answers: GradingAnswer[];
  essays: { paper: string; employeeNo: string | null; name: string | null; dept: string | null; campaignId: string; version: number; submittedAt: string; parts: EssayParts; total: number }[];
}
