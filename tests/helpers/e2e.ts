// What every Chromium test does: pages at the workstation size, logging in, screenshots.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from './cli';

export const SHOTS = path.join(ROOT, 'test-results');

/** A fresh browser profile (its own storage) at 1366×768 in Chinese, downloads allowed. */
export function workstation(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
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

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
