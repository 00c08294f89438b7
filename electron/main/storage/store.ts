// The storage port: what every service is given to keep records in. Two implementations:
// lowdb JSON files in one data folder (data-store.ts, the embedded default: the desktop app and
// `serve` without --db) and PostgreSQL (postgres/, for a plant's server, many processes on one
// database). Both keep the same documents with the same shapes; services never know which.
import type { DeepReadonly } from '../../records/versioned';
import { MessageError, type Message } from '../../core/message';
// the catalog that writes a store's errors in Chinese (core/message.ts setChineseOf)
import '../messages';
import type {
  AccountsFile,
  CheckpointsFile,
  SigningFile,
  AuditFile,
  CampaignsFile,
  CollectiveFile,
  CorpusFile,
  ExportsFile,
  LoginGuardFile,
  MergesFile,
  MetaFile,
  PlanFile,
  InspectionsFile,
  SummariesFile,
  QuestionsFile,
  RosterFile,
} from '../../records/shared-docs';
import type { EssayDraftsFile, PersonFile } from '../../records/person';
import type { PersonCampaignCounts, PersonCampaignView, PersonYearView } from '../../records/summary';

/** seal.json in a data folder: which key seals it, a check that a key is that one, the key under each admin's password. */
export interface SealFile {
  format: 'anxue-seal';
  version: 1;
  sealId: string;
  createdAt: string;
  /** HMAC of a fixed text with the key: tells the right key from another */
  check: string;
  /** the key wrapped under each admin's password (records/key-wrap.ts), by 工号 */
  wraps: Record<string, string>;
}

/**
 * What the store cannot do, as a message of the catalog (`said`, said in the reader's or the command
 * line's language); `message` is its Chinese text (logs): storage loads the catalog for it.
 */
export class StoreProblem extends MessageError {}

/**
 * A seal that does not hold, or a folder whose seals cannot be made, naming the file. Part of the
 * port: services and transports answer it (its own key and values) whatever the store.
 */
export class SealError extends StoreProblem {}
/** Sealed records cannot be written: the key is not on this PC yet. */
export class SealLockedError extends SealError {}

/** Sign-in sessions: in memory on one PC, a table in PostgreSQL so that every server process sees them. */
export interface SessionTable {
  create(employeeNo: string): Promise<string>;
  /** the 工号 a live token belongs to (and the token's idle time starts again), or null */
  resolve(token: string | null): Promise<string | null>;
  drop(token: string): Promise<void>;
  /** end every session of this account (but the one given, if any); how many were ended */
  dropAllFor(employeeNo: string, except?: string | null): Promise<number>;
}

/** One document: read it (shared or copied), or change it through one serialized update. */
export interface DocPort<T> {
  /** The current data without a copy, for hot read-only paths. Never mutate what this returns. */
  peek(): Promise<DeepReadonly<T>>;
  /** A deep copy of the current data. */
  read(): Promise<T>;
  /**
   * Apply fn to a copy; if it returns without throwing, the copy is kept and becomes current.
   * Updates of one document never interleave, in this process or (on PostgreSQL) across processes.
   */
  update<R>(fn: (draft: T) => R | Promise<R>): Promise<R>;
}

/** A person's record: a document, and a cheaper path for what changes every few seconds. */
export interface PersonPort extends DocPort<PersonFile> {
  /**
   * An update that changes only `open.study` (a heartbeat, an attention check), with the same
   * promise as update: kept when it resolves, never interleaved with another update of the person.
   * lowdb keeps it as one line in a journal instead of rewriting the file; fn must not add events
   * or touch anything else (refused if it does).
   */
  updateStudy<R>(fn: (draft: PersonFile) => R): Promise<R>;
  /**
   * An update, with update's promise, that is usually study-only (a study start with nothing open)
   * but may be more (closing the session before it). PostgreSQL tries it as a study-only
   * compare-and-set first, so fn may run twice and must only change the draft; lowdb makes it an
   * ordinary update.
   */
  updateMostlyStudy<R>(fn: (draft: PersonFile) => R): Promise<R>;
}

/**
 * Evidence files (photos of a finding, attachments of a 述职报告), kept by their SHA-256: written
 * once, never changed or removed, so a record that names a hash always finds the same bytes.
 */
export interface FilePort {
  /** keep the bytes; returns their SHA-256 (hex). Keeping the same bytes twice keeps them once. */
  put(bytes: Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer | null>;
  list(): Promise<string[]>;
}

/**
 * The seals of a lowdb data folder (seal.ts): each file of records carries an HMAC made with a key
 * the folder does not hold. Absent on PostgreSQL, where the database's own access rules stand in for it.
 */
export interface SealPort {
  /** 'on': sealed and the key is here; 'locked': sealed, the key is not on this PC yet; 'off': not sealed */
  status(): { mode: 'on' | 'locked' | 'off'; sealId: string | null; keyStore: string; /** the admins who hold a copy of the key */ copies: string[] };
  /** what opening the folder found and did (a torn journal end skipped, seals begun): one message each */
  notes(): readonly Message[];
  /**
   * Every file of records against its seal, and each event of a record against its own: the
   * problems, each naming the file or the person and the first record that does not match.
   * `only`: these people's records (and not the shared documents); `skip`: people checked just now.
   */
  problems(only?: readonly string[], skip?: ReadonlySet<string>): Promise<Message[]>;
  /** An admin signed in: their copy of the key opens it here when it was locked; true when the seals are on now. */
  unlock(adminNo: string, password: string): Promise<boolean>;
  /** Keep (or renew) an admin's copy of the key under their password, when the key is here. */
  keepCopyFor(adminNo: string, password: string): Promise<void>;
  /** The seal and its key (for a backup's copy of the folder), or null when the key is not here. */
  identity(): SealIdentity | null;
  /** A new folder takes a backup's seal (a restore), before it holds any record. */
  take(identity: SealIdentity): Promise<void>;
}
export interface SealIdentity {
  file: SealFile;
  key: Buffer;
}

export interface Store {
  /** the folder of files that are not records: imported editions (by hash), exports, derived indexes */
  readonly dir: string;
  readonly meta: DocPort<MetaFile>;
  readonly accounts: DocPort<AccountsFile>;
  /** the enterprise's signing key: apart from the records, its private half under the admins' passwords */
  readonly signing: DocPort<SigningFile>;
  /** signed checkpoints of every person's chain head, append-only */
  readonly checkpoints: DocPort<CheckpointsFile>;
  readonly roster: DocPort<RosterFile>;
  readonly campaigns: DocPort<CampaignsFile>;
  readonly questions: DocPort<QuestionsFile>;
  readonly exports: DocPort<ExportsFile>;
  readonly corpus: DocPort<CorpusFile>;
  readonly collective: DocPort<CollectiveFile>;
  readonly audit: DocPort<AuditFile>;
  readonly loginGuard: DocPort<LoginGuardFile>;
  /** the merges of workstations, with the conflicts they listed */
  readonly merges: DocPort<MergesFile>;
  /** the campaign plans' tasks */
  readonly plan: DocPort<PlanFile>;
  /** the 问题台账: inspections and findings, one hash chain */
  readonly inspections: DocPort<InspectionsFile>;
  /** the 总结报告's prose per campaign */
  readonly summaries: DocPort<SummariesFile>;
  /** the seals of a lowdb folder; absent on PostgreSQL */
  readonly seals?: SealPort;
  /** evidence files by hash: on PostgreSQL in the database, so a plant's backup has them */
  readonly files: FilePort;
  /** a person's training record: append-only events and the state of what they have open */
  person(employeeNo: string): PersonPort;
  /** what a person typed into their essay, one snapshot a minute, kept apart from the record */
  essayDrafts(employeeNo: string): DocPort<EssayDraftsFile>;
  /**
   * What the officer's views of one campaign need of each of these people (storage/person-summary.ts),
   * kept as records are written: a view reads this, not everyone's whole history. Never mutate.
   * `essayTexts: false` (views that never show an essay's text): the text may be left out (essay.parts
   * null even where one was submitted), which is most of what there is to read.
   */
  campaignSummaries(campaignId: string, employeeNos: readonly string[], opts?: { essayTexts?: boolean }): Promise<ReadonlyMap<string, PersonCampaignView>>;
  /**
   * Of the same summaries, only the numbers a campaign's counts need (records/summary.ts countsOf):
   * the progress page counts everyone and shows a page, so everyone's whole figures are not read.
   */
  campaignCounts(campaignId: string, employeeNos: readonly string[]): Promise<ReadonlyMap<string, PersonCampaignCounts>>;
  /**
   * Each of these people's counted time per calendar year and their open study session, from the
   * same summaries (the year's view over every campaign): never their whole history. Never mutate.
   */
  yearSummaries(employeeNos: readonly string[]): Promise<ReadonlyMap<string, PersonYearView>>;
  /** Many people's records at once (the officer's views): on PostgreSQL in two queries, not two per person. Never mutate. */
  peekPeople(employeeNos: readonly string[]): Promise<ReadonlyMap<string, DeepReadonly<PersonFile>>>;
  /** Remove a person's records and drafts: only ever called by the audited deletion. */
  removePerson(employeeNo: string): Promise<void>;
  /** The 工号 of every person who has a record, and of every person who has essay drafts. */
  recordIds(): Promise<{ people: string[]; drafts: string[] }>;
  /** For each person written so far, a number that changes whenever their record changes. */
  personStamps(): Promise<ReadonlyMap<string, number>>;
  /** A file in the corpus folder; names are content hashes, never user input. */
  corpusFile(name: string): string;
  exportsDir(): string;
  close(): void | Promise<void>;
  /**
   * Run one call (a request) in its own view of the store, when the store has one: PostgreSQL
   * checks the shared documents' versions once per call instead of at each read.
   */
  call?<R>(fn: () => Promise<R>): Promise<R>;
}
