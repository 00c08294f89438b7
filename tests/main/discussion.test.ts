// 研讨 records: a discussion session's minutes — speakers chosen from the attendees, their points,
// conclusions, follow-ups (one registered as a finding of the 问题台账, linked back to the session),
// the signed sheet's photo — and what is refused: a speaker who did not attend, a session that is
// no discussion, a closed campaign, an employee.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';
import { spokenAt } from '../../electron/records/derive';
import type { PersonFile } from '../../electron/records/person';

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

/** a 1×1 PNG */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const seminar = (campaignId: string) => ({
  campaignId,
  type: 'seminar' as const,
  topic: '动火作业事故教训研讨',
  date: '2024-09-06',
  start: '14:00',
  durationMinutes: 60,
  place: '二楼会议室',
  host: '安全环保部',
});
const followUp = { issue: '合成一班动火前气体分析记录不全', action: '每次动火前两人复核分析单', owner: 'E002', due: '2024-09-30', asFinding: true, level: 'general' as const, location: '合成一班' };

async function heldSeminar() {
  const v = await app.call('collective.save', seminar(s.campaign.id), s.admin);
  await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001', 'E002', 'E003'] }, s.admin);
  return v;
}

describe('研讨 minutes', () => {
  it('keep two speakers, conclusions and a follow-up registered as a finding that names the session; each speaker’s part is in their own chain', async () => {
    const v = await heldSeminar();
    const photo = await app.call('finding.photo', { fileName: '签到表.png', base64: PNG_1PX }, s.admin);
    const saved = await app.call(
      'collective.minutes',
      {
        sessionId: v.id,
        speakers: [
          { employeeNo: 'E001', points: '动火前要先做气体分析' },
          { employeeNo: 'E002', points: '监护人不能离开现场' },
        ],
        conclusions: '严格执行作业票证',
        followUps: [followUp, { issue: '应急器材', action: '补齐灭火器', owner: '', due: '', asFinding: false, level: 'general' as const, location: '' }],
        sheetPhoto: { sha256: photo.sha256, name: photo.name },
      },
      s.admin,
    );
    const m = saved.minutes!;
    expect(m.speakers.map((x) => [x.employeeNo, x.name, x.points])).toEqual([
      ['E001', '测试甲', '动火前要先做气体分析'],
      ['E002', '测试乙', '监护人不能离开现场'],
    ]);
    expect(m.conclusions).toBe('严格执行作业票证');
    expect(m.sheetPhoto).toMatchObject({ sha256: photo.sha256, kind: 'png' });
    expect(m.followUps[0]!.findingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.followUps[1]!.findingId).toBeNull();
    // the finding is in the 问题台账, raised in this session
    const ledger = await app.call('inspection.list', { campaignId: s.campaign.id }, s.admin);
    expect(ledger.findings).toHaveLength(1);
    expect(ledger.findings[0]).toMatchObject({
      id: m.followUps[0]!.findingId,
      inspection: null,
      discussion: { sessionId: v.id, topic: seminar('').topic },
      owner: 'E002',
      description: followUp.issue,
      measure: followUp.action,
      status: 'open',
    });
    // the list answers the minutes too
    expect((await app.call('collective.list', { campaignId: s.campaign.id }, s.admin)).find((x) => x.id === v.id)!.minutes!.speakers).toHaveLength(2);
    // speakers' chains: E001 and E002 spoke; E003 attended but did not speak
    const spoke = async (no: string) => spokenAt((await app.ports.store.person(no).read()) as PersonFile).get(v.id);
    expect((await spoke('E001'))!.points).toBe('动火前要先做气体分析');
    expect((await spoke('E002'))!.minutes.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await spoke('E003')).toBeUndefined();
    // a speaker stays an attendee while the minutes name them
    const untick = await app.raw('collective.attendance', { sessionId: v.id, employeeNos: ['E001', 'E003'] }, s.admin);
    expect(untick).toMatchObject({ ok: false, error: { code: 'conflict', key: 'minutes.speakerStillListed' } });

    // saved again: E002 taken off, E001's points unchanged (not recorded twice), the finding kept once
    const again = await app.call(
      'collective.minutes',
      { sessionId: v.id, speakers: [{ employeeNo: 'E001', points: '动火前要先做气体分析' }], conclusions: '严格执行作业票证', followUps: [{ ...followUp, id: m.followUps[0]!.id }], sheetPhoto: null },
      s.admin,
    );
    expect(again.minutes!.followUps[0]!.findingId).toBe(m.followUps[0]!.findingId);
    expect((await app.call('inspection.list', { campaignId: s.campaign.id }, s.admin)).findings).toHaveLength(1);
    expect(await spoke('E002')).toBeUndefined();
    const e1 = (await app.ports.store.person('E001').read()) as PersonFile;
    expect(e1.events.filter((e) => e.type === 'collective.spoke')).toHaveLength(1);
    // a registered finding cannot be taken back through the minutes
    const undo = await app.raw('collective.minutes', { sessionId: v.id, speakers: [], conclusions: '', followUps: [], sheetPhoto: null }, s.admin);
    expect(undo).toMatchObject({ ok: false, error: { code: 'conflict', key: 'minutes.findingStays' } });

    // the 总结报告 counts the discussion held and the people who spoke
    const f = (await app.call('summary.get', { campaignId: s.campaign.id }, s.admin)).figures;
    expect(f.discussions).toEqual({ held: 1, speakers: 1, speeches: 1, findings: 1 });
    const pdf = await app.call('summary.export', { campaignId: s.campaign.id, format: 'pdf' }, s.admin);
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf.base64, 'base64'), encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('开展研讨1场（有研讨纪要），1人发言，研讨提出的问题登记入问题台账1项');
  });

  it('refuse a speaker who did not attend, a session that is no discussion, a closed campaign and an employee', async () => {
    const v = await heldSeminar();
    await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001'] }, s.admin);
    const base = { sessionId: v.id, conclusions: '', followUps: [], sheetPhoto: null };
    const notThere = await app.raw('collective.minutes', { ...base, speakers: [{ employeeNo: 'E002', points: '' }] }, s.admin);
    expect(notThere).toMatchObject({ ok: false, error: { code: 'bad_input', key: 'minutes.speakerNotAttendee', field: 'speakers.0.employeeNo' } });
    // a follow-up to be registered needs its 责任人, named by field
    const noOwner = await app.raw('collective.minutes', { ...base, speakers: [], followUps: [{ ...followUp, owner: '' }] }, s.admin);
    expect(noOwner).toMatchObject({ ok: false, error: { code: 'bad_input', key: 'minutes.findingNeedsOwner', field: 'followUps.0.owner' } });
    // the schema names the field of an empty action
    const noAction = await app.raw('collective.minutes', { ...base, speakers: [], followUps: [{ ...followUp, action: ' ' }] }, s.admin);
    expect(noAction).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(JSON.stringify(noAction)).toContain('followUps');

    const film = await app.call('collective.save', { ...seminar(s.campaign.id), type: 'film', topic: '警示片' }, s.admin);
    const notDiscussion = await app.raw('collective.minutes', { ...base, sessionId: film.id, speakers: [] }, s.admin);
    expect(notDiscussion).toMatchObject({ ok: false, error: { code: 'bad_input', key: 'minutes.notDiscussion', field: 'sessionId' } });

    const e1 = await s.login('E001');
    const employee = await app.raw('collective.minutes', { ...base, speakers: [{ employeeNo: 'E001', points: '我说过' }] }, e1);
    expect(employee).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await app.call('campaign.close', { campaignId: s.campaign.id }, s.admin);
    const closed = await app.raw('collective.minutes', { ...base, speakers: [{ employeeNo: 'E001', points: '' }] }, s.admin);
    expect(closed).toMatchObject({ ok: false, error: { code: 'conflict', key: 'campaign.closedReadOnly' } });
    // nothing of the refused saves reached a chain
    expect((await app.call('collective.list', { campaignId: s.campaign.id }, s.admin)).find((x) => x.id === v.id)!.minutes).toBeNull();
    expect(((await app.ports.store.person('E001').read()) as PersonFile).events.some((e) => e.type === 'collective.spoke')).toBe(false);
  });

  it('refuse a sheet photo that is not a JPG or PNG, naming the file', async () => {
    const r = await app.raw('finding.photo', { fileName: '签到表.gif', base64: Buffer.from('GIF89a....').toString('base64') }, s.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'fileName' } });
    expect(JSON.stringify(r)).toContain('签到表.gif');
  });
});
