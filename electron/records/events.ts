// Person events: append-only, each carrying the hash of the one before (a hash chain), so an
// export can prove that no record was changed, removed, reordered or added afterwards.
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../core/canonical';
import type { EssayPart, EssayParts, ExcludeReason, Question } from '../core/model';
import type { ItemResult } from '../core/grading';
import { said, type Message } from '../core/message';

/** a scoring on a 计分表: the items as they were scored, the points given, their total */
export interface ScoreRecord {
  sheet: import('../core/duty-report').ScoreItem[];
  points: number[];
  total: number;
}

/** A question as given in an attempt: its version in the bank, the points it had on the paper, a digest of its content. */
export interface QuestionRef {
  id: string;
  version: number;
  score: number;
  type: Question['type'];
  sha: string;
}

/** The digest of a question's content (a QuestionRef's sha); the points are left out, a drawn paper sets its own. */
export function questionSha(q: Question): string {
  return createHash('sha256')
    .update(canonicalJson({ ...q, score: 0 }))
    .digest('hex')
    .slice(0, 32);
}

export interface EventBodies {
  'study.session': {
    sessionId: string;
    campaignId: string;
    /** the other campaigns the time counts toward (open ones the person was in, with this document), absent when none */
    alsoFor?: string[];
    docId: string;
    docTitle: string;
    textKey: string | null;
    edition: string | null;
    startedAt: string;
    endedAt: string;
    countedMs: number;
    excludedMs: Record<ExcludeReason, number>;
    byDay: Record<string, number>;
    /** attention checks issued / answered / missed during the session (absent before v2) */
    checks?: { issued: number; answered: number; missed: number };
    closedBy: 'stop' | 'replaced' | 'recovered';
  };
  'quiz.submitted': {
    attemptId: string;
    campaignId: string;
    startedAt: string;
    submittedAt: string;
    /**
     * the questions as they were when taken, copied whole: attempts recorded before the paper was
     * kept by reference (see `paper`); later edits never change an old attempt
     */
    questions?: Question[];
    /**
     * the questions given, by version: the bank keeps every version of a question (questions.json
     * history) and `sha` names the version's content, so an edit never changes an old attempt
     */
    paper?: QuestionRef[];
    answers: Record<string, string[]>;
    items: ItemResult[];
    /** the order each question's options were shown in (original indexes), when shuffled */
    optionOrder?: Record<string, number[]>;
    /** times the quiz window was left, and whether that submitted the attempt */
    leaves?: number;
    leftOut?: boolean;
    timedOut: boolean;
    passMark: number;
  };
  /** attendance at a collective session (集中学习活动), as recorded by the officer or by checking in */
  'collective.attended': {
    sessionId: string;
    campaignId: string;
    type: import('../core/model').CollectiveType;
    topic: string;
    date: string;
    start: string;
    durationMinutes: number;
    place: string;
    host: string;
    via: 'roster' | 'self';
  };
  /** an attendance ticked by mistake, taken back by the officer */
  'collective.withdrawn': { sessionId: string; campaignId: string };
  /**
   * Spoke at a 研讨 (its minutes: core/discussion.ts), with the points the officer noted; minutes:
   * the id and hash of the minutes' entry in the campaign's chain, which this part belongs to.
   * A later save of the minutes that changes the points records the part again.
   */
  'collective.spoke': {
    sessionId: string;
    campaignId: string;
    type: import('../core/model').CollectiveType;
    topic: string;
    date: string;
    points: string;
    minutes: { entryId: string; hash: string };
  };
  /** taken off the speakers by a later save of the minutes */
  'collective.unspoke': { sessionId: string; campaignId: string; minutes: { entryId: string; hash: string } };
  /**
   * One level of 三级安全教育 completed and signed on the paper card by the level's responsible
   * person (signer: their 工号 on the roster, with name and post as they were), entered by the
   * officer. minutes: the level's 学时 × minutes per 学时 when signed, so the figure never changes;
   * date: the local date the level was completed (the training time counts on that day).
   */
  'induction.signed': {
    campaignId: string;
    level: import('../core/model').InductionLevel;
    minutes: number;
    hours: number;
    date: string;
    signer: string;
    signerName: string;
    signerPost: string;
    content: string;
  };
  /** a sign-off entered by mistake, taken back by the officer */
  'induction.revoked': { campaignId: string; level: import('../core/model').InductionLevel; reason: string };
  'quiz.graded': { attemptId: string; questionId: string; score: number; comment: string };
  /** an answer key was corrected after the attempt: its objective items graded again */
  'quiz.regraded': { attemptId: string; questionId: string; answer: string[]; items: ItemResult[] };
  /** accidents: those the person chose to reflect on (absent in records before they could choose) */
  'essay.submitted': { campaignId: string; version: number; parts: EssayParts; total: number; accidents?: string[] };
  /**
   * partComments: remarks on a part, optionally quoting a passage; similarity: the share (%) of the
   * essay found in other texts when it was reviewed; override: why a flagged essay was accepted.
   */
  'essay.reviewed': {
    campaignId: string;
    version: number;
    decision: 'accept' | 'return';
    comment: string;
    partComments?: { part: EssayPart; comment: string; quote: string }[];
    similarity?: number;
    override?: string;
  };
  /**
   * 履职述职 submitted: to the reporter's superior as the roster named them then (工号 and name),
   * or to the bureau ('bureau') for the head of the enterprise; attachments kept by hash.
   */
  'report.submitted': {
    campaignId: string;
    version: number;
    level: import('../core/model').ReportLevel;
    to: string;
    toName: string;
    parts: import('../core/duty-report').ReportParts;
    total: number;
    attachments: import('../core/evidence').FileRef[];
  };
  /**
   * The superior's answer, kept in the reporter's record: returned with remarks, or accepted and
   * scored. bureau: an officer recorded the bureau's answer to the head's report.
   */
  'report.reviewed': {
    campaignId: string;
    version: number;
    decision: 'accept' | 'return';
    comment: string;
    score?: ScoreRecord;
    bureau?: boolean;
  };
}
export type EventType = keyof EventBodies;

export type PersonEvent = {
  [K in EventType]: {
    seq: number;
    id: string;
    type: K;
    at: string;
    by: string;
    data: EventBodies[K];
    prevHash: string;
    hash: string;
  };
}[EventType];

export const GENESIS_HASH = '0'.repeat(64);

/** One link of a hash chain: a person's events, and the campaign's 问题台账 (core/inspection.ts). */
export interface ChainLink {
  seq: number;
  id: string;
  type: string;
  at: string;
  by: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

export function eventHash(e: Omit<ChainLink, 'hash'>): string {
  const { seq, id, type, at, by, data, prevHash } = e;
  return createHash('sha256').update(prevHash).update(canonicalJson({ seq, id, type, at, by, data })).digest('hex');
}

export function appendEvent<K extends EventType>(
  events: PersonEvent[],
  type: K,
  data: EventBodies[K],
  /** id: an event brought from another record set keeps its id (anxue merge), so it is known again */
  meta: { at: string; by: string; id?: string },
): PersonEvent {
  const prev = events[events.length - 1];
  const base = {
    seq: (prev?.seq ?? 0) + 1,
    id: meta.id ?? randomUUID(),
    type,
    at: meta.at,
    by: meta.by,
    data,
    prevHash: prev?.hash ?? GENESIS_HASH,
  } as Omit<PersonEvent, 'hash'>;
  const e = { ...base, hash: eventHash(base) } as PersonEvent;
  events.push(e);
  return e;
}

/**
 * Add a link to any chain (the ledger's entries): the same hashing as a person's events. `id`: an
 * entry brought from another record set (anxue merge) keeps its id, so it is known again.
 */
export function appendLink<T extends ChainLink>(chain: T[], link: Omit<T, 'seq' | 'id' | 'prevHash' | 'hash'>, id: string = randomUUID()): T {
  const prev = chain[chain.length - 1];
  const base = { ...link, seq: (prev?.seq ?? 0) + 1, id, prevHash: prev?.hash ?? GENESIS_HASH } as Omit<T, 'hash'>;
  const e = { ...base, hash: eventHash(base as Omit<ChainLink, 'hash'>) } as T;
  chain.push(e);
  return e;
}

/**
 * Check a chain; returns the problems found, each naming the record (`what`: a person's record, or
 * an entry of the 问题台账).
 */
export function verifyChain(events: readonly ChainLink[], what: 'record' | 'ledgerEntry' = 'record'): Message[] {
  const problems: Message[] = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  events.forEach((e, i) => {
    const label = { what: said(what === 'record' ? 'chain.record' : 'chain.ledgerEntry'), n: i + 1, seq: e.seq, type: e.type };
    if (e.seq !== prevSeq + 1) problems.push(said('chain.problem.seqGap', { ...label, want: prevSeq + 1 }));
    if (e.prevHash !== prevHash) problems.push(said('chain.problem.prevHash', label));
    if (eventHash(e) !== e.hash) problems.push(said('chain.problem.hash', label));
    prevHash = e.hash;
    prevSeq = e.seq;
  });
  return problems;
}

export function chainHead(events: readonly ChainLink[]): string {
  return events[events.length - 1]?.hash ?? GENESIS_HASH;
}
