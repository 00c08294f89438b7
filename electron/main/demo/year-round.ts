// The demo's training all year, beside its warning month: last year's warning month (studied,
// attended, closed and read-only) and this month's 三级安全教育 of the newest hires (levels signed
// on their cards). Done through the same calls as the rest of the demo.
import type { Campaign, CampaignInput } from '../../core/model';
import type { CallName, Input, Output } from '../../shared/api';
import type { DemoPerson } from './cast';

const MIN = 60_000;

export interface DemoContext {
  call: <K extends CallName>(name: K, input: Input<K>, token: string | null) => Promise<Output<K>>;
  clock: { t: number };
  /** the local date `days` from today */
  d: (days: number) => string;
  tok: (no: string) => string;
  officer: string;
  people: readonly DemoPerson[];
}

/** A person studies a document for `minutes`, one beat a minute, on the demo's clock. */
async function study(x: DemoContext, campaignId: string, no: string, docId: string, minutes: number): Promise<void> {
  const s = await x.call('study.start', { campaignId, docId }, x.tok(no));
  for (let i = 0; i < minutes; i++) {
    x.clock.t += MIN;
    await x.call('study.beat', { sessionId: s.sessionId, visible: true, focused: true, interacted: true }, x.tok(no));
  }
  await x.call('study.stop', { sessionId: s.sessionId }, x.tok(no));
}

/**
 * Last year's warning month, a year before today: most people studied and went to the film; the
 * officer closed it afterwards. Runs first, while the demo's clock is still a year back.
 */
export async function lastYearsWarningMonth(x: DemoContext, shape: CampaignInput): Promise<Campaign> {
  const year = Number(x.d(-365).slice(0, 4));
  const c = await x.call(
    'campaign.save',
    {
      ...shape,
      name: `${year}年“危险化学品生产安全事故警示月”安全专项整治（演示）`,
      start: x.d(-372),
      end: x.d(-330),
      studyStart: x.d(-367),
      studyEnd: x.d(-361),
      phases: [
        { name: '动员部署阶段', start: x.d(-372), end: x.d(-368) },
        { name: '专项整治阶段', start: x.d(-367), end: x.d(-345) },
        { name: '总结提升阶段', start: x.d(-344), end: x.d(-330) },
      ],
      essay: { ...shape.essay, deadline: x.d(-345) },
    },
    x.officer,
  );
  x.clock.t = Date.parse(`${x.d(-367)}T01:00:00Z`);
  const film = await x.call(
    'collective.save',
    { campaignId: c.id, type: 'film', topic: '警示教育片《生命重于泰山》', date: x.d(-367), start: '09:00', durationMinutes: 90, place: '公司会议室', host: '演示·安全员' },
    x.officer,
  );
  const came = x.people.filter((p, i) => p.stage !== 'none' && i % 5 !== 4).map((p) => p.employeeNo);
  await x.call('collective.attendance', { sessionId: film.id, employeeNos: came }, x.officer);
  for (const [i, no] of came.entries()) await study(x, c.id, no, c.documents[i % c.documents.length]!.docId, 30 + (i % 3) * 15);
  x.clock.t = Date.parse(`${x.d(-320)}T02:00:00Z`);
  return x.call('campaign.close', { campaignId: c.id }, x.officer);
}

/**
 * This month's new hires (the people of the demo who have not begun the warning month) in a
 * 三级安全教育 that runs beside the warning month and ends after it: 公司级 signed for all of them by
 * the safety director, 车间级 for the first two by their workshop's head, 班组级 still to come.
 */
export async function newHiresInduction(x: DemoContext, docIds: readonly string[], rest: CampaignInput): Promise<Campaign> {
  const hires = x.people.filter((p) => p.stage === 'none').slice(0, 3);
  const c = await x.call(
    'campaign.save',
    {
      ...rest,
      name: `${x.d(0).slice(0, 4)}年新员工三级安全教育（演示）`,
      kind: 'induction',
      participants: { kind: 'some', depts: [], teams: [], categories: [], employeeNos: hires.map((p) => p.employeeNo) },
      induction: {
        levels: [
          { level: 'company', hours: 24 },
          { level: 'workshop', hours: 24 },
          { level: 'team', hours: 24 },
        ],
      },
      start: x.d(-10),
      end: x.d(40),
      studyStart: x.d(-10),
      studyEnd: x.d(40),
      phases: [],
      documents: docIds.slice(0, 3).map((docId) => ({ docId, minutes: 120 })),
      targetCreditHours: 72,
      targetByCategory: {},
      essay: { ...rest.essay, minChars: 0, deadline: x.d(40) },
    },
    x.officer,
  );
  return c;
}

/** The levels entered so far, at today's time on the clock (their dates are the days they were done). */
export async function signInductionLevels(x: DemoContext, c: Campaign): Promise<void> {
  const hires = c.participants.kind === 'some' ? c.participants.employeeNos : [];
  const headOf = (dept: string) => x.people.find((p) => p.dept === dept && p.level === 'workshop')?.employeeNo ?? 'D002';
  for (const no of hires)
    await x.call(
      'induction.sign',
      { campaignId: c.id, employeeNo: no, level: 'company', date: x.d(-8), signer: 'D002', content: '安全生产法律法规、公司安全生产规章制度、危险化学品基本知识' },
      x.officer,
    );
  for (const no of hires.slice(0, 2)) {
    const dept = x.people.find((p) => p.employeeNo === no)!.dept;
    await x.call('induction.sign', { campaignId: c.id, employeeNo: no, level: 'workshop', date: x.d(-3), signer: headOf(dept), content: '本车间工艺流程、主要危险源和应急处置' }, x.officer);
  }
}
