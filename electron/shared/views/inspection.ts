// What the inspection calls answer: inspections and the findings of the 问题台账.
import type { FindingState, Inspection } from '../../core/inspection';

/** A finding of the 问题台账 as the office sees it (and a 责任人 their own). */
export interface FindingView extends FindingState {
  overdue: boolean;
  /** null for a finding raised in a 研讨 (`discussion` names it) */
  inspection: Pick<Inspection, 'kind' | 'scope' | 'unit' | 'date' | 'inspectors'> | null;
  names: Record<string, string>;
}
export interface InspectionView extends Inspection {
  savedAt: string;
  savedBy: string;
  findings: number;
  openFindings: number;
}
export interface InspectionsView {
  today: string;
  inspections: InspectionView[];
  findings: FindingView[];
  counts: { findings: number; closed: number; overdue: number; major: number };
  /** the hash of the ledger's last entry */
  head: string;
}
