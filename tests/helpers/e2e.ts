// What every Chromium test does: an enterprise set up through the CLI, pages at the workstation size, logging in, screenshots.
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromiumAvailable, launchChromium } from './browser';
import { startServeProcess, type ServerProcess } from './server-process';
import { writeFileSync } from 'node:fs';
import { cli, ROOT } from './cli';
import { HEADER, rosterCsv } from './fixtures';
import { removeDir, tempDir } from './temp-app';

export const SHOTS = path.join(ROOT, 'test-results');

/** A fresh browser profile (its own storage) at 1366×768 in Chinese, downloads allowed. */
export async function workstation(browser: Browser): Promise<BrowserContext> {
  return patient(await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true }));
}

/** Waits for the page as long as a busy machine may need (Playwright's 30 s is a speed limit on a loaded CI machine). */
export function patient(ctx: BrowserContext): BrowserContext {
  ctx.setDefaultTimeout(120_000);
  ctx.setDefaultNavigationTimeout(120_000);
  return ctx;
}

/** A page that accepts confirmation dialogs and reports page errors. */
export async function openPage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  page.on('dialog', (d) => void d.accept());
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return page;
}

export async function loginAt(page: Page, url: string, no: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=employeeNo]', no);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.getByTestId('who').waitFor();
}

/**
 * Go to a page through the main menu as a person would: its link at once when it stands alone,
 * else the group that holds it opened first.
 */
export async function menu(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: /主菜单|Main menu/ });
  const link = nav.getByRole('link', { name, exact: true });
  if (await link.isVisible()) return link.click();
  for (const g of await nav.locator('button[aria-haspopup]').all()) {
    await g.click();
    if (await link.isVisible()) return link.click();
    await page.keyboard.press('Escape');
  }
  throw new Error(`the main menu has no page named ${name}`);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/**
 * A data folder set up as an admin would, through the CLI: the enterprise, its admin and a roster
 * (rows as in the roster template, after HEADER). Returns the folder and each person's initial
 * password as `roster import` printed it.
 */
export function enterpriseFolder(o: { prefix: string; enterprise: string; adminPassword: string; people: string[][]; header?: string[] }): { data: string; pw: Record<string, string> } {
  const data = tempDir(o.prefix);
  const work = tempDir(`${o.prefix}work-`);
  try {
    writeFileSync(path.join(work, 'pw.txt'), o.adminPassword);
    writeFileSync(path.join(work, 'roster.csv'), rosterCsv([o.header ?? HEADER, ...o.people]));
    const init = cli(['init', '--data', data, '--enterprise', o.enterprise, '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]);
    if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
    const roster = cli(['roster', 'import', path.join(work, 'roster.csv'), '--data', data]);
    if (roster.status !== 0) throw new Error(`roster import failed: ${roster.stderr}`);
    const pw: Record<string, string> = {};
    for (const [no] of o.people) pw[no!] = new RegExp(`${no}\\t\\S+\\t(\\S{10})`).exec(roster.stdout)?.[1] ?? '';
    return { data, pw };
  } finally {
    removeDir(work);
  }
}

/**
 * On the chooser of a new campaign: the warning month from the notice's own start, 1 September 2024
 * (a day in the past, so ticked as such): the e2e tests were written against those dates.
 */
export async function warningMonth2024(officer: Page): Promise<void> {
  await officer.getByTestId('template-start').locator('input[type=date]').fill('2024-09-01');
  await officer.getByLabel(/^从过去的日期开始/).check();
  await officer.getByTestId('template-warning').click();
  // the form, filled from the template (no expect.poll: callers' beforeAll use this too)
  await officer.getByRole('button', { name: '保存培训计划' }).waitFor();
}

/** The officer creates the campaign from the warning-month template (2024) and saves it, changed by `adjust` first if given. */
export async function campaignFromTemplate(officer: Page, url: string, adjust?: (page: Page) => Promise<void>): Promise<void> {
  await officer.goto(`${url}#/campaign`);
  await warningMonth2024(officer);
  if (adjust) await adjust(officer);
  await officer.getByRole('button', { name: '保存培训计划' }).click();
  await officer.getByText('已保存').first().waitFor();
}

/**
 * The officer starts a campaign from the warning-month template with a paper drawn at random, its
 * template rules removed and `rules` empty ones added; answers the locator of rule n (1-based).
 * The caller fills the rules and saves.
 */
export async function randomPaperFromTemplate(officer: Page, url: string, rules: number): Promise<(n: number) => Locator> {
  await officer.goto(`${url}#/campaign`);
  await warningMonth2024(officer);
  await officer.getByRole('radio', { name: '随机组卷（按规则为每人抽题）' }).click();
  // the template's paper draws from every required document of the bundled bank: removed, so the test's own rules are the paper
  const remove = officer.getByRole('button', { name: /^删除规则 \d+$/ });
  await expect.poll(() => remove.count()).toBeGreaterThan(0);
  while ((await remove.count()) > 0) await remove.first().click();
  for (let i = 0; i < rules; i++) await officer.getByRole('button', { name: '添加规则' }).click();
  return (n: number) => officer.getByTestId(`rule-${n}`);
}

/**
 * For one test file: an enterprise set up as enterpriseFolder does, served by its own `anxue
 * serve` process on loopback, and a Chromium; started before the file's tests, stopped and
 * removed after. The fields are there once the tests run.
 */
export function servedEnterprise(o: Parameters<typeof enterpriseFolder>[0]): { server: ServerProcess; browser: Browser; data: string; pw: Record<string, string> } {
  const ctx = {} as { server: ServerProcess; browser: Browser; data: string; pw: Record<string, string> };
  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
    Object.assign(ctx, enterpriseFolder(o));
    ctx.server = await startServeProcess(['--data', ctx.data, '--port', '0']);
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
    if (ctx.data) removeDir(ctx.data);
  });
  return ctx;
}
