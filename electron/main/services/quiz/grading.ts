// The officer's work: a queue of short answers and essays, grades, reviews, and the progress table.
import type { EssayParts } from '../../../core/model';
import type { GradingQueue, Input } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import { appendEvent } from '../../../records/events';
import { assertOpen, campaignPeople, getCampaign } from '../campaign/campaign';
import { eventsOf } from '../../../records/derive';
import { questionVersions } from '../bank/question-versions';
import { badInput, notFound } from '../errors';
import { openRef, paperOf, pseudonymKey, sealRef } from './pseudonym';
import { iso, type Ports } from '../ports';

async function rosterPeople(ports: Ports) {
  return (await ports.store.roster.read()).people;
}

/**
 * What waits for a grader in one campaign. While the campaign grades anonymously, nothing here
 * names a person: each answer and essay carries its paper's pseudonym, and an answer a sealed
 * reference to grade it by.
 */
export async function gradingQueue(ports: Ports, input: Input<'grading.queue'>): Promise<GradingQueue> {
  const c = await getCampaign(ports, input.campaignId);
  const anonymous = c.quiz.anonymousGrading;
  const key = await pseudonymKey(ports);
  const versions = await questionVersions(ports);
  const queue: GradingQueue = { anonymous, answers: [], essays: [] };
  const people = await campaignPeople(ports, c);
  // the people's summaries in this campaign: what waits is in them, no one's whole history is read
  const views = await ports.store.campaignSummaries(
    c.id,
    people.map((p) => p.employeeNo),
  );
  for (const p of people) {
    const fig = views.get(p.employeeNo)?.campaign;
    if (!fig) continue;
    const paper = paperOf(key, c.id, p.employeeNo);
    const who = anonymous ? { employeeNo: null, name: null } : { employeeNo: p.employeeNo, name: p.name };
    fig.attempts.forEach((a, i) => {
      for (const it of a.pending) {
        const q = versions.get(it.sha);
        queue.answers.push({
          paper,
          attempt: i + 1,
          ref: sealRef(key, { employeeNo: p.employeeNo, attemptId: a.attemptId }),
          ...who,
          attemptId: anonymous ? null : a.attemptId,
          questionId: it.questionId,
          stem: it.stem ?? q?.stem ?? '',
          reference: it.reference ?? q?.answer.join('；') ?? '',
          given: it.given,
          max: it.max,
        });
      }
    });
    const essay = fig.essay;
    if (essay.status === 'submitted' && essay.parts && essay.submittedAt) {
      queue.essays.push({
        paper,
        ...who,
        dept: anonymous ? null : p.dept,
        campaignId: c.id,
        version: essay.version,
        submittedAt: essay.submittedAt,
        parts: structuredClone(essay.parts) as EssayParts,
        total: essay.total,
      });
    }
  }
  // anonymous: in the order of the papers, which says nothing of the roster's order
  if (anonymous) {
    queue.answers.sort((a, b) => a.paper.localeCompare(b.paper) || a.attempt - b.attempt || a.questionId.localeCompare(b.questionId));
    queue.essays.sort((a, b) => a.paper.localeCompare(b.paper));
  }
  return queue;
}

async function requirePerson(ports: Ports, employeeNo: string) {
  const p = (await rosterPeople(ports)).find((x) => x.employeeNo === employeeNo);
  if (!p) throw notFound('common.notOnRoster', { employeeNo });
  return p;
}

export async function gradeAnswer(ports: Ports, caller: Account, input: Input<'grading.gradeAnswer'>): Promise<{ ok: true }> {
  const named = input.ref === undefined ? { employeeNo: input.employeeNo!, attemptId: input.attemptId! } : openRef(await pseudonymKey(ports), input.ref);
  if (!named) throw badInput('quiz.paperReferenceNotValid', {}, 'ref');
  await requirePerson(ports, named.employeeNo);
  const at = iso(ports.clock.now());
  const { campaigns } = await ports.store.campaigns.read();
  await ports.store.person(named.employeeNo).update((f) => {
    const e = eventsOf(f, 'quiz.submitted').find((x) => x.data.attemptId === named.attemptId);
    if (!e) throw notFound('quiz.noSuchQuizAttempt');
    const c = campaigns.find((x) => x.id === e.data.campaignId);
    if (c) assertOpen(c);
    // while a campaign grades anonymously, a grade is given by paper only: naming the person is refused
    if (input.ref === undefined && campaigns.find((c) => c.id === e.data.campaignId)?.quiz.anonymousGrading) throw badInput('quiz.campaignGradesAnonymouslyGrade', {}, 'employeeNo');
    const it = e.data.items.find((x) => x.questionId === input.questionId);
    if (!it || it.status !== 'pending') throw badInput('quiz.questionNotGradedHand', {}, 'questionId');
    if (input.score > it.max) throw badInput('quiz.scoreCannotMoreThan', { max: it.max }, 'score');
    appendEvent(f.events, 'quiz.graded', { attemptId: named.attemptId, questionId: input.questionId, score: input.score, comment: input.comment }, { at, by: caller.employeeNo });
  });
  return { ok: true };
}
