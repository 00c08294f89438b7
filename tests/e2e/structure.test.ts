// End to end in Debian's Chromium: 安全生产法 imported as the official text reads by article. Its
// contents list the 章 and 条 and jump to one; a search hit names its article and opens at it; a
// question whose 出处 is 第二十八条 links to that article once the text is imported (and says
// plainly that it cannot before); a link to an article the text lacks says so.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { campaignFromTemplate, loginAt, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';
import { ROOT } from '../helpers/cli';

const LAW = path.resolve(ROOT, '../shared/corpus/安全生产法.md');
const haveLaw = existsSync(LAW);
if (!haveLaw) console.log(`[structure e2e] ${LAW} is absent: the reader by article is not checked`);

const ADMIN_PW = 'structure-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-structure-',
  enterprise: '条文测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [['S001', '读条文员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否']],
});

/** The element the reader marked as the unit, and whether it is on screen below the sticky bar. */
async function markedUnit(page: Page): Promise<{ unit: string | null; text: string; top: number }> {
  const el = page.locator('[data-unit]');
  await el.waitFor();
  return el.evaluate((x) => ({ unit: x.getAttribute('data-unit'), text: (x.textContent ?? '').slice(0, 12), top: x.getBoundingClientRect().top }));
}

/** The question whose 出处 is 《安全生产法》第二十八条第四款, alone in the bank's list. */
async function bankRow(page: Page) {
  await page.goto(`${e.server.url}#/bank`);
  await page.getByRole('searchbox', { name: '按题干或标签查找' }).fill('培训档案应当如实记录');
  const row = page.getByTestId('question-list').locator('tbody tr');
  await expect.poll(() => row.count()).toBe(1);
  return row;
}

describe.runIf(haveLaw)('an official text by article', () => {
  let officer: Page;

  it('before the import, the 出处 says the official text is missing instead of linking nowhere', async () => {
    officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await campaignFromTemplate(officer, e.server.url);
    const row = await bankRow(officer);
    await expect.poll(() => row.getByTestId('source-missing').textContent()).toBe('（正式文本尚未导入）');
    expect(await row.getByTestId('source-link').count()).toBe(0);
  });

  it('imported as the official text, its contents list the 章 and 条; a click on 第二十八条 opens the reader there', async () => {
    await officer.goto(`${e.server.url}#/documents`);
    await officer.getByTestId('import-work-safety-law').click();
    await officer.getByTestId('import-file').setInputFiles({ name: '安全生产法.md', mimeType: 'text/markdown', buffer: readFileSync(LAW) });
    await officer.getByTestId('import-preview').waitFor();
    await officer.getByRole('button', { name: '确认导入' }).click();
    await officer.getByText(/已导入：安全生产法\.md/).waitFor();

    await officer.goto(`${e.server.url}#/read/work-safety-law/official`);
    const toc = officer.getByTestId('unit-outline');
    await toc.waitFor();
    await shot(officer, 'structure-reader-top');
    const items = await toc.locator('button .unit-label').allTextContents();
    expect(items.filter((x) => x.endsWith('条'))).toHaveLength(119);
    expect(items.filter((x) => x.endsWith('章'))).toHaveLength(7);
    // the contents scroll on their own: the page is not made as long as the list
    const box = await officer.locator('aside.outline').evaluate((a) => ({ scroll: a.scrollHeight, client: a.clientHeight }));
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(box.client).toBeLessThanOrEqual(768);

    await toc.getByRole('button', { name: /^第二十八条/ }).click();
    const at = await markedUnit(officer);
    expect(at).toMatchObject({ unit: '第二十八条', text: expect.stringMatching(/^第二十八条/) });
    expect(at.top).toBeGreaterThan(0);
    expect(at.top).toBeLessThan(400);
    await expect.poll(() => toc.locator('[aria-current="location"] .unit-label').textContent()).toBe('第二十八条');
    await shot(officer, 'structure-reader-toc');

    // reading on moves the marked article in the contents
    await officer.locator('article.md p', { hasText: /^第三十二条/ }).evaluate((p) => p.scrollIntoView({ block: 'start' }));
    await expect.poll(() => toc.locator('[aria-current="location"] .unit-label').textContent()).toMatch(/^第三十[一二]条$/);
  });

  it('a search hit names its article and opens the reader at it', async () => {
    await officer.goto(`${e.server.url}#/study`);
    await officer.getByRole('search').getByRole('searchbox').fill('知悉自身在安全生产方面的权利和义务');
    await officer.getByRole('search').getByRole('searchbox').press('Enter');
    const hit = officer
      .getByTestId('results')
      .locator('li')
      .filter({ has: officer.getByTestId('hit-unit') })
      .first();
    await hit.waitFor();
    expect(await hit.getByTestId('hit-unit').textContent()).toBe('第二十八条');
    await hit.getByRole('button').first().click();
    await expect.poll(() => decodeURIComponent(officer.url())).toContain('/official?unit=第二十八条');
    const at = await markedUnit(officer);
    expect(at.unit).toBe('第二十八条');
    expect(at.top).toBeGreaterThan(0);
    expect(at.top).toBeLessThan(768);
  });

  it('a law printed as a PDF reads by article too: a click in the contents opens its page and marks the article there', async () => {
    const md = readFileSync(path.resolve(ROOT, '../shared/corpus/安全生产许可证条例.md'), 'utf8');
    const html = md
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith('<!--'))
      .map((p) => (p.startsWith('#') ? `<h2>${p.replace(/^#+\s*/, '')}</h2>` : `<p>${p}</p>`))
      .join('');
    const maker = await e.browser.newPage();
    await maker.setContent(`<html lang="zh-CN"><body style="font-family:'Noto Sans CJK SC';font-size:15px">${html}</body></html>`);
    const pdf = await maker.pdf({ format: 'A4' });
    await maker.close();
    await officer.goto(`${e.server.url}#/documents`);
    await officer.getByTestId('import-safety-license-regulations').click();
    await officer.getByTestId('import-file').setInputFiles({ name: '安全生产许可证条例.pdf', mimeType: 'application/pdf', buffer: pdf });
    await officer.getByTestId('import-preview').waitFor();
    await officer.getByRole('button', { name: '确认导入' }).click();
    await officer.getByText(/已导入：安全生产许可证条例\.pdf/).waitFor();

    await officer.goto(`${e.server.url}#/read/safety-license-regulations/official`);
    const toc = officer.getByTestId('unit-outline');
    await toc.waitFor();
    expect(await toc.locator('button .unit-label').allTextContents()).toHaveLength(24);
    await toc.getByRole('button', { name: /^第二十条/ }).click();
    const at = await markedUnit(officer);
    expect(at.unit).toBe('第二十条');
    expect(at.top).toBeGreaterThan(0);
    expect(at.top).toBeLessThan(768);
    // the text layer splits lines into spans (and may write 二 as the radical ⼆): the label is painted over them for a moment
    const painted = await officer.evaluate(() => [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('unit-mark') ?? [])].map((r) => r.toString().normalize('NFKC')));
    expect(painted).toEqual(['第二十条']);
    const page = await officer.locator('[data-unit]').evaluate((x) => x.closest('.pdf-page')?.id);
    expect(page).toMatch(/^page-[2-9]$/);
    await expect.poll(() => toc.locator('[aria-current="location"] .unit-label').textContent()).toBe('第二十条');
    await shot(officer, 'structure-reader-pdf');
  });

  it("a question's 出处 第二十八条 links to the article; an article the text lacks is said to be missing", async () => {
    const row = await bankRow(officer);
    const link = row.getByTestId('source-link');
    expect(await link.textContent()).toBe('在正式文本中查看第二十八条');
    await link.click();
    const at = await markedUnit(officer);
    expect(at).toMatchObject({ unit: '第二十八条', text: expect.stringMatching(/^第二十八条/) });
    expect(at.top).toBeLessThan(400);

    await officer.goto(`${e.server.url}#/read/work-safety-law/official?unit=${encodeURIComponent('第二百条')}`);
    await expect.poll(() => officer.getByTestId('unit-missing').textContent()).toBe('正式文本中没有第二百条');
  });
});
