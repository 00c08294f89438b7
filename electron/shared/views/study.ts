// What the study and collective-session calls answer: counted study time and the attention checks
// that keep it honest.
import type { StudyTotals } from '../../core/record-shapes';
import type { StudyStatus } from '../../core/study-time';

export type { StudyTotals };
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
export interface StudyStartReply {
  sessionId: string;
  /** real milliseconds between beats in the renderer */
  beatEveryMs: number;
  /** real milliseconds of no input after which the renderer shows "paused: idle" */
  idleAfterMs: number;
  totals: StudyTotals;
}
export interface CollectiveView {
  id: string;
  campaignId: string;
  type: import('../../core/model').CollectiveType;
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
  /** a 研讨's minutes as last saved (core/discussion.ts), or null (none yet, or not a discussion) */
  minutes: (import('../../core/inspection').MinutesBody & { savedAt: string; savedBy: string }) | null;
}
