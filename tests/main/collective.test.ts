// Collective sessions: recorded by the officer, attendance by ticking or by checking in; the hours
// count as 集中学习 apart from self-study, and land in each attendee's training file.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPersonTo, verifyArchiveDir } from '../../electron/main/services/archive';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';

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

const film = () => ({ campaignId: s.campaign.id, type: 'film' as const, topic: '九七事故警示片', date: '2024-09-06', start: '09:00', durationMinutes: 90, place: '三楼会议室', host: '安全环保部' });

describe('collective sessions', () => {
  it('ticked attendance counts as 集中学习, apart from self-study, and can be corrected', async () => {
    const v = await app.call('collective.save', film(), s.admin);
    await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001', 'E002'] }, s.admin);
    const e1 = await s.login('E001');
    const mine = await app.call('progress.mine', { campaignId: s.campaign.id }, e1);
    expect(mine.totals).toMatchObject({ collectiveMs: 90 * 60_000, selfMs: 0, campaignMs: 90 * 60_000 });
    expect(mine.totals.todayMs).toBe(90 * 60_000); // held today (the test clock is 2024-09-06)
    // E002 was ticked by mistake: taken back
    const after = await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001'] }, s.admin);
    expect(after.attendees.map((a) => a.employeeNo)).toEqual(['E001']);
    const e2 = await s.login('E002');
    expect((await app.call('progress.mine', { campaignId: s.campaign.id }, e2)).totals.collectiveMs).toBe(0);
    const table = (await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows;
    expect(table.find((r) => r.employeeNo === 'E001')!.creditHours).toBe(2);
    expect(await app.raw('collective.attendance', { sessionId: v.id, employeeNos: ['NOBODY'] }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('a case lecture or group discussion takes a case of the library: its title and discussion prompts come with it', async () => {
    const cases = (await app.call('corpus.list', {}, s.admin)).filter((d) => d.case);
    const c = cases[0]!;
    const v = await app.call('collective.save', { ...film(), type: 'group', topic: c.title, caseId: c.id }, s.admin);
    expect(v.case).toEqual({ id: c.id, title: c.title, prompts: c.case!.prompts });
    expect(v.case!.prompts.length).toBeGreaterThanOrEqual(3);
    expect((await app.call('collective.list', { campaignId: s.campaign.id }, s.admin)).find((x) => x.id === v.id)!.case!.id).toBe(c.id);
    // taken off again
    const { case: _c, attendees: _a, checkIn: _k, ...input } = v;
    expect((await app.call('collective.save', { ...input, caseId: undefined }, s.admin)).case).toBeNull();
    expect(await app.raw('collective.save', { ...film(), caseId: 'no-such-case' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'caseId' } });
  });

  it('people check in at a workstation with the code shown in the room, while it is open', async () => {
    const v = await app.call('collective.save', film(), s.admin);
    const e3 = await s.login('E003');
    expect(await app.raw('collective.checkIn', { code: '1234' }, e3)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const open = await app.call('collective.openCheckIn', { sessionId: v.id, minutes: 30 }, s.admin);
    expect(open.checkIn!.code).toMatch(/^\d{4}$/);
    const r = await app.call('collective.checkIn', { code: open.checkIn!.code }, e3);
    expect(r.attendees).toEqual([expect.objectContaining({ employeeNo: 'E003', via: 'self' })]);
    await app.call('collective.checkIn', { code: open.checkIn!.code }, e3); // twice: counted once
    expect((await app.call('progress.mine', { campaignId: s.campaign.id }, e3)).totals.collectiveMs).toBe(90 * 60_000);
    app.clock.advance(31 * 60_000);
    const e1 = await s.login('E001');
    expect(await app.raw('collective.checkIn', { code: open.checkIn!.code }, e1)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('attendance is in the person’s training file and its record chain', async () => {
    const v = await app.call('collective.save', film(), s.admin);
    await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001'] }, s.admin);
    const out = tempDir('anxue-out-');
    const { folder } = await exportPersonTo(app.ports, 'E001', out, 'archive');
    expect(verifyArchiveDir(nodeFiles, folder).ok).toBe(true);
    // table cells wrap: compare without white space
    const text = execFileSync('pdftotext', [path.join(folder, 'training-file.pdf'), '-'], { encoding: 'utf8' })
      .normalize('NFKC')
      .replace(/\s+/g, '');
    for (const needle of ['集中学习活动', '集中观看警示教育片', '九七事故警示片', '90分钟', '三楼会议室', '集中学习1.5小时']) expect(text, needle).toContain(needle.normalize('NFKC'));
    removeDir(out);
  });
});
