// What the archive, audit and signing calls answer.
import type { AuditEntry } from '../../core/record-shapes';
import type { Message } from '../../core/message';

export interface SigningStatus {
  fingerprint: string | null;
  /** an admin has signed in to this server since it started: exports are signed */
  unlocked: boolean;
  latest: { seq: number; at: string; hash: string; people: number } | null;
}
export type AuditEntryView = AuditEntry;
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
  /** what is wrong, each a key of the backend's message catalog with its values */
  problems: Message[];
  /** not an archive, or not readable: nothing can be said about changes (never "altered") */
  unreadable?: boolean;
  /** checked against a key, it carries no signature (and nothing else is wrong): not proven to be by that key, distinct from altered */
  unsigned?: boolean;
  /** the fingerprint of the key whose valid signature the manifest carries (null: not signed) */
  signedBy?: string | null;
}
