// What the 述职报告 calls answer: one's own report, a person's record, and the board of everyone's.
import type { ReportLevel } from '../../core/model';
import type { ReportParts, ReportStatus, ScoreItem } from '../../core/duty-report';
import type { FileRef } from '../../core/evidence';
import type { Message } from '../../core/message';

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
  problem: Message | null;
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
