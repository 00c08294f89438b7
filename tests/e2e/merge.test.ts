// End to end in Debian's Chromium: a workstation set up from the server's backup runs on its own,
// its records are exported and merged (anxue merge), and the officer finds the merge page in the
// menu, sees what was changed on both sides side by side, and decides.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { cli } from '../helpers/cli';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir, tempDir } from '../helpers/temp-app';
import { enterpriseFolder, loginAt, openPage, shot, workstation } from '../helpers/e2e';
import { DataStore } from '../../electron/main/storage/lowdb/data-store';
import { appendEvent } from '../../electron/records/events';

const ADMIN_PW = 'merge-e2e-admin';
let server: ServerProcess;
let browser: Browser;
let data: string;
let work: string;
let mergeOut = '';

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  ({ data } = enterpriseFolder({
    prefix: 'anxue-e2e-merge-',
    enterprise: '合并测试化工（虚构）',
    adminPassword: ADMIN_PW,
    people: [
      ['G001', '合并员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'],
      ['G002', '另一员工', '储运车间', '罐区班', '操作工', '其他从业人员', '否'],
    ],
  }));
  work = tempDir('anxue-e2e-merge-work-');
  const ok = (r: ReturnType<typeof cli>, what: string) => {
    if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
    return r;
  };
  // the workstation: a lowdb folder restored from the server's backup (whatever the server's backend)
  const station = path.join(work, 'station');
  ok(cli(['backup', '--out', path.join(work, 'server.zip'), '--data', data]), 'backup');
  ok(cli(['restore', path.join(work, 'server.zip'), '--data', station], { ANXUE_DB: '' }), 'restore');
  const ws = DataStore.open(station);
  await ws.roster.update((f) => void (f.people.find((p) => p.employeeNo === 'G001')!.team = '合成三班'));
  await ws
    .person('G002')
    .update((f) => void appendEvent(f.events, 'quiz.graded', { attemptId: 'a1', questionId: 'q1', score: 4, comment: '在工作站上评的' }, { at: new Date().toISOString(), by: 'admin' }));
  ws.close();
  ok(cli(['export', 'workstation', '--data', station, '--out', path.join(work, 'station.zip'), '--station', '罐区值班室']), 'export workstation');
  mergeOut = ok(cli(['merge', path.join(work, 'station.zip'), '--data', data]), 'merge').stdout;
  server = await startServeProcess(['--data', data, '--port', '0']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
  if (work) removeDir(work);
});

describe('workstation merge: the officer decides what was changed on both sides', () => {
  let officer: Page;

  it('the merge says what came in and what waits for the officer', () => {
    expect(mergeOut).toContain('新增记录 1 条');
    expect(mergeOut).toContain('两边都改过的内容 1 处');
  });

  it('the menu shows the merge page with one open conflict; both versions side by side; taking the workstation one changes the roster', async () => {
    officer = await openPage(await workstation(browser));
    await loginAt(officer, server.url, 'admin', ADMIN_PW);
    await officer.getByRole('link', { name: '合并（1）' }).click();
    await officer.getByRole('heading', { name: '工作站合并' }).waitFor();
    await expect.poll(() => officer.getByTestId('merge-runs').textContent()).toContain('罐区值班室');
    const card = officer.getByTestId('merge-conflict');
    await expect.poll(() => card.textContent()).toContain('合并员工（G001）');
    const teamRow = card.locator('tr.changed');
    expect(await teamRow.count()).toBe(1);
    expect(await teamRow.textContent()).toMatch(/班组.*合成一班.*合成三班/);
    await shot(officer, 'merge-01-conflict');
    await card.getByRole('button', { name: '采用工作站的版本' }).click();
    await expect.poll(() => card.textContent()).toContain('已决定：采用工作站的版本');
    await officer.getByRole('heading', { name: '冲突都已处理' }).waitFor();
    await officer.getByRole('link', { name: '合并', exact: true }).waitFor();
    await officer.goto(`${server.url}#/roster`);
    await expect.poll(() => officer.locator('body').textContent()).toContain('合成三班');
  });

  it('in English too', async () => {
    await officer.goto(`${server.url}#/merge`);
    await officer.getByRole('button', { name: 'English' }).click();
    await officer.getByRole('heading', { name: 'Workstation merges' }).waitFor();
    await expect.poll(() => officer.getByTestId('merge-conflict').textContent()).toContain('Decided: took the workstation version');
    await shot(officer, 'merge-02-english');
  });
});
