// The checks every call that names a campaign passes before its handler runs, in one place so no
// area can forget them: a closed campaign is frozen (its writes are refused), and someone who is
// only an employee works only in the campaigns they take part in. Calls that reach a campaign
// through something else (a study session, a quiz attempt, a task, an inspection) check it in
// their own service with assertOpen.
import { onRoster } from '../roster/on-roster';
import type { CallName, Input, Output } from '../../../shared/api';
import type { Campaign, Person } from '../../../core/model';
import type { Handler, Handlers } from '../handler';
import type { Caller, Ports } from '../ports';
import { assertOpen, assertTakesPart, peekCampaign } from './campaign';

/** Calls that change something of the campaign they name: refused once it is closed. */
export const CAMPAIGN_WRITES = [
  'study.start',
  'collective.save',
  'quiz.start',
  'essay.save',
  'essay.submit',
  'grading.reviewEssay',
  'plan.fromTemplate',
  'plan.saveTask',
  'report.save',
  'report.attach',
  'report.detach',
  'report.submit',
  'report.review',
  'inspection.save',
  'summary.save',
  'induction.sign',
  'induction.revoke',
] as const satisfies readonly CallName[];

/**
 * Writes that on a closed campaign may still go on with what was begun before it closed, and begin
 * nothing: a quiz attempt open at the close is resumed (and so handed in, its answers not lost).
 * There the area's resume answers instead of the handler; with nothing to go on with, the call is
 * refused like any write.
 */
export const CAMPAIGN_RESUMES = ['quiz.start'] as const satisfies readonly (typeof CAMPAIGN_WRITES)[number][];

/** What each of CAMPAIGN_RESUMES does on a closed campaign: its answer, or null when there is nothing begun to go on with. */
export type Resumes = { [K in (typeof CAMPAIGN_RESUMES)[number]]: (ports: Ports, caller: Caller, input: Input<K>) => Promise<Output<K> | null> };

/**
 * Calls that name a campaign and only read it (or, like practice and the campaign's own
 * close/reopen, change nothing of its records): allowed on a closed campaign.
 */
export const CAMPAIGN_READS = [
  'campaign.get',
  'campaign.close',
  'campaign.reopen',
  'progress.mine',
  'practice.options',
  'practice.draw',
  'practice.answer',
  'practice.book',
  'practice.weakSpots',
  'collective.list',
  'quiz.stats',
  'quiz.scoreSheet',
  'essay.get',
  'essay.history',
  'essay.export',
  'essay.overview',
  'essay.read',
  'essay.compare',
  'grading.queue',
  'progress.table',
  'progress.person',
  'progress.ledger',
  'plan.get',
  'report.get',
  'report.inbox',
  'report.read',
  'report.board',
  'report.file',
  'inspection.list',
  'finding.mine',
  'inspection.ledger',
  'summary.get',
  'summary.export',
  'archive.batchStart',
  'induction.board',
] as const satisfies readonly CallName[];

const WRITES: ReadonlySet<string> = new Set(CAMPAIGN_WRITES);

/** The handlers with the campaign checks put in front of every call whose input names a campaign. */
export function guardCampaigns(hs: Handlers, resumes: Resumes): Handlers {
  const out = { ...hs } as Record<CallName, Handler<CallName>>;
  for (const name of [...CAMPAIGN_WRITES, ...CAMPAIGN_READS] as CallName[]) {
    const inner = hs[name] as Handler<CallName>;
    const write = WRITES.has(name);
    const resume = (resumes as Partial<Record<CallName, (...a: Parameters<Handler<CallName>>) => Promise<unknown>>>)[name];
    out[name] = async (ports, caller, input) => {
      const campaignId = (input as Input<'campaign.get'>).campaignId;
      const onlyEmployee = !!caller.account && caller.account.roles.every((r) => r === 'employee');
      if (write || onlyEmployee) {
        // only read here: not copied before every call that names a campaign
        const c = (await peekCampaign(ports, campaignId)) as Campaign;
        if (onlyEmployee) {
          const me = await onRoster(ports, caller.account!.employeeNo);
          assertTakesPart(c, me as Person | null, caller.account!.employeeNo);
        }
        if (write && c.closedAt && resume) {
          const went = await resume(ports, caller, input);
          if (went !== null) return went as Output<CallName>;
        }
        if (write) assertOpen(c);
      }
      return inner(ports, caller, input);
    };
  }
  return out as Handlers;
}
