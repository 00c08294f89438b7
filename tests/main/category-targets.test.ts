// Targets per person category in a campaign: a campaign asks 8 学时 of most, 12
// of its 主要负责人 and 4 of its 特种作业人员 (as an example); each person's own target is the one
// shown and judged everywhere — their study counter, the progress table, the hours ledger, the
// 一人一档 PDF and spreadsheet, the 总结报告 figures and the 一期一档 PDF. New campaigns start from
// the enterprise's settings.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPersonTo } from '../../electron/main/services/archive';
import { createJob, runJob } from '../../electron/main/services/archive/job';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let campaignId: string;
const dirs: string[] = [];
// the roster (temp-app): E001 其他从业人员, E002 特种作业人员, E003 其他从业人员, M001 主要负责人
const WANT: Record<string, number> = { E001: 8, E002: 4, E003: 8, M001: 12 };

beforeAll(async () => {
  app = makeApp();
  s = await seeded(app);
  const c = await app.call('campaign.save', { ...s.campaign, targetCreditHours: 8, targetByCategory: { 主要负责人: 12, 特种作业人员: 4 } }, s.admin);
  campaignId = c.id;
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
  dirs.forEach(removeDir);
});

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFKC');

describe('targets per person category', () => {
  it('each person’s counter, and the study calls, carry their own target', async () => {
    for (const [no, target] of Object.entries(WANT)) {
      const t = await s.login(no);
      expect((await app.call('progress.mine', { campaignId }, t)).totals.targetCreditHours, no).toBe(target);
      const started = await app.call('study.start', { campaignId, docId: 'warning-month-notes' }, t);
      expect(started.totals.targetCreditHours, no).toBe(target);
      app.clock.advance(15_000);
      const beat = await app.call('study.beat', { sessionId: started.sessionId, visible: true, focused: true, interacted: true }, t);
      expect(beat.totals.targetCreditHours, no).toBe(target);
      await app.call('study.stop', { sessionId: started.sessionId }, t);
    }
  });

  it('the progress table and the 总结报告 judge each against their own', async () => {
    const rows = (await app.call('progress.table', { campaignId }, s.admin)).rows;
    expect(Object.fromEntries(rows.map((r) => [r.employeeNo, r.targetCreditHours]))).toEqual(WANT);
    const summary = await app.call('summary.get', { campaignId }, s.admin);
    expect(Object.fromEntries(summary.figures.byCategory.map((x) => [x.category, x.targetCreditHours]))).toEqual({ 其他从业人员: 8, 特种作业人员: 4, 主要负责人: 12 });
  });

  it('the hours ledger has each person’s own 要求学时, and says what the campaign asks of whom', async () => {
    const { base64 } = await app.call('progress.ledger', { campaignId }, s.admin);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(2).getCell(1).value)).toContain('要求 8 学时（主要负责人 12 学时，特种作业人员 4 学时）');
    const head = (ws.getRow(3).values as unknown[]).map(String);
    const col = head.indexOf('要求学时');
    const got: Record<string, number> = {};
    ws.eachRow((r, i) => {
      if (i > 3) got[String(r.getCell(1).value)] = Number(r.getCell(col).value);
    });
    expect(got).toEqual(WANT);
  });

  it('the 一人一档 PDF of a 主要负责人 asks 12 学时, of an operator 8', async () => {
    const out = tempDir('anxue-targets-');
    dirs.push(out);
    for (const [no, target] of [
      ['M001', 12],
      ['E001', 8],
    ] as const) {
      const r = await exportPersonTo(app.ports, no, out, 'admin');
      const text = pdfText(path.join(r.folder, 'training-file.pdf')).replace(/\s+/g, '');
      expect(text, no).toContain(`要求${target}学时`);
    }
  });

  it('the 一期一档 PDF states what the campaign asks of each category', async () => {
    const root = tempDir('anxue-targets-batch-');
    dirs.push(root);
    const job = await createJob(app.ports, root, { campaignId, zip: false }, 'admin');
    const done = await runJob(app.ports, root, job.jobId);
    const text = pdfText(path.join(done.result!.path, 'campaign.pdf')).replace(/\s+/g, '');
    expect(text).toContain('8学时(主要负责人12学时,特种作业人员4学时)');
  });

  it('a new campaign starts from the targets per category in the settings', async () => {
    const settings = await app.call('settings.get', {}, s.admin);
    await app.call('settings.save', { ...settings, campaignTargetsByCategory: { 安全管理人员: 10 } }, s.admin);
    expect((await app.call('campaign.template', {}, s.admin)).targetByCategory).toEqual({ 安全管理人员: 10 });
  });
});
