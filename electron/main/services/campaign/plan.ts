// The campaign plan: its phases (kept with the campaign) and its tasks (plan.json), each with a
// deadline, an owner from the roster, a status and evidence (linked collective sessions). What is
// overdue or due soon is worked out against the enterprise's local date.
import { randomUUID } from 'node:crypto';
import { taskState, warningMonthTasks, type PlanTask, type TaskInput } from '../../../core/plan';
import { localDay } from '../../../core/study-time';
import type { Input, PlanTaskView, PlanView } from '../../../shared/api';
import { listDocs } from '../corpus/corpus';
import type { Account } from '../../../records/shared-docs';
import { assertOpen, getCampaign } from './campaign';
import { badInput, notFound } from '../errors';
import { listInspections } from '../inspection/inspection';
import { iso, type Ports } from '../ports';
import { progressTable } from '../progress/progress';
import { reportBoard } from '../report/report';

async function today(ports: Ports): Promise<string> {
  return localDay(ports.clock.now(), (await ports.store.meta.peek()).settings.utcOffsetMinutes);
}

/** What the ledgers show for each kind of task (computed only for the kinds present). */
async function ledgerEvidence(ports: Ports, campaignId: string, tasks: readonly PlanTask[]) {
  const kinds = new Set(tasks.map((t) => t.kind));
  const out: (t: PlanTask) => PlanTaskView['ledger'] = () => null;
  if (kinds.size === 0) return out;
  const rows = kinds.has('essay') || kinds.has('assessment') ? await progressTable(ports, { campaignId }) : [];
  const board = kinds.has('report') ? await reportBoard(ports, { campaignId }) : null;
  const ledger = kinds.has('inspection') ? await listInspections(ports, { campaignId }) : null;
  const summary = kinds.has('summary') ? (await ports.store.summaries.peek()).campaigns[campaignId] : undefined;
  return (t: PlanTask): PlanTaskView['ledger'] => {
    switch (t.kind) {
      case 'essay':
        return {
          key: 'essay',
          n: rows.filter((r) => r.essayStatus !== 'not_started' && r.essayStatus !== 'draft').length,
          of: rows.length,
          extra: rows.filter((r) => r.essayStatus === 'accepted').length,
        };
      case 'assessment':
        return { key: 'assessment', n: rows.filter((r) => r.quizPercent !== null).length, of: rows.length, extra: rows.filter((r) => r.quizPassed === true).length };
      case 'report':
        return board && { key: 'report', n: board.rows.filter((r) => r.version > 0).length, of: board.rows.length, extra: board.rows.filter((r) => r.status === 'accepted').length };
      case 'inspection': {
        if (!ledger) return null;
        const mine = (k: string | undefined) => !t.inspectionKind || k === t.inspectionKind;
        const findings = ledger.findings.filter((f) => mine(f.inspection?.kind));
        return { key: 'inspection', n: ledger.inspections.filter((i) => mine(i.kind)).length, of: findings.length, extra: findings.filter((f) => f.status === 'closed').length };
      }
      case 'summary':
        return { key: 'summary', n: summary ? 1 : 0, of: 1, extra: 0 };
      default:
        return null;
    }
  };
}

async function viewsOf(ports: Ports, tasks: readonly PlanTask[], day: string): Promise<PlanTaskView[]> {
  const evidence = await ledgerEvidence(ports, tasks[0]?.campaignId ?? '', tasks);
  const names = new Map((await ports.store.roster.peek()).people.map((p) => [p.employeeNo, p.name]));
  const sessions = new Map((await ports.store.collective.peek()).sessions.map((s) => [s.id, s]));
  return tasks.map((t) => ({
    ...structuredClone(t as PlanTask),
    state: taskState(t, day),
    ownerName: t.owner ? (names.get(t.owner) ?? null) : null,
    sessions: t.sessionIds.flatMap((id) => {
      const s = sessions.get(id);
      return s ? [{ id, topic: s.topic, date: s.date, attendees: s.attendees.length }] : [];
    }),
    ledger: evidence(t),
  }));
}

export async function planGet(ports: Ports, input: Input<'plan.get'>): Promise<PlanView> {
  const c = await getCampaign(ports, input.campaignId);
  const day = await today(ports);
  const mine = (await ports.store.plan.peek()).tasks.filter((t) => t.campaignId === c.id);
  // by deadline; what is done goes last
  const sorted = ([...mine] as PlanTask[]).sort((a, b) => Number(a.status === 'done') - Number(b.status === 'done') || a.due.localeCompare(b.due) || a.title.localeCompare(b.title));
  const tasks = await viewsOf(ports, sorted, day);
  const counts = { done: 0, overdue: 0, soon: 0, later: 0 };
  for (const t of tasks) counts[t.state] += 1;
  const listed = new Set(c.documents.map((d) => d.docId));
  const missingOfficial = (await listDocs(ports))
    .filter((d) => listed.has(d.id) && !d.case && d.category !== '事故案例' && !d.texts.some((x) => x.kind === 'official'))
    .map((d) => ({ docId: d.id, title: d.title }));
  return { today: day, phases: c.phases.map((p) => ({ ...p, current: p.start <= day && day <= p.end })), tasks, counts, missingOfficial };
}

export async function planFromTemplate(ports: Ports, input: Input<'plan.fromTemplate'>): Promise<PlanView> {
  const c = await getCampaign(ports, input.campaignId);
  // the tasks are the notice's: an induction or a team's monthly activity has tasks of its own making
  if ((c.kind ?? 'warning') !== 'warning') throw badInput('campaign.planTemplateWarningOnly', { name: c.name }, 'campaignId');
  const at = iso(ports.clock.now());
  await ports.store.plan.update((f) => {
    if (f.tasks.some((t) => t.campaignId === c.id)) throw badInput('campaign.campaignTasksAlreadyTemplate', {}, 'campaignId');
    for (const t of warningMonthTasks(c)) f.tasks.push({ ...t, campaignId: c.id, id: randomUUID(), status: 'open', doneAt: null, doneBy: null, createdAt: at, updatedAt: at });
  });
  return planGet(ports, input);
}

/** Refuse what does not fit the campaign: a phase it does not have, an owner not on the roster, a session of another campaign. */
async function checkTask(ports: Ports, t: TaskInput): Promise<void> {
  const c = await getCampaign(ports, t.campaignId);
  if (t.phase !== null && t.phase >= c.phases.length) throw badInput('campaign.campaignPhases', { phases: c.phases.length }, 'phase');
  if (t.owner !== null && !(await ports.store.roster.peek()).people.some((p) => p.employeeNo === t.owner)) throw badInput('common.notOnRoster', { employeeNo: t.owner }, 'owner');
  const sessions = (await ports.store.collective.peek()).sessions;
  t.sessionIds.forEach((id, i) => {
    const s = sessions.find((x) => x.id === id);
    if (!s) throw badInput('campaign.noSuchCollectiveSession', {}, `sessionIds.${i}`);
    if (s.campaignId !== c.id) throw badInput('campaign.collectiveSessionBelongsAnother', {}, `sessionIds.${i}`);
  });
}

export async function planSaveTask(ports: Ports, input: Input<'plan.saveTask'>): Promise<PlanTaskView> {
  await checkTask(ports, input);
  const at = iso(ports.clock.now());
  const saved = await ports.store.plan.update((f) => {
    const { id, ...rest } = input;
    if (id) {
      const i = f.tasks.findIndex((t) => t.id === id);
      if (i < 0) throw notFound('campaign.noSuchTask');
      if (f.tasks[i]!.campaignId !== input.campaignId) throw badInput('campaign.taskBelongsAnotherCampaign', {}, 'campaignId');
      f.tasks[i] = { ...f.tasks[i]!, ...rest, updatedAt: at };
      return f.tasks[i]!;
    }
    const t: PlanTask = { ...rest, id: randomUUID(), status: 'open', doneAt: null, doneBy: null, createdAt: at, updatedAt: at };
    f.tasks.push(t);
    return t;
  });
  return (await viewsOf(ports, [saved], await today(ports)))[0]!;
}

/** A task of a closed campaign is frozen with it. */
async function assertTaskOpen(ports: Ports, taskId: string): Promise<void> {
  const t = (await ports.store.plan.peek()).tasks.find((x) => x.id === taskId);
  if (t) assertOpen(await getCampaign(ports, t.campaignId));
}

export async function planSetDone(ports: Ports, caller: Account, input: Input<'plan.setDone'>): Promise<PlanTaskView> {
  await assertTaskOpen(ports, input.taskId);
  const at = iso(ports.clock.now());
  const t = await ports.store.plan.update((f) => {
    const t = f.tasks.find((x) => x.id === input.taskId);
    if (!t) throw notFound('campaign.noSuchTask');
    t.status = input.done ? 'done' : 'open';
    t.doneAt = input.done ? at : null;
    t.doneBy = input.done ? caller.employeeNo : null;
    t.updatedAt = at;
    return t;
  });
  return (await viewsOf(ports, [t], await today(ports)))[0]!;
}

export async function planDeleteTask(ports: Ports, input: Input<'plan.deleteTask'>): Promise<{ ok: true }> {
  await assertTaskOpen(ports, input.taskId);
  await ports.store.plan.update((f) => {
    const i = f.tasks.findIndex((x) => x.id === input.taskId);
    if (i < 0) throw notFound('campaign.noSuchTask');
    f.tasks.splice(i, 1);
  });
  return { ok: true };
}
