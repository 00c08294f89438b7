// What the archive, audit and signing calls answer.

export interface SigningStatus {
  fingerprint: string | null;
  /** an admin has signed in to this server since it started: exports are signed */
  unlocked: boolean;
  latest: { seq: number; at: string; hash: string; people: number } | null;
}
export interface AuditEntryView {
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
   * session of an account (subject the 工号 for these)
   */
  action: 'person.deleted' | 'login.locked' | 'login.blocked' | 'setup.locked' | 'login.unlocked' | 'password.changed' | 'records.merged' | 'merge.decided' | 'account.roles' | 'password.reset' | 'account.disabled' | 'account.enabled' | 'sessions.revoked';
  subject: string;
  reason: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
/** An archive job (batch of people, or a campaign's 一期一档) and how far it got. */
export interface JobView {
  jobId: string;
  name: string;
  /** interrupted: it was running when the app stopped; it can be resumed */
  state: 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';
  done: number;
  total: number;
  error: string | null;
  /** where the finished archive is, on the server */
  result: string | null;
  createdAt: string;
  by: string;
  campaignId: string | null;
  zip: boolean;
}
export interface ExportResult {
  exportId: string;
  folder: string;
  files: { name: string; sha256: string; bytes: number }[];
}
export interface VerifyReport {
  ok: boolean;
  problems: string[];
  /** not an archive, or not readable: nothing can be said about changes (never "altered") */
  unreadable?: boolean;
  /** checked against a key, it carries no signature (and nothing else is wrong): not proven to be by that key, distinct from altered */
  unsigned?: boolean;
  /** the fingerprint of the key whose valid signature the manifest carries (null: not signed) */
  signedBy?: string | null;
}
