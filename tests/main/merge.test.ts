// Merging a workstation that ran on its own (services/merge/): the union of events, a record that
// arrives twice kept once, what was changed on both sides kept twice and listed for the officer,
// a second merge changing nothing — into lowdb here, and into PostgreSQL in the "pg" project.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../electron/core/canonical';
import { openStore } from '../../electron/main/app';
import { mergeRecords } from '../../electron/main/services/merge';
import { copyRecords } from '../../electron/main/storage/copy';
import { verifyChain } from '../../electron/records/events';
import { DataStore } from '../../electron/main/storage/lowdb/data-store';
import { SHARED_DOCS, type SharedDocName } from '../../electron/records/shared-docs';
import type { Store } from '../../electron/main/storage/store';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';

const ACC = ['“9·7”事故'];
const essay = (awareness: string) => ({
  awareness,
  responsibility: '交接班时没有把设备的异常情况交代清楚，操作记录有时补写，没有做到如实记录。',
  warning: '事故告诉我，任何一次侥幸都可能酿成大祸，同样的事情完全可能发生在我的岗位上。',
  measures: '今后我要严格按照巡检路线逐点检查，发现问题立即报告班长，每月参加一次应急演练。',
  leadership: '',
});
const BEAT = { visible: true, focused: true, interacted: true };

/** every record of a store, as one string: equal strings, nothing changed */
async function everything(s: Store): Promise<string> {
  const ids = await s.recordIds();
  const docs = await Promise.all((Object.keys(SHARED_DOCS) as SharedDocName[]).map(async (n) => [n, await s[n].read()]));
  const people = await Promise.all(ids.people.map(async (no) => [no, await s.person(no).read()]));
  const drafts = await Promise.all(ids.drafts.map(async (no) => [no, await s.essayDrafts(no).read()]));
  return canonicalJson({ docs, people, drafts });
}

let server: TempApp;
let station: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
const dirs: string[] = [];

beforeEach(async () => {
  server = makeApp();
  s = await seeded(server);
  // short essays will do here
  s.campaign = await server.call('campaign.save', { ...s.campaign, essay: { ...s.campaign.essay, minChars: 20 } }, s.admin);
  // the workstation began as a copy of the server's records (a lowdb folder), then ran on its own
  const wdir = tempDir('anxue-station-');
  dirs.push(wdir);
  const w = openStore({ dataDir: wdir });
  await copyRecords(server.ports.store, w.store);
  await w.store.close();
  station = makeApp(wdir, { dataDir: wdir });
  station.clock.t = server.clock.t;
});
afterEach(() => {
  for (const a of [server, station]) a.close();
  removeDir(server.dir);
  dirs.splice(0).forEach(removeDir);
});

async function study(app: TempApp, token: string, beats: number, stop = true) {
  const a = await app.call('study.start', { campaignId: s.campaign.id, docId: 'gb-30871-2022' }, token);
  for (let i = 0; i < beats; i++) {
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: a.sessionId, ...BEAT }, token);
  }
  if (stop) await app.call('study.stop', { sessionId: a.sessionId }, token);
  return a.sessionId;
}

/** what both sides did apart: E001 studied on both and submitted different essays; E002 left a session open on the workstation; E003 wrote on the workstation only, and their team was changed there; E004 is new there */
async function divergent() {
  const se1 = await s.login('E001');
  await study(server, se1, 8);
  await server.call('essay.submit', { campaignId: s.campaign.id, parts: essay('在服务器上写的：我在甲醇车间从事操作工作已有六年，巡检时存在走过场的问题。'), accidents: ACC }, se1);
  const login = async (no: string) => (await station.call('auth.login', { employeeNo: no, password: s.pw(no) })).token;
  const we1 = await login('E001');
  await study(station, we1, 4);
  await station.call('essay.submit', { campaignId: s.campaign.id, parts: essay('在工作站上写的：我在甲醇车间六年，巡检有时只看仪表读数，不到现场确认阀门状态。'), accidents: ACC }, we1);
  await study(station, await login('E002'), 6, false);
  const we3 = await login('E003');
  await study(station, we3, 2);
  await station.call('essay.submit', { campaignId: s.campaign.id, parts: essay('只在工作站上写的：我在储运车间装卸危险化学品，曾在静电接地没有完成时就开始卸车。'), accidents: ACC }, we3);
  await station.ports.store.roster.update((f) => {
    f.people.find((p) => p.employeeNo === 'E003')!.team = '罐区二班';
    f.people.push({ employeeNo: 'E004', name: '测试丁', dept: '储运车间', team: '罐区班', post: '操作工', category: '其他从业人员', leader: false, updatedAt: '' });
  });
}

/** the workstation's records as `anxue merge` reads them: its folder, opened only to read */
async function merge() {
  const from = DataStore.openReadOnly(station.dir);
  try {
    return await mergeRecords(server.ports, from, { station: '中控室电脑', by: 'admin' });
  } finally {
    from.close();
  }
}

describe('anxue merge', () => {
  it('unions the events: each side keeps its sessions, an open one is closed into a record, new people and essays come in', async () => {
    await divergent();
    const r = await merge();
    expect(r.run).not.toBeNull();
    const e1 = await server.ports.store.person('E001').read();
    // E001: the server's session and essay, and the workstation's session (the essay is a conflict)
    expect(e1.events.filter((e) => e.type === 'study.session').map((e) => (e.data as { countedMs: number }).countedMs)).toEqual([120_000, 60_000]);
    expect(e1.events.filter((e) => e.type === 'essay.submitted')).toHaveLength(1);
    // E002's open session on the workstation: one record, ended at its last beat, all 6 beats counted
    const e2 = (await server.ports.store.person('E002').read()).events.filter((e) => e.type === 'study.session');
    expect(e2.map((e) => [(e.data as { closedBy: string }).closedBy, (e.data as { countedMs: number }).countedMs])).toEqual([['recovered', 90_000]]);
    // E003 wrote only on the workstation: the essay came in as it was
    const e3 = (await server.ports.store.person('E003').read()).events.filter((e) => e.type === 'essay.submitted');
    expect((e3[0]!.data as { parts: { awareness: string } }).parts.awareness).toMatch(/^只在工作站上写的/);
    // the officer sees it all in the dashboard
    const rows = (await server.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows;
    expect(rows.find((x) => x.employeeNo === 'E001')!.studiedMs).toBe(180_000);
    expect(rows.find((x) => x.employeeNo === 'E003')!.essayStatus).toBe('submitted');
    expect(r.run!.added).toMatchObject({ roster: 1, recovered: 1 });
    expect(r.run!.withoutAccount).toEqual(['E004']);
    expect((await server.ports.store.roster.read()).people.map((p) => p.employeeNo)).toContain('E004');
    // every chain still verifies, and events keep the ids they had on the workstation
    const ws = await station.ports.store.person('E001').read();
    const wsSession = ws.events.find((e) => e.type === 'study.session')!;
    expect(e1.events.some((e) => e.id === wsSession.id)).toBe(true);
  });

  it('what both sides changed is kept twice and listed: the server version stays in force', async () => {
    await divergent();
    const r = await merge();
    expect(r.conflicts.map((c) => [c.kind, c.employeeNo]).sort()).toEqual([
      ['essay', 'E001'],
      ['person', 'E003'],
    ]);
    const { conflicts } = await server.call('merge.list', {}, s.admin);
    const onEssay = conflicts.find((c) => c.kind === 'essay')!;
    const awareness = onEssay.fields.find((f) => f.key === 'awareness')!;
    expect(awareness.server).toMatch(/^在服务器上写的/);
    expect(awareness.workstation).toMatch(/^在工作站上写的/);
    const team = conflicts.find((c) => c.kind === 'person')!.fields.find((f) => f.key === 'team')!;
    expect([team.server, team.workstation]).toEqual(['罐区班', '罐区二班']);
    // in force: the server's
    expect((await server.ports.store.roster.read()).people.find((p) => p.employeeNo === 'E003')!.team).toBe('罐区班');
  });

  it('a record that arrives twice is kept once: a second merge (and a third) changes nothing', async () => {
    await divergent();
    await merge();
    const after = await everything(server.ports.store);
    const again = await merge();
    expect(again.run).toBeNull();
    expect(again.conflicts).toEqual([]);
    await merge();
    expect(await everything(server.ports.store)).toBe(after);
  });

  it('the officer decides: the workstation essay becomes the next version; the server details stay; merging again changes nothing', async () => {
    await divergent();
    await merge();
    const { conflicts } = await server.call('merge.list', {}, s.admin);
    const onEssay = conflicts.find((c) => c.kind === 'essay')!;
    const onPerson = conflicts.find((c) => c.kind === 'person')!;
    const decided = await server.call('merge.decide', { conflictId: onEssay.id, choice: 'workstation' }, s.admin);
    expect(decided.decided).toMatchObject({ by: 'admin', choice: 'workstation' });
    await server.call('merge.decide', { conflictId: onPerson.id, choice: 'server' }, s.admin);
    expect(await server.raw('merge.decide', { conflictId: onPerson.id, choice: 'workstation' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const subs = (await server.ports.store.person('E001').read()).events.filter((e) => e.type === 'essay.submitted');
    expect(subs.map((e) => [(e.data as { version: number }).version, (e.data as { parts: { awareness: string } }).parts.awareness.slice(0, 7), e.by])).toEqual([
      [1, '在服务器上写的', 'E001'],
      [2, '在工作站上写的', 'E001'],
    ]);
    const audit = (await server.call('audit.list', {}, s.admin)).entries.map((e) => e.action);
    expect(audit.filter((a) => a === 'merge.decided')).toHaveLength(2);
    expect(audit).toContain('records.merged');
    const after = await everything(server.ports.store);
    expect((await merge()).run).toBeNull();
    expect(await everything(server.ports.store)).toBe(after);
  });

  it('the same record id with other content on the workstation is listed as evidence, never taken', async () => {
    await divergent();
    // someone edited an event the two sides share (the setup's copy) on the workstation
    const shared = (await server.ports.store.person('E001').read()).events[0]!;
    const forged = { ...shared, data: { ...(shared.data as object), countedMs: 8 * 3600_000 } };
    const raw = JSON.parse((await import('node:fs')).readFileSync(`${station.dir}/people/E001.json`, 'utf8'));
    raw.events.unshift(forged);
    // a forged copy whose chain was recomputed would verify there: here it is the same id with other content
    const { appendEvent } = await import('../../electron/records/events');
    const rebuilt: typeof raw.events = [];
    for (const e of raw.events) appendEvent(rebuilt, e.type, e.data, { at: e.at, by: e.by, id: e.id });
    raw.events = rebuilt;
    station.close();
    // by hand, the record's seals no longer hold: the merge is refused whole
    const fs = await import('node:fs');
    const file = `${station.dir}/people/E001.json`;
    const sealed = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, JSON.stringify(raw));
    station = makeApp(station.dir, { dataDir: station.dir });
    await expect(merge()).rejects.toThrow(/来源的记录与封印不符.*E001：第 1 条记录.*封印不符/);
    station.close();
    // by someone who holds the workstation's seal key too (written through its store, sealed anew):
    // the same id with other content, kept as evidence
    fs.writeFileSync(file, sealed);
    const keyed = DataStore.open(station.dir);
    await keyed.person('E001').update((d) => void (d.events = rebuilt));
    keyed.close();
    station = makeApp(station.dir, { dataDir: station.dir });
    const r = await merge();
    const ev = r.conflicts.find((c) => c.kind === 'event')!;
    expect(ev.employeeNo).toBe('E001');
    const { conflicts } = await server.call('merge.list', {}, s.admin);
    const view = conflicts.find((c) => c.id === ev.id)!;
    expect(view.choosable).toBe(false);
    expect(await server.raw('merge.decide', { conflictId: ev.id, choice: 'workstation' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    // the server's event is as it was
    expect((await server.ports.store.person('E001').read()).events[0]!.hash).toBe(shared.hash);
  });

  it("the 问题台账 and evidence files come in: the workstation's findings appended, their photos with them; a second merge adds nothing", async () => {
    const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('photo taken at the station')]);
    // the server recorded one finding, the workstation (offline) another, with a photo
    const si = await server.call(
      'inspection.save',
      { campaignId: s.campaign.id, kind: 'procedure', scope: 'team', unit: '合成一班', date: '2024-09-10', inspectors: '安全科', checklist: [] },
      s.admin,
    );
    await server.call(
      'finding.record',
      { inspectionId: si.id, level: 'general', location: '中控', description: '服务器上登记的问题', measure: '整改', owner: 'E001', due: '2024-09-20', photos: [] },
      s.admin,
    );
    const wa = (await station.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
    const wi = await station.call(
      'inspection.save',
      { campaignId: s.campaign.id, kind: 'maintenance', scope: 'workshop', unit: '储运车间', date: '2024-09-11', inspectors: '安全科', checklist: [] },
      wa,
    );
    const photo = await station.call('finding.photo', { fileName: '罐区.jpg', base64: JPEG.toString('base64') }, wa);
    await station.call(
      'finding.record',
      {
        inspectionId: wi.id,
        level: 'major',
        location: '罐区',
        description: '工作站上登记的问题',
        measure: '整改',
        owner: 'E003',
        due: '2024-09-21',
        photos: [{ sha256: photo.sha256, name: photo.name }],
      },
      wa,
    );
    const r = await merge();
    expect(r.run!.added).toMatchObject({ files: 1, findings: 2 });
    const v = await server.call('inspection.list', { campaignId: s.campaign.id }, s.admin);
    expect(v.findings.map((f) => f.description).sort()).toEqual(['工作站上登记的问题', '服务器上登记的问题']);
    expect(verifyChain((await server.ports.store.inspections.read()).entries)).toEqual([]);
    expect((await server.ports.store.files.get(photo.sha256))?.equals(JPEG)).toBe(true);
    const before = await everything(server.ports.store);
    expect((await merge()).run).toBeNull();
    expect(await everything(server.ports.store)).toBe(before);
  });

  it('an attempt taken on the workstation after its bank was edited finds the version it was given here too', async () => {
    const sa = (await station.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
    const wm06 = (await station.call('bank.list', {}, sa)).find((q) => q.id === 'wm-06')!;
    const { id: _id, version: _v, ...fields } = wm06;
    await station.call('bank.save', { ...fields, id: 'wm-06', stem: `${wm06.stem}（工作站修订）` }, sa);
    const we1 = (await station.call('auth.login', { employeeNo: 'E001', password: s.pw('E001') })).token;
    const a = await station.call('quiz.start', { campaignId: s.campaign.id }, we1);
    await station.call('quiz.submit', { attemptId: a.attemptId, answers: {} }, we1);
    // the server's bank never had that version
    const edited = `${wm06.stem}（工作站修订）`;
    expect((await server.call('bank.list', {}, s.admin)).find((q) => q.id === 'wm-06')!.stem).toBe(wm06.stem);
    await merge();
    const review = await server.call('quiz.review', { attemptId: a.attemptId }, await s.login('E001'));
    expect(review.items.map((x) => x.stem)).toContain(edited);
    // kept in the history; the bank's current question is still the server's
    expect((await server.call('bank.list', {}, s.admin)).find((q) => q.id === 'wm-06')!.stem).toBe(wm06.stem);
    expect((await server.ports.store.questions.read()).history.some((q) => q.stem === edited)).toBe(true);
  });

  it('another enterprise, or a broken chain, is refused before anything is written', async () => {
    await divergent();
    const before = await everything(server.ports.store);
    await station.ports.store.meta.update((m) => void (m.enterprise = '别的化工'));
    await expect(merge()).rejects.toThrow(/另一家企业（「别的化工」/);
    await station.ports.store.meta.update((m) => void (m.enterprise = '测试化工（虚构）'));
    station.close();
    const fs = await import('node:fs');
    const file = `${station.dir}/people/E003.json`;
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    raw.events[0].data.countedMs = 8 * 3600_000;
    const sealed = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, JSON.stringify(raw));
    station = makeApp(station.dir, { dataDir: station.dir });
    await expect(merge()).rejects.toThrow(/来源的记录与封印不符.*E003：记录 #1.*内容与哈希不符/);
    expect(await everything(server.ports.store)).toBe(before);
    // written with the key but the hash left as it was: the chain names it
    station.close();
    fs.writeFileSync(file, sealed);
    const keyed = DataStore.open(station.dir);
    await keyed.person('E003').update((d) => void (d.events[0] = { ...d.events[0]!, data: { ...d.events[0]!.data, countedMs: 8 * 3600_000 } } as (typeof d.events)[0]));
    keyed.close();
    station = makeApp(station.dir, { dataDir: station.dir });
    await expect(merge()).rejects.toThrow(/E003.*内容与哈希不符/);
    expect(await everything(server.ports.store)).toBe(before);
  });
});
