import { describe, expect, it } from 'vitest';
import { AFTER_HIT_MS, AFTER_MISS_MS, dueCards, emptyPractice, openCards, recordAnswer, type PracticeState } from '../../electron/core/wrong-book';

const Q = { id: 'wsl-001', docId: 'work-safety-law', clause: '第二十八条' };
const T0 = Date.parse('2026-09-07T02:00:00Z'); // 10:00 in Beijing
const H = 3_600_000;
const OFFSET = 480;

function answer(s: PracticeState, correct: boolean, at: number) {
  return recordAnswer(s, Q, correct, at, OFFSET).state;
}

describe('wrong-answer book', () => {
  it('a right answer to a question never missed leaves the book empty and counts in the stats', () => {
    const s = answer(emptyPractice(), true, T0);
    expect(s.book).toEqual({});
    expect(s.stats[Q.id]).toMatchObject({ n: 1, wrong: 0, clause: '第二十八条' });
  });

  it('a miss puts the question in the book, due the next day, not before', () => {
    const s = answer(emptyPractice(), false, T0);
    expect(s.book[Q.id]).toMatchObject({ misses: 1, rightDays: [], masteredAt: null, due: new Date(T0 + AFTER_MISS_MS).toISOString() });
    expect(dueCards(s, T0 + AFTER_MISS_MS - 1)).toEqual([]);
    expect(dueCards(s, T0 + AFTER_MISS_MS).map(([id]) => id)).toEqual([Q.id]);
  });

  it('it leaves the book only when answered right on two separate days; two hits the same day are one day', () => {
    let s = answer(emptyPractice(), false, T0);
    s = answer(s, true, T0 + 25 * H);
    s = answer(s, true, T0 + 26 * H); // same local day
    expect(s.book[Q.id]).toMatchObject({ hits: 2, masteredAt: null, due: new Date(T0 + 26 * H + AFTER_HIT_MS).toISOString() });
    expect(s.book[Q.id]!.rightDays).toHaveLength(1);
    s = answer(s, true, T0 + 26 * H + AFTER_HIT_MS);
    expect(s.book[Q.id]!.masteredAt).not.toBeNull();
    expect(openCards(s)).toEqual([]);
  });

  it('a miss after a right day starts the count again and brings it back sooner', () => {
    let s = answer(emptyPractice(), false, T0);
    s = answer(s, true, T0 + 25 * H);
    s = answer(s, false, T0 + 25 * H + AFTER_HIT_MS);
    expect(s.book[Q.id]).toMatchObject({ misses: 2, rightDays: [], masteredAt: null, due: new Date(T0 + 25 * H + AFTER_HIT_MS + AFTER_MISS_MS).toISOString() });
    expect(s.stats[Q.id]).toMatchObject({ n: 3, wrong: 2 });
  });

  it('days are the local days of the enterprise: 23:30 and 00:30 Beijing time are two days', () => {
    const late = Date.parse('2026-09-07T15:30:00Z'); // 23:30 in Beijing
    let s = answer(emptyPractice(), false, late - 2 * 24 * H);
    s = answer(s, true, late);
    s = answer(s, true, late + H);
    expect(s.book[Q.id]!.masteredAt).not.toBeNull();
  });

  it('a mastered question missed again comes back as a new card', () => {
    let s = answer(emptyPractice(), false, T0);
    s = answer(s, true, T0 + 25 * H);
    s = answer(s, true, T0 + 49 * H);
    expect(s.book[Q.id]!.masteredAt).not.toBeNull();
    s = answer(s, false, T0 + 100 * H);
    expect(s.book[Q.id]).toMatchObject({ misses: 1, hits: 0, masteredAt: null });
  });
});
