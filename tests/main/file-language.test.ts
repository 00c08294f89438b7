// The officer's working files (学时台账, 成绩单) are made in the language of the caller's screen:
// the browser sends it with every call (X-Anxue-Lang), the desktop page with every IPC call.
// Records for the archive stay Chinese. Read back with exceljs over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../electron/main/server';
import { registerIpc, type IpcMainLike } from '../../electron/main/transport/ipc';
import { ipcChannel } from '../../electron/shared/api';
import { makeApp, removeDir, seeded, tempDir } from '../helpers/temp-app';

let base: string;
let close: () => Promise<void>;
let admin: string;
let campaignId: string;
const dirs: string[] = [];

const post = async (name: string, body: unknown, lang?: string) => {
  const r = await fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(admin ? { Authorization: `Bearer ${admin}` } : {}), ...(lang ? { 'X-Anxue-Lang': lang } : {}) },
    body: JSON.stringify(body),
  });
  const v = (await r.json()) as Record<string, unknown>;
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(v)}`);
  return v;
};

async function sheetOf(file: { base64: string }) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  const data = tempDir();
  dirs.push(data);
  const s = await startServer({ dataDir: data, port: 0, host: '127.0.0.1' });
  base = s.url.replace(/\/$/, '');
  close = s.close;
  await post('setup.init', { enterprise: '测试化工（虚构）', adminNo: 'admin', adminName: '管理员', password: 'admin-pass-1' });
  admin = (await post('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token as string;
  const template = await post('campaign.template', {});
  campaignId = (await post('campaign.save', template)).id as string;
});
afterAll(async () => {
  await close();
  dirs.forEach(removeDir);
});

describe('working files in the language of the screen', () => {
  it('学时台账: Chinese by default and for a language we do not have, English when the screen is English', async () => {
    for (const lang of [undefined, 'fr-FR']) {
      const zh = (await post('progress.ledger', { campaignId }, lang)) as { fileName: string; base64: string };
      expect(zh.fileName).toMatch(/^学时台账-\d{4}-\d\d-\d\d\.xlsx$/);
      const wb = await sheetOf(zh);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['学时台账', '学习记录明细']);
      expect(wb.worksheets[0]!.getRow(3).values).toContain('要求学时');
    }
    const en = (await post('progress.ledger', { campaignId }, 'en-US')) as { fileName: string; base64: string };
    expect(en.fileName).toMatch(/^study-hours-\d{4}-\d\d-\d\d\.xlsx$/);
    const wb = await sheetOf(en);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Study hours', 'Study records']);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toBe('测试化工（虚构） ' + ((await post('campaign.get', { campaignId })) as { name: string }).name + ': study hours ledger');
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^Concentrated study \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d; 45 minutes per credit hour; required \d+ credit hours/);
    expect(ws.getRow(3).values).toEqual([
      undefined,
      'Employee no.',
      'Name',
      'Department',
      'Team',
      'Category',
      'Collective (hours)',
      'Self-study (hours)',
      'Total (hours)',
      'Credit hours',
      'Required',
      'Target met',
      'Quiz score',
      'Self-analysis',
      'Attention checks (missed/issued)',
      'Credit hours this year',
      'Required this year',
    ]);
    expect(wb.worksheets[1]!.getRow(1).values).toContain('Why not counted');
    // nothing Chinese is left in what the file itself says (row 1 holds the names people entered)
    expect(JSON.stringify([ws.getRow(2).values, ws.getRow(3).values, wb.worksheets[1]!.getRow(1).values])).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('成绩单 follows the screen too', async () => {
    const en = (await post('quiz.scoreSheet', { campaignId }, 'en-US')) as { fileName: string; base64: string };
    expect(en.fileName).toMatch(/^quiz-scores-/);
    const ws = (await sheetOf(en)).worksheets[0]!;
    expect(ws.name).toBe('Scores');
    expect(ws.getRow(3).values).toContain('Graded by');
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^Pass mark \d+ \(out of 100\)/);
    const zh = (await post('quiz.scoreSheet', { campaignId })) as { fileName: string; base64: string };
    expect((await sheetOf(zh)).worksheets[0]!.name).toBe('成绩单');
  });

  it('the desktop page sends its language with each IPC call', async () => {
    const app = makeApp();
    dirs.push(app.dir);
    const s = await seeded(app);
    const handlers = new Map<string, (event: { sender: { id: number } }, input: unknown, lang?: unknown) => Promise<unknown>>();
    const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
    const stop = registerIpc(ipc, app.ports);
    const sender = { sender: { id: 1 } };
    await handlers.get(ipcChannel('auth.login'))!(sender, { employeeNo: 'admin', password: 'admin-pass-1' }, 'en-US');
    const en = (await handlers.get(ipcChannel('progress.ledger'))!(sender, { campaignId: s.campaign.id }, 'en-US')) as { fileName: string };
    const zh = (await handlers.get(ipcChannel('progress.ledger'))!(sender, { campaignId: s.campaign.id })) as { fileName: string };
    expect([en.fileName.startsWith('study-hours-'), zh.fileName.startsWith('学时台账-')]).toEqual([true, true]);
    stop();
    app.close();
  });
});
