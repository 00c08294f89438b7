// What the summary calls answer: the 总结报告's figures and its sections.
import type { ReportLevel } from '../../core/model';

/** The figures of the 总结报告, each from one of the campaign's ledgers. */
export interface SummaryFigures {
  campaign: { name: string; start: string; end: string; studyStart: string; studyEnd: string; targetCreditHours: number };
  people: { roster: number; participants: number; rate: number };
  /** targetCreditHours: what the campaign asks of this category */
  byCategory: { category: string; people: number; targetCreditHours: number; reached: number; totalCreditHours: number; averageCreditHours: number }[];
  collective: { sessions: number; attendances: number; byType: { type: import('../../core/model').CollectiveType; sessions: number; attendances: number; averageRate: number }[] };
  /**
   * 研讨 (seminars and group discussions): held = those with minutes saved (the minutes are what
   * shows the discussion took place); speakers = different people who spoke in them; findings =
   * follow-ups registered in the 问题台账
   */
  discussions: { held: number; speakers: number; speeches: number; findings: number };
  quiz: { took: number; passed: number; pending: number; passRate: number };
  essays: { people: number; submitted: number; accepted: number };
  reports: { level: ReportLevel; people: number; submitted: number; accepted: number; averageScore: number | null }[];
  findings: {
    inspections: number;
    total: number;
    closed: number;
    overdue: number;
    byKind: {
      kind: import('../../core/inspection').InspectionKind;
      inspections: number;
      levels: { level: import('../../core/inspection').HazardLevel; found: number; closed: number; overdue: number }[];
    }[];
    asOf: string;
    head: string;
  };
}
export interface SummaryView {
  figures: SummaryFigures;
  sections: Record<'overview' | 'measures' | 'problems' | 'next', string>;
  savedAt: string | null;
  savedBy: string | null;
}
