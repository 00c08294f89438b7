// Campaigns (培训计划 / 专项整治): set up from the 警示月 template, adjusted by the officer.
import { randomUUID } from 'node:crypto';
import { campaignTemplateOf, warningMonthRules } from '../../../core/campaign-template';
import type { Campaign, CampaignInput, Person, Question } from '../../../core/model';
import type { CampaignListItem, CampaignSummary, Input } from '../../../shared/api';
import { campaignStateOn, countParticipants, orderCampaigns, participantsOf, takesPart } from '../../../core/campaign-scope';
import { localDay } from '../../../core/study-time';
import { appendAudit } from '../accounts/audit';
import type { Account } from '../../../records/shared-docs';
import type { DeepReadonly } from '../../../records/versioned';
import { describeShortages, drawPaper, rulesTotal } from '../../../core/paper';
import { listDocs } from '../corpus/corpus';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { iso, type Ports } from '../ports';

/**
 * The question bank in the data folder, seeded from content/: the first time it is needed, and
 * again when a newer program brings questions the folder has never had (a question the officer
 * removed stays in the history and is not brought back; one the officer edited keeps the edit).
 */
export async function bankQuestions(ports: Ports): Promise<Question[]> {
  return structuredClone(await peekBank(ports)) as Question[];
}

/**
 * The bank as the store holds it, seeded as bankQuestions is, not copied: for the quiz calls that
 * only read it (a bank of hundreds of questions took milliseconds to copy at every start and submit).
 */
export async function peekBank(ports: Ports): Promise<readonly Question[]> {
  const known = (d: DeepReadonly<{ questions: Question[]; history: { id: string }[] }>) => new Set([...d.questions.map((q) => q.id), ...d.history.map((q) => q.id)]);
  // checked on the bank as it is, by id (neither it nor the bundled questions copied for that)
  const seen = known(await ports.store.questions.peek());
  if (!ports.content.questionIds().every((id) => seen.has(id))) {
    await ports.store.questions.update((d) => {
      const k = known(d);
      d.questions.push(...ports.content.questions().filter((q) => !k.has(q.id)));
    });
  }
  return (await ports.store.questions.peek()).questions as readonly Question[];
}

/** A template of a kind dated from the chosen start; a start before the enterprise's today only when the officer says so. */
export async function campaignTemplate(ports: Ports, input: Input<'campaign.template'>): Promise<CampaignInput> {
  const { settings } = await ports.store.meta.peek();
  const today = localDay(ports.clock.now(), settings.utcOffsetMinutes);
  const start = input.start ?? today;
  if (start < today && !input.past) throw badInput('campaign.templateStartPast', { start, today }, 'start');
  const documents = (await listDocs(ports)).filter((d) => d.required).map((d) => ({ docId: d.id, minutes: d.suggestedMinutes }));
  const qs = await bankQuestions(ports);
  const rules = warningMonthRules(
    qs,
    documents.map((d) => d.docId),
  );
  return campaignTemplateOf(input.kind ?? 'warning', start, { documents, questionIds: qs.map((q) => q.id), rules, settings });
}

export async function saveCampaign(ports: Ports, caller: Account, input: Input<'campaign.save'>): Promise<Campaign> {
  const known = new Set((await listDocs(ports)).map((d) => d.id));
  input.documents.forEach((d, i) => {
    if (!known.has(d.docId)) throw badInput('common.noStudyDocument', { docId: d.docId }, `documents.${i}.docId`);
  });
  const bank = await bankQuestions(ports);
  const qids = new Set(bank.map((q) => q.id));
  if (input.quiz.mode === 'fixed') {
    input.quiz.questionIds.forEach((id, i) => {
      if (!qids.has(id)) throw badInput('campaign.questionNotBank', { id }, `quiz.questionIds.${i}`);
    });
  } else {
    input.quiz.rules.forEach((r, i) => {
      r.docIds.forEach((d, k) => {
        if (!known.has(d)) throw badInput('campaign.ruleNoStudyDocument', { row: i + 1, docId: d }, `quiz.rules.${i}.docIds.${k}`);
      });
    });
    // every person must be able to get a full paper
    const d = drawPaper(bank, input.quiz.rules, () => 0);
    if (!d.ok) throw badInput('campaign.bankTooFewQuestions', { shortages: describeShortages(d.shortages, input.quiz.rules) }, `quiz.rules.${d.shortages[0]!.rule}.count`);
  }
  const at = iso(ports.clock.now());
  return ports.store.campaigns.update((f) => {
    const { id: wanted, ...rest } = input;
    const i = wanted ? f.campaigns.findIndex((c) => c.id === wanted) : -1;
    if (wanted && i < 0) throw notFound('campaign.noCampaign', { wanted });
    if (i >= 0) {
      const old = f.campaigns[i]!;
      assertOpen(old);
      const c: Campaign = { ...old, ...rest, id: old.id, updatedAt: at };
      f.campaigns[i] = c;
      return c;
    }
    const c: Campaign = { ...rest, id: randomUUID(), createdAt: at, createdBy: caller.employeeNo, updatedAt: at };
    f.campaigns.push(c);
    return c;
  });
}

/** A copy of one campaign (every heartbeat asks for one: the others, years of them, are not copied). */
export async function getCampaign(ports: Ports, campaignId: string): Promise<Campaign> {
  return structuredClone(await peekCampaign(ports, campaignId)) as Campaign;
}

/**
 * The campaign as the store holds it, not copied: for the calls that only read it and run many
 * times a minute (the guard, a heartbeat's answer, a study start, the progress page).
 */
export async function peekCampaign(ports: Ports, campaignId: string): Promise<DeepReadonly<Campaign>> {
  const { campaigns } = await ports.store.campaigns.peek();
  const c = campaigns.find((x) => x.id === campaignId);
  if (!c) throw notFound('campaign.noCampaign', { wanted: campaignId });
  return c as DeepReadonly<Campaign>;
}

/** The people on the roster who take part in a campaign, in roster order (everyone's views of a campaign list these). */
export async function campaignPeople(ports: Ports, c: Campaign) {
  return participantsOf(c, (await ports.store.roster.peek()).people);
}

/** A closed campaign is frozen: every call that would change something of it is refused. */
export function assertOpen(c: Pick<Campaign, 'name' | 'closedAt'>): void {
  if (c.closedAt) throw conflict('campaign.closedReadOnly', { name: c.name, at: c.closedAt.slice(0, 10) });
}

/** An employee works only in the campaigns they take part in. */
export function assertTakesPart(c: Campaign, person: Person | null, employeeNo: string): void {
  const ok = person ? takesPart(c, person) : (c.participants ?? { kind: 'all' }).kind === 'all';
  if (!ok) throw forbidden('campaign.notParticipant', { name: c.name, employeeNo });
}

/** The campaign a call would change: it must exist and be open. */
export async function openCampaignFor(ports: Ports, campaignId: string): Promise<Campaign> {
  const c = await getCampaign(ports, campaignId);
  assertOpen(c);
  return c;
}

async function setClosed(ports: Ports, caller: Account, campaignId: string, close: boolean, reason: string): Promise<Campaign> {
  const at = iso(ports.clock.now());
  const c = await ports.store.campaigns.update((f) => {
    const c = f.campaigns.find((x) => x.id === campaignId);
    if (!c) throw notFound('campaign.noCampaign', { wanted: campaignId });
    if (close === !!c.closedAt) throw conflict(close ? 'campaign.alreadyClosed' : 'campaign.notClosed', { name: c.name });
    if (close) {
      c.closedAt = at;
      c.closedBy = caller.employeeNo;
    } else {
      delete c.closedAt;
      delete c.closedBy;
    }
    c.updatedAt = at;
    return structuredClone(c);
  });
  await appendAudit(ports, { by: caller.employeeNo, action: close ? 'campaign.closed' : 'campaign.reopened', subject: c.id, reason, details: { name: c.name } });
  return c;
}

export const closeCampaign = (ports: Ports, caller: Account, input: Input<'campaign.close'>) => setClosed(ports, caller, input.campaignId, true, '');
export const reopenCampaign = (ports: Ports, caller: Account, input: Input<'campaign.reopen'>) => setClosed(ports, caller, input.campaignId, false, input.reason);

export function summarize(c: Campaign): CampaignSummary {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind ?? 'warning',
    closedAt: c.closedAt ?? null,
    start: c.start,
    end: c.end,
    studyStart: c.studyStart,
    studyEnd: c.studyEnd,
    targetCreditHours: c.targetCreditHours,
    targetByCategory: { ...(c.targetByCategory ?? {}) },
    documents: c.documents.map((d) => ({ ...d })),
    quiz: {
      mode: c.quiz.mode ?? 'fixed',
      questionCount: (c.quiz.mode ?? 'fixed') === 'fixed' ? c.quiz.questionIds.length : rulesTotal(c.quiz.rules).count,
      timeLimitMinutes: c.quiz.timeLimitMinutes,
      passMark: c.quiz.passMark,
      maxAttempts: c.quiz.maxAttempts,
      maxLeaves: c.quiz.maxLeaves ?? 0,
    },
    essay: { ...c.essay },
    phases: c.phases.map((p) => ({ ...p })),
  };
}

/**
 * The campaigns a caller may pick, current first, then upcoming, then ended and closed. Officers,
 * archivists and admins see every campaign; someone who is only an employee sees those they take part in.
 */
export async function listCampaigns(ports: Ports, caller: Account): Promise<CampaignListItem[]> {
  const { campaigns } = await ports.store.campaigns.peek();
  const { settings } = await ports.store.meta.peek();
  const people = (await ports.store.roster.peek()).people as readonly Person[];
  const today = localDay(ports.clock.now(), settings.utcOffsetMinutes);
  const onlyEmployee = caller.roles.every((r) => r === 'employee');
  const me = people.find((p) => p.employeeNo === caller.employeeNo) ?? null;
  const mine = onlyEmployee ? campaigns.filter((c) => (me ? takesPart(c as Campaign, me) : (c.participants ?? { kind: 'all' }).kind === 'all')) : campaigns;
  return orderCampaigns(mine as Campaign[], today).map((c) => ({
    ...summarize(c),
    state: campaignStateOn(c, today),
    participantsKind: (c.participants ?? { kind: 'all' }).kind,
    participantCount: onlyEmployee ? 0 : countParticipants(c, people),
  }));
}
