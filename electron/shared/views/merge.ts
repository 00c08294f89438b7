// What the merge calls answer: the merges of workstations' records and the conflicts they left.
import type { MergeConflictKind, MergeRun } from '../../core/record-shapes';

export type MergeRunView = MergeRun;
/** what a merge conflict is about */
export type { MergeConflictKind };
/**
 * The same thing changed on the server and on a workstation: both versions are kept, and the
 * officer decides. `fields` shows them side by side (field keys are translated by the page).
 */
export interface MergeConflictView {
  id: string;
  runId: string;
  station: string;
  kind: MergeConflictKind;
  employeeNo: string | null;
  name: string | null;
  campaignId: string | null;
  fields: { key: string; server: string; workstation: string }[];
  /** 'event': the same record id with other content on the workstation — evidence, nothing to choose */
  choosable: boolean;
  decided: { by: string; at: string; choice: 'server' | 'workstation' } | null;
}
