// A person's record as stored: the event chain, what is open (a study session, a quiz, drafts),
// and the migrations that bring an older file up to date. The same shape on both backends.
import type { EssayParts, Question } from '../core/model';
import type { OpenStudy } from '../core/study-time';
import type { ReportParts } from '../core/duty-report';
import type { FileRef } from '../core/evidence';
import type { PracticeState } from '../core/wrong-book';
import type { PersonEvent } from './events';
import type { Migration } from './versioned';
import { MessageError, said } from '../core/message';

/** The seals of a person's events: events before `from` were written before the folder was sealed (storage/lowdb seals). */
export interface EventSeals {
  from: number;
  macs: string[];
}

export interface OpenAttempt {
  attemptId: string;
  campaignId: string;
  questionIds: string[];
  startedAt: number;
  startedAtIso: string;
  deadline: number;
  /** answers in the letters of the original options */
  answers: Record<string, string[]>;
  /** per question, the original option index shown at each position (absent: as written) */
  optionOrder?: Record<string, number[]>;
  /** times the person left the quiz window */
  leaves?: number;
  /** the questions as this person was given them (the version, and for drawn papers the points) */
  questions?: Question[];
  /** questions the person flagged to look at again before submitting */
  flags?: string[];
}
export interface PersonFile {
  schemaVersion: 2;
  employeeNo: string;
  events: PersonEvent[];
  /** the seal of each event, in a sealed lowdb folder (seal.ts); belongs to the folder, not to the record */
  seals?: EventSeals;
  open: {
    study: OpenStudy | null;
    quiz: Record<string, OpenAttempt>;
    essayDrafts: Record<string, { parts: EssayParts; savedAt: string; accidents?: string[] }>;
    /** where the person stopped reading each text ("docId/key" → share of the text scrolled) */
    positions?: Record<string, { ratio: number; at: string }>;
    /** 述职报告 being written, per campaign (absent in files from before 述职) */
    reportDrafts?: Record<string, { parts: ReportParts; savedAt: string; attachments: FileRef[] }>;
    /** practice answers and the 错题本 (core/wrong-book.ts): drill, not a training result, so not an event */
    practice?: PracticeState;
    /** raised by one at each study-only change (lowdb: tells a journal line from an older one; storage/lowdb/study-journal.ts) */
    studyRev?: number;
  };
}

/** v2: an open study session carries attention-check state and provisional time. */
export function migratePersonV1(f: Record<string, unknown>): Record<string, unknown> {
  const open = (f.open ?? {}) as Record<string, unknown>;
  const study = open.study as Record<string, unknown> | null | undefined;
  if (!study) return f;
  return {
    ...f,
    open: {
      ...open,
      study: {
        provisionalMs: 0,
        provisionalByDay: {},
        checks: { issued: 0, answered: 0, missed: 0 },
        pendingCheck: null,
        checkMissed: false,
        nextCheckAt: null,
        ...study,
        excludedMs: { locked: 0, check_missed: 0, daily_cap: 0, ...(study.excludedMs as object) },
      },
    },
  };
}

/** What a person typed, kept apart from the training record: one snapshot per minute of writing. */
export interface EssayDraftSnapshot {
  at: string;
  parts: EssayParts;
  accidents: string[];
  total: number;
  /** the snapshot of a submitted version: later typing starts a new one */
  sealed?: boolean;
}
export interface EssayDraftsFile {
  schemaVersion: 1;
  employeeNo: string;
  campaigns: Record<string, EssayDraftSnapshot[]>;
}

export const emptyPerson = (employeeNo: string): PersonFile => ({ schemaVersion: 2 as const, employeeNo, events: [], open: { study: null, quiz: {}, essayDrafts: {} } });
export const PERSON_MIGRATIONS: Record<number, Migration> = { 1: migratePersonV1 };
export const emptyDrafts = (employeeNo: string): EssayDraftsFile => ({ schemaVersion: 1 as const, employeeNo, campaigns: {} });

/** A 工号 as it may name a file or a row. */
export function checkEmployeeNo(employeeNo: string): void {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(employeeNo)) throw new MessageError(said('store.badEmployeeNo', { no: employeeNo }));
}
