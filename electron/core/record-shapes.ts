// Shapes that are both stored (records/) and shown (the contract's views): written once here, where
// both layers may look (the renderer compiles the contract without records/).

export interface StudyTotals {
  todayMs: number;
  /** self-study + collective sessions: what counts against the campaign's target */
  campaignMs: number;
  /** 自学: counted reading time */
  selfMs: number;
  /** 集中学习活动: attended collective sessions */
  collectiveMs: number;
  targetCreditHours: number;
  minutesPerCreditHour: number;
  perDocMs: Record<string, number>;
}

/** One submitted attempt's result. */
export interface QuizResult {
  attemptId: string;
  campaignId: string;
  submittedAt: string;
  score: number;
  max: number;
  percent: number;
  pendingCount: number;
  passed: boolean | null;
  passMark: number;
  /** from opening the paper to submitting it */
  durationMs: number;
  timedOut: boolean;
}

export type MergeConflictKind = 'person' | 'campaign' | 'collective' | 'essay' | 'draft' | 'event';

/**
 * One merge of a workstation's records (anxue merge) and what it brought: new people in the
 * roster, records and events, campaigns, collective sessions, open sessions closed into records
 * ("recovered"), essay drafts; the conflicts it listed; who came without an account here.
 */
export interface MergeRun {
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

/** The audit log: what an administrator did that changes records, each entry chained to the one before. */
export interface AuditEntry {
  seq: number;
  at: string;
  by: string;
  /**
   * person.deleted: an administrator deleted a person's records (subject 工号);
   * login.locked: failed logins locked an account (subject 工号); login.blocked: failed logins from
   * one client address blocked it (subject the address); setup.locked: wrong first-run setup codes
   * (from any address) paused setup from other PCs (subject 'setup'); password.changed: a person changed their
   * password and their other sessions were ended; records.merged: a workstation's records were
   * merged in (subject the workstation); merge.decided: an officer chose one side of a merge
   * conflict (subject the conflict); login.unlocked: an administrator lifted a lock of an account
   * or an address before it ended (subject the 工号 or the address); account.roles: an admin granted
   * or revoked roles; password.reset: an admin set a one-time password; account.disabled /
   * account.enabled: an admin disabled or enabled an account; sessions.revoked: an admin ended every
   * session of an account (subject the 工号 for these); campaign.closed / campaign.reopened: an officer
   * closed (froze) a campaign or opened it again (subject the campaign's id)
   */
  action:
    | 'person.deleted'
    | 'login.locked'
    | 'login.blocked'
    | 'setup.locked'
    | 'login.unlocked'
    | 'password.changed'
    | 'records.merged'
    | 'merge.decided'
    | 'account.roles'
    | 'password.reset'
    | 'account.disabled'
    | 'account.enabled'
    | 'sessions.revoked'
    | 'campaign.closed'
    | 'campaign.reopened';
  subject: string;
  reason: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
