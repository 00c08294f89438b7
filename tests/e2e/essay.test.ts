// End to end in Debian's Chromium: an employee writes the essay while the backend is
// killed (SIGKILL); what was autosaved is on disk and comes back when the page is reopened, and
// what was typed after the crash is kept on the PC and saved once the server is back. Text pasted
// from Word keeps its paragraphs. The officer returns the essay with a remark quoting a passage,
// the employee revises, a colleague's copy is flagged and shown side by side, accepting it needs
// a reason, and the essay downloads as PDF and Word.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { onPostgres, removeDir, storedPerson } from '../helpers/temp-app';
import { campaignFromTemplate, enterpriseFolder, loginAt, openPage, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'essay-e2e-admin';
let server: ServerProcess;
let browser: Browser;
let data: string;
let port = 0;
const pw: Record<string, string> = {};

const PART1 = '我在甲醇车间当操作工六年了。对照九七事故，我发现自己巡检时有走过场的情况，只看仪表读数，不去现场确认阀门状态。';
const AFTER_CRASH = '交接班时没有把设备异常交代清楚，这是服务器停止以后才输入的文字。';
const PART3 = '事故告诉我，任何一次侥幸都可能酿成大祸，同样的事情完全可能发生在我的岗位上。';
const PART4 = '今后我要严格按照巡检路线逐点检查，发现问题立即报告班长，每月参加一次应急演练。';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}
const serve = () => startServeProcess(['--data', data, '--port', String(port)]);

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  const set = enterpriseFolder({
    prefix: 'anxue-e2e-essay-',
    enterprise: '剖析测试化工（虚构）',
    adminPassword: ADMIN_PW,
    people: [
      ['W001', '写作员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'],
      ['W002', '抄写员工', '甲醇车间', '合成二班', '操作工', '其他从业人员', '否'],
    ],
  });
  data = set.data;
  Object.assign(pw, set.pw);
  port = await freePort();
  server = await serve();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

const part = (page: Page, k: string) => page.locator(`textarea[data-part=${k}]`);

describe('essays: crash-safe writing, review rounds, copy detection, printable output', () => {
  let officer: Page;
  let writerCtx: BrowserContext;
  let writer: Page;

  it('the officer sets a short minimum for the test', async () => {
    officer = await openPage(await workstation(browser));
    await loginAt(officer, server.url, 'admin', ADMIN_PW);
    await campaignFromTemplate(officer, server.url, (page) => page.getByLabel('最少字数').fill('60'));
  });

  it('the backend is killed while the employee types: the autosaved text survives; what came after is kept on the PC and saved later', async () => {
    writerCtx = await workstation(browser);
    writer = await openPage(writerCtx);
    await loginAt(writer, server.url, 'W001', pw.W001!);
    await writer.goto(`${server.url}#/essay`);
    await part(writer, 'awareness').click();
    await writer.keyboard.type(PART1, { delay: 5 });
    // the next autosave tick (every 5 s) saves it
    await expect.poll(() => writer.getByTestId('essay-saved').textContent(), { timeout: 120_000 }).toContain('已自动保存');
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    // typing goes on; the next tick cannot reach the server
    await part(writer, 'responsibility').click();
    await writer.keyboard.type(AFTER_CRASH, { delay: 5 });
    await expect.poll(() => writer.getByTestId('essay-saved').textContent(), { timeout: 120_000 }).toContain('暂时连不上服务器');
    await shot(writer, 'essay-01-offline');
    // kept (on disk, or in the database): the text up to the last autosave tick
    const person = await storedPerson(data, 'W001');
    const draft = Object.values(person.open.essayDrafts)[0] as { parts: Record<string, string> };
    expect(draft.parts.awareness).toBe(PART1);
    expect(draft.parts.responsibility).toBe('');
    await writer.close();

    server = await serve();
    // another PC (nothing kept locally): the autosaved text
    const elsewhere = await openPage(await workstation(browser));
    await loginAt(elsewhere, server.url, 'W001', pw.W001!);
    await elsewhere.goto(`${server.url}#/essay`);
    await expect.poll(() => part(elsewhere, 'awareness').inputValue()).toBe(PART1);
    expect(await part(elsewhere, 'responsibility').inputValue()).toBe('');
    await elsewhere.context().close();
    // the same PC: everything typed, recovered and saved at the next tick
    writer = await openPage(writerCtx);
    await loginAt(writer, server.url, 'W001', pw.W001!);
    await writer.goto(`${server.url}#/essay`);
    await writer.getByTestId('essay-restored').waitFor();
    expect(await part(writer, 'responsibility').inputValue()).toBe(AFTER_CRASH);
    await expect.poll(() => writer.getByTestId('essay-saved').textContent(), { timeout: 120_000 }).toContain('已自动保存');
    await writer.getByTestId('essay-restored').waitFor({ state: 'detached' });
  });

  it('text pasted from Word keeps its paragraphs and loses the formatting; the employee submits', async () => {
    await part(writer, 'warning').focus();
    await writer.evaluate(() => {
      const el = document.querySelector('textarea[data-part=warning]')!;
      const dt = new DataTransfer();
      dt.setData('text/plain', '事故告诉我，任何一次侥幸都可能酿成大祸，\u00a0\u00a0同样的事情完全可能发生在我的岗位上。\r\n\r\n\r\n第二段：\u200b不能心存侥幸。\t');
      dt.setData('text/html', '<p style="font-family:SimSun"><b>事故告诉我</b>…</p>');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => part(writer, 'warning').inputValue()).toBe('事故告诉我，任何一次侥幸都可能酿成大祸， 同样的事情完全可能发生在我的岗位上。\n\n第二段：不能心存侥幸。');
    await part(writer, 'measures').fill(PART4);
    expect(await writer.getByRole('button', { name: '提交' }).isDisabled()).toBe(true); // no accident chosen yet
    await writer.getByLabel('“9·7”事故').check();
    await shot(writer, 'essay-02-writing');
    await writer.getByRole('button', { name: '提交' }).click();
    await writer.getByTestId('confirm-dialog').getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => writer.getByTestId('essay-status').textContent()).toBe('已提交');
  });

  it('the officer returns it with a remark quoting a passage; the employee sees it at the part, revises and resubmits', async () => {
    if (onPostgres) {
      // sessions are kept in the database: the officer is still signed in after the crash
      await officer.goto(server.url);
      await officer.getByTestId('who').waitFor();
    } else await loginAt(officer, server.url, 'admin', ADMIN_PW); // sessions were in the killed process's memory
    await officer.goto(`${server.url}#/essays`);
    await officer.getByTestId('essays-table').locator('tr', { hasText: 'W001' }).getByRole('button', { name: '审阅' }).click();
    await officer.getByTestId('essay-review').waitFor();
    // select a passage of the measures part, then remark on it
    await officer.evaluate((needle) => {
      const p = [...document.querySelectorAll('.essay-text')].find((x) => x.textContent!.includes(needle))!;
      const node = p.firstChild!;
      const start = node.textContent!.indexOf(needle);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + needle.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, '每月参加一次应急演练');
    await officer.getByTestId('remark-measures').click();
    await officer.getByLabel('对「四、下一步改进措施」的意见').fill('请写明哪一天、由谁组织');
    await shot(officer, 'essay-03-review');
    await officer.getByRole('button', { name: '退回修改' }).click();
    await officer.getByTestId('essays-table').waitFor();
    await writer.reload();
    await expect.poll(() => writer.getByTestId('essay-status').textContent()).toBe('退回修改');
    const remark = writer.getByTestId('part-remark');
    expect(await remark.textContent()).toContain('每月参加一次应急演练');
    expect(await remark.textContent()).toContain('请写明哪一天、由谁组织');
    await part(writer, 'measures').fill(`${PART4}每月第一个周一由班长组织。`);
    await writer.getByRole('button', { name: '提交' }).click();
    await writer.getByTestId('confirm-dialog').getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => writer.getByTestId('essay-status').textContent()).toBe('已提交');
  });

  it('a colleague’s copy is flagged and compared side by side; accepting it needs a reason', async () => {
    const copier = await openPage(await workstation(browser));
    await loginAt(copier, server.url, 'W002', pw.W002!);
    await copier.goto(`${server.url}#/essay`);
    await part(copier, 'awareness').fill(PART1);
    await part(copier, 'responsibility').fill(AFTER_CRASH);
    await part(copier, 'warning').fill(PART3);
    await part(copier, 'measures').fill('我会认真学习规程。');
    await copier.getByLabel('“9·7”事故').check();
    await copier.getByRole('button', { name: '提交' }).click();
    await copier.getByTestId('confirm-dialog').getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => copier.getByTestId('essay-status').textContent()).toBe('已提交');
    await officer.goto(`${server.url}#/essays`);
    await officer.reload(); // the list was open before W002 submitted
    const row = officer
      .getByTestId('essays-table')
      .locator('tbody tr')
      .filter({ has: officer.locator('td:first-child', { hasText: /^W002$/ }) });
    await expect.poll(() => row.textContent()).toContain('写作员工');
    await shot(officer, 'essay-05-list');
    await row.getByRole('button', { name: '审阅' }).click();
    await officer.getByTestId('similarity').getByRole('button', { name: '对照查看' }).first().click();
    const cmp = officer.getByTestId('compare');
    await cmp.waitFor();
    expect(await cmp.locator('mark').count()).toBeGreaterThanOrEqual(2);
    expect(await cmp.locator('mark').first().textContent()).toContain('对照九七事故');
    await shot(officer, 'essay-04-compare');
    const accept = officer.getByRole('button', { name: '通过', exact: true });
    expect(await accept.isDisabled()).toBe(true);
    await officer.getByTestId('override').fill('二人同班组，经当面核实各自所写');
    await accept.click();
    await officer.getByTestId('essays-table').waitFor();
  });

  it('the essay downloads as PDF and Word with its text', async () => {
    const [pdf] = await Promise.all([writer.waitForEvent('download'), writer.getByRole('button', { name: '打印版（PDF）' }).click()]);
    const pdfFile = path.join(data, 'essay.pdf');
    await pdf.saveAs(pdfFile);
    const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const want of ['个人剖析材料', '写作员工', '本人签字', '对照九七事故', '每月第一个周一由班长组织']) expect(text).toContain(want);
    const [docx] = await Promise.all([writer.waitForEvent('download'), writer.getByRole('button', { name: '下载 Word' }).click()]);
    expect(docx.suggestedFilename()).toBe('个人剖析材料-W001-写作员工.docx');
    const docxFile = path.join(data, 'essay.docx');
    await docx.saveAs(docxFile);
    const xml = execFileSync('unzip', ['-p', docxFile, 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
    expect(xml).toContain('第二段：不能心存侥幸。');
  });
});
