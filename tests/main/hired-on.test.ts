// 入职日期: someone hired after a campaign ended is not in it, whatever its participants say; the
// progress table, the campaign list and the employee's own campaigns all follow the roster's date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../electron/core/days';
import { b64, makeApp, removeDir, ROSTER_CSV, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let lastYear: string;
let newcomerPassword: string;

beforeAll(async () => {
  app = makeApp();
  // the clock is 2024-09-06: this year's warning month is current
  s = await seeded(app);
  // last year's warning month, everyone's, closed long ago
  const t = await app.call('campaign.template', { kind: 'warning', start: '2023-09-01', past: true }, s.admin);
  const old = await app.call('campaign.save', { ...t, name: '2023 年警示月', quiz: s.campaign.quiz, participants: { kind: 'all' } }, s.admin);
  await app.call('campaign.close', { campaignId: old.id }, s.admin);
  lastYear = old.id;
  // N001 joined this week; the others' rows have no 入职日期 (as before the column existed)
  const roster = `${ROSTER_CSV.replace('班子成员', '班子成员,入职日期').replace(/否$|是$/gm, (m) => `${m},`)}\nN001,测试新人,储运车间,罐区班,操作工,其他从业人员,否,2024-09-02`;
  const imported = await app.call('roster.commit', { fileName: 'roster.csv', base64: b64(roster) }, s.admin);
  newcomerPassword = imported.initialPasswords.find((p) => p.employeeNo === 'N001')!.password;
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const tableOf = async (campaignId: string) => (await app.call('progress.table', { campaignId }, s.admin)).rows.map((r) => r.employeeNo);

describe('a new hire and the campaigns before them', () => {
  it('the roster keeps the date the file gave', async () => {
    const people = await app.call('roster.list', {}, s.admin);
    expect(people.map((p) => [p.employeeNo, p.hiredOn ?? null])).toEqual([
      ['E001', null],
      ['E002', null],
      ['E003', null],
      ['M001', null],
      ['N001', '2024-09-02'],
    ]);
  });

  it("last year's everyone-campaign leaves the new hire out of its progress table; this one has them", async () => {
    expect(await tableOf(lastYear)).toEqual(['E001', 'E002', 'E003', 'M001']);
    expect(await tableOf(s.campaign.id)).toEqual(['E001', 'E002', 'E003', 'M001', 'N001']);
    const list = await app.call('campaign.list', {}, s.admin);
    expect(list.find((c) => c.id === lastYear)).toMatchObject({ participantsKind: 'all', participantCount: 4 });
    expect(list.find((c) => c.id === s.campaign.id)).toMatchObject({ participantsKind: 'all', participantCount: 5 });
  });

  it('the new hire sees and works in only this campaign', async () => {
    const me = (await app.call('auth.login', { employeeNo: 'N001', password: newcomerPassword })).token;
    expect((await app.call('campaign.list', {}, me)).map((c) => c.id)).toEqual([s.campaign.id]);
    const refused = await app.raw('progress.mine', { campaignId: lastYear }, me);
    expect(refused.ok ? 'allowed' : refused.error.key).toBe('campaign.notParticipant');
  });

  it('the date set on the roster screen moves them in or out; cleared, they are as before the column', async () => {
    const earlier = await app.call('roster.setHiredOn', { employeeNo: 'N001', hiredOn: '2023-09-10' }, s.admin);
    expect(earlier.hiredOn).toBe('2023-09-10');
    expect(await tableOf(lastYear)).toContain('N001');
    // hired on this campaign's last day: still in it; the day after: in neither
    await app.call('roster.setHiredOn', { employeeNo: 'N001', hiredOn: s.campaign.end }, s.admin);
    expect(await tableOf(s.campaign.id)).toContain('N001');
    await app.call('roster.setHiredOn', { employeeNo: 'N001', hiredOn: addDays(s.campaign.end, 1) }, s.admin);
    expect(await tableOf(lastYear)).not.toContain('N001');
    expect(await tableOf(s.campaign.id)).not.toContain('N001');
    const cleared = await app.call('roster.setHiredOn', { employeeNo: 'N001', hiredOn: null }, s.admin);
    expect('hiredOn' in cleared).toBe(false);
    expect(await tableOf(lastYear)).toContain('N001');
    // a day the calendar has not, and someone not on the roster, are refused
    const bad = await app.raw('roster.setHiredOn', { employeeNo: 'N001', hiredOn: '2024-02-30' }, s.admin);
    expect(bad.ok ? 'accepted' : [bad.error.code, bad.error.message]).toEqual(['bad_input', expect.stringContaining('日历上没有这一天')]);
    const nobody = await app.raw('roster.setHiredOn', { employeeNo: 'X999', hiredOn: '2024-01-01' }, s.admin);
    expect(nobody.ok ? 'accepted' : nobody.error.key).toBe('common.notOnRoster');
  });
});
