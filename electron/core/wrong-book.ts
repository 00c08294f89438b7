// The wrong-answer book (错题本): a question answered wrong in practice comes back on a spaced
// schedule — soon after a miss, later after a hit — until it has been answered right on two
// separate days. Pure functions over the person's practice state; the clock is passed in.
import { localDay } from './study-time';

/** One question in the book. */
export interface BookCard {
  docId: string;
  /** the clause the question rests on (for the officer's weak spots and the link to the text) */
  clause: string;
  addedAt: string;
  misses: number;
  hits: number;
  lastAt: string;
  /** when it is to be asked again (ISO) */
  due: string;
  /** the local days (YYYY-MM-DD) it was answered right since its last miss */
  rightDays: string[];
  /** when it was answered right on a second day: out of the book (kept for the record) */
  masteredAt: string | null;
}

/** A person's practice: the book, and per question how often it was answered and missed. */
export interface PracticeState {
  book: Record<string, BookCard>;
  stats: Record<string, { n: number; wrong: number; docId: string; clause: string }>;
}

export const emptyPractice = (): PracticeState => ({ book: {}, stats: {} });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A miss brings the question back the next day; a first right answer in three days. */
export const AFTER_MISS_MS = DAY;
export const AFTER_HIT_MS = 3 * DAY;
/** answered right on this many separate days → mastered */
export const DAYS_TO_MASTER = 2;

/**
 * Records one practice answer. A miss puts the question into the book (or back to the start of
 * its schedule); a hit of a question in the book counts its day, and on the second separate day
 * the question leaves the book. A hit of a question not in the book only counts in the stats.
 */
export function recordAnswer(
  s: PracticeState,
  q: { id: string; docId: string; clause: string },
  correct: boolean,
  now: number,
  utcOffsetMinutes: number,
): { state: PracticeState; card: BookCard | null } {
  const at = new Date(now).toISOString();
  const st = s.stats[q.id] ?? { n: 0, wrong: 0, docId: q.docId, clause: q.clause };
  const stats = { ...s.stats, [q.id]: { ...st, docId: q.docId, clause: q.clause, n: st.n + 1, wrong: st.wrong + (correct ? 0 : 1) } };
  const old = s.book[q.id];
  const live = old && !old.masteredAt ? old : null;
  let card: BookCard | null = null;
  if (!correct) {
    card = {
      docId: q.docId,
      clause: q.clause,
      addedAt: live?.addedAt ?? at,
      misses: (live?.misses ?? 0) + 1,
      hits: live?.hits ?? 0,
      lastAt: at,
      due: new Date(now + AFTER_MISS_MS).toISOString(),
      rightDays: [],
      masteredAt: null,
    };
  } else if (live) {
    const day = localDay(now, utcOffsetMinutes);
    const rightDays = live.rightDays.includes(day) ? live.rightDays : [...live.rightDays, day];
    const mastered = rightDays.length >= DAYS_TO_MASTER;
    card = { ...live, hits: live.hits + 1, lastAt: at, rightDays, due: new Date(now + AFTER_HIT_MS).toISOString(), masteredAt: mastered ? at : null };
  }
  const book = { ...s.book };
  if (card) book[q.id] = card;
  return { state: { book, stats }, card };
}

/** The questions of the book still to be mastered, those due first (oldest due first). */
export function openCards(s: PracticeState): [string, BookCard][] {
  return Object.entries(s.book)
    .filter(([, c]) => !c.masteredAt)
    .sort((a, b) => a[1].due.localeCompare(b[1].due));
}

export function dueCards(s: PracticeState, now: number): [string, BookCard][] {
  const iso = new Date(now).toISOString();
  return openCards(s).filter(([, c]) => c.due <= iso);
}
