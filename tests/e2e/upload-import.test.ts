// End to end in Debian's Chromium: an officer imports the enterprise's own document and the file
// goes in chunks (upload.*), its progress shown as a bar, a percentage and MB of MB. The network
// drops every chunk after the first: the page retries by itself, then says how much is kept and
// offers to continue; once the network is back, "继续上传" goes on from there (the server's
// record shows the first chunk was not sent again) and the import reads the file.
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAt, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'upload-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-upload-',
  enterprise: '上传测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [['S001', '上传员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否']],
});

/** A Markdown document of about `mb` MB: numbered articles of plain sentences (made up, for the test). */
function longDocument(mb: number): Buffer {
  const lines = ['# 本厂动火作业管理制度（测试用，虚构）', ''];
  let size = 0;
  for (let n = 1; size < mb * 1024 * 1024; n++) {
    const line = `第${n}条 动火作业前应进行气体分析，作业期间专人监护，作业结束后清理现场（测试文本 ${n}）。`;
    lines.push(line, '');
    size += Buffer.byteLength(line) + 2;
  }
  return Buffer.from(lines.join('\n'));
}

describe('a document imported in chunks', () => {
  it('shows its progress, stops with what is kept when the network drops, and continues from there', async () => {
    const officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await officer.goto(`${e.server.url}#/documents`);
    await officer.getByRole('button', { name: '导入本企业文件' }).click();

    // the first chunk goes through; every later one is lost on the way until the network is back
    const offsets: number[] = [];
    let networkUp = false;
    await officer.route('**/api/upload.chunk**', async (route: Route) => {
      const offset = Number(new URL(route.request().url()).searchParams.get('offset'));
      if (offset > 0 && !networkUp) return route.abort('connectionreset');
      offsets.push(offset);
      return route.continue();
    });
    const file = longDocument(10);
    await officer.getByTestId('import-file').setInputFiles({ name: '动火作业管理制度.md', mimeType: 'text/markdown', buffer: file });
    const text = officer.getByTestId('upload-progress-text');
    await expect.poll(() => text.textContent()).toMatch(/连接中断，正在从 8\.0 MB \/ 10\.\d MB（\d+%）处继续/);
    await shot(officer, 'upload-retrying');
    await expect.poll(() => text.textContent(), { timeout: 30_000 }).toMatch(/上传中断，已保存 8\.0 MB \/ 10\.\d MB/);
    const bar = officer.getByRole('progressbar', { name: '上传进度' });
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(8 * 1024 * 1024);
    // the notice beside the bar is the one message: no second one about the network
    expect(await officer.getByText('无法连接安学服务').count()).toBe(0);
    await shot(officer, 'upload-stopped');
    // the same in English
    await officer.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => text.textContent()).toMatch(/Upload interrupted: 8\.0 MB of 10\.\d MB kept/);
    await shot(officer, 'upload-stopped-en');

    networkUp = true;
    await officer.getByTestId('upload-resume').click();
    await officer.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    // the chunk the server had was not sent again
    expect(offsets).toEqual([0, 8 * 1024 * 1024]);
    await expect.poll(() => officer.getByTestId('import-preview').textContent()).toContain('动火作业管理制度.md');
    await shot(officer, 'upload-imported');
  });

  it('the admin sets the largest video in the settings; a larger film is refused naming both sizes', async () => {
    const admin = await openPage(await workstation(e.browser));
    await loginAt(admin, e.server.url, 'admin', ADMIN_PW);
    await admin.goto(`${e.server.url}#/settings`);
    const field = admin.getByTestId('video-upload-max');
    await expect.poll(() => field.inputValue()).toBe('2048');
    await field.fill('100');
    await admin.getByRole('button', { name: '保存', exact: true }).click();
    await admin.getByText('已保存').waitFor();
    await field.scrollIntoViewIfNeeded();
    await shot(admin, 'upload-settings');
    const refused = await admin.evaluate(async () => {
      const token = sessionStorage.getItem('anxue.token');
      const r = await fetch('/api/upload.begin', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ fileName: '警示片.mp4', size: 101 * 1024 * 1024, purpose: 'video' }),
      });
      return { status: r.status, body: (await r.json()) as { message: string } };
    });
    expect(refused.status).toBe(413);
    expect(refused.body.message).toBe('「警示片.mp4」有 101 MB，视频最大 100 MB（系统管理员可在设置中调整）');
  });
});
