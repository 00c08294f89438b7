// The shared documents as stored (one lowdb file or one PostgreSQL row each): their shapes, empty
// states and migrations. Stored shapes are defined here, not borrowed from the contract: the shapes
// that are also shown (audit entries, merge runs) are written once in core/record-shapes.ts.
import type { Campaign, CollectiveInput, Person, Question, Role, Settings } from '../core/model';
import { DEFAULT_SETTINGS } from '../core/model';
import type { LedgerEntry } from '../core/inspection';
import type { PlanTask } from '../core/plan';
import type { AuditEntry, MergeConflictKind, MergeRun } from '../core/record-shapes';
import type { Migration, Versioned } from './versioned';

export type { AuditEntry, MergeConflictKind, MergeRun };

/** The 问题台账: inspections and findings as one append-only hash chain (core/inspection.ts). */
export interface InspectionsFile {
  schemaVersion: 1;
  entries: LedgerEntry[];
}
/** The prose of each campaign's 总结报告, as the officer wrote it (services/summary/summary.ts). */
export interface SummariesFile {
  schemaVersion: 1;
  campaigns: Record<string, { sections: Record<'overview' | 'measures' | 'problems' | 'next', string>; savedAt: string; savedBy: string }>;
}
/** The campaign plans' tasks (services/campaign/plan.ts). */
export interface PlanFile {
  schemaVersion: 1;
  tasks: PlanTask[];
}

/** A conflict as kept: both versions whole (the view shows them side by side). */
export interface MergeConflict {
  id: string;
  runId: string;
  station: string;
  kind: MergeConflictKind;
  employeeNo: string | null;
  campaignId: string | null;
  server: unknown;
  workstation: unknown;
  /** ids of the workstation's events held back by this conflict (an essay's versions and reviews) */
  heldEvents: string[];
  decided: { by: string; at: string; choice: 'server' | 'workstation' } | null;
}
/** The merges of workstations into this record set (services/merge/). */
export interface MergesFile {
  schemaVersion: 1;
  runs: MergeRun[];
  conflicts: MergeConflict[];
}

/** failed logins per key (`no:<工号>`, `ip:<address>`); the rules are in services/accounts/login-guard.ts */
export interface LoginGuardFile {
  schemaVersion: 1;
  entries: Record<string, { failures: number[]; lockedUntil: number; locks: number; lastLockAt: number; lastTryAt: number; laneAt?: number }>;
}

export interface MetaFile {
  /** 6: the folder may be sealed (seal.ts): a program from before seals must not write into it */
  schemaVersion: 6;
  enterprise: string | null;
  createdAt: string | null;
  settings: Settings;
  /** the key of anonymous grading's pseudonyms (base64; made when first needed, never sent to a renderer) */
  pseudonymKey?: string;
}
export interface Account {
  employeeNo: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  createdAt: string;
  /** sign-in refused, sessions ended; the person's records are kept */
  disabled?: boolean;
  disabledAt?: string;
  /** set by an admin's password reset: the next sign-in must choose a new password */
  mustChangePassword?: boolean;
}
/** The enterprise's signing key (services/signing/signing.ts): public in clear, private once per admin under their password. */
export interface SigningFile {
  schemaVersion: 1;
  publicKey: string | null;
  fingerprint: string | null;
  createdAt: string | null;
  wraps: Record<string, string>;
}
/** A signed checkpoint of the live data: the count and chain head of each person whose record changed since the one before. */
export interface Checkpoint {
  seq: number;
  at: string;
  reason: 'daily' | 'export' | 'setup' | 'manual';
  /** the hash of the checkpoint before (GENESIS for the first) */
  prev: string;
  changed: Record<string, { count: number; head: string }>;
  /** SHA-256 over every person's count and head as of this checkpoint */
  state: string;
  /** Ed25519 over the fields above */
  signature: string;
  hash: string;
}
export interface CheckpointsFile {
  schemaVersion: 1;
  entries: Checkpoint[];
}
export interface AccountsFile {
  schemaVersion: 1;
  accounts: Account[];
}
export interface RosterFile {
  /**
   * Still 1 with a person's optional hiredOn (入职日期): a roster written before it has no date,
   * which means "not known" and keeps the rule as it was, so no stored file or row needs rewriting;
   * raising the version would only make an older program refuse the folder.
   */
  schemaVersion: 1;
  people: (Person & { updatedAt: string })[];
}
export interface CampaignsFile {
  schemaVersion: 3;
  campaigns: Campaign[];
}
export interface QuestionsFile {
  schemaVersion: 2;
  /** the current version of every question in the bank */
  questions: Question[];
  /** earlier versions of edited questions, and removed questions: kept, never rewritten */
  history: (Question & { replacedAt: string; replacedBy: string; removed?: boolean })[];
}

/** v2: questions carry 难度/分类/标签/document/version; the file keeps earlier versions. */
export function migrateQuestionsV1(f: Record<string, unknown>): Record<string, unknown> {
  const qs = (f.questions ?? []) as Record<string, unknown>[];
  return { ...f, questions: qs.map((q) => ({ difficulty: 0, category: '', tags: [], docId: '', version: 1, ...q })), history: [] };
}

/** v2: a campaign's quiz is fixed or drawn at random by rules. */
export function migrateCampaignsV1(f: Record<string, unknown>): Record<string, unknown> {
  const cs = (f.campaigns ?? []) as { quiz: Record<string, unknown> }[];
  return { ...f, campaigns: cs.map((c) => ({ ...c, quiz: { mode: 'fixed', rules: [], ...c.quiz } })) };
}

/** v3: a campaign has a kind and names who takes part; those from before are warning months for everyone. */
export function migrateCampaignsV2(f: Record<string, unknown>): Record<string, unknown> {
  const cs = (f.campaigns ?? []) as Record<string, unknown>[];
  return { ...f, campaigns: cs.map((c) => ({ kind: 'warning', participants: { kind: 'all' }, ...c })) };
}

export interface AuditFile {
  schemaVersion: 1;
  entries: AuditEntry[];
}

export interface ExportRecord {
  exportId: string;
  employeeNo: string;
  campaignId: string;
  at: string;
  by: string;
  manifestSha256: string;
}
export interface ExportsFile {
  schemaVersion: 1;
  exports: ExportRecord[];
}
export interface CustomDoc {
  id: string;
  title: string;
  docNo: string;
  issuer: string;
  category: '法律' | '行政法规' | '国家标准' | '行业标准' | '地方文件' | '企业制度' | '事故案例';
  effective: string;
  suggestedMinutes: number;
  summary: string;
  createdAt: string;
}
/** One imported file of a document. The newest edition is studied; older ones stay for the record. */
export interface Edition {
  docId: string;
  sha256: string;
  fileName: string;
  original: 'pdf' | 'md' | 'txt' | 'docx' | 'html';
  /** how the reader shows it: the PDF itself, or extracted text */
  readAs: 'pdf' | 'md' | 'txt';
  importedAt: string;
  importedBy: string;
  pages: number;
  chars: number;
  superseded: boolean;
}
export interface CorpusFile {
  schemaVersion: 1;
  documents: CustomDoc[];
  editions: Edition[];
}
export interface CollectiveSession extends Omit<CollectiveInput, 'id'> {
  id: string;
  createdBy: string;
  createdAt: string;
  /** who attended, as the officer ticked it or as people checked in (the records are in each person's file) */
  attendees: { employeeNo: string; via: 'roster' | 'self'; at: string }[];
  checkIn: { code: string; until: number } | null;
}
export interface CollectiveFile {
  schemaVersion: 1;
  sessions: CollectiveSession[];
}

/**
 * The shared documents, the same for every backend: their file (lowdb) or row name (PostgreSQL),
 * their empty state and their schema migrations.
 */
export const SHARED_DOCS = {
  meta: {
    file: 'meta.json',
    defaults: (): MetaFile => ({ schemaVersion: 6 as const, enterprise: null, createdAt: null, settings: { ...DEFAULT_SETTINGS } }),
    // v2 added the daily cap and the attention-check settings, v3 the essay similarity threshold, v4 retention,
    // v5 the campaign targets per person category:
    // older folders get the defaults
    migrations: {
      1: (m) => ({ ...m, settings: { ...DEFAULT_SETTINGS, ...(m.settings as object) } }),
      2: (m) => ({ ...m, settings: { ...DEFAULT_SETTINGS, ...(m.settings as object) } }),
      3: (m) => ({ ...m, settings: { ...DEFAULT_SETTINGS, ...(m.settings as object) } }),
      4: (m) => ({ ...m, settings: { ...DEFAULT_SETTINGS, ...(m.settings as object) } }),
      5: (m) => m,
    } as Record<number, Migration>,
  },
  accounts: { file: 'accounts.json', defaults: (): AccountsFile => ({ schemaVersion: 1 as const, accounts: [] }), migrations: {} },
  signing: { file: 'signing.json', defaults: (): SigningFile => ({ schemaVersion: 1 as const, publicKey: null, fingerprint: null, createdAt: null, wraps: {} }), migrations: {} },
  checkpoints: { file: 'checkpoints.json', defaults: (): CheckpointsFile => ({ schemaVersion: 1 as const, entries: [] }), migrations: {} },
  roster: { file: 'roster.json', defaults: (): RosterFile => ({ schemaVersion: 1 as const, people: [] }), migrations: {} },
  campaigns: { file: 'campaigns.json', defaults: (): CampaignsFile => ({ schemaVersion: 3 as const, campaigns: [] }), migrations: { 1: migrateCampaignsV1, 2: migrateCampaignsV2 } },
  questions: { file: 'questions.json', defaults: (): QuestionsFile => ({ schemaVersion: 2 as const, questions: [], history: [] }), migrations: { 1: migrateQuestionsV1 } },
  exports: { file: 'exports.json', defaults: (): ExportsFile => ({ schemaVersion: 1 as const, exports: [] }), migrations: {} },
  audit: { file: 'audit.json', defaults: (): AuditFile => ({ schemaVersion: 1 as const, entries: [] }), migrations: {} },
  loginGuard: { file: 'login-guard.json', defaults: (): LoginGuardFile => ({ schemaVersion: 1 as const, entries: {} }), migrations: {} },
  plan: { file: 'plan.json', defaults: (): PlanFile => ({ schemaVersion: 1 as const, tasks: [] }), migrations: {} },
  summaries: { file: 'summaries.json', defaults: (): SummariesFile => ({ schemaVersion: 1 as const, campaigns: {} }), migrations: {} },
  inspections: { file: 'inspections.json', defaults: (): InspectionsFile => ({ schemaVersion: 1 as const, entries: [] }), migrations: {} },
  merges: { file: 'merges.json', defaults: (): MergesFile => ({ schemaVersion: 1 as const, runs: [], conflicts: [] }), migrations: {} },
  collective: { file: 'collective.json', defaults: (): CollectiveFile => ({ schemaVersion: 1 as const, sessions: [] }), migrations: {} },
  corpus: { file: 'corpus.json', defaults: (): CorpusFile => ({ schemaVersion: 1 as const, documents: [], editions: [] }), migrations: {} },
} satisfies Record<string, { file: string; defaults: () => Versioned; migrations: Record<number, Migration> }>;
export type SharedDocName = keyof typeof SHARED_DOCS;
