// The officer's work: a queue of short answers and essays, grades, reviews, and the progress table.
import { countEssay } from '../../core/essay';
import type { GradingQueue, Input } from '../../shared/api';
import type { Account } from '../storage/data-store';
import { appendEvent } from '../storage/events';
import { getCampaign } from './campaign';
import { essayState, eventsOf, manualGrades } from './derive';
import { badInput, notFound } from './errors';
import { iso, type Ports } from './ports';

async function rosterPeople(ports: Ports) {
  return (await ports.store.roster.read()).people;
}

export async function gradingQueue(ports: Ports, input: Input<'grading.queue'>): Promise<GradingQueue> {
  const c = await getCampaign(ports, input.campaignId);
  const queue: GradingQueue = { answers: [], essays: [] };
  for (const p of await rosterPeople(ports)) {
    const f = await ports.store.person(p.employeeNo).read();
    for (const e of eventsOf(f, 'quiz.submitted')) {
      if (e.data.campaignId !== c.id) continue;
      const graded = manualGrades(f, e.data.attemptId);
      for (const it of e.data.items) {
        if (it.status !== 'pending' || graded[it.questionId] !== undefined) continue;
        const q = e.data.questions.find((x) => x.id === it.questionId);
        queue.answers.push({
          employeeNo: p.employeeNo,
          name: p.name,
          attemptId: e.data.attemptId,
          questionId: it.questionId,
          stem: q?.stem ?? '',
          reference: q?.answer.join('；') ?? '',
          given: (e.data.answers[it.questionId] ?? []).join('\n'),
          max: it.max,
        });
      }
    }
    const st = essayState(f, c.id);
    if (st.status === 'submitted' && st.latest) {
      queue.essays.push({
        employeeNo: p.employeeNo,
        name: p.name,
        dept: p.dept,
        campaignId: c.id,
        version: st.latest.data.version,
        submittedAt: st.latest.at,
        parts: st.latest.data.parts,
        total: countEssay(st.latest.data.parts).total,
      });
    }
  }
  return queue;
}

async function requirePerson(ports: Ports, employeeNo: string) {
  const p = (await rosterPeople(ports)).find((x) => x.employeeNo === employeeNo);
  if (!p) throw notFound(`花名册中没有工号 ${employeeNo}`);
  return p;
}

export async function gradeAnswer(ports: Ports, caller: Account, input: Input<'grading.gradeAnswer'>): Promise<{ ok: true }> {
  await requirePerson(ports, input.employeeNo);
  const at = iso(ports.clock.now());
  await ports.store.person(input.employeeNo).update((f) => {
    const e = eventsOf(f, 'quiz.submitted').find((x) => x.data.attemptId === input.attemptId);
    if (!e) throw notFound('没有这次考核记录');
    const it = e.data.items.find((x) => x.questionId === input.questionId);
    if (!it || it.status !== 'pending') throw badInput('这道题不需要人工阅卷', 'questionId');
    if (input.score > it.max) throw badInput(`得分不能超过本题满分 ${it.max}`, 'score');
    appendEvent(f.events, 'quiz.graded', { attemptId: input.attemptId, questionId: input.questionId, score: input.score, comment: input.comment }, { at, by: caller.employeeNo });
  });
  return { ok: true };
}
