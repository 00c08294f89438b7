// 三级安全教育: each level of a new hire signed on the paper card by its responsible person and
// entered by the officer; the levels' 学时 count in the person's year and in the campaign; the
// 一人一档 prints the card with the signers and a signature line, and a 年度学时 section; a file
// limited to one year leaves out another year's campaign.
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPersonTo, verifyArchiveDir } from '../../electron/main/services/archive';
import { nodeFiles } from '../../electron/main/files';
import { createJob, runJob } from '../../electron/main/services/archive/job';
import { statementProblems, type XapiStatement } from '../../electron/main/services/archive/xapi';
import { hoursLedger } from '../../electron/main/services/progress/progress';
import { b64, makeApp, removeDir, ROSTER_CSV, seeded, tempDir, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let induction: string;
let lastYear: string;
const dirs: string[] = [];
// minutes per 学时 45 (the default): 24 学时 a level
const LEVEL_MS = 24 * 45 * 60_000;

beforeAll(async () => {
  app = makeApp();
  s = await seeded(app);
  // the storage workshop's head and its tank-farm team leader, who sign the 车间级 and 班组级
  const roster = [ROSTER_CSV, 'W001,储运主任,储运车间,,车间主任,安全管理人员,否', 'T001,罐区班长,储运车间,罐区班,班长,其他从业人员,否'].join('\n');
  await app.call('roster.commit', { fileName: 'roster.csv', base64: b64(roster) }, s.admin);
  const base = { ...s.campaign, id: undefined };
  const c = await app.call(
    'campaign.save',
    {
      ...base,
      name: '2024年新员工三级安全教育',
      kind: 'induction',
      participants: { kind: 'some', depts: [], teams: [], categories: [], employeeNos: ['E003'] },
      induction: {
        levels: [
          { level: 'company', hours: 24 },
          { level: 'workshop', hours: 24 },
          { level: 'team', hours: 24 },
        ],
      },
    },
    s.admin,
  );
  induction = c.id;
  // a campaign of the year before, in which E003 attended a collective session
  const old = await app.call('campaign.save', { ...base, name: '2023年警示教育月', start: '2023-05-01', end: '2023-05-31', studyStart: '2023-05-01', studyEnd: '2023-05-31', phases: [] }, s.admin);
  lastYear = old.id;
  const v = await app.call(
    'collective.save',
    { campaignId: lastYear, type: 'film', topic: '二〇二三年警示片', date: '2023-05-10', start: '09:00', durationMinutes: 60, place: '三楼会议室', host: '安全环保部' },
    s.admin,
  );
  await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E003'] }, s.admin);
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
  dirs.forEach(removeDir);
});

const sign = (level: 'company' | 'workshop' | 'team', date: string, signer: string, content = '') => ({ campaignId: induction, employeeNo: 'E003', level, date, signer, content });
const refusal = async (name: 'induction.sign' | 'induction.revoke', input: unknown) => {
  const r = await app.raw(name, input, s.admin);
  return r.ok ? null : r.error.key;
};
const pdfText = (folder: string) =>
  execFileSync('pdftotext', [path.join(folder, 'training-file.pdf'), '-'], { encoding: 'utf8' })
    .normalize('NFKC')
    .replace(/\s+/g, '');

describe('三级安全教育', () => {
  it('three levels signed by three people show on the board, in the campaign and in the year', async () => {
    await app.call('induction.sign', sign('company', '2024-09-02', 'M001', '安全生产法律法规、本单位安全生产情况'), s.admin);
    await app.call('induction.sign', sign('workshop', '2024-09-04', 'W001', '储运车间工艺和危险源'), s.admin);
    const board = await app.call('induction.sign', sign('team', '2024-09-06', 'T001'), s.admin);
    expect(board.induction).toBe(true);
    expect(board.levels).toEqual([
      { level: 'company', hours: 24 },
      { level: 'workshop', hours: 24 },
      { level: 'team', hours: 24 },
    ]);
    expect(board.rows.map((r) => r.employeeNo)).toEqual(['E003']);
    expect(board.rows[0]!.levels.map((l) => [l.level, l.signed?.signerName, l.signed?.signerPost, l.signed?.date, l.signed?.minutes])).toEqual([
      ['company', '测试经理', '总经理', '2024-09-02', 24 * 45],
      ['workshop', '储运主任', '车间主任', '2024-09-04', 24 * 45],
      ['team', '罐区班长', '班长', '2024-09-06', 24 * 45],
    ]);
    const e3 = await s.login('E003');
    const mine = await app.call('progress.mine', { campaignId: induction }, e3);
    expect(mine.year.year).toBe('2024');
    expect(mine.year.ms).toBe(3 * LEVEL_MS);
    expect(mine.totals.campaignMs).toBe(3 * LEVEL_MS);
    expect(mine.totals.todayMs).toBe(LEVEL_MS); // the 班组级 was completed today (the test clock is 2024-09-06)
    const row = (await app.call('progress.table', { campaignId: induction }, s.admin)).rows.find((r) => r.employeeNo === 'E003')!;
    expect(row.creditHours).toBe(72);
    // the officer's view of the person: the levels on their days
    const days = (await app.call('progress.person', { campaignId: induction, employeeNo: 'E003' }, s.admin)).byDay;
    expect(days).toMatchObject({ '2024-09-02': LEVEL_MS, '2024-09-04': LEVEL_MS, '2024-09-06': LEVEL_MS });
  });

  it('refuses a level signed twice, someone not taking part, a campaign not of induction', async () => {
    expect(await refusal('induction.sign', sign('company', '2024-09-05', 'M001'))).toBe('induction.alreadySigned');
    expect(await refusal('induction.sign', { ...sign('company', '2024-09-05', 'M001'), employeeNo: 'E001' })).toBe('induction.notParticipant');
    expect(await refusal('induction.sign', { ...sign('company', '2024-09-05', 'M001'), campaignId: s.campaign.id })).toBe('induction.notInduction');
    expect(await refusal('induction.revoke', { campaignId: induction, employeeNo: 'E001', level: 'team', reason: '登记错了' })).toBe('induction.notParticipant');
  });

  it('a mistaken entry is revoked with a reason and entered again; the date may not be later than today, nor the signer unknown', async () => {
    const e3 = await s.login('E003');
    const after = await app.call('induction.revoke', { campaignId: induction, employeeNo: 'E003', level: 'team', reason: '签字人登记错了' }, s.admin);
    expect(after.rows[0]!.levels.find((l) => l.level === 'team')!.signed).toBeNull();
    expect((await app.call('progress.mine', { campaignId: induction }, e3)).year.ms).toBe(2 * LEVEL_MS);
    expect(await refusal('induction.revoke', { campaignId: induction, employeeNo: 'E003', level: 'team', reason: '再撤一次' })).toBe('induction.notSigned');
    expect(await refusal('induction.sign', sign('team', '2024-09-07', 'T001'))).toBe('induction.dateInFuture');
    expect(await refusal('induction.sign', sign('team', '2024-09-06', 'NOBODY'))).toBe('induction.signerNotOnRoster');
    await app.call('induction.sign', sign('team', '2024-09-06', 'T001', '罐区岗位操作规程'), s.admin);
    expect((await app.call('progress.mine', { campaignId: induction }, e3)).year.ms).toBe(3 * LEVEL_MS);
    // the revoked entry and its reason stay in the record
    const kinds = (await app.ports.store.person('E003').read()).events.map((e) => e.type).filter((t) => t.startsWith('induction.'));
    expect(kinds).toEqual(['induction.signed', 'induction.signed', 'induction.signed', 'induction.revoked', 'induction.signed']);
  });

  it('the 一人一档 prints the card with the three signers and a signature line, and the hours of each year', async () => {
    const out = tempDir('anxue-induction-');
    dirs.push(out);
    const { folder } = await exportPersonTo(app.ports, 'E003', out, 'admin');
    expect(verifyArchiveDir(nodeFiles, folder).ok).toBe(true);
    const text = pdfText(folder);
    for (const needle of [
      '三级安全教育卡',
      '公司级',
      '车间级',
      '班组级',
      '测试经理(总经理)',
      '储运主任(车间主任)',
      '罐区班长(班长)',
      '签字:______________',
      '罐区岗位操作规程',
      '已完成3/3级,合计72学时',
    ])
      expect(text, needle).toContain(needle.normalize('NFKC'));
    // 年度学时: 2023 (one hour of film, annual retraining asks 20) and 2024 (the three levels: the initial 72 学时)
    expect(text).toContain('年度学时');
    expect(text).toContain('2023');
    expect(text).toContain('2024');
    expect(text).toContain('202311.320年度再培训未达到');
    expect(text).toContain('2024547272岗前培训已达到');
    expect(text).toContain('要求学时按人员类别(其他从业人员)');
    expect(text).toContain('集中学习54小时,其中三级安全教育54小时');
    expect(text).toContain('2023年警示教育月');
    // xAPI: each level standing is completed once (the revoked entry is not)
    const xapi = JSON.parse(readFileSync(path.join(folder, 'xapi.json'), 'utf8')) as XapiStatement[];
    const levels = xapi.filter((x) => x.object.id.includes('/induction/'));
    expect(levels.map((x) => x.object.definition.name['zh-CN']).sort()).toEqual(['三级安全教育：公司级', '三级安全教育：班组级', '三级安全教育：车间级'].sort());
    expect(levels.flatMap(statementProblems)).toEqual([]);
  });

  it('a file of one year leaves out another year’s campaign, and still verifies', async () => {
    const out = tempDir('anxue-induction-year-');
    dirs.push(out);
    const r = await app.call('archive.exportPerson', { employeeNo: 'E003', year: '2024' }, s.admin);
    expect(verifyArchiveDir(nodeFiles, r.folder).ok).toBe(true);
    const text = pdfText(r.folder);
    expect(text).toContain('一人一档·2024年度');
    expect(text).toContain('2024年新员工三级安全教育');
    expect(text).not.toContain('2023年警示教育月');
    expect(text).not.toContain('二〇二三年警示片'.normalize('NFKC'));
    expect(text).not.toContain('202311.320年度再培训');
    expect(text).toContain('2024547272岗前培训已达到');
    const old = await app.call('archive.exportPerson', { employeeNo: 'E003', year: '2023' }, s.admin);
    const oldText = pdfText(old.folder);
    expect(oldText).toContain('2023年警示教育月');
    expect(oldText).not.toContain('三级安全教育卡');
  });

  it('a closed campaign takes no sign-off or revoke', async () => {
    await app.call('campaign.close', { campaignId: induction }, s.admin);
    expect(await refusal('induction.revoke', { campaignId: induction, employeeNo: 'E003', level: 'team', reason: '登记错了' })).toBe('campaign.closedReadOnly');
    // the board is still read
    expect((await app.call('induction.board', { campaignId: induction }, s.admin)).closed).toBe(true);
    await app.call('campaign.reopen', { campaignId: induction, reason: '补登记' }, s.admin);
    await app.call('induction.revoke', { campaignId: induction, employeeNo: 'E003', level: 'team', reason: '登记错了' }, s.admin);
    await app.call('campaign.close', { campaignId: induction }, s.admin);
    expect(await refusal('induction.sign', sign('team', '2024-09-06', 'T001'))).toBe('campaign.closedReadOnly');
  });
});

// after the test above: 公司级 and 车间级 signed, the 班组级 revoked (not signed), the campaign closed
describe('the campaign’s ledgers list each level', () => {
  const ledger = async (campaignId: string, lang: 'zh-CN' | 'en-US' = 'zh-CN') => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await hoursLedger(app.ports, { campaignId }, lang)).base64, 'base64') as unknown as ArrayBuffer);
    return wb;
  };
  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const out: unknown[][] = [];
    ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };

  it('the 学时台账 has a sheet of each person’s three levels: 学时, signer and date, or 未签字', async () => {
    const ws = (await ledger(induction)).getWorksheet('三级安全教育')!;
    expect(rowsOf(ws)).toEqual([
      ['工号', '姓名', '部门/车间', '班组', '级别', '学时', '负责人签字', '完成日期'],
      ['E003', '测试丙', '储运车间', '罐区班', '公司级', 24, '测试经理（总经理）', '2024-09-02'],
      ['E003', '测试丙', '储运车间', '罐区班', '车间级', 24, '储运主任（车间主任）', '2024-09-04'],
      ['E003', '测试丙', '储运车间', '罐区班', '班组级', 24, '未签字', ''],
    ]);
    const en = (await ledger(induction, 'en-US')).getWorksheet('Induction levels')!;
    expect(rowsOf(en).map((r) => [r[4], r[6]])).toEqual([
      ['Level', 'Signed by (responsible person)'],
      ['Company level', '测试经理 (总经理)'],
      ['Workshop level', '储运主任 (车间主任)'],
      ['Team level', 'not signed'],
    ]);
    // a campaign of another kind has no such sheet
    expect((await ledger(s.campaign.id)).getWorksheet('三级安全教育')).toBeUndefined();
  });

  it('the 一期一档 lists each level with its signer and date, or 未签字, and its ledger.xlsx the levels', async () => {
    const root = tempDir('anxue-induction-batch-');
    dirs.push(root);
    const job = await createJob(app.ports, root, { campaignId: induction, zip: false }, 'admin');
    const done = await runJob(app.ports, root, job.jobId);
    const folder = done.result!.path;
    expect(verifyArchiveDir(nodeFiles, folder).ok).toBe(true);
    // laid out: the cells of a row side by side, the levels in the order of their columns
    const text = execFileSync('pdftotext', ['-layout', path.join(folder, 'campaign.pdf'), '-'], { encoding: 'utf8' }).normalize('NFKC');
    const table = text.slice(text.indexOf('三级安全教育\n'));
    expect(table).toMatch(/工号\s+姓名\s+部门\/车间\s+公司级\s+车间级\s+班组级\s+已签/);
    expect(table).toMatch(/E003\s+测试丙\s+储运车间\s+24 学时\s+24 学时\s+24 学时\s+2\/3/);
    expect(table).toMatch(/测试经理\(总经理\)\s+储运主任\(车间主任\)\s+未签字/);
    expect(table).toMatch(/2024-09-02\s+2024-09-04\n/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(folder, 'ledger.xlsx'));
    expect(rowsOf(wb.getWorksheet('三级安全教育')!).map((r) => r[6])).toEqual(['负责人签字', '测试经理（总经理）', '储运主任（车间主任）', '未签字']);
  });
});
