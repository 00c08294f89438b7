// Several campaigns at once: who takes part in each, what a closed campaign refuses, and self-study
// that counts toward every current campaign of the person that has the document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api } from '../../electron/shared/api';
import { CAMPAIGN_READS, CAMPAIGN_WRITES } from '../../electron/main/services/campaign/guard';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';
import { countsFromRows, countsOfView } from '../helpers/progress-counts';
import { countsOf } from '../../electron/records/summary';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let induction: string;

const beatFor = async (token: string, campaignId: string, docId: string, seconds: number) => {
  const st = await app.call('study.start', { campaignId, docId }, token);
  for (let i = 0; i < seconds / 15; i++) {
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, token);
  }
  await app.call('study.stop', { sessionId: st.sessionId }, token);
};

beforeAll(async () => {
  app = makeApp();
  s = await seeded(app);
  // an induction for the storage workshop and for E001, studying one of the warning month's documents
  const doc = s.campaign.documents[0]!.docId;
  const c = await app.call(
    'campaign.save',
    {
      ...s.campaign,
      id: undefined,
      name: '新员工三级安全教育',
      kind: 'induction',
      participants: { kind: 'some', depts: ['储运车间'], teams: [], categories: [], employeeNos: ['E001'] },
      documents: [{ docId: doc, minutes: 60 }],
    },
    s.admin,
  );
  induction = c.id;
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('campaigns side by side', () => {
  it('every call whose input names a campaign is either a write (refused once closed) or a read', () => {
    const named = Object.entries(api)
      .filter(([, spec]) => {
        const shape = (spec.input as z.ZodObject).shape as Record<string, unknown> | undefined;
        return !!shape && 'campaignId' in shape;
      })
      .map(([n]) => n);
    const listed: string[] = [...CAMPAIGN_WRITES, ...CAMPAIGN_READS];
    expect(
      named.filter((n) => !listed.includes(n)),
      'calls naming a campaign that the guard does not know',
    ).toEqual([]);
    expect(new Set(listed).size, 'a call listed twice').toBe(listed.length);
  });

  it('an employee sees and works in only the campaigns they take part in', async () => {
    const e2 = await s.login('E002');
    const e3 = await s.login('E003');
    expect((await app.call('campaign.list', {}, e2)).map((c) => c.id)).toEqual([s.campaign.id]);
    expect((await app.call('campaign.list', {}, e3)).map((c) => c.id).sort()).toEqual([s.campaign.id, induction].sort());
    const refused = await app.raw('progress.mine', { campaignId: induction }, e2);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect([refused.error.code, refused.error.key]).toEqual(['forbidden', 'campaign.notParticipant']);
    const all = await app.call('campaign.list', {}, s.admin);
    expect(all.find((c) => c.id === induction)).toMatchObject({ kind: 'induction', participantsKind: 'some', participantCount: 2, state: 'current' });
    expect(all.find((c) => c.id === s.campaign.id)).toMatchObject({ participantsKind: 'all', participantCount: 4 });
    // the notice's tasks are a warning month's only
    const tasks = await app.raw('plan.fromTemplate', { campaignId: induction }, s.admin);
    expect(tasks.ok ? 'made' : tasks.error.key).toBe('campaign.planTemplateWarningOnly');
  });

  it('self-study counts toward every current campaign of the person that has the document, once in the year', async () => {
    const e1 = await s.login('E001');
    const doc = s.campaign.documents[0]!.docId;
    const before = await app.call('progress.mine', { campaignId: s.campaign.id }, e1);
    await beatFor(e1, s.campaign.id, doc, 60);
    const wm = await app.call('progress.mine', { campaignId: s.campaign.id }, e1);
    const ind = await app.call('progress.mine', { campaignId: induction }, e1);
    expect(wm.totals.selfMs - before.totals.selfMs).toBe(60_000);
    expect(ind.totals.selfMs).toBe(60_000);
    expect(wm.year.ms - before.year.ms, 'counted once in the year').toBe(60_000);
    // E002 is not in the induction: the same study counts toward the warning month only
    const e2 = await s.login('E002');
    await beatFor(e2, s.campaign.id, doc, 30);
    const rows = (await app.call('progress.table', { campaignId: induction }, s.admin)).rows;
    expect(rows.map((r) => r.employeeNo).sort()).toEqual(['E001', 'E003']);
  });

  it('a campaign’s counts are the numbers of everyone’s summaries, a session still open counted where it counts', async () => {
    const e1 = await s.login('E001');
    const doc = s.campaign.documents[0]!.docId;
    // started in the warning month and left open: it also counts toward the induction
    const st = await app.call('study.start', { campaignId: s.campaign.id, docId: doc }, e1);
    for (let i = 0; i < 4; i++) {
      app.clock.advance(15_000);
      await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, e1);
    }
    const nos = (await app.ports.store.roster.peek()).people.map((p) => p.employeeNo);
    for (const id of [s.campaign.id, induction]) {
      const counts = await app.ports.store.campaignCounts(id, nos);
      const views = await app.ports.store.campaignSummaries(id, nos, { essayTexts: false });
      expect(Object.fromEntries(counts), id).toEqual(Object.fromEntries([...views].map(([no, v]) => [no, countsOf(v, id)])));
    }
    expect((await app.ports.store.campaignCounts(induction, ['E001'])).get('E001')!.openMs).toBe(60_000);
    // the page's counts follow: the same as everyone's whole rows give
    for (const id of [s.campaign.id, induction]) {
      const view = await app.call('progress.table', { campaignId: id, pageSize: 200 }, s.admin);
      expect(countsOfView(view)).toEqual(countsFromRows(view.rows));
    }
    await app.call('study.stop', { sessionId: st.sessionId }, e1);
  });

  it('a quiz attempt open at the close is resumed and handed in, answers kept; no new one starts', async () => {
    const c = await app.call('campaign.save', { ...s.campaign, id: undefined, name: '考核中归档' }, s.admin);
    const [e1, e2, e3] = [await s.login('E001'), await s.login('E002'), await s.login('E003')];
    const a1 = await app.call('quiz.start', { campaignId: c.id }, e1);
    await app.call('quiz.save', { attemptId: a1.attemptId, answers: { 'wm-01': ['B'] } }, e1);
    const a3 = await app.call('quiz.start', { campaignId: c.id }, e3);
    await app.call('quiz.save', { attemptId: a3.attemptId, answers: { 'wm-01': ['B'] } }, e3);
    await app.call('campaign.close', { campaignId: c.id }, s.admin);
    app.clock.advance(60_000);
    // E001 goes on with the paper as it was, and hands it in
    const back = await app.call('quiz.start', { campaignId: c.id }, e1);
    expect([back.attemptId, back.answers, back.remainingMs]).toEqual([a1.attemptId, { 'wm-01': ['B'] }, a1.remainingMs - 60_000]);
    const done = await app.call('quiz.submit', { attemptId: a1.attemptId, answers: { 'wm-01': ['B'], 'wm-02': ['A'] } }, e1);
    expect([done.campaignId, done.timedOut]).toEqual([c.id, false]);
    // nothing more to go on with: a new attempt is refused, as for E002 who had none open
    const again = [await app.raw('quiz.start', { campaignId: c.id }, e1), await app.raw('quiz.start', { campaignId: c.id }, e2)];
    expect(again.map((r) => (r.ok ? 'started' : r.error.key))).toEqual(['campaign.closedReadOnly', 'campaign.closedReadOnly']);
    // E003 comes back after the time ran out: the attempt is handed in with what was saved, no new one begun
    app.clock.advance(30 * 60_000);
    const late = await app.raw('quiz.start', { campaignId: c.id }, e3);
    expect(late.ok ? 'started' : late.error.key).toBe('campaign.closedReadOnly');
    const p3 = (await app.call('progress.mine', { campaignId: c.id }, e3)).quiz;
    expect([p3.openAttemptId, p3.attemptsUsed, p3.results.map((r) => [r.attemptId, r.timedOut])]).toEqual([null, 1, [[a3.attemptId, true]]]);
    const p1 = (await app.call('progress.mine', { campaignId: c.id }, e1)).quiz;
    expect([p1.openAttemptId, p1.attemptsUsed]).toEqual([null, 1]);
  });

  it('a closed campaign is read-only until reopened, and both are audited', async () => {
    const e1 = await s.login('E001');
    const e3 = await s.login('E003');
    // open before the close: a study session and a collective session of the induction
    const open = await app.call('study.start', { campaignId: induction, docId: s.campaign.documents[0]!.docId }, e3);
    const lecture = await app.call(
      'collective.save',
      { campaignId: induction, type: 'lecture', topic: '入厂教育', date: '2024-09-06', start: '09:00', durationMinutes: 60, place: '', host: '' },
      s.admin,
    );
    const closed = await app.call('campaign.close', { campaignId: induction }, s.admin);
    expect([closed.closedAt, closed.closedBy]).toEqual([new Date(app.clock.now()).toISOString(), 'admin']);
    app.clock.advance(15_000);
    const tries = [
      await app.raw('study.beat', { sessionId: open.sessionId, visible: true, focused: true, interacted: true }, e3),
      await app.raw('collective.attendance', { sessionId: lecture.id, employeeNos: ['E003'] }, s.admin),
      await app.raw('study.start', { campaignId: induction, docId: s.campaign.documents[0]!.docId }, e1),
      await app.raw('essay.save', { campaignId: induction, parts: { awareness: 'x', responsibility: '', warning: '', measures: '', leadership: '' }, accidents: [] }, e1),
      await app.raw('campaign.save', { ...s.campaign, id: induction }, s.admin),
      await app.raw('collective.save', { campaignId: induction, type: 'lecture', topic: '案例', date: '2024-09-07', start: '09:00', durationMinutes: 60, place: '', host: '' }, s.admin),
    ];
    expect(tries.map((r) => (r.ok ? 'accepted' : r.error.key))).toEqual(['study.campaignClosedDuring', ...Array(5).fill('campaign.closedReadOnly')]);
    // reading still works, and study in the warning month no longer counts toward the closed induction
    const frozen = (await app.call('progress.mine', { campaignId: induction }, e1)).totals.selfMs;
    await beatFor(e1, s.campaign.id, s.campaign.documents[0]!.docId, 30);
    expect((await app.call('progress.mine', { campaignId: induction }, e1)).totals.selfMs).toBe(frozen);
    // listed among the closed ones, at the end (another test of this file closes a campaign too)
    const listed = await app.call('campaign.list', {}, s.admin);
    expect(listed.find((c) => c.id === induction)).toMatchObject({ state: 'closed' });
    expect(listed.slice(listed.findIndex((c) => c.id === induction)).every((c) => c.state === 'closed')).toBe(true);
    expect((await app.raw('campaign.reopen', { campaignId: induction, reason: '' }, s.admin)).ok).toBe(false);
    await app.call('campaign.reopen', { campaignId: induction, reason: '误操作' }, s.admin);
    const audit = await app.call('audit.list', {}, s.admin);
    expect(audit.entries.slice(0, 2).map((e) => [e.action, e.subject])).toEqual([
      ['campaign.reopened', induction],
      ['campaign.closed', induction],
    ]);
  });
});
