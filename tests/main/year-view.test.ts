// The year's training (年度培训): a cohort studying over two years and several campaigns, each
// person's 学时 of a year against sums made here by hand from their records, the shortfalls against
// their category's requirement (a new hire's initial one in the year of their induction), the group
// totals, and the 年度学时台账 read back with exceljs.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../electron/core/model';
import type { PersonFile } from '../../electron/records/person';
import type { YearView } from '../../electron/shared/api';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
const ids: Record<'team24' | 'refresher25' | 'induction25', string> = { team24: '', refresher25: '', induction25: '' };
let openSession = '';

/** A campaign like the seeded one, moved to other months (every date field of the template). */
function moved(c: Campaign, from: [string, string], to: [string, string]) {
  const json = JSON.stringify({ ...c, id: undefined })
    .replaceAll(`${from[0]}-`, `${to[0]}-`)
    .replaceAll(`${from[1]}-`, `${to[1]}-`);
  return JSON.parse(json) as Campaign;
}

/** Read with the same document for `seconds` (beats of 15 s); `stop: false` leaves the session open. */
async function study(no: string, campaignId: string, seconds: number, stop = true): Promise<string> {
  const token = await s.login(no);
  const st = await app.call('study.start', { campaignId, docId: s.campaign.documents[0]!.docId }, token);
  for (let i = 0; i < seconds / 15; i++) {
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, token);
  }
  if (stop) await app.call('study.stop', { sessionId: st.sessionId }, token);
  return st.sessionId;
}

async function collective(campaignId: string, date: string, minutes: number, who: string[]) {
  const v = await app.call('collective.save', { campaignId, type: 'lecture', topic: `宣讲 ${date}`, date, start: '14:00', durationMinutes: minutes, place: '', host: '' }, s.admin);
  await app.call('collective.attendance', { sessionId: v.id, employeeNos: who }, s.admin);
}

/** A person's counted time in a year, summed here from their record: closed sessions by day, collective sessions attended, the open session. */
async function byHand(no: string, year: string): Promise<number> {
  const f = (await app.ports.store.person(no).read()) as PersonFile;
  const inYear = (d: string) => d.startsWith(`${year}-`);
  let ms = 0;
  const attended = new Map<string, { date: string; durationMinutes: number }>();
  for (const e of f.events) {
    if (e.type === 'study.session') for (const [d, x] of Object.entries(e.data.byDay)) ms += inYear(d) ? x : 0;
    if (e.type === 'collective.attended') attended.set(e.data.sessionId, e.data);
    if (e.type === 'collective.withdrawn') attended.delete(e.data.sessionId);
  }
  for (const a of attended.values()) ms += inYear(a.date) ? a.durationMinutes * 60_000 : 0;
  const o = f.open.study;
  for (const rec of [o?.byDay, o?.provisionalByDay]) for (const [d, x] of Object.entries(rec ?? {})) ms += inYear(d) ? x : 0;
  return ms;
}

const credit = (ms: number) => Math.floor((ms / 60_000 / 10) * 10) / 10;

beforeAll(async () => {
  app = makeApp();
  s = await seeded(app);
  // small requirements and 10-minute 学时, so a few minutes of study make the figures
  const settings = await app.call('settings.get', {}, s.admin);
  await app.call(
    'settings.save',
    {
      ...settings,
      minutesPerCreditHour: 10,
      categoryTargets: {
        主要负责人: { initial: 2, annual: 1 },
        安全管理人员: { initial: 2, annual: 1 },
        特种作业人员: { initial: 3, annual: 1 },
        其他从业人员: { initial: 3, annual: 2 },
      },
    },
    s.admin,
  );
  // 2024: a team campaign for the methanol workshop beside the warning month, with the same document
  ids.team24 = (
    await app.call(
      'campaign.save',
      { ...s.campaign, id: undefined, name: '甲醇车间班组培训', kind: 'team', participants: { kind: 'some', depts: ['甲醇车间'], teams: [], categories: [], employeeNos: [] } },
      s.admin,
    )
  ).id;
  // E001's 5 minutes count toward both campaigns of 2024 (and once in the year)
  await study('E001', s.campaign.id, 300);
  await study('E002', s.campaign.id, 120);
  await collective(s.campaign.id, '2024-09-07', 15, ['E001', 'E003']);
  // 2025: a refresher for everyone, and E003's induction as a new hire
  app.clock.t = Date.parse('2025-03-06T01:00:00Z');
  ids.refresher25 = (await app.call('campaign.save', { ...moved(s.campaign, ['2024-09', '2024-10'], ['2025-03', '2025-04']), name: '2025年度再培训', kind: 'refresher' }, s.admin)).id;
  ids.induction25 = (
    await app.call(
      'campaign.save',
      {
        ...moved(s.campaign, ['2024-09', '2024-10'], ['2025-03', '2025-04']),
        name: '新员工三级安全教育',
        kind: 'induction',
        participants: { kind: 'some', depts: [], teams: [], categories: [], employeeNos: ['E003'] },
      },
      s.admin,
    )
  ).id;
  await study('E001', ids.refresher25, 180);
  await study('E003', ids.induction25, 60);
  await collective(ids.induction25, '2025-03-07', 25, ['E003']);
  await collective(ids.refresher25, '2025-03-08', 10, ['M001']);
  // E002 is reading now: the open session counts as it stands
  openSession = await study('E002', ids.refresher25, 90, false);
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const row = (v: YearView, no: string) => v.rows.find((r) => r.employeeNo === no)!;

describe('year view', () => {
  it('the study really counted toward two campaigns in 2024 (the case the year must count once)', async () => {
    const team = (await app.call('progress.table', { campaignId: ids.team24 }, s.admin)).rows;
    const warning = (await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows;
    expect(team.find((r) => r.employeeNo === 'E001')!.selfMs).toBe(300_000);
    expect(warning.find((r) => r.employeeNo === 'E001')!.selfMs).toBe(300_000);
  });

  it.each(['2024', '2025'])('%s: each person’s 学时 is the sum of their records, against their requirement', async (year) => {
    const v = await app.call('year.view', { year }, s.admin);
    expect(v.rows.map((r) => r.employeeNo)).toEqual(['E001', 'E002', 'E003', 'M001']);
    for (const r of v.rows) {
      const ms = await byHand(r.employeeNo, year);
      expect(r.ms, `${r.employeeNo} ${year}`).toBe(ms);
      expect(r.creditHours).toBe(credit(ms));
      expect(r.met).toBe(r.creditHours >= r.requiredCreditHours);
      expect(r.shortCreditHours).toBe(r.met ? 0 : Math.round((r.requiredCreditHours - r.creditHours) * 10) / 10);
    }
  });

  it('2024: once per stretch of study, the annual requirement of each category, the campaigns each took part in', async () => {
    const v = await app.call('year.view', { year: '2024' }, s.admin);
    // E001: 5 min reading (toward two campaigns, counted once) + 15 min lecture = 20 min = 2.0 学时
    expect(row(v, 'E001')).toMatchObject({ ms: 20 * 60_000, creditHours: 2, requiredCreditHours: 2, requirement: 'annual', met: true, shortCreditHours: 0 });
    expect([...row(v, 'E001').campaignIds].sort()).toEqual([s.campaign.id, ids.team24].sort());
    expect(row(v, 'E002')).toMatchObject({ ms: 2 * 60_000, creditHours: 0.2, requiredCreditHours: 1, met: false, shortCreditHours: 0.8 });
    expect(row(v, 'E003')).toMatchObject({ creditHours: 1.5, requiredCreditHours: 2, shortCreditHours: 0.5 });
    expect(row(v, 'E003').campaignIds).toEqual([s.campaign.id]);
    expect(v.campaigns.map((c) => c.name).sort()).toEqual(['甲醇车间班组培训', s.campaign.name].sort());
    expect(row(v, 'M001')).toMatchObject({ ms: 0, requiredCreditHours: 1, shortCreditHours: 1 });
    expect(v.totals).toEqual({ people: 4, met: 1, short: 3 });
  });

  it('2025: a new hire’s induction year asks the initial hours; the open session counts', async () => {
    const v = await app.call('year.view', { year: '2025' }, s.admin);
    // E003: 1 min reading + 25 min induction session = 2.6 against the initial 3
    expect(row(v, 'E003')).toMatchObject({ ms: 26 * 60_000, creditHours: 2.6, requiredCreditHours: 3, requirement: 'initial', shortCreditHours: 0.4 });
    const names = new Map(v.campaigns.map((c) => [c.id, c.name]));
    expect(
      row(v, 'E003')
        .campaignIds.map((id) => names.get(id))
        .sort(),
    ).toEqual(['2025年度再培训', '新员工三级安全教育'].sort());
    expect(row(v, 'E001').campaignIds).toEqual([ids.refresher25]);
    expect(row(v, 'E001')).toMatchObject({ ms: 3 * 60_000, requirement: 'annual', shortCreditHours: 1.7 });
    expect(row(v, 'M001')).toMatchObject({ creditHours: 1, met: true });
    expect(row(v, 'E002').ms).toBe(90_000);
    // a beat more of the open session shows at once; stopped, it stays
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: openSession, visible: true, focused: true, interacted: true }, await s.login('E002'));
    expect(row(await app.call('year.view', { year: '2025' }, s.admin), 'E002').ms).toBe(105_000);
    await app.call('study.stop', { sessionId: openSession }, await s.login('E002'));
    expect(row(await app.call('year.view', { year: '2025' }, s.admin), 'E002').ms).toBe(105_000);
    expect(v.years.slice(0, 1)).toEqual(['2025']);
    expect(v.years).toEqual(['2025', '2024']);
    expect(v.asOf).toBe('2025-03-06');
  });

  it('totals by department, team and category agree with the rows', async () => {
    for (const year of ['2024', '2025']) {
      const v = await app.call('year.view', { year }, s.admin);
      const check = (groups: YearView['groups']['dept'], keyOf: (r: YearView['rows'][number]) => string) => {
        const want = new Map<string, { people: number; met: number; sum: number }>();
        for (const r of v.rows) {
          const g = want.get(keyOf(r)) ?? { people: 0, met: 0, sum: 0 };
          want.set(keyOf(r), { people: g.people + 1, met: g.met + (r.met ? 1 : 0), sum: g.sum + r.creditHours });
        }
        expect(groups.length).toBe(want.size);
        for (const g of groups) {
          const w = want.get(g.dept === undefined ? g.key : `${g.dept}/${g.key}`)!;
          expect(g).toMatchObject({ people: w.people, met: w.met, short: w.people - w.met, averageCreditHours: Math.round((w.sum / w.people) * 10) / 10 });
        }
      };
      check(v.groups.dept, (r) => r.dept);
      check(v.groups.team, (r) => `${r.dept}/${r.team}`);
      check(v.groups.category, (r) => r.category);
    }
    const v24 = await app.call('year.view', { year: '2024' }, s.admin);
    expect(v24.groups.dept.find((g) => g.key === '甲醇车间')).toEqual({ key: '甲醇车间', people: 2, met: 1, short: 1, averageCreditHours: 1.1 });
  });

  it('the 年度学时台账 .xlsx has the same figures, the rule, and a sheet per grouping', async () => {
    const v = await app.call('year.view', { year: '2024' }, s.admin);
    const x = await app.call('year.ledger', { year: '2024' }, s.admin);
    expect(x.fileName).toBe('年度学时台账-2024.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('年度学时台账')!;
    expect(String(ws.getCell('A1').value)).toBe('测试化工（虚构） 2024 年度学时台账');
    const rule = String(ws.getCell('A2').value);
    expect(rule).toContain('每学时 10 分钟');
    expect(rule).toContain('其他从业人员 2');
    expect(rule).toContain('以正式文本为准');
    expect(ws.getRow(3).getCell(6).value).toBe('本年度学时');
    const got = new Map<string, unknown[]>();
    ws.eachRow((r, n) => n > 3 && got.set(String(r.getCell(1).value), (r.values as unknown[]).slice(1)));
    expect(got.size).toBe(v.rows.length);
    for (const r of v.rows) {
      expect(got.get(r.employeeNo)!.slice(0, 10), r.employeeNo).toEqual([
        r.employeeNo,
        r.name,
        r.dept,
        r.team,
        r.category,
        r.creditHours,
        r.requiredCreditHours,
        '年度再培训',
        r.met ? '是' : '否',
        r.shortCreditHours,
      ]);
    }
    expect(String(got.get('E001')![10])).toContain('甲醇车间班组培训');
    const sheetRows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r, n) => n > 1 && out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    expect(sheetRows('部门')).toEqual(v.groups.dept.map((g) => [g.key, g.people, g.met, g.short, g.averageCreditHours]));
    expect(sheetRows('班组')).toEqual(v.groups.team.map((g) => [g.dept, g.key, g.people, g.met, g.short, g.averageCreditHours]));
    expect(sheetRows('类别')).toEqual(v.groups.category.map((g) => [g.key, g.people, g.met, g.short, g.averageCreditHours]));
  });

  it('offers the years up to this year by the app’s clock; a year to come is refused, naming the year', async () => {
    // last: a campaign planned from this December into next January touches 2025's figures
    expect(app.clock.now()).toBeLessThan(Date.parse('2026-01-01T00:00:00+08:00'));
    await app.call('campaign.save', { ...moved(s.campaign, ['2024-09', '2024-10'], ['2025-12', '2026-01']), name: '跨年警示月' }, s.admin);
    await app.call('campaign.save', { ...moved(s.campaign, ['2024-09', '2024-10'], ['2026-09', '2026-10']), name: '2026年警示月' }, s.admin);
    const v = await app.call('year.view', {}, s.admin);
    expect([v.year, v.asOf.slice(0, 4)]).toEqual(['2025', '2025']);
    expect(v.years).toEqual(['2025', '2024']);
    expect(v.campaigns.map((c) => c.name)).toContain('跨年警示月');
    for (const call of ['year.view', 'year.ledger'] as const) {
      const r = await app.raw(call, { year: '2026' }, s.admin);
      expect(r.ok ? 'accepted' : [r.error.code, r.error.key, r.error.field, r.error.message]).toEqual([
        'bad_input',
        'year.notYet',
        'year',
        '年度：2026 年还没有到，只能查看今年（2025 年）及以前的年度',
      ]);
    }
    // the plant's new year comes by its own clock (Beijing), not by UTC's
    app.clock.t = Date.parse('2025-12-31T16:30:00Z');
    const next = await app.call('year.view', {}, s.admin);
    expect([next.year, next.years]).toEqual(['2026', ['2026', '2025', '2024']]);
    expect((await app.call('year.ledger', { year: '2026' }, s.admin)).fileName).toBe('年度学时台账-2026.xlsx');
  });
});
