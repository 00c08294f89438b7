// The campaign as a plan: the warning month's tasks from the template, dated
// from the campaign; what is overdue or due soon on the enterprise's local date; owners from the
// roster; collective sessions as evidence; bad input refused with nothing changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
beforeEach(async () => {
  app = makeApp();
  s = await seeded(app);
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const TYPE = 'mobilization' as const;
/** the app's clock at 10:00 local time (UTC+8) on a date */
const on = (date: string) => (app.clock.t = Date.parse(`${date}T02:00:00Z`));

describe('campaign plan', () => {
  it("the template brings the notice's tasks, dated from the campaign; only once", async () => {
    const p = await app.call('plan.fromTemplate', { campaignId: s.campaign.id }, s.admin);
    expect(p.tasks).toHaveLength(12);
    const due = Object.fromEntries(p.tasks.map((t) => [t.title.slice(0, 6), t.due]));
    // the phases of the template: 动员部署 9/1–9/5, 专项整治 9/6–9/30, 总结提升 9/20–10/15 (the report by 9/20, as its name says)
    expect(due['召开全员动员']).toBe(s.campaign.phases[0]!.end);
    expect(due['集中学习法律']).toBe(s.campaign.studyEnd);
    expect(due['全员撰写个人']).toBe(s.campaign.essay.deadline);
    expect(due['操作规程逐岗']).toBe(s.campaign.phases[2]!.start);
    expect(due['形成总结报告']).toBe(s.campaign.phases[2]!.start);
    expect(p.tasks.every((t) => t.status === 'open' && t.owner === null)).toBe(true);
    expect(await app.raw('plan.fromTemplate', { campaignId: s.campaign.id }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'campaignId' } });
    expect((await app.call('plan.get', { campaignId: s.campaign.id }, s.admin)).tasks).toHaveLength(12);
  });

  it('names the documents on the study list whose official text is not imported yet, until it is', async () => {
    let p = await app.call('plan.get', { campaignId: s.campaign.id }, s.admin);
    const missing = p.missingOfficial.map((d) => d.docId);
    // the notice's eight documents; the team's own warning-month notes need no official text
    expect(missing).toEqual(expect.arrayContaining(['aqt-3034-2022', 'gb-30871-2022', 'ordos-2023-101', 'ordos-2023-110']));
    expect(missing).toHaveLength(8);
    const text = '危险化学品企业特殊作业安全规范\n\n4 基本要求\n\n作业前应进行危险有害因素辨识。';
    await app.call('corpus.importCommit', { fileName: 'GB30871.txt', base64: Buffer.from(text).toString('base64'), docId: 'gb-30871-2022' }, s.admin);
    p = await app.call('plan.get', { campaignId: s.campaign.id }, s.admin);
    expect(p.missingOfficial.map((d) => d.docId)).not.toContain('gb-30871-2022');
    expect(p.missingOfficial).toHaveLength(7);
  });

  it('overdue and due soon on the local date; done goes last; undoing reopens', async () => {
    await app.call('plan.fromTemplate', { campaignId: s.campaign.id }, s.admin);
    on('2024-09-06');
    let p = await app.call('plan.get', { campaignId: s.campaign.id }, s.admin);
    expect(p.today).toBe('2024-09-06');
    expect(p.phases.map((x) => x.current)).toEqual([false, true, false]);
    const meeting = p.tasks.find((t) => t.kind === 'mobilization')!;
    expect(meeting.state).toBe('overdue');
    expect(p.tasks.find((t) => t.kind === 'study')!.state).toBe('later');
    on('2024-09-10');
    p = await app.call('plan.get', { campaignId: s.campaign.id }, s.admin);
    expect(p.tasks.find((t) => t.kind === 'study')!.state).toBe('soon');
    expect(p.counts).toMatchObject({ overdue: 1, soon: 2 });
    const done = await app.call('plan.setDone', { taskId: meeting.id, done: true }, s.admin);
    expect(done).toMatchObject({ state: 'done', status: 'done', doneBy: 'admin' });
    p = await app.call('plan.get', { campaignId: s.campaign.id }, s.admin);
    expect(p.tasks.at(-1)!.id).toBe(meeting.id);
    expect(p.counts.overdue).toBe(0);
    expect(await app.call('plan.setDone', { taskId: meeting.id, done: false }, s.admin)).toMatchObject({ state: 'overdue', doneAt: null });
  });

  it('an owner from the roster and a collective session as evidence; a task of its own; deleting', async () => {
    const session = await app.call(
      'collective.save',
      { campaignId: s.campaign.id, type: TYPE, topic: '警示月动员部署会', date: '2024-09-02', start: '08:30', durationMinutes: 60, place: '三楼会议室', host: '总经理' },
      s.admin,
    );
    const t = await app.call(
      'plan.saveTask',
      { campaignId: s.campaign.id, title: '召开全员动员部署会', kind: 'mobilization', phase: 0, due: '2024-09-05', owner: 'M001', note: '全员参加', sessionIds: [session.id] },
      s.admin,
    );
    expect(t).toMatchObject({ ownerName: '测试经理', sessions: [{ id: session.id, topic: '警示月动员部署会', attendees: 0 }] });
    const moved = await app.call(
      'plan.saveTask',
      { id: t.id, campaignId: s.campaign.id, title: '召开全员动员部署会', kind: 'mobilization', phase: 0, due: '2024-09-04', owner: null, note: '', sessionIds: [] },
      s.admin,
    );
    expect(moved).toMatchObject({ id: t.id, due: '2024-09-04', owner: null, sessions: [] });
    await app.call('plan.deleteTask', { taskId: t.id }, s.admin);
    expect((await app.call('plan.get', { campaignId: s.campaign.id }, s.admin)).tasks).toEqual([]);
  });

  it('a phase the campaign lacks, an owner not on the roster, an unknown session, no title or a bad date: refused, nothing changed', async () => {
    const base = { campaignId: s.campaign.id, title: '自定任务', kind: 'other' as const, phase: null, due: '2024-09-20', owner: null, note: '', sessionIds: [] };
    const refused = async (input: object, field: string) => expect(await app.raw('plan.saveTask', { ...base, ...input }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field } });
    await refused({ phase: 7 }, 'phase');
    await refused({ owner: 'NOBODY' }, 'owner');
    await refused({ sessionIds: ['no-such-session'] }, 'sessionIds.0');
    await refused({ title: '  ' }, 'title');
    await refused({ due: '9月20日' }, 'due');
    expect(await app.raw('plan.saveTask', { ...base, campaignId: 'no-such-campaign' }, s.admin)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await app.call('plan.get', { campaignId: s.campaign.id }, s.admin)).tasks).toEqual([]);
  });

  it('tasks show what the ledgers hold: each inspection task its own kind, the essays, the summary report', async () => {
    await app.call('plan.fromTemplate', { campaignId: s.campaign.id }, s.admin);
    const i = await app.call('inspection.save', { campaignId: s.campaign.id, kind: 'abnormal', scope: 'team', unit: '合成一班', date: '2024-09-10', inspectors: '安全科', checklist: [] }, s.admin);
    await app.call(
      'finding.record',
      { inspectionId: i.id, level: 'general', location: '中控', description: '处置卡缺失', measure: '补齐处置卡', owner: 'E001', due: '2024-09-20', photos: [] },
      s.admin,
    );
    await app.call('summary.save', { campaignId: s.campaign.id, sections: { overview: '概况', measures: '', problems: '', next: '' } }, s.admin);
    const p = await app.call('plan.get', { campaignId: s.campaign.id }, s.admin);
    const by = (title: string) => p.tasks.find((t) => t.title.startsWith(title))!.ledger;
    expect(by('异常工况处置检查')).toEqual({ key: 'inspection', n: 1, of: 1, extra: 0 });
    expect(by('操作规程逐岗审查')).toEqual({ key: 'inspection', n: 0, of: 0, extra: 0 });
    expect(by('全员撰写个人剖析材料')).toEqual({ key: 'essay', n: 0, of: 4, extra: 0 });
    expect(by('形成总结报告')).toEqual({ key: 'summary', n: 1, of: 1, extra: 0 });
    expect(by('召开全员动员部署会')).toBeNull();
    // an edit keeps the task's inspection kind
    const t = p.tasks.find((x) => x.title.startsWith('异常工况处置检查'))!;
    const saved = await app.call(
      'plan.saveTask',
      { id: t.id, campaignId: t.campaignId, title: t.title, kind: t.kind, phase: t.phase, due: t.due, owner: 'E002', note: '', sessionIds: [], inspectionKind: t.inspectionKind },
      s.admin,
    );
    expect(saved).toMatchObject({ inspectionKind: 'abnormal', owner: 'E002', ledger: { key: 'inspection', n: 1, of: 1, extra: 0 } });
  });
});
