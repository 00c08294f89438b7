// What the merge calls answer: the merges of workstations' records and the conflicts they left.

/**
 * One merge of a workstation's records (anxue merge) and what it brought: new people in the
 * roster, records and events, campaigns, collective sessions, open sessions closed into records
 * ("recovered"), essay drafts; the conflicts it listed; who came without an account here.
 */
export interface MergeRunView {
  id: string;
  at: string;
  by: string;
  station: string;
  sourceCreatedAt: string | null;
  /** files: evidence files (photos, attachments); findings: entries of the 问题台账 */
  added: { roster: number; people: number; events: number; campaigns: number; collective: number; recovered: number; drafts: number; files?: number; findings?: number };
  same: { events: number };
  conflicts: number;
  withoutAccount: string[];
}
/** what a merge conflict is about */
export type MergeConflictKind = 'person' | 'campaign' | 'collective' | 'essay' | 'draft' | 'event';
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
