// Quizzes (考核). The backend owns the countdown and the answer keys; a taker only ever sees
// questions without answers, until the attempt is submitted.
import { randomUUID } from 'node:crypto';
import { displayedOptions, gradeItem, shuffledOrder, toDisplayedLetters, toOriginalLetters } from '../../../core/grading';
import type { Campaign, Question, QuestionForTaker } from '../../../core/model';
import { describeShortages, drawPaper } from '../../../core/paper';
import type { Input, QuizAttemptView, QuizResultView, QuizReview } from '../../../shared/api';
import { localDay } from '../../../core/study-time';
import type { Account } from '../../../records/shared-docs';
import type { OpenAttempt, PersonFile } from '../../../records/person';
import { appendEvent } from '../../../records/events';
import { getCampaign, peekBank } from '../campaign/campaign';
import { attemptResult, effectiveItems, eventsOf } from '../../../records/derive';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { iso, type Ports } from '../ports';
import { attemptQuestions, questionVersions, refOf } from '../bank/question-versions';

/** Answers sent a little after the deadline (network, a slow PC) are still accepted. */
const GRACE_MS = 10_000;

export function forTaker(q: Question, order?: number[]): QuestionForTaker {
  return { id: q.id, type: q.type, stem: q.stem, options: displayedOptions(q.options, order), score: q.score };
}

const isChoice = (q: Question | undefined) => q?.type === 'single' || q?.type === 'multiple';

/**
 * The questions of an attempt as the person was given them: the version they saw (an edit of the
 * bank during the attempt does not change their paper) and, for drawn papers, the rule's points.
 * Attempts opened before papers were snapshotted fall back to the bank.
 */
function paperOf(a: OpenAttempt, bank: readonly Question[]): Question[] {
  if (a.questions) return a.questions;
  const byId = new Map(bank.map((q) => [q.id, q]));
  return a.questionIds.map((id) => byId.get(id)).filter((q): q is Question => !!q);
}

/** What the person sent (letters as shown) → letters of the original options, for storing and grading. */
function toOriginal(a: OpenAttempt, answers: Record<string, string[]>, paper: readonly Question[]): Record<string, string[]> {
  const byId = new Map(paper.map((q) => [q.id, q]));
  const out: Record<string, string[]> = {};
  for (const [id, v] of Object.entries(answers)) out[id] = isChoice(byId.get(id)) ? toOriginalLetters(v, a.optionOrder?.[id]) : v;
  return out;
}

function submitInto(
  f: PersonFile,
  a: OpenAttempt,
  bank: readonly Question[],
  answers: Record<string, string[]>,
  now: number,
  quiz: { passMark: number; partialCredit?: boolean },
  by: string,
  timedOut: boolean,
  leftOut = false,
) {
  const passMark = quiz.passMark;
  const snapshot = paperOf(a, bank);
  const items = snapshot.map((q) => gradeItem(q, answers[q.id], { partialCredit: quiz.partialCredit }));
  const kept: Record<string, string[]> = {};
  for (const q of snapshot) if (answers[q.id]) kept[q.id] = answers[q.id]!;
  const e = appendEvent(
    f.events,
    'quiz.submitted',
    {
      attemptId: a.attemptId,
      campaignId: a.campaignId,
      startedAt: a.startedAtIso,
      submittedAt: iso(now),
      paper: snapshot.map(refOf),
      answers: kept,
      items,
      timedOut,
      passMark,
      ...(a.optionOrder ? { optionOrder: a.optionOrder } : {}),
      leaves: a.leaves ?? 0,
      ...(leftOut ? { leftOut } : {}),
    },
    { at: iso(now), by },
  );
  delete f.open.quiz[a.attemptId];
  return e;
}

export async function startQuiz(ports: Ports, caller: Account, input: Input<'quiz.start'>): Promise<QuizAttemptView> {
  return (await takeQuiz(ports, caller, input, true))!;
}

/**
 * quiz.start on a closed campaign (campaign/guard.ts): the attempt left open before the close, so
 * its answers are handed in and not lost; null when there is none to go on with (nothing is begun).
 */
export async function resumeQuiz(ports: Ports, caller: Account, input: Input<'quiz.start'>): Promise<QuizAttemptView | null> {
  return takeQuiz(ports, caller, input, false);
}

async function takeQuiz(ports: Ports, caller: Account, input: Input<'quiz.start'>, mayBegin: boolean): Promise<QuizAttemptView | null> {
  const campaign = await getCampaign(ports, input.campaignId);
  const questions = await peekBank(ports);
  const now = ports.clock.now();
  const attempt = await ports.store.person(caller.employeeNo).update((f) => {
    // An attempt left open (a crash, a closed window) resumes with the time it has left; one whose
    // time ran out is submitted with what was saved.
    for (const a of Object.values(f.open.quiz)) {
      if (a.campaignId !== campaign.id) continue;
      if (now <= a.deadline) return a;
      submitInto(f, a, questions, a.answers, a.deadline, campaign.quiz, caller.employeeNo, true);
    }
    if (!mayBegin) return null;
    const used = eventsOf(f, 'quiz.submitted').filter((e) => e.data.campaignId === campaign.id).length;
    if (used >= campaign.quiz.maxAttempts) throw conflict('quiz.noAttemptsLeftAll', { maxAttempts: campaign.quiz.maxAttempts });
    const drawn = composePaper(campaign, questions, ports.random);
    // each person gets an order of their own (harder to copy a neighbour at a shared workstation)
    const paper = campaign.quiz.shuffleQuestions ? shuffledOrder(drawn.length, ports.random).map((i) => drawn[i]!) : drawn;
    const optionOrder: Record<string, number[]> = {};
    if (campaign.quiz.shuffleOptions) for (const q of paper) if (isChoice(q)) optionOrder[q.id] = shuffledOrder(q.options.length, ports.random);
    const a: OpenAttempt = {
      attemptId: randomUUID(),
      campaignId: campaign.id,
      questionIds: paper.map((q) => q.id),
      // the attempt's own copy: the bank is read as the store holds it (peekBank)
      questions: structuredClone(paper),
      ...(campaign.quiz.shuffleOptions ? { optionOrder } : {}),
      startedAt: now,
      startedAtIso: iso(now),
      deadline: now + campaign.quiz.timeLimitMinutes * 60_000,
      answers: {},
    };
    f.open.quiz[a.attemptId] = a;
    return a;
  });
  if (!attempt) return null;
  const paper = paperOf(attempt, questions);
  const byId = new Map(paper.map((q) => [q.id, q]));
  const shown: Record<string, string[]> = {};
  for (const [id, v] of Object.entries(attempt.answers)) shown[id] = isChoice(byId.get(id)) ? toDisplayedLetters(v, attempt.optionOrder?.[id]) : v;
  return {
    attemptId: attempt.attemptId,
    campaignId: campaign.id,
    questions: paper.map((q) => forTaker(q, attempt.optionOrder?.[q.id])),
    answers: shown,
    flags: attempt.flags ?? [],
    remainingMs: Math.max(0, Math.round((attempt.deadline - now) / ports.clockSpeed)),
    timeLimitMinutes: campaign.quiz.timeLimitMinutes,
    maxLeaves: campaign.quiz.maxLeaves ?? 0,
    leaves: attempt.leaves ?? 0,
  };
}

function validAnswers(a: OpenAttempt, answers: Record<string, string[]>): Record<string, string[]> {
  onPaper(a, Object.keys(answers));
  return answers;
}

function onPaper(a: OpenAttempt, ids: string[]): string[] {
  for (const k of ids) if (!a.questionIds.includes(k)) throw badInput('quiz.questionNotPaper', { k }, 'answers');
  return [...new Set(ids)];
}

/** The paper of a new attempt: the campaign's fixed questions, or a draw by its rules. */
function composePaper(campaign: Campaign, bank: readonly Question[], random: () => number): Question[] {
  if ((campaign.quiz.mode ?? 'fixed') === 'fixed') {
    const byId = new Map(bank.map((q) => [q.id, q]));
    return campaign.quiz.questionIds.map((id) => byId.get(id)).filter((q): q is Question => !!q);
  }
  const d = drawPaper(bank, campaign.quiz.rules, random);
  if (!d.ok) throw conflict('quiz.bankTooFewQuestions', { shortages: describeShortages(d.shortages, campaign.quiz.rules) });
  return d.questions;
}

export async function saveQuiz(ports: Ports, caller: Account, input: Input<'quiz.save'>): Promise<{ remainingMs: number }> {
  const now = ports.clock.now();
  const bank = await peekBank(ports);
  const a = await ports.store.person(caller.employeeNo).update((f) => {
    const a = f.open.quiz[input.attemptId];
    if (!a) throw notFound('quiz.noQuizAttemptProgress');
    if (now > a.deadline + GRACE_MS) throw conflict('quiz.timeUpAnswersCan');
    a.answers = toOriginal(a, validAnswers(a, input.answers), paperOf(a, bank));
    if (input.flags) a.flags = onPaper(a, input.flags);
    return a;
  });
  return { remainingMs: Math.max(0, Math.round((a.deadline - now) / ports.clockSpeed)) };
}

/** What submitting or leaving an open attempt needs: the time, the bank (for attempts without a snapshot), its campaign. */
async function openAttempt(ports: Ports, caller: Account, attemptId: string) {
  const now = ports.clock.now();
  const questions = await peekBank(ports);
  const open = (await ports.store.person(caller.employeeNo).read()).open.quiz[attemptId];
  if (!open) throw notFound('quiz.noQuizAttemptProgress');
  return { now, questions, campaign: await getCampaign(ports, open.campaignId) };
}

export async function submitQuiz(ports: Ports, caller: Account, input: Input<'quiz.submit'>): Promise<QuizResultView> {
  const { now, questions, campaign } = await openAttempt(ports, caller, input.attemptId);
  const f = await ports.store.person(caller.employeeNo).update((f) => {
    const a = f.open.quiz[input.attemptId];
    if (!a) throw notFound('quiz.noQuizAttemptProgress');
    const late = now > a.deadline + GRACE_MS;
    // After the deadline only what was saved in time counts.
    const answers = late ? a.answers : toOriginal(a, validAnswers(a, input.answers), paperOf(a, questions));
    submitInto(f, a, questions, answers, late ? a.deadline : now, campaign.quiz, caller.employeeNo, late);
    return f;
  });
  const e = eventsOf(f, 'quiz.submitted').find((x) => x.data.attemptId === input.attemptId)!;
  return attemptResult(f, e.data);
}

/**
 * The right answers and 解析 of one's own submitted attempt, when the campaign allows it: after
 * submitting, or only once the campaign has ended. Never for an attempt still open.
 */
export async function reviewQuiz(ports: Ports, caller: Account, input: Input<'quiz.review'>): Promise<QuizReview> {
  const f = await ports.store.person(caller.employeeNo).read();
  const e = eventsOf(f, 'quiz.submitted').find((x) => x.data.attemptId === input.attemptId);
  if (!e) throw notFound('quiz.noSuchHandedAttempt');
  const campaign = await getCampaign(ports, e.data.campaignId);
  const { settings } = await ports.store.meta.read();
  const mode = campaign.quiz.showAnswers ?? 'after_submit';
  const today = localDay(ports.clock.now(), settings.utcOffsetMinutes);
  if (mode === 'never' || (mode === 'after_end' && today <= campaign.end)) throw forbidden(mode === 'never' ? 'quiz.answersNeverShown' : 'quiz.answersShownAfterEnd', { end: campaign.end });
  const items = effectiveItems(f, e.data);
  return {
    attemptId: e.data.attemptId,
    result: attemptResult(f, e.data),
    items: attemptQuestions(e.data, await questionVersions(ports)).map((q) => {
      const it = items.find((x) => x.questionId === q.id);
      const order = e.data.optionOrder?.[q.id];
      const choice = q.type === 'single' || q.type === 'multiple';
      return {
        stem: q.stem,
        type: q.type,
        options: displayedOptions(q.options, order),
        given: choice ? toDisplayedLetters(e.data.answers[q.id] ?? [], order) : (e.data.answers[q.id] ?? []),
        answer: choice ? toDisplayedLetters(q.answer, order) : q.answer,
        explanation: q.explanation,
        score: it?.score ?? 0,
        max: it?.max ?? q.score,
        pending: it?.status === 'pending',
      };
    }),
  };
}

/** The quiz window was left (another window, another tab): counted; past the campaign's limit, submitted. */
export async function leaveQuiz(ports: Ports, caller: Account, input: Input<'quiz.leave'>): Promise<{ leaves: number; submitted: QuizResultView | null }> {
  const { now, questions, campaign } = await openAttempt(ports, caller, input.attemptId);
  const limit = campaign.quiz.maxLeaves ?? 0;
  let leaves = 0;
  let submitted = false;
  const f = await ports.store.person(caller.employeeNo).update((f) => {
    const a = f.open.quiz[input.attemptId];
    if (!a) throw notFound('quiz.noQuizAttemptProgress');
    a.leaves = (a.leaves ?? 0) + 1;
    leaves = a.leaves;
    if (limit > 0 && a.leaves >= limit) {
      submitInto(f, a, questions, a.answers, Math.min(now, a.deadline), campaign.quiz, caller.employeeNo, false, true);
      submitted = true;
    }
    return f;
  });
  const e = submitted ? eventsOf(f, 'quiz.submitted').find((x) => x.data.attemptId === input.attemptId)! : null;
  return { leaves, submitted: e ? attemptResult(f, e.data) : null };
}
