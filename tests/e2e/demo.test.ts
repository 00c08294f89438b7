// The demo as a new user meets it: `anxue demo`, then `serve`, then every page of every role's menu
// in Chromium. Each page must show real content (the demo is lived in), and the layout must hold at
// the workstation size (1366×768) in both languages and at 1920×1080: nothing wider than the
// window, no text cut off by its box, nothing fixed or sticky over a field or a button.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { cli } from '../helpers/cli';
import { shot } from '../helpers/e2e';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir, tempDir } from '../helpers/temp-app';

let data: string;
let server: ServerProcess;
let browser: Browser;
const pw: Record<string, string> = {};

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  data = tempDir('anxue-demo-');
  const r = cli(['demo', '--data', data]);
  if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
  for (const m of r.stdout.matchAll(/^\s+(\S+)\t(\S+)\t/gm)) pw[m[1]!] = m[2]!;
  server = await startServeProcess(['--data', data, '--port', '0']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

/** The problems of the page as shown now: overflow, clipped text, fixed things over controls. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px window`);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${(el.textContent ?? (el as HTMLInputElement).placeholder ?? '').trim().slice(0, 40)}”`;
    // text cut off by its own box: an element holding text whose content is wider than the box
    for (const el of document.querySelectorAll('body *')) {
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      if (s.display === 'inline' || el.tagName === 'svg' || el.closest('svg, canvas, [role=img], .table-scroll, textarea, select')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (ownText && el.scrollWidth > el.clientWidth + 1 && s.overflowX !== 'auto' && s.overflowX !== 'scroll') out.push(`text cut off: ${name(el)} (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
    // a placeholder wider than its field
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (!visible(el) || el.value) continue;
      const s = getComputedStyle(el);
      ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      if (ctx.measureText(el.placeholder).width > room + 1) out.push(`placeholder cut off: “${el.placeholder}” (${Math.round(ctx.measureText(el.placeholder).width)}px in ${Math.round(room)}px)`);
    }
    // fixed or sticky things over a control they do not hold
    const floating = [...document.querySelectorAll('body *')].filter((el) => visible(el) && ['fixed', 'sticky'].includes(getComputedStyle(el).position));
    const controls = [...document.querySelectorAll('input, textarea, select, button, a[href]')].filter(visible);
    for (const f of floating) {
      const a = f.getBoundingClientRect();
      for (const c of controls) {
        if (f.contains(c) || c.contains(f)) continue;
        const b = c.getBoundingClientRect();
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
        // a sticky table header over its own table's rows is the table scrolling, not covering
        if (overlap && !(f.tagName === 'TH' && f.closest('table')?.contains(c))) out.push(`${name(f)} covers ${name(c)}`);
      }
    }
    return [...new Set(out)];
  });
}

/** The menu as this person sees it: every page, opening each group. */
async function menuPages(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: /主菜单|Main menu/ });
  const pages: string[] = [];
  for (const a of await nav.locator(':scope > a').all()) pages.push((await a.getAttribute('href'))!.slice(2));
  for (const g of await nav.locator('button[aria-haspopup]').all()) {
    await g.click();
    for (const a of await nav.locator('.navmenu a').all()) pages.push((await a.getAttribute('href'))!.slice(2));
    await page.keyboard.press('Escape');
  }
  return pages;
}

/** What each page shows in the demo: real content, not an empty state. */
const CONTENT: Record<string, (p: Page) => Promise<void>> = {
  study: async (p) => {
    await expect.poll(() => p.getByTestId('campaign-credit').textContent()).toMatch(/^[1-9]|\d\.\d/);
    expect(await p.locator('[role=img] canvas').count()).toBeGreaterThanOrEqual(1);
  },
  // one's attempts, or (not taken yet) the paper's facts and the button to start
  quiz: async (p) => expect.poll(async () => (await p.getByTestId('quiz-attempts').locator('li').count()) + (await p.getByTestId('quiz-start').count())).toBeGreaterThan(0),
  essay: async (p) => expect.poll(async () => (await p.locator('main textarea').first().inputValue()).length).toBeGreaterThan(10),
  report: async (p) => expect.poll(async () => (await p.locator('main textarea').first().inputValue()).length + ((await p.locator('main').textContent()) ?? '').length).toBeGreaterThan(200),
  campaign: async (p) => expect.poll(() => p.locator('main input').first().inputValue()).toContain('警示月'),
  plan: async (p) => expect.poll(() => p.locator('main').textContent()).toMatch(/已完成|Done/),
  summary: async (p) => expect.poll(async () => (await p.locator('main textarea').first().inputValue()).length).toBeGreaterThan(10),
  roster: async (p) => expect.poll(() => p.locator('main tbody tr').count()).toBeGreaterThanOrEqual(30),
  accounts: async (p) => expect.poll(() => p.locator('main tbody tr').count()).toBeGreaterThanOrEqual(30),
  documents: async (p) => expect.poll(() => p.locator('main').textContent()).toContain('GB 30871'),
  sessions: async (p) => expect.poll(() => p.locator('main').textContent()).toContain('“9·7”事故案例宣讲'),
  progress: async (p) => expect.poll(() => p.locator('main tbody tr').count()).toBeGreaterThanOrEqual(30),
  bank: async (p) => expect.poll(() => p.locator('main').textContent()).toContain('受限空间'),
  grading: async (p) => expect.poll(() => p.getByTestId('answer-card').count()).toBeGreaterThan(0),
  results: async (p) => expect.poll(() => p.getByTestId('paper-stats').textContent()).toMatch(/[1-9]\d* 人交卷/),
  essays: async (p) => {
    await expect.poll(() => p.getByTestId('essays-summary').textContent()).toMatch(/已通过 4|accepted 4/);
    expect(await p.getByTestId('essays-summary').textContent()).toMatch(/退回修改 1|returned 1/);
  },
  reports: async (p) => expect.poll(() => p.locator('main').textContent()).toMatch(/已通过|accepted/i),
  inspections: async (p) => expect.poll(() => p.locator('main').textContent()).toContain('鹤管'),
  archive: async (p) => expect.poll(() => p.getByTestId('export-history').locator('tbody tr').count()).toBeGreaterThanOrEqual(2),
  settings: async (p) => expect.poll(() => p.locator('main input').count()).toBeGreaterThan(5),
};

const ROLES = [
  { who: 'D012', role: 'employee-studying' },
  { who: 'D011', role: 'employee-done' },
  { who: 'D003', role: 'officer' },
  { who: 'archive', role: 'archivist' },
  { who: 'admin', role: 'admin' },
];

async function signIn(who: string, o: { lang: 'zh-CN' | 'en-US'; width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: o.width, height: o.height }, locale: 'zh-CN' });
  await ctx.addInitScript((lang) => localStorage.setItem('anxue.lang', lang), o.lang);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(server.url);
  await page.fill('input[name=employeeNo]', who);
  await page.fill('input[name=password]', pw[who]!);
  await page.click('button[type=submit]');
  await page.getByTestId('who').waitFor();
  return page;
}

/** Opens a page and waits for it to have loaded. */
async function open(page: Page, p: string): Promise<void> {
  await page.goto(`${server.url}#/${p}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => page.locator('main').textContent(), { timeout: 15_000 }).not.toMatch(/^\s*$|正在加载…|Loading…/);
  await page.waitForTimeout(300);
}

describe('the demo, every page of every role', () => {
  it('the demo prints an account for each role', () => {
    for (const r of ROLES) expect(pw[r.who], r.who).toMatch(/^\S{10}$/);
  });

  for (const r of ROLES)
    it(`${r.role}: every page shows real content; at 1366×768 nothing overflows, is cut off or covered; the menu is one row`, async () => {
      const page = await signIn(r.who, { lang: 'zh-CN', width: 1366, height: 768 });
      const nav = page.getByRole('navigation', { name: '主菜单' });
      const box = (await nav.boundingBox())!;
      const first = (await nav.locator(':scope > *').first().boundingBox())!;
      expect(box.height, 'the menu is one row').toBeLessThan(first.height * 1.6);
      const pages = await menuPages(page);
      expect(pages.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const p of pages) {
        await open(page, p);
        const check = CONTENT[p];
        expect(check, `a content check for ${p}`).toBeDefined();
        await check!(page);
        // the group of the page shown is marked
        expect(await nav.locator('.active').count(), `${p}: the current page is marked`).toBe(1);
        await shot(page, `demo-${r.role}-${p}`);
        problems.push(...(await layoutProblems(page)).map((x) => `${p}: ${x}`));
        // scrolled to the end, too: nothing sticky over the last fields
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        problems.push(...(await layoutProblems(page)).map((x) => `${p} (end): ${x}`));
      }
      expect(problems).toEqual([]);
      await page.context().close();
    });

  for (const o of [
    { lang: 'en-US' as const, width: 1366, height: 768 },
    { lang: 'zh-CN' as const, width: 1920, height: 1080 },
  ])
    it(`in ${o.lang} at ${o.width}×${o.height}: every page of every role holds its layout`, async () => {
      const problems: string[] = [];
      for (const r of ROLES) {
        const page = await signIn(r.who, o);
        const nav = page.getByRole('navigation', { name: /Main menu|主菜单/ });
        const first = (await nav.locator(':scope > *').first().boundingBox())!;
        expect((await nav.boundingBox())!.height, `${r.role}: the menu is one row`).toBeLessThan(first.height * 1.6);
        for (const p of await menuPages(page)) {
          await open(page, p);
          problems.push(...(await layoutProblems(page)).map((x) => `${r.role} ${p}: ${x}`));
        }
        await page.context().close();
      }
      expect(problems).toEqual([]);
    });
});
