// THE contract. Every call the renderer can make: its input schema, its output type, and the roles
// that may make it. Transports (IPC, HTTP) and the preload are derived from this object; channel
// names appear nowhere else.
import { z } from 'zod';
import {
  campaignInputSchema,
  collectiveInputSchema,
  employeeNoSchema,
  essayPartsSchema,
  ALL_ESSAY_PARTS,
  isoDateSchema,
  QUESTION_TYPES,
  ROLES,
  settingsSchema,
  type Campaign,
  type CampaignInput,
  type EssayPart,
  type EssayParts,
  type EssayStatus,
  type ExcludeReason,
  type Person,
  type PersonCategory,
  type Question,
  type QuestionForTaker,
  type QuestionType,
  type ReportLevel,
  type Role,
  type Settings,
} from '../core/model';
import { taskInputSchema, type PlanTask } from '../core/plan';
import { reportPartsSchema, scoreItemSchema, type ReportParts, type ReportStatus, type ScoreItem } from '../core/duty-report';
import type { FileRef } from '../core/evidence';
import { findingInputSchema, inspectionInputSchema, photoRefSchema, type FindingState, type Inspection } from '../core/inspection';
import type { RowError } from '../core/roster';
import type { PaperStats, QuestionStat } from '../core/quiz-stats';
import type { StudyStatus } from '../core/study-time';

export type Access = 'public' | readonly Role[];

interface CallSpec<I extends z.ZodType, O> {
  input: I;
  roles: Access;
  /** the largest request body the call takes (bytes); a file upload says so, every other call takes DEFAULT_MAX_BODY */
  maxBytes?: number;
  /** phantom: the output type */
  output?: O;
}
function call<O>() {
  return <I extends z.ZodType>(input: I, roles: Access, o: { maxBytes?: number } = {}): CallSpec<I, O> => ({ input, roles, ...o });
}
const MB = 1024 * 1024;
/** what a call that uploads nothing may send: JSON of a few fields (an essay is ~100 KB) */
export const DEFAULT_MAX_BODY = 1 * MB;
/** a spreadsheet, a PDF or a document for import (≤ 22 MB, base64 in JSON) */
const UPLOAD = { maxBytes: 32 * MB };

const ALL: readonly Role[] = ['employee', 'officer', 'archivist', 'admin'];
const OFFICE: readonly Role[] = ['officer', 'admin'];
const ARCHIVE: readonly Role[] = ['archivist', 'admin'];
const STUDENT: readonly Role[] = ['employee'];
const none = z.object({}).strict();

// ---- output views ---------------------------------------------------------------------------
export interface Me {
  employeeNo: string;
  name: string;
  roles: Role[];
  person: Person | null;
  /** a password an admin reset: nothing but choosing one's own works until then */
  mustChangePassword: boolean;
}
/** An account as the admin sees it (never its password hash). */
export interface SigningStatus {
  fingerprint: string | null;
  /** an admin has signed in to this server since it started: exports are signed */
  unlocked: boolean;
  latest: { seq: number; at: string; hash: string; people: number } | null;
}
export interface AccountView {
  employeeNo: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  /** in the roster (an account without is the setup admin, or a person who left) */
  inRoster: boolean;
}
/** One readable text of a document: the team's study notes, or an imported official edition. */
export interface TextRef {
  key: string;
  kind: 'notes' | 'official';
  title: string;
  format: 'md' | 'pdf' | 'txt';
  edition?: { sha256: string; fileName: string; importedAt: string };
}
export interface DocMeta {
  id: string;
  title: string;
  docNo: string;
  issuer: string;
  category: string;
  /** YYYY-MM-DD, or '' when not known (the official text decides) */
  effective: string;
  required: boolean;
  summary: string;
  suggestedMinutes: number;
  source: 'bundled' | 'enterprise';
  /** official edition first when one is loaded, then the study notes */
  texts: TextRef[];
  /** an accident case of the bundled case library (category 事故案例) */
  case?: CaseMeta;
}
/** A question to practise: no answer, no 解析 (they come with the feedback). */
export interface PracticeQuestion {
  id: string;
  type: 'single' | 'multiple' | 'truefalse' | 'fill' | 'short';
  stem: string;
  options: string[];
  docId: string;
  docTitle: string;
  category: string;
  /** in the person's 错题本 */
  inBook: boolean;
}
export interface PracticeOptions {
  docs: { docId: string; title: string; count: number; categories: { name: string; count: number }[] }[];
  randomCount: number;
  book: { open: number; due: number };
}
export interface PracticeFeedback {
  correct: boolean;
  answer: string[];
  explanation: string;
  source: string;
  /** the clause the answer stands on, to open in the reader */
  cite: { docId: string; clause: string } | null;
  /** the accident case the question was drawn from */
  caseId: string | null;
  /** the question's place in the 错题本 after this answer (null: not in it) */
  card: { due: string; rightDays: number; misses: number; mastered: boolean } | null;
}
export interface BookView {
  cards: { id: string; stem: string; docId: string; docTitle: string; clause: string; misses: number; hits: number; due: string; dueNow: boolean; rightDays: number }[];
  /** questions that left the book (answered right on two days) */
  mastered: number;
}
export interface WeakSpot {
  docId: string;
  docTitle: string;
  clause: string;
  answered: number;
  wrong: number;
  /** wrong / answered, 0–1 */
  share: number;
  /** how many people practised it */
  people: number;
}
/** What the case library says of an accident, besides its text. */
export interface CaseMeta {
  date: string;
  place: string;
  plantKind: string;
  casualties: string;
  source: { report: string; authority: string; published: string };
  /** the catalogue documents it illustrates */
  docIds: string[];
  /** 3–5 questions for 分组研讨 */
  prompts: string[];
}
export interface DocFile {
  meta: DocMeta;
  /** null: nothing to read yet (no notes, no official text imported) */
  ref: TextRef | null;
  /** md / txt: the UTF-8 text; pdf: base64 of the bytes */
  text?: string;
  base64?: string;
}
export interface SearchResult {
  docId: string;
  title: string;
  docNo: string;
  key: string;
  kind: 'notes' | 'official';
  textTitle: string;
  format: 'md' | 'pdf' | 'txt';
  /** md: heading index (-1 before the first heading); pdf: page; txt: paragraph */
  loc: number;
  score: number;
  snippet: string;
  marks: [number, number][];
}
export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: 'pdf' | 'md' | 'txt' | 'docx';
  pages: number;
  chars: number;
  sample: string;
  /** pre-filled from the file: a catalog entry it matches, else what the file says */
  title: string;
  docNo: string;
  matchDocId: string | null;
  duplicateOf: { docId: string; importedAt: string } | null;
}
export interface BankPreview {
  /** false: some questions are refused (`errors`); `total`, `counts` and `sample` are then the good ones */
  ok: boolean;
  fileName: string;
  layout: 'template' | 'packed' | 'gift' | 'aiken' | 'moodle-xml' | null;
  counts: Record<'single' | 'multiple' | 'truefalse' | 'fill' | 'short', number>;
  total: number;
  /** questions already in the bank (same type, stem and options): skipped on import */
  duplicates: number;
  sample: Question[];
  errors: { row: number; column: string; message: string }[];
}
export interface QuizStatsView {
  paper: PaperStats;
  byDept: { dept: string; attempts: number; passRate: number | null }[];
  byTeam: { dept: string; team: string; attempts: number; passRate: number | null }[];
  questions: (QuestionStat & { stem: string; type: QuestionType })[];
  /** everyone on the roster: attempts used and the best one (or none) */
  people: { employeeNo: string; name: string; dept: string; team: string; attempts: number; best: QuizResultView | null }[];
}
export interface ImportJobView {
  jobId: string;
  state: 'reading' | 'ready' | 'failed' | 'cancelled' | 'done';
  /** pages read so far, of total (a PDF); 1 of 1 for other formats */
  done: number;
  total: number;
  /** a PDF waiting for the readings before it (one at a time per server): how many are ahead; null once it is read */
  queued: number | null;
  preview: ImportPreview | null;
  error: string | null;
}
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
/** An attention check (防挂机验证) the person must answer by typing `code`. */
export interface CheckView {
  id: string;
  code: string;
  /** real milliseconds left to answer in time */
  answerWithinMs: number;
  /** not answered in time: counting stops until it is answered */
  missed: boolean;
}
export interface BeatReply {
  status: StudyStatus;
  totals: StudyTotals;
  /** counted in this session so far (time since the last answered check included) */
  sessionCountedMs: number;
  check: CheckView | null;
}
export interface CollectiveView {
  id: string;
  campaignId: string;
  type: import('../core/model').CollectiveType;
  topic: string;
  date: string;
  start: string;
  durationMinutes: number;
  place: string;
  host: string;
  /** the case it presents, with its discussion prompts (分组研讨) */
  case: { id: string; title: string; prompts: string[] } | null;
  attendees: { employeeNo: string; via: 'roster' | 'self'; at: string }[];
  /** while check-in is open: the code shown in the room */
  checkIn: { code: string; remainingMs: number } | null;
}
export interface StudyStartReply {
  sessionId: string;
  /** real milliseconds between beats in the renderer */
  beatEveryMs: number;
  /** real milliseconds of no input after which the renderer shows "paused: idle" */
  idleAfterMs: number;
  totals: StudyTotals;
}
/** One version of a question: the current one (replacedAt null) or an earlier one kept in the history. */
export type QuestionVersion = Question & { replacedAt: string | null; replacedBy: string | null; removed: boolean };

export interface QuizAttemptView {
  attemptId: string;
  campaignId: string;
  questions: QuestionForTaker[];
  answers: Record<string, string[]>;
  remainingMs: number;
  timeLimitMinutes: number;
  /** leaving the window this many times submits (0: never) */
  maxLeaves: number;
  leaves: number;
  /** questions the person flagged for review (kept across a resume) */
  flags: string[];
}
export interface QuizResultView {
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
/** A submitted attempt with the right answers and 解析, for the person who took it (when allowed). */
export interface QuizReview {
  attemptId: string;
  result: QuizResultView;
  items: { stem: string; type: QuestionType; options: string[]; given: string[]; answer: string[]; explanation: string; score: number; max: number; pending: boolean }[];
}
export interface EssayReview {
  at: string;
  reviewer: string;
  decision: 'accept' | 'return';
  comment: string;
  version: number;
  partComments: { part: EssayPart; comment: string; quote: string }[];
  /** why a flagged essay was accepted anyway */
  override: string | null;
}
export interface EssayView {
  campaignId: string;
  parts: EssayParts;
  /** the accidents this person reflects on (chosen from the campaign's list) */
  accidents: string[];
  /** the campaign's list to choose from */
  accidentChoices: string[];
  /** a 班子成员 writes the fifth part too */
  leader: boolean;
  savedAt: string | null;
  status: EssayStatus;
  /** for this person's category */
  minChars: number;
  deadline: string;
  version: number;
  reviews: EssayReview[];
}
/** A text an essay was compared with: another person's essay, or a source (template prompts, study notes). */
export interface SimilarityMatch {
  kind: 'person' | 'source';
  /** 工号, or the source's id */
  id: string;
  label: string;
  /** share of the essay found in it, % (one decimal) */
  percent: number;
}
export interface EssaySimilarity {
  /** share of the essay found in any other text, % */
  percent: number;
  matches: SimilarityMatch[];
  flagged: boolean;
}
export interface EssayOverview {
  deadline: string;
  thresholdPercent: number;
  counts: Record<EssayStatus, number>;
  rows: {
    employeeNo: string;
    name: string;
    dept: string;
    team: string;
    post: string;
    leader: boolean;
    status: EssayStatus;
    version: number;
    submittedAt: string | null;
    total: number;
    minChars: number;
    similarity: EssaySimilarity | null;
  }[];
}
export interface EssayRecord {
  person: { employeeNo: string; name: string; dept: string; team: string; post: string; leader: boolean };
  status: EssayStatus;
  versions: { version: number; at: string; parts: EssayParts; accidents: string[]; total: number }[];
  reviews: EssayReview[];
  similarity: EssaySimilarity | null;
  thresholdPercent: number;
}
export interface EssayCompare {
  share: number;
  a: { label: string; text: string; spans: { start: number; end: number }[] };
  b: { label: string; text: string; spans: { start: number; end: number }[] };
}
export interface CampaignSummary {
  id: string;
  name: string;
  start: string;
  end: string;
  studyStart: string;
  studyEnd: string;
  targetCreditHours: number;
  /** where a person category is asked for other 学时 than targetCreditHours */
  targetByCategory: Partial<Record<PersonCategory, number>>;
  documents: { docId: string; minutes: number }[];
  quiz: { mode: 'fixed' | 'random'; questionCount: number; timeLimitMinutes: number; passMark: number; maxAttempts: number; /** leaving the window this many times hands the paper in (0: never) */ maxLeaves: number };
  essay: { minChars: number; deadline: string };
  phases: { name: string; start: string; end: string }[];
}
export interface MyProgress {
  campaign: CampaignSummary;
  totals: StudyTotals;
  /** counted per local day in this campaign (self-study and collective sessions) */
  byDay: Record<string, number>;
  /** Monday–Sunday of the current week */
  weekMs: number;
  /** this calendar year over all campaigns, against the annual retraining target of the person's category */
  year: { year: string; ms: number; annualCreditHours: number; initialCreditHours: number; category: string | null };
  /** results: every attempt handed in, oldest first */
  quiz: { attemptsUsed: number; best: QuizResultView | null; openAttemptId: string | null; results: QuizResultView[] };
  essayStatus: EssayStatus;
}
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
export interface ProgressRow {
  employeeNo: string;
  name: string;
  dept: string;
  team: string;
  category: string;
  leader: boolean;
  /** self-study + collective sessions */
  studiedMs: number;
  selfMs: number;
  collectiveMs: number;
  sessions: number;
  longestSessionMs: number;
  checksIssued: number;
  checksMissed: number;
  /** patterns worth a look: many missed checks, very long sessions */
  flags: ('many_missed_checks' | 'long_sessions')[];
  creditHours: number;
  targetCreditHours: number;
  /** this calendar year, all campaigns, against the annual target of the person's category */
  yearCreditHours: number;
  yearTargetCreditHours: number;
  quizPercent: number | null;
  quizPassed: boolean | null;
  quizPending: boolean;
  /** times the quiz window was left during the best attempt */
  quizLeaves: number;
  essayStatus: EssayStatus;
}
export interface PersonSessions {
  person: { employeeNo: string; name: string; dept: string; team: string; category: string };
  sessions: {
    startedAt: string;
    endedAt: string;
    docTitle: string;
    countedMs: number;
    excludedMs: Record<string, number>;
    checks: { issued: number; answered: number; missed: number } | null;
    closedBy: string;
  }[];
  collective: { date: string; start: string; type: string; topic: string; durationMinutes: number; via: string }[];
  byDay: Record<string, number>;
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
/** One answer to a 述职报告: returned with remarks, or accepted with its scoring. */
export interface ReportReviewView {
  at: string;
  reviewer: string;
  reviewerName: string;
  version: number;
  decision: 'accept' | 'return';
  comment: string;
  score: { sheet: ScoreItem[]; points: number[]; total: number } | null;
  /** the bureau's answer to the head's report, recorded by an officer */
  bureau: boolean;
}
/** One's own 述职报告, and how many people report to one. */
export interface ReportView {
  campaignId: string;
  level: ReportLevel | null;
  /** whom it goes to, as the roster says; null with `problem` when the roster does not say */
  to: { employeeNo: string; name: string; post: string } | 'bureau' | null;
  problem: string | null;
  parts: ReportParts;
  attachments: FileRef[];
  savedAt: string | null;
  status: ReportStatus;
  version: number;
  reviews: ReportReviewView[];
  /** the people whose superior one is, and how many of their reports wait for one's answer */
  inbox: { people: number; waiting: number };
}
/** A person's 述职 as their superior (or the office) reads it: every version and every answer. */
export interface ReportRecord {
  person: { employeeNo: string; name: string; dept: string; team: string; post: string; level: ReportLevel | null };
  status: ReportStatus;
  versions: { version: number; at: string; to: string; toName: string; parts: ReportParts; total: number; attachments: FileRef[] }[];
  reviews: ReportReviewView[];
  /** the 计分表 a review starts from for this person's level */
  defaultSheet: ScoreItem[];
  /** the caller may answer the latest version now */
  mayReview: boolean;
}
export interface ReportBoardRow {
  employeeNo: string;
  name: string;
  dept: string;
  team: string;
  post: string;
  level: ReportLevel;
  superior: { employeeNo: string; name: string } | 'bureau' | null;
  status: ReportStatus;
  version: number;
  submittedAt: string | null;
  total: number;
  score: number | null;
  /** whose move it is: the reviewer's name, the reporter's, or null when accepted */
  waitingFor: string | null;
}
export interface ReportBoard {
  levels: { level: ReportLevel; total: number; counts: Record<ReportStatus, number> }[];
  rows: ReportBoardRow[];
}
/** A finding of the 问题台账 as the office sees it (and a 责任人 their own). */
export interface FindingView extends FindingState {
  overdue: boolean;
  inspection: Pick<Inspection, 'kind' | 'scope' | 'unit' | 'date' | 'inspectors'>;
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
/** The figures of the 总结报告, each from one of the campaign's ledgers. */
export interface SummaryFigures {
  campaign: { name: string; start: string; end: string; studyStart: string; studyEnd: string; targetCreditHours: number };
  people: { roster: number; participants: number; rate: number };
  /** targetCreditHours: what the campaign asks of this category */
  byCategory: { category: string; people: number; targetCreditHours: number; reached: number; totalCreditHours: number; averageCreditHours: number }[];
  collective: { sessions: number; attendances: number; byType: { type: import('../core/model').CollectiveType; sessions: number; attendances: number; averageRate: number }[] };
  quiz: { took: number; passed: number; pending: number; passRate: number };
  essays: { people: number; submitted: number; accepted: number };
  reports: { level: ReportLevel; people: number; submitted: number; accepted: number; averageScore: number | null }[];
  findings: {
    inspections: number;
    total: number;
    closed: number;
    overdue: number;
    byKind: { kind: import('../core/inspection').InspectionKind; inspections: number; levels: { level: import('../core/inspection').HazardLevel; found: number; closed: number; overdue: number }[] }[];
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
export interface RosterPreview {
  ok: boolean;
  fileName: string;
  errors: RowError[];
  rows: (Person & { action: 'create' | 'update' | 'same' })[];
}
export interface RosterCommitResult {
  created: number;
  updated: number;
  unchanged: number;
  /** initial passwords of the accounts created now: shown once, never stored in clear */
  initialPasswords: { employeeNo: string; name: string; password: string }[];
}
export type ExcludedView = Record<ExcludeReason, number>;

const fileUpload = z.object({
  fileName: z.string().min(1).max(255),
  base64: z.string().max(30_000_000),
});
const campaignRef = z.object({ campaignId: z.string().min(1).max(64) });
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '文件哈希不合法');
/** an archive's folder or .zip name: no path separators, no '..' */
const exportIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((x) => !/[\\/]/.test(x) && x !== '..' && x !== '.' && !x.startsWith('.'), '导出名称不合法');
const accidentsSchema = z.array(z.string().trim().min(1).max(120)).max(30).default([]);
const answersSchema = z.record(z.string().max(64), z.array(z.string().max(2000)).max(8));

export const api = {
  /** setupCodeRequired: this caller is not on the server PC, so first-run setup needs the code the server printed */
  'setup.status': call<{ initialized: boolean; enterprise: string | null; setupCodeRequired: boolean }>()(none, 'public'),
  'setup.init': call<Me>()(
    z.object({
      enterprise: z.string().trim().min(1).max(120),
      adminNo: employeeNoSchema,
      adminName: z.string().trim().min(1).max(40),
      password: z.string().min(8, '密码至少 8 位').max(200),
      setupCode: z.string().trim().max(64).optional(),
    }),
    'public',
  ),
  'auth.login': call<{ token: string; me: Me }>()(
    z.object({ employeeNo: z.string().trim().min(1).max(32), password: z.string().min(1).max(200) }),
    'public',
  ),
  'auth.logout': call<{ ok: true }>()(none, ALL),
  'auth.me': call<Me>()(none, ALL),
  /** sessionsEnded: the account's other sessions (other PCs, other browsers), ended by the change */
  'auth.changePassword': call<{ ok: true; sessionsEnded: number }>()(
    z.object({ oldPassword: z.string().min(1).max(200), newPassword: z.string().min(8, '密码至少 8 位').max(200) }),
    ALL,
  ),

  /** accounts locked and addresses blocked by failed logins, now */
  'auth.locks': call<{ kind: 'account' | 'address'; subject: string; until: string; failures: number }[]>()(none, ['admin']),
  'auth.unlock': call<{ ok: true }>()(
    z.object({ kind: z.enum(['account', 'address']), subject: z.string().trim().min(1).max(64), reason: z.string().trim().min(1, '请写明解除锁定的理由').max(500) }).strict(),
    ['admin'],
  ),
  'accounts.list': call<AccountView[]>()(none, ['admin']),
  /** the whole set of roles (employee, officer, archivist, admin); the last admin keeps admin */
  'accounts.setRoles': call<AccountView>()(z.object({ employeeNo: employeeNoSchema, roles: z.array(z.enum(ROLES)).min(1, '至少保留一个角色').max(4), reason: z.string().trim().max(500).default('') }).strict(), ['admin']),
  /** a one-time password, in the answer only: to be changed at the next sign-in */
  'accounts.resetPassword': call<{ employeeNo: string; name: string; password: string; sessionsEnded: number }>()(z.object({ employeeNo: employeeNoSchema, reason: z.string().trim().max(500).default('') }).strict(), ['admin']),
  'accounts.setDisabled': call<AccountView>()(z.object({ employeeNo: employeeNoSchema, disabled: z.boolean(), reason: z.string().trim().max(500).default('') }).strict(), ['admin']),
  'accounts.revokeSessions': call<{ sessionsEnded: number }>()(z.object({ employeeNo: employeeNoSchema, reason: z.string().trim().max(500).default('') }).strict(), ['admin']),
  'settings.get': call<Settings>()(none, ALL),
  'settings.save': call<Settings>()(settingsSchema, ['admin']),

  'roster.preview': call<RosterPreview>()(fileUpload, OFFICE, UPLOAD),
  'roster.commit': call<RosterCommitResult>()(fileUpload, OFFICE, UPLOAD),
  'roster.list': call<Person[]>()(none, [...OFFICE, 'archivist']),

  'corpus.list': call<DocMeta[]>()(none, ALL),
  'corpus.get': call<DocFile>()(z.object({ docId: z.string().min(1).max(80), key: z.string().max(40).optional() }), ALL),

  'reader.position': call<{ ratio: number | null }>()(z.object({ docId: z.string().min(1).max(80), key: z.string().min(1).max(40) }), ALL),
  'reader.savePosition': call<{ ok: true }>()(
    z.object({ docId: z.string().min(1).max(80), key: z.string().min(1).max(40), ratio: z.number().min(0).max(1) }),
    ALL,
  ),
  'corpus.search': call<SearchResult[]>()(z.object({ q: z.string().trim().min(1).max(100) }), ALL),
  'corpus.importPreview': call<ImportPreview>()(fileUpload, OFFICE, UPLOAD),
  'corpus.importStart': call<ImportJobView>()(fileUpload, OFFICE, UPLOAD),
  'corpus.importJob': call<ImportJobView>()(z.object({ jobId: z.string().uuid() }), OFFICE),
  'corpus.importCancel': call<ImportJobView>()(z.object({ jobId: z.string().uuid() }), OFFICE),
  'corpus.importCommit': call<{ docId: string; edition: string }>()(
    fileUpload.partial().extend({
      /** commit what a finished import job read (no second reading of the file) */
      jobId: z.string().uuid().optional(),
      docId: z.string().min(1).max(80).optional(),
      newDoc: z
        .object({
          title: z.string().trim().min(1).max(200),
          docNo: z.string().trim().max(100),
          issuer: z.string().trim().max(100),
          category: z.enum(['法律', '行政法规', '国家标准', '行业标准', '地方文件', '企业制度', '事故案例']),
          effective: z.union([z.literal(''), isoDateSchema]),
          suggestedMinutes: z.number().int().min(0).max(6000),
          summary: z.string().trim().max(1000),
        })
        .optional(),
    }),
    OFFICE,
    UPLOAD,
  ),

  'corpus.packExport': call<{ fileName: string; base64: string }>()(z.object({ docIds: z.array(z.string().max(80)).max(500).optional() }), OFFICE),
  'corpus.packImport': call<{ documents: number; editions: number; unchanged: number }>()(
    z.object({ fileName: z.string().min(1).max(255), base64: z.string().max(300_000_000) }),
    OFFICE,
    // a content pack (≤ 200 MB), base64 in one JSON body
    { maxBytes: 280 * MB },
  ),
  'bank.list': call<Question[]>()(none, OFFICE),
  'bank.importPreview': call<BankPreview>()(fileUpload, OFFICE, UPLOAD),
  /** skipRefused: import the good questions of a file that has refused ones (the officer chose to, after the preview) */
  'bank.importCommit': call<{ added: number; duplicates: number; refused: number }>()(fileUpload.extend({ bank: z.string().trim().min(1).max(100), skipRefused: z.boolean().optional() }), OFFICE, UPLOAD),
  'bank.template': call<{ fileName: string; base64: string }>()(none, OFFICE),
  'bank.correctKey': call<{ regraded: number }>()(z.object({ questionId: z.string().min(1).max(64), answer: z.array(z.string().min(1).max(2000)).min(1).max(8) }), OFFICE),
  'bank.save': call<Question>()(
    z.object({
      /** absent: a new question */
      id: z.string().min(1).max(64).optional(),
      type: z.enum(QUESTION_TYPES),
      stem: z.string().trim().min(1, '题干不能为空').max(4000),
      options: z.array(z.string().trim().min(1, '选项不能为空').max(1000)).max(8),
      answer: z.array(z.string().trim().min(1).max(2000)).min(1, '请给出答案').max(8),
      explanation: z.string().trim().max(4000),
      score: z.number().positive().max(100),
      source: z.string().trim().max(200),
      bank: z.string().trim().max(100),
      difficulty: z.number().int().min(0).max(3),
      category: z.string().trim().max(60),
      tags: z.array(z.string().trim().min(1).max(30)).max(20),
      docId: z.string().max(80),
    }),
    OFFICE,
  ),
  'bank.history': call<QuestionVersion[]>()(z.object({ questionId: z.string().min(1).max(64) }), OFFICE),
  'bank.remove': call<{ removed: number }>()(z.object({ questionIds: z.array(z.string().min(1).max(64)).min(1).max(5000) }), OFFICE),
  'bank.export': call<{ fileName: string; base64: string }>()(z.object({ bank: z.string().max(100).optional(), format: z.enum(['xlsx', 'gift']) }), OFFICE),

  'campaign.template': call<CampaignInput>()(none, OFFICE),
  'campaign.save': call<Campaign>()(campaignInputSchema, OFFICE),
  'campaign.list': call<CampaignSummary[]>()(none, ALL),
  'campaign.get': call<Campaign>()(campaignRef, OFFICE),

  'study.start': call<StudyStartReply>()(campaignRef.extend({ docId: z.string().min(1).max(80), key: z.string().max(40).optional() }), STUDENT),
  'study.beat': call<BeatReply>()(
    z.object({ sessionId: z.string().min(1).max(64), visible: z.boolean(), focused: z.boolean(), interacted: z.boolean(), locked: z.boolean().optional() }),
    STUDENT,
  ),
  'study.answerCheck': call<BeatReply>()(
    z.object({ sessionId: z.string().min(1).max(64), checkId: z.string().min(1).max(64), answer: z.string().max(20) }),
    STUDENT,
  ),
  'study.stop': call<{ ok: true }>()(z.object({ sessionId: z.string().min(1).max(64) }), STUDENT),
  'progress.mine': call<MyProgress>()(campaignRef, STUDENT),

  'practice.options': call<PracticeOptions>()(campaignRef, STUDENT),
  'practice.draw': call<PracticeQuestion[]>()(
    campaignRef.extend({ mode: z.enum(['doc', 'random', 'book']), docId: z.string().min(1).max(80).optional(), category: z.string().max(60).optional(), count: z.number().int().min(1).max(50) }).strict(),
    STUDENT,
  ),
  'practice.answer': call<PracticeFeedback>()(campaignRef.extend({ questionId: z.string().min(1).max(64), answer: z.array(z.string().max(2000)).max(8) }).strict(), STUDENT),
  'practice.book': call<BookView>()(campaignRef, STUDENT),
  'practice.weakSpots': call<WeakSpot[]>()(campaignRef, [...OFFICE, 'archivist']),

  'collective.list': call<CollectiveView[]>()(campaignRef, OFFICE),
  'collective.save': call<CollectiveView>()(collectiveInputSchema, OFFICE),
  'collective.attendance': call<CollectiveView>()(
    z.object({ sessionId: z.string().min(1).max(64), employeeNos: z.array(employeeNoSchema).max(5000) }),
    OFFICE,
  ),
  'collective.openCheckIn': call<CollectiveView>()(z.object({ sessionId: z.string().min(1).max(64), minutes: z.number().int().min(1).max(240) }), OFFICE),
  'collective.checkIn': call<CollectiveView>()(z.object({ code: z.string().trim().regex(/^\d{4}$/, '签到码是 4 位数字') }), STUDENT),

  'quiz.start': call<QuizAttemptView>()(campaignRef, STUDENT),
  'quiz.save': call<{ remainingMs: number }>()(
    z.object({ attemptId: z.string().min(1).max(64), answers: answersSchema, flags: z.array(z.string().max(64)).max(500).optional() }),
    STUDENT,
  ),
  'quiz.leave': call<{ leaves: number; submitted: QuizResultView | null }>()(z.object({ attemptId: z.string().min(1).max(64) }), STUDENT),
  'quiz.review': call<QuizReview>()(z.object({ attemptId: z.string().min(1).max(64) }), STUDENT),
  'quiz.submit': call<QuizResultView>()(z.object({ attemptId: z.string().min(1).max(64), answers: answersSchema }), STUDENT),

  'quiz.stats': call<QuizStatsView>()(campaignRef, [...OFFICE, 'archivist']),
  'quiz.scoreSheet': call<{ fileName: string; base64: string }>()(campaignRef, [...OFFICE, 'archivist']),

  'essay.get': call<EssayView>()(campaignRef, STUDENT),
  'essay.save': call<{ savedAt: string }>()(campaignRef.extend({ parts: essayPartsSchema, accidents: accidentsSchema }), STUDENT),
  'essay.submit': call<EssayView>()(campaignRef.extend({ parts: essayPartsSchema, accidents: accidentsSchema }), STUDENT),
  /** one's own drafts while writing (one snapshot per minute) and submitted versions, newest first */
  'essay.history': call<{ at: string; total: number; parts: EssayParts; accidents: string[]; submitted: number | null }[]>()(campaignRef, STUDENT),
  /** the printable essay (A4): one's own, or anyone's for officers and archivists */
  'essay.export': call<{ fileName: string; base64: string }>()(
    campaignRef.extend({ employeeNo: employeeNoSchema.optional(), format: z.enum(['pdf', 'docx']) }),
    ['employee', 'officer', 'archivist', 'admin'],
  ),
  'essay.overview': call<EssayOverview>()(campaignRef, [...OFFICE, 'archivist']),
  'essay.read': call<EssayRecord>()(campaignRef.extend({ employeeNo: employeeNoSchema }), [...OFFICE, 'archivist']),
  'essay.compare': call<EssayCompare>()(campaignRef.extend({ employeeNo: employeeNoSchema, other: z.string().min(1).max(200) }), OFFICE),

  'grading.queue': call<GradingQueue>()(campaignRef, OFFICE),
  /** an answer named by the queue's `ref` (always possible; the only way while grading is anonymous), or by 工号 and attempt */
  'grading.gradeAnswer': call<{ ok: true }>()(
    z
      .object({
        ref: z.string().min(1).max(400).optional(),
        employeeNo: employeeNoSchema.optional(),
        attemptId: z.string().min(1).max(64).optional(),
        questionId: z.string().min(1).max(64),
        score: z.number().min(0).max(100),
        comment: z.string().max(2000),
      })
      .refine((x) => (x.ref !== undefined) !== (x.employeeNo !== undefined && x.attemptId !== undefined), { message: '请给出答卷编号（ref），或工号和考核编号', path: ['ref'] }),
    OFFICE,
  ),
  'grading.reviewEssay': call<{ ok: true }>()(
    campaignRef.extend({
      employeeNo: employeeNoSchema,
      version: z.number().int().min(1),
      decision: z.enum(['accept', 'return']),
      comment: z.string().max(4000),
      partComments: z
        .array(z.object({ part: z.enum(ALL_ESSAY_PARTS), comment: z.string().trim().min(1).max(2000), quote: z.string().max(500).default('') }))
        .max(20)
        .default([]),
      /** accepting an essay flagged as similar needs a reason */
      override: z.string().trim().max(500).optional(),
    }),
    OFFICE,
  ),
  'progress.table': call<ProgressRow[]>()(campaignRef, [...OFFICE, 'archivist']),
  'progress.person': call<PersonSessions>()(campaignRef.extend({ employeeNo: employeeNoSchema }), [...OFFICE, 'archivist']),
  'progress.ledger': call<{ fileName: string; base64: string }>()(campaignRef, [...OFFICE, 'archivist']),

  'archive.exportPerson': call<ExportResult>()(z.object({ employeeNo: employeeNoSchema }), ARCHIVE),
  'people.delete': call<{ ok: true }>()(z.object({ employeeNo: employeeNoSchema, reason: z.string().trim().min(1, '请写明删除的理由').max(500) }), ['admin']),
  'audit.list': call<{ intact: boolean; entries: AuditEntryView[] }>()(none, ['admin', 'archivist']),
  /** the signing key's fingerprint, whether this server has it unlocked, and the latest checkpoint (its digest is what a plant hands to its bureau) */
  'signing.status': call<SigningStatus>()(none, ['admin', 'archivist']),
  'plan.get': call<PlanView>()(campaignRef, [...OFFICE, 'archivist']),
  /** the warning month's tasks, dated from the campaign (only while it has none) */
  'plan.fromTemplate': call<PlanView>()(campaignRef, OFFICE),
  'plan.saveTask': call<PlanTaskView>()(taskInputSchema, OFFICE),
  'plan.setDone': call<PlanTaskView>()(z.object({ taskId: z.string().uuid(), done: z.boolean() }).strict(), OFFICE),
  'plan.deleteTask': call<{ ok: true }>()(z.object({ taskId: z.string().uuid() }).strict(), OFFICE),
  'report.get': call<ReportView>()(campaignRef, STUDENT),
  'report.save': call<{ savedAt: string }>()(campaignRef.extend({ parts: reportPartsSchema }).strict(), STUDENT),
  'report.attach': call<{ attachments: FileRef[] }>()(campaignRef.extend({ fileName: z.string().min(1).max(255), base64: z.string().max(14_000_000) }).strict(), STUDENT, { maxBytes: 15 * MB }),
  'report.detach': call<{ attachments: FileRef[] }>()(campaignRef.extend({ sha256: sha256Schema }).strict(), STUDENT),
  /** to: the superior's 工号 as the roster names them, or 'bureau' for the head of the enterprise */
  'report.submit': call<ReportView>()(campaignRef.extend({ parts: reportPartsSchema, to: z.union([employeeNoSchema, z.literal('bureau')]) }).strict(), STUDENT),
  /** the reports of the people whose superior the caller is */
  'report.inbox': call<ReportBoardRow[]>()(campaignRef, STUDENT),
  /** one's own, a direct report's, or (office, archivists) anyone's */
  'report.read': call<ReportRecord>()(campaignRef.extend({ employeeNo: employeeNoSchema }), ALL),
  /** by the person the report went to; a report to the bureau: an officer records the bureau's answer */
  'report.review': call<ReportRecord>()(
    campaignRef
      .extend({
        employeeNo: employeeNoSchema,
        version: z.number().int().min(1),
        decision: z.enum(['accept', 'return']),
        comment: z.string().max(4000),
        sheet: z.array(scoreItemSchema).max(30).optional(),
        points: z.array(z.number().min(0).max(100)).max(30).optional(),
      })
      .strict(),
    ['employee', 'officer', 'admin'],
  ),
  'report.board': call<ReportBoard>()(campaignRef, [...OFFICE, 'archivist']),
  'report.file': call<{ fileName: string; base64: string }>()(campaignRef.extend({ employeeNo: employeeNoSchema, sha256: sha256Schema }).strict(), ALL),
  'inspection.list': call<InspectionsView>()(campaignRef, [...OFFICE, 'archivist']),
  'inspection.save': call<InspectionView>()(inspectionInputSchema, OFFICE),
  /** a photo for a finding or its rectification: kept by hash, named in the record that uses it */
  'finding.photo': call<FileRef>()(z.object({ fileName: z.string().min(1).max(255), base64: z.string().max(12_000_000) }).strict(), ['employee', 'officer', 'admin'], { maxBytes: 13 * MB }),
  'finding.record': call<FindingView>()(findingInputSchema, OFFICE),
  /** by the finding's 责任人, or an officer for them */
  'finding.rectify': call<FindingView>()(z.object({ findingId: z.string().uuid(), note: z.string().trim().min(1, '请写明整改情况').max(2000), photos: z.array(photoRefSchema).max(6).default([]) }).strict(), ['employee', 'officer', 'admin']),
  /** 验收: by an officer who is not the finding's 责任人 */
  'finding.verify': call<FindingView>()(z.object({ findingId: z.string().uuid(), passed: z.boolean(), note: z.string().trim().max(2000) }).strict(), OFFICE),
  /** the findings one is 责任人 of */
  'finding.mine': call<FindingView[]>()(campaignRef, STUDENT),
  'finding.file': call<{ fileName: string; base64: string }>()(z.object({ findingId: z.string().uuid(), sha256: sha256Schema }).strict(), ALL),
  /** the 问题台账 as .xlsx, in the columns bureaus use */
  'inspection.ledger': call<{ fileName: string; base64: string }>()(campaignRef, [...OFFICE, 'archivist']),
  'summary.get': call<SummaryView>()(campaignRef, [...OFFICE, 'archivist']),
  'summary.save': call<{ savedAt: string }>()(
    campaignRef.extend({ sections: z.object({ overview: z.string().max(20000), measures: z.string().max(20000), problems: z.string().max(20000), next: z.string().max(20000) }).strict() }).strict(),
    OFFICE,
  ),
  /** the draft to the bureau: an editable .docx, or a PDF */
  'summary.export': call<{ fileName: string; base64: string }>()(campaignRef.extend({ format: z.enum(['docx', 'pdf']) }).strict(), [...OFFICE, 'archivist']),
  'merge.list': call<{ runs: MergeRunView[]; conflicts: MergeConflictView[] }>()(none, OFFICE),
  'merge.decide': call<MergeConflictView>()(z.object({ conflictId: z.string().regex(/^[0-9a-f]{64}$/), choice: z.enum(['server', 'workstation']) }).strict(), OFFICE),
  'archive.batchStart': call<JobView>()(
    z
      .object({
        campaignId: z.string().min(1).max(64).optional(),
        dept: z.string().trim().min(1).max(60).optional(),
        team: z.string().trim().min(1).max(60).optional(),
        employeeNos: z.array(employeeNoSchema).min(1).max(100000).optional(),
        zip: z.boolean(),
      })
      .strict(),
    ARCHIVE,
    // up to 100,000 工号
    { maxBytes: 4 * MB },
  ),
  'archive.batchStatus': call<JobView>()(z.object({ jobId: z.string().uuid() }), ARCHIVE),
  'archive.batchCancel': call<JobView>()(z.object({ jobId: z.string().uuid() }), ARCHIVE),
  'archive.batchResume': call<JobView>()(z.object({ jobId: z.string().uuid() }), ARCHIVE),
  'archive.batchList': call<JobView[]>()(none, ARCHIVE),
  'archive.list': call<{ exportId: string; employeeNo: string; at: string; by: string }[]>()(none, ARCHIVE),
  'archive.verify': call<VerifyReport>()(z.object({ exportId: exportIdSchema }), ARCHIVE),
  'archive.file': call<{ name: string; base64: string }>()(
    z.object({ exportId: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/), name: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/) }),
    ARCHIVE,
  ),
} as const;

export type Api = typeof api;
export type CallName = keyof Api;
export type Input<K extends CallName> = z.infer<Api[K]['input']>;
export type Output<K extends CallName> = NonNullable<Api[K]['output']>;
export const CALL_NAMES = Object.keys(api) as CallName[];

/** The typed client both transports give the renderer: one method per call. */
export type AnxueClient = { [K in CallName]: (input: Input<K>) => Promise<Output<K>> };

/** Errors cross every transport in this one shape. `code` is stable; `message` is for people. */
export interface ApiErrorBody {
  /** disk_full: the server's disk (or database) has no room: nothing was changed, reads go on */
  code: 'bad_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'disk_full' | 'internal';
  message: string;
  /** for bad_input: which field */
  field?: string;
  /** for rate_limited: when to try again */
  retryAfterSeconds?: number;
}

/** The largest body a call takes (public calls: see the HTTP transport's own, smaller limit). */
export function maxBodyOf(name: CallName): number {
  return (api[name] as { maxBytes?: number }).maxBytes ?? DEFAULT_MAX_BODY;
}

export function mayCall(access: Access, roles: readonly Role[] | null): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  return access.some((r) => roles.includes(r));
}

/** The HTTP path of a call; the only place that derives one. */
export function httpPath(name: CallName): string {
  return `/api/${name}`;
}
export function ipcChannel(name: CallName): string {
  return `anxue:${name}`;
}
