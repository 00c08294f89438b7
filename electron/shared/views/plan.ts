// What the plan calls answer: the campaign plan's tasks and where each stands.
import type { PlanTask } from '../../core/plan';

/** A task of the campaign plan as the officer sees it: where it stands today, who owns it, its evidence. */
export interface PlanTaskView extends PlanTask {
  state: 'done' | 'overdue' | 'soon' | 'later';
  ownerName: string | null;
  sessions: { id: string; topic: string; date: string; attendees: number }[];
  /**
   * what the ledgers show for it: 述职 (n reported of `of`, `extra` accepted), an inspection kind
   * (n inspections, `of` findings, `extra` closed), essays / assessment (n of `of`, `extra`
   * accepted / passed), the summary report (n = 1 once drafted)
   */
  ledger: { key: 'report' | 'inspection' | 'essay' | 'assessment' | 'summary'; n: number; of: number; extra: number } | null;
}
export interface PlanView {
  today: string;
  phases: { name: string; start: string; end: string; current: boolean }[];
  tasks: PlanTaskView[];
  counts: { done: number; overdue: number; soon: number; later: number };
  /** documents on the campaign's list with no official text imported yet (employees read only our guide) */
  missingOfficial: { docId: string; title: string }[];
}
