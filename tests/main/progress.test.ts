// The officer's progress view: totals per person, patterns worth a look, drill-down with evidence,
// and the hours ledger (学时台账) as a real .xlsx read back with exceljs.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
beforeEach(async () => {
  app = makeApp();
  s = await seeded(app, { attentionChecks: true });
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

async function study(no: string, fn: (beat: (interacted?: boolean) => Promise<import('../../electron/shared/api').BeatReply>, sessionId: string, token: string) => Promise<void>) {
  const token = await s.login(no);
  const st = await app.call('study.start', { campaignId: s.campaign.id, docId: 'gb-30871-2022' }, token);
  const beat = async (interacted = true) => {
    app.clock.advance(15_000);
    return app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted }, token);
  };
  await fn(beat, st.sessionId, token);
  await app.call('study.stop', { sessionId: st.sessionId }, token);
}

describe('progress', () => {
  it('flags many missed checks and very long sessions; the drill-down shows the evidence', async () => {
    await study('E001', async (beat, sessionId, token) => {
      for (let k = 0; k < 3; k++) {
        let r = await beat();
        while (!r.check) r = await beat();
        for (let i = 0; i < 5; i++) r = await beat(); // 75 s: missed
        await app.call('study.answerCheck', { sessionId, checkId: r.check!.id, answer: r.check!.code }, token);
      }
    });
    await study('E002', async (beat) => {
      await beat();
      app.clock.advance(5 * 3600_000); // the PC slept with the document open
      await beat();
    });
    const rows = (await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows;
    const e1 = rows.find((r) => r.employeeNo === 'E001')!;
    expect(e1).toMatchObject({ checksIssued: 3, checksMissed: 3, flags: ['many_missed_checks'], sessions: 1 });
    const e2 = rows.find((r) => r.employeeNo === 'E002')!;
    expect(e2.flags).toEqual(['long_sessions']);
    expect(e2.selfMs).toBeLessThan(60_000); // the gap was not counted
    const d = await app.call('progress.person', { campaignId: s.campaign.id, employeeNo: 'E001' }, s.admin);
    expect(d.sessions).toHaveLength(1);
    expect(d.sessions[0]!.excludedMs.check_missed).toBeGreaterThan(0);
    expect(d.sessions[0]!.checks).toEqual({ issued: 3, answered: 3, missed: 3 });
  });

  it('a year sums every campaign and collective session against the annual target of the category', async () => {
    await study('E001', async (beat) => {
      for (let i = 0; i < 8; i++) await beat(); // 2 min on 2024-09-06
    });
    const v = await app.call('collective.save', { campaignId: s.campaign.id, type: 'group', topic: '分组讨论', date: '2024-09-08', start: '10:00', durationMinutes: 88, place: '', host: '' }, s.admin);
    await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001', 'M001'] }, s.admin);
    const mine = await app.call('progress.mine', { campaignId: s.campaign.id }, await s.login('E001'));
    expect(mine.year).toEqual({ year: '2024', ms: 90 * 60_000, annualCreditHours: 20, initialCreditHours: 72, category: '其他从业人员' });
    const rows = (await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows;
    expect(rows.find((r) => r.employeeNo === 'M001')).toMatchObject({ yearCreditHours: 1.9, yearTargetCreditHours: 16 });
    // looked at two years later, the campaign still shows the year it ran in
    app.clock.advance(2 * 365 * 86_400_000);
    expect((await app.call('progress.mine', { campaignId: s.campaign.id }, await s.login('E001'))).year).toMatchObject({ year: '2024', ms: 90 * 60_000 });
    expect((await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows.find((r) => r.employeeNo === 'M001')).toMatchObject({ yearCreditHours: 1.9 });
    // the targets are editable settings
    const settings = await app.call('settings.get', {}, s.admin);
    await app.call('settings.save', { ...settings, categoryTargets: { ...settings.categoryTargets, 主要负责人: { initial: 48, annual: 24 } } }, s.admin);
    expect((await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows.find((r) => r.employeeNo === 'M001')!.yearTargetCreditHours).toBe(24);
  });

  it('the hours ledger is an .xlsx with one row per person and every session as evidence', async () => {
    await study('E001', async (beat) => {
      for (let i = 0; i < 20; i++) await beat();
    });
    const v = await app.call(
      'collective.save',
      { campaignId: s.campaign.id, type: 'lecture', topic: '事故案例宣讲', date: '2024-09-07', start: '14:00', durationMinutes: 45, place: '', host: '' },
      s.admin,
    );
    await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001', 'E003'] }, s.admin);
    const x = await app.call('progress.ledger', { campaignId: s.campaign.id }, s.admin);
    expect(x.fileName).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ledger = wb.getWorksheet('学时台账')!;
    expect(ledger.getRow(3).values).toContain('集中学习(小时)');
    const rows = new Map<string, unknown[]>();
    ledger.eachRow((row, n) => n > 3 && rows.set(String(row.getCell(1).value), row.values as unknown[]));
    expect(rows.size).toBe(4);
    // E001: 45 min lecture (0.75 h → shown 0.7) + 5 min reading; 学时 = 50/45 → 1.1
    expect(rows.get('E001')!.slice(1, 10)).toEqual(['E001', '测试甲', '甲醇车间', '合成一班', '其他从业人员', 0.7, 0, 0.8, 1.1]);
    const detail = wb.getWorksheet('学习记录明细')!;
    const kinds: string[] = [];
    detail.eachRow((row, n) => n > 1 && kinds.push(`${row.getCell(1).value}:${row.getCell(3).value}`));
    expect(kinds.sort()).toEqual(['E001:事故案例宣讲', 'E001:自学', 'E003:事故案例宣讲']);
  });
});

describe('progress while people study', () => {
  it('a record written while the dashboard reads the summaries does not break it: everyone is in the answer', async () => {
    const people = ['E001', 'E002', 'E003', 'M001'];
    const sessions = await Promise.all(
      people.map(async (no) => {
        const token = await s.login(no);
        return { no, token, id: (await app.call('study.start', { campaignId: s.campaign.id, docId: 'gb-30871-2022' }, token)).sessionId };
      }),
    );
    const beat = (x: (typeof sessions)[number]) => app.call('study.beat', { sessionId: x.id, visible: true, focused: true, interacted: true }, x.token);
    // the dashboard has everyone's row
    expect((await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows).toHaveLength(4);
    // E001 studies on; while the dashboard reads E001's record, E002 (unchanged so far) sends a heartbeat
    const store = app.ports.store;
    const real = store.campaignSummaries.bind(store);
    store.campaignSummaries = async (id, nos) => {
      app.clock.advance(15_000);
      await beat(sessions[1]!);
      return real(id, nos);
    };
    app.clock.advance(15_000);
    await beat(sessions[0]!);
    const table = (await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows;
    expect(table.map((r) => r.employeeNo).sort()).toEqual([...people].sort());
    store.campaignSummaries = real;
    // and the next one picks up what was written meanwhile
    const next = (await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows;
    expect(next.find((r) => r.employeeNo === 'E002')!.studiedMs).toBeGreaterThan(0);
  });

  it('the page gets counts over everyone in view and one page of rows; filters and pages are the server’s', async () => {
    await study('E001', async (beat) => {
      for (let i = 0; i < 4; i++) await beat();
    });
    const all = await app.call('progress.table', { campaignId: s.campaign.id }, s.admin);
    // the seeded four: nobody reaches the target with a minute of study
    expect(all).toMatchObject({ total: 4, behind: 4, matching: 4, page: 0 });
    expect(all.depts.map((d) => d.dept).sort()).toEqual([...new Set(all.rows.map((r) => r.dept))].sort());
    expect(all.groups.dept.reduce((n, g) => n + g.reached + g.notReached, 0)).toBe(4);
    // two per page: the second page holds the third and fourth in roster order, the count is unchanged
    const p2 = await app.call('progress.table', { campaignId: s.campaign.id, pageSize: 2, page: 1 }, s.admin);
    expect(p2.rows.map((r) => r.employeeNo)).toEqual(all.rows.slice(2, 4).map((r) => r.employeeNo));
    expect(p2).toMatchObject({ matching: 4, page: 1, pageSize: 2 });
    // a page past the end (the list shrank) shows the last one
    expect((await app.call('progress.table', { campaignId: s.campaign.id, pageSize: 2, page: 9 }, s.admin)).page).toBe(1);
    // found by part of a 工号; a department narrows the counts as well as the rows
    expect((await app.call('progress.table', { campaignId: s.campaign.id, find: '001' }, s.admin)).rows.map((r) => r.employeeNo).sort()).toEqual(['E001', 'M001']);
    const dept = all.rows.find((r) => r.employeeNo === 'E001')!.dept;
    const inDept = await app.call('progress.table', { campaignId: s.campaign.id, dept }, s.admin);
    expect(inDept.total).toBe(all.rows.filter((r) => r.dept === dept).length);
    expect(inDept.rows.every((r) => r.dept === dept)).toBe(true);
    // a page of more than the contract allows is refused, naming the field
    expect(await app.raw('progress.table', { campaignId: s.campaign.id, pageSize: 5000 }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'pageSize' } });
  });
});
