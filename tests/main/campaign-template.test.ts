// 'campaign.template' dates a new campaign from the enterprise's today (or a chosen day), never
// in the past unless the officer says so; a warning month made that way and its plan have nothing
// ended or overdue; the seeded test campaign is still the notice's 2024 dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';
import { taskState } from '../../electron/core/plan';
import { TEMPLATE_KINDS } from '../../electron/core/campaign-template';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
beforeAll(async () => {
  app = makeApp();
  s = await seeded(app);
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

/** the app's clock at a UTC instant */
const at = (utc: string) => (app.clock.t = Date.parse(utc));

describe('campaign.template', () => {
  it('the seeded campaign keeps the notice’s 2024 dates every other test was written against', () => {
    const c = s.campaign;
    expect([c.start, c.end, c.studyStart, c.studyEnd, c.essay.deadline]).toEqual(['2024-09-01', '2024-10-15', '2024-09-06', '2024-09-12', '2024-09-30']);
    expect(c.phases.map((p) => [p.start, p.end])).toEqual([
      ['2024-09-01', '2024-09-05'],
      ['2024-09-06', '2024-09-30'],
      ['2024-09-20', '2024-10-15'],
    ]);
  });

  // 10:00 in the plant (UTC+8) on each day; and 01:00 local on 6 December, still the 5th in UTC
  it.each([
    ['2026-12-06T02:00:00Z', '2026-12-06'],
    ['2027-02-28T02:00:00Z', '2027-02-28'],
    ['2028-02-29T02:00:00Z', '2028-02-29'],
    ['2027-12-31T02:00:00Z', '2027-12-31'],
    ['2026-09-01T02:00:00Z', '2026-09-01'],
    ['2026-12-05T17:00:00Z', '2026-12-06'],
  ])('clock at %s: the warning month starts on the local day %s; no phase has ended and no task of its plan is overdue', async (utc, today) => {
    at(utc);
    const template = await app.call('campaign.template', {}, s.admin);
    expect(template.start).toBe(today);
    expect(template.name).toBe(`${today.slice(0, 4)}年“危险化学品生产安全事故警示月”安全专项整治`);
    expect(template.phases.filter((p) => p.end < today)).toEqual([]);
    const c = await app.call('campaign.save', template, s.admin);
    const plan = await app.call('plan.fromTemplate', { campaignId: c.id }, s.admin);
    expect(plan.today).toBe(today);
    expect(plan.tasks).toHaveLength(12);
    expect(plan.tasks.filter((t) => taskState(t, today) === 'overdue')).toEqual([]);
    expect(plan.counts.overdue).toBe(0);
    // the summary report is due on the day its phase's name says
    const by = c.phases[2]!.start;
    expect(c.phases[2]!.name).toBe(`总结提升阶段（总结报告${Number(by.slice(5, 7))}月${Number(by.slice(8, 10))}日前报送）`);
    expect(plan.tasks.find((t) => t.kind === 'summary')!.due).toBe(by);
  });

  it('each kind from a chosen day saves as it comes', async () => {
    at('2027-03-10T02:00:00Z');
    for (const kind of TEMPLATE_KINDS) {
      const t = await app.call('campaign.template', { kind, start: '2027-03-15' }, s.admin);
      expect([t.kind, t.start]).toEqual([kind, '2027-03-15']);
      const c = await app.call('campaign.save', t, s.admin);
      expect(c.kind).toBe(kind);
    }
  });

  it('a start before today is refused, naming the start, unless the officer says it is in the past', async () => {
    at('2027-03-10T02:00:00Z');
    const r = await app.raw('campaign.template', { kind: 'refresher', start: '2027-03-09' }, s.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'start', key: 'campaign.templateStartPast', params: { start: '2027-03-09', today: '2027-03-10' } } });
    expect(!r.ok && r.error.message).toContain('从过去的日期开始');
    const past = await app.call('campaign.template', { kind: 'refresher', start: '2027-03-09', past: true }, s.admin);
    expect([past.start, past.end]).toEqual(['2027-03-09', '2027-12-31']);
    // today itself is not in the past
    expect((await app.call('campaign.template', { start: '2027-03-10' }, s.admin)).start).toBe('2027-03-10');
  });

  it('a day the calendar does not have, or a kind without a template, is refused', async () => {
    at('2027-01-10T02:00:00Z');
    expect(await app.raw('campaign.template', { start: '2027-02-29' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'start' } });
    expect(await app.raw('campaign.template', { kind: 'other' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'kind' } });
  });
});
