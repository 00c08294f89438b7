// End to end in Debian's Chromium: every study guide opens in the reader with its table
// of contents and the length the floor asks, on screen; an employee reading a guide whose official
// text is missing is told to ask the safety officer (not sent to a page they cannot open), and the
// officer's plan names the official texts still to import.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { campaignFromTemplate, loginAt, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'guides-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-guides-',
  enterprise: '指南测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [['G001', '读指南员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否']],
});

/** national documents and laws: 8,000 characters; the four 鄂尔多斯 documents: the honest guide */
const GUIDES: [string, number][] = [
  ['aqt-3034-2022', 8000],
  ['gb-30871-2022', 8000],
  ['hazchem-standardization-grading', 8000],
  ['abnormal-condition-handling', 8000],
  ['work-safety-law', 8000],
  ['hazchem-regulations', 8000],
  ['emergency-regulations', 8000],
  ['accident-report-regulations', 8000],
  ['safety-license-regulations', 8000],
  ['ordos-2022-117', 1500],
  ['ordos-2023-101', 1500],
  ['ordos-2023-97', 1500],
  ['ordos-2023-110', 1500],
];
const SECTIONS = ['一、文件概况', '二、逐条学习要点', '三、对岗位的要求', '四、常见违规', '五、相关事故案例', '六、自测'];

/** The characters a reader sees in the guide: the rendered text without white space. */
const onScreen = (page: Page) => page.locator('article.md').evaluate((a) => (a as HTMLElement).innerText.replace(/\s/g, '').length);

describe('study guides in the reader', () => {
  let officer: Page;
  let employee: Page;

  it('the officer creates the campaign; the plan names the eight official texts still to import', async () => {
    officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await campaignFromTemplate(officer, e.server.url);
    await officer.goto(`${e.server.url}#/plan`);
    await expect.poll(() => officer.getByTestId('missing-official').textContent()).toContain('学习清单上有 8 份文件还没有导入正式文本');
    expect(await officer.getByTestId('missing-official').textContent()).toContain('《鄂尔多斯市危险化学品生产企业39个不准》');
    await officer.getByTestId('missing-official').getByRole('link', { name: '去“学习文件”导入' }).click();
    await expect.poll(() => officer.url()).toContain('#/documents');
  });

  it('each guide opens with its table of contents and its length on screen', async () => {
    employee = await openPage(await workstation(e.browser));
    await loginAt(employee, e.server.url, 'G001', e.pw.G001!);
    const lengths: Record<string, number> = {};
    for (const [docId, floor] of GUIDES) {
      await employee.goto(`${e.server.url}#/read/${docId}/guide`);
      await employee.locator('article.md h1').waitFor();
      const toc = (await employee.locator('aside.outline').textContent())!;
      for (const s of SECTIONS) expect(toc, `${docId}: ${s}`).toContain(s);
      lengths[docId] = await onScreen(employee);
      expect(lengths[docId], docId).toBeGreaterThanOrEqual(floor);
      expect(await employee.locator('article.md').textContent()).toContain('以正式文本为准');
    }
    console.log(`[guides] characters on screen: ${JSON.stringify(lengths)}`);
  });

  it('a guide whose official text is missing tells the employee to ask the safety officer; a case link opens the case', async () => {
    await employee.goto(`${e.server.url}#/read/ordos-2023-110/guide`);
    const note = employee.getByTestId('no-official');
    await expect.poll(() => note.textContent()).toContain('请向本单位安全管理人员索取');
    expect(await note.locator('a').count()).toBe(0);
    await shot(employee, 'guide-ordos-employee');
    await employee.goto(`${e.server.url}#/read/gb-30871-2022/guide`);
    const link = employee.locator('article.md a[href^="#/read/"][href$="/case"]').first();
    await link.click();
    await expect.poll(() => employee.getByTestId('case-source').textContent()).toContain('调查');
    await shot(employee, 'guide-case');
  });
});
