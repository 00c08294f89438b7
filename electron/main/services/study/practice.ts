// Practice (练习) and the wrong-answer book (错题本). Practice draws from the same bank as papers
// (bundled and the enterprise's questions) and never touches assessment attempts or scores. After
// each answer the person sees the right answer, the 解析 and the clause; a miss goes into their
// book, which brings it back on a spaced schedule (core/wrong-book.ts). The book lives in the
// person's open state, not in the signed record: it is drill, not a training result. The time spent
// practising is recorded by the study session the page runs (key 'practice'), under the same idle
// rules as reading.
import { gradeItem, shuffledOrder } from '../../../core/grading';
import type { Campaign, Question } from '../../../core/model';
import { localDay } from '../../../core/study-time';
import { dueCards, emptyPractice, openCards, recordAnswer, type PracticeState } from '../../../core/wrong-book';
import type { BookView, Input, PracticeFeedback, PracticeOptions, PracticeQuestion, WeakSpot } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import { bankQuestions, getCampaign } from '../campaign/campaign';
import { listDocs } from '../corpus/corpus';
import { badInput, notFound } from '../errors';
import type { Ports } from '../ports';

export { PRACTICE_DOC, PRACTICE_KEY } from '../corpus/corpus';

/**
 * The questions of fixed papers whose assessment is still open: kept out of practice, so nobody
 * learns a paper's answers by drilling it. (A paper drawn at random may share the bank, as in the
 * exam systems our users know.)
 */
async function heldBack(ports: Ports): Promise<Set<string>> {
  const { campaigns } = await ports.store.campaigns.peek();
  const { settings } = await ports.store.meta.peek();
  const today = localDay(ports.clock.now(), settings.utcOffsetMinutes);
  const out = new Set<string>();
  for (const c of campaigns) if (c.quiz.mode === 'fixed' && c.end >= today) for (const id of c.quiz.questionIds) out.add(id);
  return out;
}

/** What can be practised: objective questions (a short answer needs a grader), none of an open fixed paper. */
async function pool(ports: Ports): Promise<Question[]> {
  const held = await heldBack(ports);
  return (await bankQuestions(ports)).filter((q) => q.type !== 'short' && !held.has(q.id));
}

function citeOf(ports: Ports, q: Question): { docId: string; clause: string } | null {
  const c = ports.content.citeOf(q.id)?.cite;
  return c ? { docId: c.doc, clause: c.clause } : null;
}

/** The clause a question is counted under in the weak spots: its cite, else its 出处, else its topic. */
function clauseOf(ports: Ports, q: Question): string {
  return citeOf(ports, q)?.clause ?? (q.source || q.category || '未注明条款');
}

function forTaker(q: Question, titles: Map<string, string>, inBook: boolean): PracticeQuestion {
  return { id: q.id, type: q.type, stem: q.stem, options: [...q.options], docId: q.docId, docTitle: titles.get(q.docId) ?? q.docId, category: q.category, inBook };
}

async function titlesOf(ports: Ports): Promise<Map<string, string>> {
  return new Map((await listDocs(ports)).map((d) => [d.id, d.title]));
}

async function stateOf(ports: Ports, employeeNo: string): Promise<PracticeState> {
  return (await ports.store.person(employeeNo).read()).open.practice ?? emptyPractice();
}

export async function practiceOptions(ports: Ports, caller: Account, input: Input<'practice.options'>): Promise<PracticeOptions> {
  const campaign = await getCampaign(ports, input.campaignId);
  const qs = await pool(ports);
  const titles = await titlesOf(ports);
  const state = await stateOf(ports, caller.employeeNo);
  // the campaign's documents first, in its order; then any other document with questions
  const order = [...campaign.documents.map((d) => d.docId), ...[...new Set(qs.map((q) => q.docId))].filter((d) => d && !campaign.documents.some((c) => c.docId === d))];
  const docs = order
    .map((docId) => {
      const of = qs.filter((q) => q.docId === docId);
      const cats = new Map<string, number>();
      for (const q of of) if (q.category) cats.set(q.category, (cats.get(q.category) ?? 0) + 1);
      return { docId, title: titles.get(docId) ?? docId, count: of.length, categories: [...cats].map(([name, count]) => ({ name, count })) };
    })
    .filter((d) => d.count > 0);
  return { docs, randomCount: qs.length, book: { open: openCards(state).length, due: dueCards(state, ports.clock.now()).length } };
}

export async function drawPractice(ports: Ports, caller: Account, input: Input<'practice.draw'>): Promise<PracticeQuestion[]> {
  await getCampaign(ports, input.campaignId);
  const qs = await pool(ports);
  const titles = await titlesOf(ports);
  const state = await stateOf(ports, caller.employeeNo);
  const inBook = (id: string) => !!state.book[id] && !state.book[id]!.masteredAt;
  let chosen: Question[];
  if (input.mode === 'book') {
    const byId = new Map(qs.map((q) => [q.id, q]));
    chosen = dueCards(state, ports.clock.now())
      .map(([id]) => byId.get(id))
      .filter((q): q is Question => !!q)
      .slice(0, input.count);
  } else {
    if (input.mode === 'doc' && !input.docId) throw badInput('study.chooseDocumentPractise', {}, 'docId');
    const from = qs.filter((q) => input.mode === 'random' || (q.docId === input.docId && (!input.category || q.category === input.category)));
    if (from.length === 0) throw notFound('study.noQuestionsPractise');
    // the ones never answered first, then the ones missed most, each group in a random order
    const order = shuffledOrder(from.length, ports.random).map((i) => from[i]!);
    const rank = (q: Question) => {
      const st = state.stats[q.id];
      return !st ? 0 : st.wrong > 0 ? 1 : 2;
    };
    chosen = order.sort((a, b) => rank(a) - rank(b)).slice(0, input.count);
  }
  return chosen.map((q) => forTaker(q, titles, inBook(q.id)));
}

export async function answerPractice(ports: Ports, caller: Account, input: Input<'practice.answer'>): Promise<PracticeFeedback> {
  await getCampaign(ports, input.campaignId);
  const q = (await pool(ports)).find((x) => x.id === input.questionId);
  if (!q) throw notFound('study.questionCannotPractisedNow', { questionId: input.questionId });
  const r = gradeItem(q, input.answer);
  const correct = r.status === 'graded' && r.correct;
  const { settings } = await ports.store.meta.peek();
  const now = ports.clock.now();
  const clause = clauseOf(ports, q);
  let card: PracticeState['book'][string] | null = null;
  await ports.store.person(caller.employeeNo).update((f) => {
    const out = recordAnswer(f.open.practice ?? emptyPractice(), { id: q.id, docId: q.docId, clause }, correct, now, settings.utcOffsetMinutes);
    f.open.practice = out.state;
    card = out.card;
  });
  const c = card as PracticeState['book'][string] | null;
  const extra = ports.content.citeOf(q.id);
  return {
    correct,
    answer: [...q.answer],
    explanation: q.explanation,
    source: q.source,
    cite: citeOf(ports, q),
    caseId: extra?.caseId ?? null,
    card: c ? { due: c.due, rightDays: c.rightDays.length, misses: c.misses, mastered: !!c.masteredAt } : null,
  };
}

export async function practiceBook(ports: Ports, caller: Account, input: Input<'practice.book'>): Promise<BookView> {
  await getCampaign(ports, input.campaignId);
  const state = await stateOf(ports, caller.employeeNo);
  const bank = new Map((await bankQuestions(ports)).map((q) => [q.id, q]));
  const titles = await titlesOf(ports);
  const now = new Date(ports.clock.now()).toISOString();
  return {
    cards: openCards(state)
      .filter(([id]) => bank.has(id))
      .map(([id, c]) => ({
        id,
        stem: bank.get(id)!.stem,
        docId: c.docId,
        docTitle: titles.get(c.docId) ?? c.docId,
        clause: c.clause,
        misses: c.misses,
        hits: c.hits,
        due: c.due,
        dueNow: c.due <= now,
        rightDays: c.rightDays.length,
      })),
    mastered: Object.values(state.book).filter((c) => c.masteredAt).length,
  };
}

/** For officers: per document and clause, how often practice answers were wrong, over the campaign's people. */
export async function weakSpots(ports: Ports, input: Input<'practice.weakSpots'>): Promise<WeakSpot[]> {
  const campaign: Campaign = await getCampaign(ports, input.campaignId);
  const people = (await ports.store.roster.peek()).people.map((p) => p.employeeNo);
  const files = await ports.store.peekPeople(people);
  const titles = await titlesOf(ports);
  const spots = new Map<string, WeakSpot>();
  for (const f of files.values()) {
    const stats = f.open.practice?.stats ?? {};
    const seen = new Set<string>();
    for (const s of Object.values(stats)) {
      const key = `${s.docId}\u0000${s.clause}`;
      const w = spots.get(key) ?? { docId: s.docId, docTitle: titles.get(s.docId) ?? s.docId, clause: s.clause, answered: 0, wrong: 0, share: 0, people: 0 };
      w.answered += s.n;
      w.wrong += s.wrong;
      if (!seen.has(key)) {
        w.people += 1;
        seen.add(key);
      }
      spots.set(key, w);
    }
  }
  const inCampaign = new Set(campaign.documents.map((d) => d.docId));
  return [...spots.values()]
    .map((w) => ({ ...w, share: w.answered ? Math.round((w.wrong / w.answered) * 1000) / 1000 : 0 }))
    .sort((a, b) => Number(inCampaign.has(b.docId)) - Number(inCampaign.has(a.docId)) || b.share - a.share || b.answered - a.answered);
}
