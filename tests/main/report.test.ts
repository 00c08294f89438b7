// 履职述职: the reporting line from the roster, a report up that line with
// return / revise / accept / score, only the superior answers, attachments kept by hash, the
// officer's board, the records in the reporter's chain. Both backends (see vitest.config.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sayIn } from '../../electron/main/messages';
import { verifyArchiveDir } from '../../electron/main/services/archive';
import { REPORT_MIN_CHARS } from '../../electron/core/duty-report';
import { verifyChain } from '../../electron/records/events';
import { b64, makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';

const LINE = [
  '工号,姓名,部门/车间,班组,岗位,人员类别,班子成员,岗位层级,上级工号',
  'H1,总经理甲,公司领导,,总经理,主要负责人,是,总经理,',
  'D1,副总乙,公司领导,,生产副总,安全管理人员,是,分管副总,H1',
  'W1,主任丙,甲醇车间,,车间主任,安全管理人员,否,车间主任,D1',
  'T1,班长丁,甲醇车间,合成一班,班长,其他从业人员,否,班组长,W1',
  'T2,班长戊,甲醇车间,合成二班,班长,其他从业人员,否,班组长,W1',
  'X1,操作工己,甲醇车间,合成一班,操作工,其他从业人员,否,,',
].join('\n');

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let tok: Record<string, string>;
let campaignId: string;
beforeEach(async () => {
  app = makeApp();
  s = await seeded(app);
  const r = await app.call('roster.commit', { fileName: 'line.csv', base64: b64(LINE) }, s.admin);
  const pw = (no: string) => r.initialPasswords.find((p) => p.employeeNo === no)!.password;
  tok = {};
  for (const no of ['H1', 'D1', 'W1', 'T1', 'T2', 'X1', 'E001']) tok[no] = (await app.call('auth.login', { employeeNo: no, password: no === 'E001' ? s.pw(no) : pw(no) })).token;
  campaignId = s.campaign.id;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const text = (n: number, word = '安全') => word.repeat(Math.ceil(n / word.length)).slice(0, n);
const parts = (n = REPORT_MIN_CHARS) => ({ duties: text(Math.ceil(n / 3), '履职'), work: text(Math.ceil(n / 3), '工作'), rules: text(Math.ceil(n / 3), '规程') });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really pixels')]);

describe('履职述职', () => {
  it('the line comes from the roster: a 班组长 reports to their 车间主任, the head to the bureau, others not at all', async () => {
    expect(await app.call('report.get', { campaignId }, tok.T1)).toMatchObject({ level: 'team', to: { employeeNo: 'W1', name: '主任丙' }, problem: null, status: 'not_started', inbox: { people: 0 } });
    expect(await app.call('report.get', { campaignId }, tok.W1)).toMatchObject({ level: 'workshop', to: { employeeNo: 'D1' }, inbox: { people: 2, waiting: 0 } });
    expect(await app.call('report.get', { campaignId }, tok.H1)).toMatchObject({ level: 'head', to: 'bureau', inbox: { people: 1 } });
    const none = await app.call('report.get', { campaignId }, tok.X1);
    expect(none).toMatchObject({ level: null, to: null });
    expect(none.problem).toEqual({ key: 'report.noLevelInRoster' });
    expect(sayIn('zh-CN', none.problem!)).toContain('岗位层级');
    expect(await app.raw('report.submit', { campaignId, parts: parts(), to: 'W1' }, tok.X1)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'to' } });
  });

  it('draft, submit to the superior, returned with remarks, revised, accepted and scored', async () => {
    const saved = await app.call('report.save', { campaignId, parts: { duties: '草稿', work: '', rules: '' } }, tok.T1);
    expect((await app.call('report.get', { campaignId }, tok.T1)).status).toBe('draft');
    expect((await app.call('report.get', { campaignId }, tok.T1)).savedAt).toBe(saved.savedAt);
    // too short, and a part missing: refused with the field
    expect(await app.raw('report.submit', { campaignId, parts: { ...parts(), rules: '' }, to: 'W1' }, tok.T1)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'parts.rules' } });
    expect(await app.raw('report.submit', { campaignId, parts: parts(30), to: 'W1' }, tok.T1)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'parts' } });
    const v = await app.call('report.submit', { campaignId, parts: parts(), to: 'W1' }, tok.T1);
    expect(v).toMatchObject({ status: 'submitted', version: 1 });
    expect(await app.raw('report.save', { campaignId, parts: parts() }, tok.T1)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await app.call('report.get', { campaignId }, tok.W1)).inbox).toEqual({ people: 2, waiting: 1 });
    const inbox = await app.call('report.inbox', { campaignId }, tok.W1);
    expect(inbox.map((r) => [r.employeeNo, r.status, r.waitingFor])).toEqual([
      ['T1', 'submitted', '主任丙'],
      ['T2', 'not_started', '班长戊'],
    ]);
    // returned: remarks are required
    expect(await app.raw('report.review', { campaignId, employeeNo: 'T1', version: 1, decision: 'return', comment: ' ' }, tok.W1)).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'comment' },
    });
    let rec = await app.call('report.review', { campaignId, employeeNo: 'T1', version: 1, decision: 'return', comment: '请补充本班组隐患排查的具体情况' }, tok.W1);
    expect(rec).toMatchObject({ status: 'returned', mayReview: false });
    const back = await app.call('report.get', { campaignId }, tok.T1);
    expect(back.status).toBe('returned');
    expect(back.reviews[0]).toMatchObject({ decision: 'return', reviewer: 'W1', reviewerName: '主任丙', comment: '请补充本班组隐患排查的具体情况' });
    // revised and submitted again: version 2
    await app.call('report.save', { campaignId, parts: { ...parts(), work: `${parts().work}本月排查隐患三项，已整改两项。` } }, tok.T1);
    expect((await app.call('report.submit', { campaignId, parts: { ...parts(), work: `${parts().work}本月排查隐患三项，已整改两项。` }, to: 'W1' }, tok.T1)).version).toBe(2);
    rec = await app.call('report.read', { campaignId, employeeNo: 'T1' }, tok.W1);
    expect(rec.mayReview).toBe(true);
    expect(rec.versions.map((x) => x.version)).toEqual([1, 2]);
    expect(rec.defaultSheet.reduce((a, b) => a + b.max, 0)).toBe(100);
    // scoring: an item over its most is refused with the item named
    const sheet = rec.defaultSheet;
    const over = await app.raw('report.review', { campaignId, employeeNo: 'T1', version: 2, decision: 'accept', comment: '', sheet, points: [30, 20, 18, 12, 12] }, tok.W1);
    expect(over).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'points.0' } });
    // the sheet is editable: one item renamed, one added
    const edited = [...sheet.slice(0, 4), { name: '隐患整改闭环', max: 10 }, { name: '班组安全活动记录', max: 5 }];
    rec = await app.call('report.review', { campaignId, employeeNo: 'T1', version: 2, decision: 'accept', comment: '同意', sheet: edited, points: [22.5, 20, 18, 12, 9, 4.5] }, tok.W1);
    expect(rec.status).toBe('accepted');
    expect(rec.reviews.at(-1)!.score).toEqual({ sheet: edited, points: [22.5, 20, 18, 12, 9, 4.5], total: 86 });
    expect(await app.raw('report.review', { campaignId, employeeNo: 'T1', version: 2, decision: 'accept', comment: '', sheet, points: [1, 1, 1, 1, 1] }, tok.W1)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    // in the reporter's chain: two submissions and two answers, the chain intact
    const f = await app.ports.store.person('T1').read();
    expect(f.events.filter((e) => e.type.startsWith('report.')).map((e) => `${e.type}:${e.by}`)).toEqual(['report.submitted:T1', 'report.reviewed:W1', 'report.submitted:T1', 'report.reviewed:W1']);
    expect(verifyChain(f.events)).toEqual([]);
    expect(f.open.reportDrafts?.[campaignId]).toBeUndefined();
  });

  it('only the superior answers; a report to someone else is refused; nobody else reads it', async () => {
    // submitted to someone who is not the superior: refused, nothing recorded
    const wrong = await app.raw('report.submit', { campaignId, parts: parts(), to: 'D1' }, tok.T1);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'to' } });
    if (!wrong.ok) expect(wrong.error.message).toContain('副总乙（D1） 不是你的上级');
    expect(await app.raw('report.submit', { campaignId, parts: parts(), to: 'bureau' }, tok.T1)).toMatchObject({ ok: false, error: { field: 'to' } });
    expect((await app.ports.store.person('T1').read()).events).toHaveLength(0);
    await app.call('report.submit', { campaignId, parts: parts(), to: 'W1' }, tok.T1);
    const answer = { campaignId, employeeNo: 'T1', version: 1, decision: 'return' as const, comment: '不行' };
    // another 班组长, the superior's superior, an operator: may not answer, nor read
    for (const who of ['T2', 'D1', 'X1']) {
      expect(await app.raw('report.review', answer, tok[who])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const who of ['T2', 'X1', 'E001']) expect(await app.raw('report.read', { campaignId, employeeNo: 'T1' }, tok[who])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // nor can an officer answer a 班组长's report (the superior does); the officer reads it
    expect(await app.raw('report.review', answer, s.admin)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await app.call('report.read', { campaignId, employeeNo: 'T1' }, s.admin)).mayReview).toBe(false);
    expect((await app.ports.store.person('T1').read()).events).toHaveLength(1);
    // the reporter themself may not answer their own report
    expect(await app.raw('report.review', answer, tok.T1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // one's inbox lists only one's own people
    expect(await app.call('report.inbox', { campaignId }, tok.T2)).toEqual([]);
  });

  it('a closed campaign takes no answer: the superior only reads the report until it is reopened', async () => {
    await app.call('report.submit', { campaignId, parts: parts(), to: 'W1' }, tok.T1);
    await app.call('campaign.close', { campaignId }, s.admin);
    expect((await app.call('report.read', { campaignId, employeeNo: 'T1' }, tok.W1)).mayReview).toBe(false);
    const answer = { campaignId, employeeNo: 'T1', version: 1, decision: 'return' as const, comment: '请补充' };
    const refused = await app.raw('report.review', answer, tok.W1);
    expect(refused.ok ? 'answered' : refused.error.key).toBe('campaign.closedReadOnly');
    expect((await app.ports.store.person('T1').read()).events.map((e) => e.type)).toEqual(['report.submitted']);
    await app.call('campaign.reopen', { campaignId, reason: '补审述职' }, s.admin);
    expect((await app.call('report.read', { campaignId, employeeNo: 'T1' }, tok.W1)).mayReview).toBe(true);
    expect((await app.call('report.review', answer, tok.W1)).status).toBe('returned');
  });

  it("the head reports to the bureau; an officer records the bureau's answer and score", async () => {
    await app.call('report.submit', { campaignId, parts: parts(), to: 'bureau' }, tok.H1);
    const rec = await app.call('report.read', { campaignId, employeeNo: 'H1' }, s.admin);
    expect(rec.mayReview).toBe(true);
    expect(rec.versions[0]).toMatchObject({ to: 'bureau', toName: '县应急管理局' });
    const done = await app.call(
      'report.review',
      { campaignId, employeeNo: 'H1', version: 1, decision: 'accept', comment: '局考核意见：合格', sheet: rec.defaultSheet, points: [24, 23, 18, 14, 13] },
      s.admin,
    );
    expect(done.reviews[0]).toMatchObject({ bureau: true, reviewer: 'admin', score: { total: 92 } });
    // the deputy cannot answer for the bureau
    await app.call('report.submit', { campaignId, parts: parts(), to: 'H1' }, tok.D1);
    expect(await app.raw('report.review', { campaignId, employeeNo: 'D1', version: 1, decision: 'return', comment: 'x' }, s.admin)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('attachments: kept by hash, only real files within the size limit; read by the superior', async () => {
    const a = await app.call('report.attach', { campaignId, fileName: 'C:\\docs\\班组台账.png', base64: PNG.toString('base64') }, tok.T1);
    expect(a.attachments).toEqual([{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), name: '班组台账.png', bytes: PNG.length, kind: 'png' }]);
    // the same file twice is one attachment
    expect((await app.call('report.attach', { campaignId, fileName: 'again.png', base64: PNG.toString('base64') }, tok.T1)).attachments).toHaveLength(1);
    const before = await app.ports.store.files.list();
    const exe = await app.raw('report.attach', { campaignId, fileName: '台账.pdf', base64: b64('MZ this is a program') }, tok.T1);
    expect(exe).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'fileName' } });
    if (!exe.ok) expect(exe.error.message).toContain('台账.pdf');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);
    expect(await app.raw('report.attach', { campaignId, fileName: 'big.pdf', base64: big.toString('base64') }, tok.T1)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'base64' } });
    expect(await app.ports.store.files.list()).toEqual(before);
    await app.call('report.submit', { campaignId, parts: parts(), to: 'W1' }, tok.T1);
    const sha = a.attachments[0]!.sha256;
    const got = await app.call('report.file', { campaignId, employeeNo: 'T1', sha256: sha }, tok.W1);
    expect(Buffer.from(got.base64, 'base64').equals(PNG)).toBe(true);
    expect(got.fileName).toBe('班组台账.png');
    expect(await app.raw('report.file', { campaignId, employeeNo: 'T1', sha256: sha }, tok.T2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const ev = (await app.ports.store.person('T1').read()).events.find((e) => e.type === 'report.submitted')!;
    expect(ev.type === 'report.submitted' && ev.data.attachments.map((x) => x.sha256)).toEqual([sha]);
  });

  it("the officer's board: by level, who has reported, who is waiting for whom", async () => {
    await app.call('report.submit', { campaignId, parts: parts(), to: 'W1' }, tok.T1);
    await app.call('report.save', { campaignId, parts: parts(10) }, tok.T2);
    const b = await app.call('report.board', { campaignId }, s.admin);
    expect(b.levels.map((l) => [l.level, l.total])).toEqual([
      ['team', 2],
      ['workshop', 1],
      ['deputy', 1],
      ['head', 1],
    ]);
    expect(b.levels[0]!.counts).toMatchObject({ submitted: 1, draft: 1 });
    const row = Object.fromEntries(b.rows.map((r) => [r.employeeNo, r]));
    expect(row.T1).toMatchObject({ status: 'submitted', waitingFor: '主任丙', superior: { employeeNo: 'W1' } });
    expect(row.T2).toMatchObject({ status: 'draft', waitingFor: '班长戊' });
    expect(row.H1).toMatchObject({ superior: 'bureau' });
    expect(row.X1).toBeUndefined();
  });

  it("in the reporter's 一人一档: the text, the answers, the scoring, the attachment — and verify covers the attachment", async () => {
    const a = await app.call('report.attach', { campaignId, fileName: '班组台账.png', base64: PNG.toString('base64') }, tok.T1);
    await app.call('report.submit', { campaignId, parts: parts(), to: 'W1' }, tok.T1);
    const rec = await app.call('report.read', { campaignId, employeeNo: 'T1' }, tok.W1);
    await app.call('report.review', { campaignId, employeeNo: 'T1', version: 1, decision: 'accept', comment: '履职到位', sheet: rec.defaultSheet, points: [20, 20, 15, 15, 10] }, tok.W1);
    const out = await app.call('archive.exportPerson', { employeeNo: 'T1' }, s.admin);
    const sha = a.attachments[0]!.sha256;
    expect(out.files.map((f) => f.name)).toContain(`files/${sha}.png`);
    const text = execFileSync('pdftotext', ['-layout', path.join(out.folder, 'training-file.pdf'), '-'], { encoding: 'utf8' }).normalize('NFKC');
    expect(text).toContain('四、履职述职');
    expect(text).toMatch(/班组长述职,向主任丙\(W1\)报告;状态:已通过/);
    expect(text).toContain('履行岗位安全生产职责情况');
    expect(text).toContain('班组台账.png');
    expect(text).toMatch(/合计\s+100\s+80/);
    expect(verifyArchiveDir(nodeFiles, out.folder)).toMatchObject({ ok: true, problems: [], signedBy: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
    // the photo replaced by other bytes, manifest and all: the record's hash still tells
    const f = path.join(out.folder, 'files', `${sha}.png`);
    writeFileSync(f, Buffer.concat([readFileSync(f), Buffer.from('x')]));
    const m = JSON.parse(readFileSync(path.join(out.folder, 'manifest.json'), 'utf8'));
    const entry = m.files.find((x: { name: string }) => x.name === `files/${sha}.png`);
    entry.sha256 = (await import('node:crypto')).createHash('sha256').update(readFileSync(f)).digest('hex');
    writeFileSync(path.join(out.folder, 'manifest.json'), JSON.stringify(m));
    const r = verifyArchiveDir(nodeFiles, out.folder);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => sayIn('zh-CN', p)).join('\n')).toContain('记录所附的文件「班组台账.png」与记录中的哈希不符');
  });
});
