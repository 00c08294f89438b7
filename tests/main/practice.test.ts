// Practice (练习) and the wrong-answer book (错题本), through the same calls the renderer makes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Question } from '../../electron/core/model';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let bank: Map<string, Question>;
beforeEach(async () => {
  app = makeApp();
  s = await seeded(app);
  bank = new Map((await app.call('bank.list', {}, s.admin)).map((q) => [q.id, q]));
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const DAY = 86_400_000;
/** a wrong answer to an objective question */
function wrong(q: Question): string[] {
  if (q.type === 'truefalse') return [q.answer[0] === 'T' ? 'F' : 'T'];
  if (q.type === 'fill') return ['不知道'];
  const letters = q.options.map((_, i) => String.fromCharCode(65 + i));
  return [letters.find((l) => !q.answer.includes(l))!];
}

describe('practice', () => {
  it('ten questions of one document: answers checked by the backend, two missed go into the 错题本 and come back on the schedule', async () => {
    const e1 = await s.login('E001');
    const cid = s.campaign.id;
    const opts = await app.call('practice.options', { campaignId: cid }, e1);
    const law = opts.docs.find((d) => d.docId === 'work-safety-law')!;
    expect(law.count).toBeGreaterThanOrEqual(10);
    const qs = await app.call('practice.draw', { campaignId: cid, mode: 'doc', docId: 'work-safety-law', count: 10 }, e1);
    expect(qs).toHaveLength(10);
    // nothing of the answer before answering
    for (const q of qs) expect(Object.keys(q).sort()).toEqual(['category', 'docId', 'docTitle', 'id', 'inBook', 'options', 'stem', 'type']);
    const missed: string[] = [];
    for (const [i, pq] of qs.entries()) {
      const q = bank.get(pq.id)!;
      const fb = await app.call('practice.answer', { campaignId: cid, questionId: q.id, answer: i < 2 ? wrong(q) : q.answer }, e1);
      expect(fb.correct).toBe(i >= 2);
      expect(fb.answer).toEqual(q.answer);
      expect(fb.explanation.length).toBeGreaterThan(0);
      expect(fb.cite).toMatchObject({ docId: expect.any(String), clause: expect.stringMatching(/^第.+条/) });
      if (i < 2) {
        missed.push(q.id);
        expect(fb.card).toMatchObject({ misses: 1, rightDays: 0, mastered: false });
      } else expect(fb.card).toBeNull();
    }
    let book = await app.call('practice.book', { campaignId: cid }, e1);
    expect(book.cards.map((c) => c.id).sort()).toEqual([...missed].sort());
    expect(book.cards.every((c) => !c.dueNow)).toBe(true);
    expect(await app.call('practice.draw', { campaignId: cid, mode: 'book', count: 20 }, e1)).toEqual([]);
    // the next day they are due
    app.clock.advance(DAY);
    expect((await app.call('practice.options', { campaignId: cid }, e1)).book).toEqual({ open: 2, due: 2 });
    const due = await app.call('practice.draw', { campaignId: cid, mode: 'book', count: 20 }, e1);
    expect(due.map((q) => q.id).sort()).toEqual([...missed].sort());
    expect(due.every((q) => q.inBook)).toBe(true);
    for (const q of due) await app.call('practice.answer', { campaignId: cid, questionId: q.id, answer: bank.get(q.id)!.answer }, e1);
    book = await app.call('practice.book', { campaignId: cid }, e1);
    expect(book.cards.map((c) => c.rightDays)).toEqual([1, 1]);
    expect(book.cards.every((c) => !c.dueNow)).toBe(true);
    // right again on another day: out of the book
    app.clock.advance(3 * DAY);
    for (const id of missed) await app.call('practice.answer', { campaignId: cid, questionId: id, answer: bank.get(id)!.answer }, e1);
    book = await app.call('practice.book', { campaignId: cid }, e1);
    expect(book).toEqual({ cards: [], mastered: 2 });
    // practice never touches the assessment
    expect((await app.call('progress.mine', { campaignId: cid }, e1)).quiz.attemptsUsed).toBe(0);
  });

  it('the questions of a fixed paper are kept out of practice while its assessment is open', async () => {
    const e1 = await s.login('E001');
    const cid = s.campaign.id;
    const held = s.campaign.quiz.questionIds;
    const all = await app.call('practice.draw', { campaignId: cid, mode: 'random', count: 50 }, e1);
    expect(all.some((q) => held.includes(q.id))).toBe(false);
    expect(await app.raw('practice.answer', { campaignId: cid, questionId: 'wm-01', answer: ['D'] }, e1)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // after the campaign's end they may be practised
    app.clock.t = Date.parse(`${s.campaign.end}T00:00:00Z`) + 2 * DAY;
    expect(await app.call('practice.answer', { campaignId: cid, questionId: 'wm-01', answer: ['D'] }, e1)).toMatchObject({ correct: true });
  });

  it('practice time is self-study, under the same rules as reading', async () => {
    const e1 = await s.login('E001');
    const cid = s.campaign.id;
    const st = await app.call('study.start', { campaignId: cid, docId: 'practice', key: 'practice' }, e1);
    for (let i = 0; i < 4; i++) {
      app.clock.advance(15_000);
      await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, e1);
    }
    // hidden: not counted
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: st.sessionId, visible: false, focused: false, interacted: false }, e1);
    await app.call('study.stop', { sessionId: st.sessionId }, e1);
    const mine = await app.call('progress.mine', { campaignId: cid }, e1);
    expect(mine.totals.selfMs).toBe(60_000);
    expect(mine.totals.perDocMs).toEqual({ practice: 60_000 });
    // a document's own practice counts for that document
    const st2 = await app.call('study.start', { campaignId: cid, docId: 'work-safety-law', key: 'practice' }, e1);
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: st2.sessionId, visible: true, focused: true, interacted: true }, e1);
    await app.call('study.stop', { sessionId: st2.sessionId }, e1);
    expect((await app.call('progress.mine', { campaignId: cid }, e1)).totals.perDocMs['work-safety-law']).toBe(15_000);
    // any other key on a document not on the list is still refused
    expect(await app.raw('study.start', { campaignId: cid, docId: 'practice' }, e1)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('the officer sees weak spots per document and clause; only employees practise, only the office sees others', async () => {
    const cid = s.campaign.id;
    const draw = async (no: string) => {
      const t = await s.login(no);
      const qs = await app.call('practice.draw', { campaignId: cid, mode: 'doc', docId: 'work-safety-law', count: 4 }, t);
      return { t, qs };
    };
    const a = await draw('E001');
    const target = a.qs[0]!.id;
    await app.call('practice.answer', { campaignId: cid, questionId: target, answer: wrong(bank.get(target)!) }, a.t);
    const e2 = await s.login('E002');
    await app.call('practice.answer', { campaignId: cid, questionId: target, answer: wrong(bank.get(target)!) }, e2);
    await app.call('practice.answer', { campaignId: cid, questionId: target, answer: bank.get(target)!.answer }, e2);
    const spots = await app.call('practice.weakSpots', { campaignId: cid }, s.admin);
    const clause = (await app.call('practice.answer', { campaignId: cid, questionId: target, answer: bank.get(target)!.answer }, e2)).cite!.clause;
    const spot = spots.find((w) => w.docId === 'work-safety-law' && w.clause === clause)!;
    expect(spot).toMatchObject({ docTitle: '中华人民共和国安全生产法', answered: 3, wrong: 2, people: 2 });
    expect(spot.share).toBeCloseTo(2 / 3, 3);
    expect(await app.raw('practice.weakSpots', { campaignId: cid }, a.t)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.raw('practice.book', { campaignId: cid }, s.admin)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
